//! `cargo xtask fuzz`: each fuzz target of `crates/wallet-core/fuzz` (cargo-fuzz, libFuzzer)
//! for a bounded time, one after the other, on the stable toolchain. Not part of `test`.
//!
//! - Installs `cargo-fuzz` (`cargo install cargo-fuzz --locked`) when it is missing.
//! - cargo-fuzz passes nightly-only flags (`-Z`, `-Cpasses=sancov-module`...): stable rustc
//!   accepts them with `RUSTC_BOOTSTRAP=1`. That is all stable needs.
//! - `--sanitizer none` by default. AddressSanitizer works on stable too (with the same
//!   variable), but costs 3–5x the executions per second, and our code forbids `unsafe`;
//!   `--asan` turns it on.
//! - Seed corpora are written at run time from `tests/vectors/` into
//!   `target/fuzz-corpus/<target>/` (libFuzzer adds what it finds there); crashes go to
//!   `target/fuzz-artifacts/<target>/`. Nothing generated is committed: a crashing input is
//!   copied by hand into `crates/wallet-core/tests/fuzz-regressions/<target>/` once fixed.

use crate::util::{cargo, output, root, run as sh, step};
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// The targets, in the order they run.
pub const TARGETS: [&str; 7] = [
    "vault",
    "tx_json",
    "typed_data_v3",
    "typed_data_v4",
    "phrase",
    "extended_key",
    "metamask",
];

const FUZZ_DIR: &str = "crates/wallet-core/fuzz";

#[derive(Debug, PartialEq)]
struct Options {
    /// Seconds per target (`-max_total_time`).
    seconds: u64,
    /// Executions per target (`-runs`) instead of a time.
    runs: Option<u64>,
    targets: Vec<&'static str>,
    asan: bool,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut options = Options {
        seconds: 60,
        runs: None,
        targets: Vec::new(),
        asan: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64> {
            match args.next().and_then(|n| n.parse::<u64>().ok()) {
                Some(n) if n > 0 => Ok(n),
                _ => bail!("{name} takes a positive whole number"),
            }
        };
        match arg.as_str() {
            "--seconds" => options.seconds = number("--seconds")?,
            "--runs" => options.runs = Some(number("--runs")?),
            "--asan" => options.asan = true,
            "--target" => match args.next() {
                Some(name) => match TARGETS.iter().find(|t| *t == name) {
                    Some(target) => options.targets.push(target),
                    None => bail!(
                        "unknown fuzz target {name}; the targets: {}",
                        TARGETS.join(", ")
                    ),
                },
                None => bail!("--target takes a name: {}", TARGETS.join(", ")),
            },
            other => bail!("unknown argument to `fuzz`: {other}"),
        }
    }
    if options.targets.is_empty() {
        options.targets = TARGETS.to_vec();
    }
    Ok(options)
}

pub fn run(args: &[String]) -> Result<()> {
    let options = parse(args)?;
    cargo_fuzz()?;
    for target in &options.targets {
        let corpus = seed_corpus(target)?;
        fuzz(target, &corpus, &options)?;
    }
    Ok(())
}

fn cargo_fuzz() -> Result<()> {
    if output(cargo().args(["fuzz", "--version"])).is_some() {
        return Ok(());
    }
    step("installing cargo-fuzz (cargo install, about a minute)");
    sh(cargo().args(["install", "cargo-fuzz", "--locked"]))
}

/// Extra cargo-fuzz flags per target. `phrase`: without `-trace-compares`, whose hooks in the
/// edit-distance loop of the phrase suggestions cost 4x the speed for no guidance (the
/// generator already writes list words); a build of its own, in its own target directory.
fn target_flags(target: &str) -> (&'static [&'static str], &'static str) {
    match target {
        "phrase" => (&["--no-trace-compares"], "target/fuzz-notc"),
        _ => (&[], "target/fuzz"),
    }
}

fn fuzz(target: &str, corpus: &Path, options: &Options) -> Result<()> {
    step(&format!("fuzzing {target}"));
    let artifacts = root().join("target/fuzz-artifacts").join(target);
    fs::create_dir_all(&artifacts)?;
    let (flags, target_dir) = target_flags(target);
    let mut cmd = cargo();
    cmd.env("RUSTC_BOOTSTRAP", "1")
        .args([
            "fuzz",
            "run",
            "--fuzz-dir",
            FUZZ_DIR,
            "--target-dir",
            target_dir,
        ])
        .args(["--sanitizer", if options.asan { "address" } else { "none" }])
        .args(flags)
        .arg(target)
        .arg(corpus)
        .arg("--")
        .args([
            "-max_len=4096",
            "-timeout=10",
            "-rss_limit_mb=2048",
            "-print_final_stats=1",
        ])
        .arg(format!("-artifact_prefix={}/", artifacts.display()));
    match options.runs {
        Some(runs) => cmd.arg(format!("-runs={runs}")),
        None => cmd.arg(format!("-max_total_time={}", options.seconds)),
    };
    sh(&mut cmd).with_context(|| {
        format!(
            "{target} found a problem: the input is in {}; once fixed, copy it into \
             crates/wallet-core/tests/fuzz-regressions/{target}/ (see FUZZING.md)",
            artifacts.display()
        )
    })
}

/// Writes the seeds of `target` (from `tests/vectors/`) into its corpus folder; returns it.
fn seed_corpus(target: &str) -> Result<PathBuf> {
    let dir = root().join("target/fuzz-corpus").join(target);
    fs::create_dir_all(&dir)?;
    for (i, seed) in seeds(target)?.iter().enumerate() {
        fs::write(dir.join(format!("seed-{i:03}")), seed)?;
    }
    Ok(dir)
}

fn vectors(name: &str) -> Result<Value> {
    let path = root().join("tests/vectors").join(name);
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))
}

/// Each text seed is in the targets' text form (mode byte 0, then the text); a few seeds of
/// mode 1 start the generators.
fn seeds(target: &str) -> Result<Vec<Vec<u8>>> {
    let all = |value: &Value, pointer: &str| -> Vec<Value> {
        value
            .pointer(pointer)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let mut texts: Vec<String> = Vec::new();
    match target {
        "typed_data_v3" | "typed_data_v4" => {
            let eip712 = vectors("eip712.json")?;
            texts.extend(eip712.pointer("/spec/typedData").map(Value::to_string));
            texts.extend(
                all(&eip712, "/random")
                    .iter()
                    .filter_map(|c| c.get("typedData").map(Value::to_string)),
            );
            let v3 = vectors("eip712-v3.json")?;
            texts.extend(
                all(&v3, "/cases")
                    .iter()
                    .filter_map(|c| c.get("typedData").map(Value::to_string)),
            );
        }
        "tx_json" => {
            for file in ["typed-transactions.json", "eip155.json"] {
                let data = vectors(file)?;
                texts.extend(
                    all(&data, "/vectors")
                        .iter()
                        .filter_map(|v| v.get("tx").map(Value::to_string)),
                );
            }
        }
        "phrase" => {
            let data = vectors("bip39-trezor.json")?;
            texts.extend(
                all(&data, "/vectors")
                    .iter()
                    .filter_map(|v| v.get("mnemonic").and_then(Value::as_str).map(str::to_owned)),
            );
        }
        "extended_key" => {
            let data = vectors("bip32.json")?;
            for vector in all(&data, "/vectors") {
                for chain in all(&vector, "/chains") {
                    for key in ["xprv", "xpub"] {
                        texts.extend(chain.get(key).and_then(Value::as_str).map(str::to_owned));
                    }
                }
            }
            texts.extend(
                all(&data, "/invalidKeys")
                    .iter()
                    .filter_map(|k| k.get("key").and_then(Value::as_str).map(str::to_owned)),
            );
        }
        "vault" => {
            // The stored form (the key will not open it: the generated inputs reach the
            // contents, encrypted under the target's fixed key).
            texts.push(format!(
                r#"{{"version":1,"kdf":{{"name":"scrypt","logN":17,"r":8,"p":1,"salt":"{}"}},"cipher":{{"name":"aes-256-gcm","nonce":"{}"}},"ciphertext":"{}"}}"#,
                "00".repeat(32),
                "00".repeat(12),
                "00".repeat(48)
            ));
        }
        "metamask" => {
            // MetaMask's vaults as its library wrote them, plainly and as stored in its state
            // (a JSON string inside JSON).
            let data = vectors("metamask/vaults.json")?;
            for vault in all(&data, "/vaults") {
                if let Some(text) = vault.get("vault").and_then(Value::as_str) {
                    texts.push(text.to_owned());
                    texts.push(
                        serde_json::json!({"KeyringController": {"vault": text}}).to_string(),
                    );
                }
            }
        }
        other => bail!("no seeds for {other}"),
    }
    if texts.is_empty() {
        bail!("no seeds found in tests/vectors for {target}");
    }
    let mut seeds: Vec<Vec<u8>> = texts
        .into_iter()
        .map(|text| [&[0u8][..], text.as_bytes()].concat())
        .collect();
    // Generator seeds: mode 1 and some fixed bytes.
    for n in 1..=8u8 {
        let mut seed = vec![1u8];
        seed.extend((0..64 * u32::from(n)).map(|i| (i as u8).wrapping_mul(167).wrapping_add(n)));
        seeds.push(seed);
    }
    Ok(seeds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn defaults_are_a_minute_for_every_target() -> Result<()> {
        let o = parse(&[])?;
        assert_eq!(o.seconds, 60);
        assert_eq!(o.runs, None);
        assert_eq!(o.targets, TARGETS.to_vec());
        assert!(!o.asan);
        Ok(())
    }

    #[test]
    fn options_parse() -> Result<()> {
        let o = parse(&args(&[
            "--seconds",
            "5",
            "--target",
            "phrase",
            "--target",
            "vault",
            "--asan",
        ]))?;
        assert_eq!(o.seconds, 5);
        assert_eq!(o.targets, ["phrase", "vault"]);
        assert!(o.asan);
        assert_eq!(
            parse(&args(&["--runs", "10000000"]))?.runs,
            Some(10_000_000)
        );
        Ok(())
    }

    #[test]
    fn bad_arguments_are_errors() {
        for bad in [
            &["--seconds"][..],
            &["--seconds", "0"],
            &["--seconds", "x"],
            &["--target", "nope"],
            &["--target"],
            &["--fast"],
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_target_has_seeds_from_the_vectors() -> Result<()> {
        for target in TARGETS {
            let seeds = seeds(target)?;
            assert!(seeds.iter().any(|s| s.first() == Some(&0)), "{target}");
            assert!(seeds.iter().any(|s| s.first() == Some(&1)), "{target}");
        }
        Ok(())
    }

    #[test]
    fn every_target_is_in_the_fuzz_crate() -> Result<()> {
        let manifest = fs::read_to_string(root().join(FUZZ_DIR).join("Cargo.toml"))?;
        for target in TARGETS {
            assert!(
                manifest.contains(&format!("name = \"{target}\"")),
                "{target}"
            );
        }
        Ok(())
    }
}
