//! The code of the fuzz targets, as a library so that `tests/fuzz_regressions.rs` of
//! wallet-core can replay saved inputs through exactly the same functions (it includes these
//! files with `#[path]`).

pub mod inputs;
pub mod oracle;
pub mod targets;
