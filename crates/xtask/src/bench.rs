//! `cargo xtask bench`: the WASM core against the JavaScript libraries other wallets ship, side
//! by side in one headless page, in Chromium and then in Firefox, and against the same
//! operations natively (criterion). Measured and reported, never asserted: `cargo xtask test`
//! does not run it.
//!
//! 1. builds wallet-wasm with its `bench` feature (bench-only exports) into `target/bench-wasm`,
//!    with the shipped profile (opt-level 3, `+simd128`) and the shipped `wasm-opt -O3`;
//! 2. runs the native criterion benchmark (`wallet-core`, `--features bench`);
//! 3. `node bench/run.mjs`: bundles the JS libraries, runs the page in each browser, prints the
//!    table and writes `docs/bench/wasm-vs-js.{json,svg,md}`.
//!
//! Experiments (not the shipped build): `--no-simd128` builds the WASM without
//! `-C target-feature=+simd128`; `--opt-level z` (or `s`, `2`...) builds it at that opt-level
//! instead of the profile's `3`, and runs `wasm-opt -Oz` (`-Os`...) instead of `-O3`. Each writes
//! `docs/bench/wasm-vs-js-<variant>.*`. `--no-native` reuses the criterion results already in
//! `target/criterion`. `--browsers chromium,firefox` (the default) names the browsers that run
//! the page. `--profile <operation>` runs only that operation under Chromium's sampling
//! profiler (WASM names kept with `wasm-opt -g`) and writes `docs/bench/profile-<operation>.txt`;
//! it is Chromium only (the profiler is CDP's), so it does not go with `--browsers firefox`.
//!
//! `--extension` measures the built extension instead, as a person uses it: `cargo xtask dist`
//! (incremental), then `node bench/extension.mjs`, which makes a small and a big wallet through
//! the wallet's own commands and real transactions on anvil (127.0.0.1:8585) and times the
//! wallet page, the approval window, unlock and sending in headless Chromium and Firefox; it
//! writes `docs/bench/extension.{json,svg,md}`. `--runs N`, `--activity N` and
//! `--browsers chromium,firefox` pass through.

use crate::dist::{self, WASM_CRATE, WASM_PROFILE};
use crate::setup;
use crate::util::{cargo, root, run as sh, step};
use anyhow::{Result, bail};
use std::process::Command;

/// The wasm32 flags of `.cargo/config.toml` without `+simd128`; an explicit RUSTFLAGS replaces
/// the configured ones, so the build without SIMD repeats the rest.
const WASM_CFG: &str = "--cfg getrandom_backend=\"wasm_js\"";

struct Options {
    /// Build without `+simd128` (the shipped build has it).
    no_simd: bool,
    /// `None`: the shipped profile (`3`) and `wasm-opt -O3`.
    opt_level: Option<String>,
    /// Profile one operation (Chromium's sampling profiler) instead of timing them all.
    profile: Option<String>,
    /// `--browsers`, checked, as given; `None`: bench/run.mjs's default (both, or Chromium
    /// alone with `--profile`).
    browsers: Option<String>,
    native: bool,
    /// The extension benchmark (`bench/extension.mjs`) instead of the crypto one, with its
    /// arguments passed through.
    extension: Option<Vec<String>>,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut options = Options {
        no_simd: false,
        opt_level: None,
        profile: None,
        browsers: None,
        native: true,
        extension: None,
    };
    if let Some((first, rest)) = args.split_first()
        && first == "--extension"
    {
        let mut it = rest.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--runs" | "--activity" | "--browsers" | "--profiles" | "--name" => {
                    if it.next().is_none() {
                        bail!("{arg} takes a value");
                    }
                }
                other => bail!("unknown argument to `bench --extension`: {other}"),
            }
        }
        options.extension = Some(rest.to_vec());
        return Ok(options);
    }
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-simd128" => options.no_simd = true,
            "--no-native" => options.native = false,
            "--opt-level" => match args.next().map(String::as_str) {
                Some(level @ ("0" | "1" | "2" | "3" | "s" | "z")) => {
                    options.opt_level = Some(level.to_owned());
                }
                _ => bail!("--opt-level takes 0, 1, 2, 3, s or z"),
            },
            "--profile" => match args.next() {
                Some(op) => {
                    options.profile = Some(op.clone());
                    options.native = false;
                }
                None => bail!("--profile takes an operation id (see bench/page.mjs)"),
            },
            "--browsers" => match args.next() {
                Some(list)
                    if !list.is_empty()
                        && list.split(',').all(|b| matches!(b, "chromium" | "firefox")) =>
                {
                    options.browsers = Some(list.clone());
                }
                _ => bail!("--browsers takes chromium, firefox or chromium,firefox"),
            },
            other => bail!("unknown argument to `bench`: {other}"),
        }
    }
    if options.profile.is_some() && options.runs_firefox() {
        bail!("--profile is Chromium only (CDP's sampling profiler): leave out --browsers firefox");
    }
    Ok(options)
}

impl Options {
    fn runs(&self, browser: &str) -> bool {
        match &self.browsers {
            Some(list) => list.split(',').any(|b| b == browser),
            None => browser == "chromium" || self.profile.is_none(),
        }
    }

    fn runs_firefox(&self) -> bool {
        self.runs("firefox")
    }

    /// For the step's title.
    fn browser_names(&self) -> &'static str {
        match (self.runs("chromium"), self.runs_firefox()) {
            (true, true) => "Chromium and Firefox",
            (false, _) => "Firefox",
            (true, false) => "Chromium",
        }
    }
}

pub fn run(args: &[String]) -> Result<()> {
    let options = parse(args)?;
    if let Some(rest) = &options.extension {
        return extension(rest);
    }
    setup::for_bench()?;
    let mut suffix = String::new();
    if let Some(level) = &options.opt_level {
        suffix.push_str(&format!("-o{level}"));
    }
    if options.no_simd {
        suffix.push_str("-nosimd");
    }
    let level = options.opt_level.as_deref().unwrap_or("3");
    let variant = if suffix.is_empty() {
        "wasm-release (opt-level 3, +simd128), wasm-opt -O3: as dist".to_owned()
    } else {
        format!(
            "opt-level {level}{}, wasm-opt -O{level}: an experiment, not the shipped build",
            if options.no_simd {
                ", no simd128"
            } else {
                ", +simd128"
            }
        )
    };
    let name = format!("wasm-vs-js{suffix}");
    let target_dir = root().join(format!("target/bench-wasm{suffix}"));
    let page_dir = if options.profile.is_some() {
        "page-profile".to_owned()
    } else {
        "page".to_owned()
    };

    step("building the WASM core with its bench-only exports");
    let mut build = cargo();
    build.args([
        "build",
        "--package",
        WASM_CRATE,
        "--features",
        "bench",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        WASM_PROFILE,
        "--target-dir",
    ]);
    build.arg(&target_dir);
    if options.no_simd {
        build.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", WASM_CFG);
    }
    if let Some(level) = &options.opt_level {
        build.env("CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL", level);
    }
    sh(&mut build)?;
    let wasm = target_dir
        .join("wasm32-unknown-unknown")
        .join(WASM_PROFILE)
        .join("wallet_wasm.wasm");
    let page = target_dir.join(page_dir);
    let generated = dist::bindgen(&wasm, &page.join("wasm"))?;
    let optimised = generated.join("wallet_wasm_bg.wasm");
    if options.opt_level.is_none() && options.profile.is_none() {
        dist::optimise(&optimised)?;
    } else {
        // `-g` keeps the function names for the profiler; it does not change the code
        step(&format!("wasm-opt -O{level}"));
        let mut opt = crate::util::npm_bin("wasm-opt");
        opt.arg(format!("-O{level}"));
        if options.profile.is_some() {
            opt.arg("-g");
        }
        sh(opt.arg(&optimised).arg("-o").arg(&optimised))?;
    }

    if options.native {
        step("the same operations natively (criterion, wallet-core --features bench)");
        sh(cargo().args([
            "bench",
            "--package",
            "wallet-core",
            "--features",
            "bench",
            "--bench",
            "core",
            "--",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "2",
        ]))?;
    }

    let mut node = Command::new("node");
    if options.runs_firefox() {
        node.env("GECKODRIVER", setup::geckodriver()?);
    }
    step(&format!(
        "WASM vs JavaScript in headless {}",
        options.browser_names()
    ));
    node.arg("bench/run.mjs")
        .arg("--page-dir")
        .arg(&page)
        .arg("--criterion")
        .arg(root().join("target/criterion"))
        .arg("--out")
        .arg(root().join("docs/bench"))
        .args(["--name", &name, "--variant", &variant]);
    if let Some(op) = &options.profile {
        node.args(["--profile", op]);
    }
    if let Some(list) = &options.browsers {
        node.args(["--browsers", list]);
    }
    sh(&mut node)
}

/// `--extension`: the built extension in Chromium and Firefox, a small and a big wallet.
fn extension(rest: &[String]) -> Result<()> {
    setup::all_for_tests()?;
    dist::run()?;
    let geckodriver = setup::geckodriver()?;
    step("the extension as a person uses it, small and big wallets, Chromium and Firefox");
    sh(Command::new("node")
        .arg("bench/extension.mjs")
        .arg("--out")
        .arg(root().join("docs/bench"))
        .args(rest)
        .env("GECKODRIVER", geckodriver))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn defaults_are_the_shipped_build_with_native() -> Result<()> {
        let o = parse(&[])?;
        assert!(!o.no_simd && o.opt_level.is_none() && o.profile.is_none() && o.native);
        Ok(())
    }

    #[test]
    fn experiments_and_profiling_parse() -> Result<()> {
        let o = parse(&args(&["--opt-level", "z", "--no-simd128", "--no-native"]))?;
        assert!(o.no_simd && !o.native);
        assert_eq!(o.opt_level.as_deref(), Some("z"));
        let o = parse(&args(&["--profile", "unlock"]))?;
        assert_eq!(o.profile.as_deref(), Some("unlock"));
        assert!(!o.native, "profiling skips criterion");
        assert!(!o.runs_firefox(), "profiling is Chromium only");
        Ok(())
    }

    #[test]
    fn browsers_default_to_both_and_pass_through() -> Result<()> {
        assert!(parse(&[])?.runs_firefox());
        let o = parse(&args(&["--browsers", "firefox", "--no-native"]))?;
        assert_eq!(o.browsers.as_deref(), Some("firefox"));
        assert!(o.runs_firefox());
        assert_eq!(o.browser_names(), "Firefox");
        assert_eq!(parse(&[])?.browser_names(), "Chromium and Firefox");
        assert!(!parse(&args(&["--browsers", "chromium"]))?.runs_firefox());
        assert!(parse(&args(&["--profile", "unlock", "--browsers", "chromium"])).is_ok());
        Ok(())
    }

    #[test]
    fn extension_takes_its_own_arguments() -> Result<()> {
        let o = parse(&args(&["--extension", "--runs", "5", "--activity", "500"]))?;
        assert_eq!(
            o.extension.as_deref(),
            Some(&args(&["--runs", "5", "--activity", "500"])[..])
        );
        assert!(parse(&args(&["--extension", "--no-native"])).is_err());
        assert!(parse(&args(&["--extension", "--runs"])).is_err());
        Ok(())
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert!(parse(&args(&["--opt-level", "9"])).is_err());
        assert!(parse(&args(&["--profile"])).is_err());
        assert!(parse(&args(&["--fast"])).is_err());
        assert!(parse(&args(&["--browsers"])).is_err());
        assert!(parse(&args(&["--browsers", "safari"])).is_err());
        assert!(parse(&args(&["--browsers", "chromium,"])).is_err());
        assert!(parse(&args(&["--profile", "unlock", "--browsers", "firefox"])).is_err());
    }
}
