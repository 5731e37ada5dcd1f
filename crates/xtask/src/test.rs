//! `cargo xtask test`: every test. This is what CI runs.
//!
//! First what fails fastest and needs no browser: formatting, the build, the type check,
//! Mozilla's linter, the JavaScript unit tests, with the browsers and geckodriver installed
//! meanwhile. Then the end-to-end tests, with the Rust lints and tests beside them at the lowest
//! CPU priority (see [`rust_checks`]): the browsers mostly wait (on windows, timers and the chain), and
//! the compiler fills that time instead of adding its minutes to CI's clock. Their log is
//! printed after the end-to-end tests only if they failed, so that a failing e2e run's summary
//! stays at the end of the output.

use crate::util::{Background, ToLog, cargo, cargo_path, npm_bin, root, run as sh, step};
use crate::{dist, setup};
use anyhow::{Result, bail};
use std::process::Command;

fn run_all(e2e_only: bool) -> Result<()> {
    if e2e_only {
        setup::all_for_tests()?;
        return end_to_end();
    }
    setup::for_dist()?;
    let browsers = setup::browsers_in_background()?;
    let checked = checks_before_browsers();
    // Waited for even when a check failed: an apt install cut off halfway would leave dpkg to
    // be repaired by hand.
    let installed = browsers.finish(60);
    checked?;
    installed?;
    let rust = Background::start(
        "Rust lints and tests (cargo clippy, cargo test) at low priority",
        "xtask-rust.log",
        rust_checks,
    )?;
    let e2e = end_to_end();
    let rust = rust.finish(400);
    match (e2e, rust) {
        (Ok(()), Ok(())) => Ok(()),
        (Err(e), Ok(())) | (Ok(()), Err(e)) => Err(e),
        (Err(e2e), Err(rust)) => Err(e2e.context(format!("and also: {rust:#}"))),
    }
}

/// Formatting, the build, the type check, Mozilla's linter and the JavaScript unit tests.
fn checks_before_browsers() -> Result<()> {
    step("formatting (cargo fmt --check)");
    sh(cargo().args(["fmt", "--all", "--", "--check"]))?;
    dist::run()?;
    step("type check of the extension against the generated WASM declarations (tsc)");
    sh(npm_bin("tsc").args(["--project", "tsconfig.json"]))?;
    step("Mozilla's addons-linter on dist/firefox");
    sh(npm_bin("addons-linter").args(["--self-hosted", "dist/firefox"]))?;
    step("JavaScript unit tests (no browser)");
    sh(Command::new("node")
        .arg("--test")
        .args(test_files("tests/unit")?))
}

/// `cargo clippy` then `cargo test`, at the lowest priority. `nice` alone is not enough where
/// the kernel groups processes by session (autogroup, on by default): the CPU is then shared
/// between sessions first, and geckodriver's Firefox runs in a session of its own. So cargo gets
/// a session of its own too (`setsid`), whose group is set to nice 19 as well.
fn rust_checks(to_log: ToLog<'_>) -> Result<()> {
    let cargo_path = cargo_path();
    let lowest = |args: &[&str]| -> Result<()> {
        let mut cmd = Command::new("setsid");
        cmd.args([
            "--wait",
            "sh",
            "-c",
            "echo 19 > /proc/self/autogroup 2>/dev/null; exec nice -n 19 \"$0\" \"$@\"",
        ])
        .arg(&cargo_path)
        .args(args);
        to_log(&mut cmd)?;
        sh(&mut cmd)
    };
    lowest(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    lowest(&["test", "--workspace"])
}

fn end_to_end() -> Result<()> {
    step("end-to-end tests in Chromium and Firefox against anvil");
    let geckodriver = setup::geckodriver()?;
    let tests = test_files("tests/e2e")?;
    let mut node = Command::new("node");
    node.args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(&tests)
        .env("GECKODRIVER", geckodriver);
    sh(&mut node)
}

pub fn run(args: &[String]) -> Result<()> {
    match args {
        [] => run_all(false),
        [flag] if flag == "--e2e-only" => run_all(true),
        _ => bail!("unknown arguments to `test`: {args:?}"),
    }
}

/// The `*.test.mjs` files directly in `dir` (relative to the root), sorted.
fn test_files(dir: &str) -> Result<Vec<String>> {
    let dir_path = root().join(dir);
    let mut files: Vec<String> = std::fs::read_dir(&dir_path)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.mjs"))
        .map(|name| format!("{dir}/{name}"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no tests found in {}", dir_path.display());
    }
    Ok(files)
}
