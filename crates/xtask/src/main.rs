//! The project's two commands (see README.md):
//!
//! - `cargo xtask dist` builds the installable extension into `dist/chrome`, `dist/firefox`
//!   and `dist/*.zip`;
//! - `cargo xtask test` runs every test: Rust, the WASM bridge, the type check, Mozilla's
//!   linter and the end-to-end tests in real Chromium and Firefox against a real local chain.
//!
//! - `cargo xtask bench` times the WASM core against the JavaScript libraries other wallets
//!   ship, in one headless page in Chromium and in Firefox, and against native (see
//!   BENCHMARKS.md).
//! - `cargo xtask fuzz` runs the core's fuzz targets for a bounded time (see FUZZING.md).
//!
//! Each installs what it needs first (wasm32 target, npm packages, browsers, geckodriver).
#![allow(clippy::print_stdout)]

mod bench;
mod bundle;
mod dist;
mod fuzz;
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
                    MetaMask's browser-passworder) in headless Chromium and Firefox, and
                    against native; writes docs/bench/wasm-vs-js.{json,svg,md} (a few
                    minutes; not part of test)
  bench --browsers chromium,firefox   only these browsers (default both)
  bench --simd128   the same with the WASM built with +simd128 (an experiment)
  bench --opt-level 3   ... built at that opt-level and wasm-opt -O3 (an experiment)
  bench --profile OP    Chromium's profile of one operation (e.g. unlock, derive_100);
                    Chromium only
  bench --no-native reuse the native criterion results already in target/criterion
  bench --extension the built extension as a person uses it, a small and a big wallet, in
                    Chromium and Firefox against anvil on 8585; writes docs/bench/extension.*
                    (--runs N, --activity N, --browsers chromium,firefox)
  fuzz              run each fuzz target of crates/wallet-core/fuzz for 60 s, one after the
                    other (cargo-fuzz on stable, installed when missing; not part of test)
  fuzz --seconds N  ... N seconds per target
  fuzz --runs N     ... N executions per target instead (FUZZING.md used 10000000)
  fuzz --target T   only T (vault, tx_json, typed_data_v3, typed_data_v4, phrase,
                    extended_key, metamask); may be repeated
  fuzz --asan       with AddressSanitizer (3-5x slower; our code forbids unsafe)";

fn main() -> ExitCode {
    util::started();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist::run(),
        Some("test") => test::run(args.get(1..).unwrap_or_default()),
        Some("setup") => setup::all_for_tests(),
        Some("bench") => bench::run(args.get(1..).unwrap_or_default()),
        Some("fuzz") => fuzz::run(args.get(1..).unwrap_or_default()),
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
