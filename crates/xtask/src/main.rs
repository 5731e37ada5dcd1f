//! The project's two commands (see README.md):
//!
//! - `cargo xtask dist` builds the installable extension into `dist/chrome`, `dist/firefox`
//!   and `dist/*.zip`;
//! - `cargo xtask test` runs every test: Rust, the WASM bridge, the type check, Mozilla's
//!   linter and the end-to-end tests in real Chromium and Firefox against a real local chain.
//!
//! Each installs what it needs first (wasm32 target, npm packages, browsers, geckodriver).
#![allow(clippy::print_stdout)]

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
  setup             install the tools the tests need, and nothing else";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist::run(),
        Some("test") => test::run(args.get(1..).unwrap_or_default()),
        Some("setup") => setup::all_for_tests(),
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
