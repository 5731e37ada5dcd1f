//! `cargo xtask test`: every test, in the order that fails fastest. This is what CI runs.

use crate::util::{cargo, npm_bin, root, run as sh, step};
use crate::{dist, setup};
use anyhow::{Result, bail};
use std::process::Command;

fn run_all(e2e_only: bool) -> Result<()> {
    setup::all_for_tests()?;
    if !e2e_only {
        step("formatting (cargo fmt --check)");
        sh(cargo().args(["fmt", "--all", "--", "--check"]))?;
        step("lints (cargo clippy)");
        sh(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        step("Rust tests (cargo test)");
        sh(cargo().args(["test", "--workspace"]))?;
        dist::run()?;
        step("type check of the extension against the generated WASM declarations (tsc)");
        sh(npm_bin("tsc").args(["--project", "tsconfig.json"]))?;
        step("Mozilla's addons-linter on dist/firefox");
        sh(npm_bin("addons-linter").args(["--self-hosted", "dist/firefox"]))?;
        step("JavaScript unit tests (no browser)");
        sh(Command::new("node")
            .arg("--test")
            .args(test_files("tests/unit")?))?;
    }
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
