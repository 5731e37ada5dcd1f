//! Installs what the build and the tests need, only when it is missing.

use crate::util::{Background, ToLog, cargo, output, root, run, step};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// What `cargo xtask dist` needs: the wasm32 target and the npm packages (wasm-opt).
pub fn for_dist() -> Result<()> {
    wasm_target()?;
    npm_packages()
}

/// What `cargo xtask test` needs on top: browsers and geckodriver.
pub fn all_for_tests() -> Result<()> {
    for_dist()?;
    browsers()?;
    geckodriver().map(|_| ())
}

/// What only the end-to-end tests need (the browsers and geckodriver), installed on a thread
/// of its own while the build runs: apt mostly waits on the network and the disk, and the
/// wasm builds' single-threaded LTO leaves a core free for geckodriver's build.
pub fn browsers_in_background() -> Result<Background<PathBuf>> {
    Background::start(
        "installing the browsers and geckodriver if missing",
        "xtask-setup.log",
        |to_log| {
            browsers_with(to_log)?;
            geckodriver_with(to_log)
        },
    )
}

/// What `cargo xtask bench` needs: the dist tools and the browsers (geckodriver is asked for
/// only when Firefox runs).
pub fn for_bench() -> Result<()> {
    for_dist()?;
    browsers()
}

fn wasm_target() -> Result<()> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    step("installing the wasm32 target");
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// `npm ci` when node_modules is missing or was installed from another package-lock.json.
fn npm_packages() -> Result<()> {
    let lock = std::fs::read(root().join("package-lock.json")).context("package-lock.json")?;
    let stamp = root().join("node_modules/.xtask-lock-stamp");
    if std::fs::read(&stamp).ok().as_deref() == Some(&lock[..]) {
        return Ok(());
    }
    step("installing npm packages (npm ci)");
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(&stamp, &lock).context("writing the npm stamp")
}

/// Debian's chromium and firefox-esr, as the README promises, with their Japanese language
/// files (the tests run the wallet's pages in Japanese too).
fn browsers() -> Result<()> {
    browsers_with(&|_| Ok(()))
}

/// `browsers`, each command first given to `prepare` (which may redirect its output).
fn browsers_with(prepare: ToLog<'_>) -> Result<()> {
    let missing: Vec<&str> = [
        ("chromium", "/usr/bin/chromium"),
        ("chromium-l10n", "/usr/lib/chromium/locales/ja.pak"),
        ("firefox-esr", "/usr/bin/firefox-esr"),
        (
            "firefox-esr-l10n-ja",
            "/usr/lib/firefox-esr/browser/extensions/langpack-ja@firefox-esr.mozilla.org.xpi",
        ),
        // Japanese glyphs for the screenshots the tests save of each screen.
        (
            "fonts-ipafont-gothic",
            "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
        ),
    ]
    .into_iter()
    .filter(|(_, path)| !Path::new(path).exists())
    .map(|(package, _)| package)
    .collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(&format!("installing {}", missing.join(" ")));
    let sudo = !is_root();
    let apt = |args: &[&str]| {
        let mut cmd = if sudo {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        } else {
            Command::new("apt-get")
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    let mut update = apt(&["update", "-q"]);
    prepare(&mut update)?;
    run(&mut update)?;
    let mut install = apt(&["install", "-y", "-q"]);
    install.args(&missing);
    prepare(&mut install)?;
    run(&mut install)
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// geckodriver from crates.io (Debian does not package it). Returns its path.
pub fn geckodriver() -> Result<PathBuf> {
    geckodriver_with(&|_| Ok(()))
}

/// `geckodriver`, its install command first given to `prepare`.
fn geckodriver_with(prepare: ToLog<'_>) -> Result<PathBuf> {
    if let Some(found) = which("geckodriver") {
        return Ok(found);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .context("neither CARGO_HOME nor HOME is set")?;
    let installed = cargo_home.join("bin/geckodriver");
    if installed.exists() {
        return Ok(installed);
    }
    step("installing geckodriver (cargo install, about 2 minutes)");
    let mut install = cargo();
    install.args(["install", "geckodriver", "--locked"]);
    prepare(&mut install)?;
    run(&mut install)?;
    if !installed.exists() {
        bail!(
            "cargo install geckodriver did not produce {}",
            installed.display()
        );
    }
    Ok(installed)
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}
