//! The project's two commands (see README.md):
//!
//! - `cargo xtask dist` builds the installable extension into `dist/chrome`, `dist/firefox`
//!   and `dist/*.zip`;
//! - `cargo xtask test` runs every test: Rust, the WASM bridge, the type check, Mozilla's
//!   linter and the end-to-end tests in real Chromium and Firefox against a real local chain.
//!
//! - `cargo xtask bench` times the WASM core against the JavaScript libraries other wallets
//!   ship, in one headless Chromium page, and against native (see BENCHMARKS.md).
//!
//! Each installs what it needs first (wasm32 target, npm packages, browsers, geckodriver).
#![allow(clippy::print_stdout)]

mod bench;
mod dist;
mod setup;
mod test;
mod util;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  dist              build the extension into dist/chrome, dist/firefox and dist/*.zip
  test              run every test (what CI runs)
  test --e2e-only   only the end-to-end tests (after a dist)
  setup             install the tools the tests need, and nothing else
  bench             time the WASM core against the JS libraries (@noble, @scure, ethers,
                    MetaMask's browser-passworder) in headless Chromium, and against native;
                    writes docs/bench/wasm-vs-js.{json,svg} (a few minutes; not part of test)
  bench --simd128   the same with the WASM built with +simd128 (an experiment)
  bench --opt-level 3   ... built at that opt-level and wasm-opt -O3 (an experiment)
  bench --profile OP    Chromium's profile of one operation (e.g. unlock, derive_100)
  bench --no-native reuse the native criterion results already in target/criterion";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist::run(),
        Some("test") => test::run(args.get(1..).unwrap_or_default()),
        Some("setup") => setup::all_for_tests(),
        Some("bench") => bench::run(args.get(1..).unwrap_or_default()),
        _ => {
            println!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
