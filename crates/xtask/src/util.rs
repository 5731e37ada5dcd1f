//! Small helpers: the repository root and running commands loudly.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (two levels above this crate).
pub fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().nth(2).unwrap_or(here).to_path_buf()
}

/// Prints a step heading, so a long CI log can be read by its steps.
pub fn step(name: &str) {
    println!("\n==> {name}");
}

/// Runs a command in the repository root, inheriting stdio; fails if it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    cmd.current_dir(root());
    let shown = format!("{cmd:?}");
    println!("$ {shown}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

/// Runs a command and returns its standard output, or `None` if it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.current_dir(root()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `cargo` as invoked us (respects the toolchain rustup chose).
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// A tool installed by npm into `node_modules/.bin`.
pub fn npm_bin(name: &str) -> Command {
    Command::new(root().join("node_modules/.bin").join(name))
}
