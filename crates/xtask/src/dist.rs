//! `cargo xtask dist`: the WASM core, bindgen'd and optimised, plus the extension's files and a
//! per-browser copy of the one manifest, written to `dist/chrome` and `dist/firefox`, and zipped.

use crate::bundle;
use crate::setup;
use crate::util::{cargo, npm_bin, root, run as sh, step};
use anyhow::{Context, Result, bail};
use serde_json::{Value, json};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const BROWSERS: [&str; 2] = ["chrome", "firefox"];
pub const WASM_CRATE: &str = "wallet-wasm";
pub const WASM_PROFILE: &str = "wasm-release";
/// The risk engine's data files the background loads at start (docs/wasm-api.md,
/// `PhishingGuard`), copied into `<browser>/risk/` with their licences.
pub const RISK_DATA: [(&str, &str); 3] = [
    (
        "crates/wallet-risk/data/phishing/eth-phishing-detect-config.json",
        "eth-phishing-detect-config.json",
    ),
    (
        "crates/wallet-risk/data/phishing/eth-phishing-detect-LICENSE",
        "eth-phishing-detect-LICENSE.txt",
    ),
    (
        "crates/wallet-risk/data/phishing/public_suffix_list.dat",
        "public_suffix_list.dat",
    ),
];

/// Where bindgen writes: `<this>/wasm/wallet_wasm{.js,_bg.wasm,.d.ts}`. The type check maps
/// this folder over `extension/` (tsconfig `rootDirs`), as the build does.
pub fn bindgen_dir() -> PathBuf {
    root().join("target/bindgen")
}

/// The two WebAssembly modules built from `wallet-wasm` (its README): the wallet (keys, vault,
/// signing, typed data), loaded at every worker start and built for speed, and the risk engine
/// (rules, site lists), loaded only when something is judged and built for size. Each has its
/// own profile, so that each build keeps its own artifacts (one crate, one file name).
pub struct Module {
    /// Bindgen's output name: `<name>.js`, `<name>_bg.wasm`, `<name>.d.ts`.
    pub name: &'static str,
    pub features: &'static str,
    pub profile: &'static str,
    /// wasm-opt's level.
    pub opt: &'static str,
}

pub const MODULES: [Module; 2] = [
    Module {
        name: "wallet_wasm",
        features: "wallet",
        profile: WASM_PROFILE,
        opt: "-O3",
    },
    Module {
        name: "wallet_risk",
        features: "risk",
        profile: "wasm-risk",
        opt: "-Oz",
    },
];

pub fn run() -> Result<()> {
    setup::for_dist()?;
    let generated = bindgen_dir().join("wasm");
    if generated.exists() {
        fs::remove_dir_all(&generated)?;
    }
    let mut sizes = serde_json::Map::new();
    for module in &MODULES {
        let wasm = build_wasm(module)?;
        bindgen_module(&wasm, &generated, Some(module.name))?;
        let file = generated.join(format!("{}_bg.wasm", module.name));
        optimise_with(&file, module.opt)?;
        sizes.insert(module.name.to_owned(), report_size(&file)?);
    }
    fs::write(
        root().join("target/wasm-size.json"),
        Value::Object(sizes).to_string() + "\n",
    )?;
    let manifest: Value = serde_json::from_str(
        &fs::read_to_string(root().join("manifest.json")).context("reading manifest.json")?,
    )
    .context("manifest.json is not JSON")?;
    for browser in BROWSERS {
        assemble(browser, &manifest, &generated)?;
    }
    println!("dist: done: {}", root().join("dist").display());
    Ok(())
}

fn build_wasm(module: &Module) -> Result<PathBuf> {
    step(&format!("building the WASM module {}", module.name));
    sh(cargo().args([
        "build",
        "--package",
        WASM_CRATE,
        "--no-default-features",
        "--features",
        module.features,
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        module.profile,
    ]))?;
    Ok(root()
        .join("target/wasm32-unknown-unknown")
        .join(module.profile)
        .join("wallet_wasm.wasm"))
}

/// wasm-bindgen (as a library, `--target web`) of `wasm` into `out`, which it empties first.
pub fn bindgen(wasm: &Path, out: &Path) -> Result<PathBuf> {
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    bindgen_module(wasm, out, None)?;
    Ok(out.to_path_buf())
}

/// wasm-bindgen of `wasm` into `out` (kept), named `name` (else after the crate).
fn bindgen_module(wasm: &Path, out: &Path, name: Option<&str>) -> Result<()> {
    step("generating the JavaScript bindings (wasm-bindgen as a library)");
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    if let Some(name) = name {
        bindgen.out_name(name);
    }
    bindgen
        .input_path(wasm)
        .web(true)?
        .typescript(true)
        .omit_default_module_path(false)
        // `__wbg_reset_state()`: after a trap (a RuntimeError poisons the instance's memory), the
        // background makes a fresh instance from the same compiled module (extension/background/core.js).
        .reset_state_function(true)
        .generate(out)
        .context("wasm-bindgen")
}

/// The shipped optimisation, in place. `cargo xtask bench` uses it too, so that what it times
/// is what ships.
pub fn optimise(wasm: &Path) -> Result<()> {
    // -O3, not -Oz: the vault's scrypt and the curve arithmetic are the wallet's hot paths, and
    // a size-optimised build made unlocking 4x slower for 10% less gzip (BENCHMARKS.md).
    optimise_with(wasm, "-O3")
}

fn optimise_with(wasm: &Path, level: &str) -> Result<()> {
    step(&format!("optimising {} (wasm-opt {level})", wasm.display()));
    sh(npm_bin("wasm-opt").arg(level).arg(wasm).arg("-o").arg(wasm))
}

/// Prints the WASM's raw and gzip sizes; returns them (for target/wasm-size.json).
fn report_size(wasm: &Path) -> Result<Value> {
    let bytes = fs::read(wasm)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gzip = gz.finish()?.len();
    println!(
        "wasm size of {}: {} bytes raw, {gzip} bytes gzip ({:.1} KiB)",
        wasm.display(),
        bytes.len(),
        gzip as f64 / 1024.0
    );
    Ok(json!({ "raw": bytes.len(), "gzip": gzip }))
}

fn assemble(browser: &str, manifest: &Value, generated: &Path) -> Result<()> {
    step(&format!("assembling dist/{browser}"));
    let out = root().join("dist").join(browser);
    if out.exists() {
        fs::remove_dir_all(&out)?;
    }
    copy_dir(&root().join("extension"), &out)?;
    bundle::phrase_words(&out)?;
    bundle::help_messages(&out)?;
    bundle::pages(&out)?;
    fs::create_dir_all(out.join("wasm"))?;
    for module in &MODULES {
        for file in [
            format!("{}.js", module.name),
            format!("{}_bg.wasm", module.name),
        ] {
            fs::copy(generated.join(&file), out.join("wasm").join(&file))
                .with_context(|| format!("copying {file}"))?;
        }
    }
    fs::create_dir_all(out.join("risk"))?;
    for (from, to) in RISK_DATA {
        fs::copy(root().join(from), out.join("risk").join(to))
            .with_context(|| format!("copying {from}"))?;
    }
    let manifest = for_browser(manifest, browser)?;
    fs::write(
        out.join("manifest.json"),
        serde_json::to_string_pretty(&manifest)? + "\n",
    )?;
    zip_dir(&out, &root().join(format!("dist/wallet-{browser}.zip")))
}

/// The one manifest, adapted: Chrome runs the background as a service worker, Firefox as an
/// event page from `scripts` (it refuses `service_worker` alone); only Firefox reads the gecko
/// settings.
pub fn for_browser(manifest: &Value, browser: &str) -> Result<Value> {
    let mut m = manifest.clone();
    let obj = m
        .as_object_mut()
        .context("manifest.json is not an object")?;
    let background = obj
        .get_mut("background")
        .and_then(Value::as_object_mut)
        .context("manifest.json has no background object")?;
    match browser {
        "chrome" => {
            background.remove("scripts");
            obj.remove("browser_specific_settings");
        }
        "firefox" => {
            background.remove("service_worker");
            obj.remove("minimum_chrome_version");
        }
        other => bail!("unknown browser {other}"),
    }
    obj.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
    Ok(m)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

fn zip_dir(dir: &Path, zip_path: &Path) -> Result<()> {
    let mut files = Vec::new();
    list_files(dir, &mut files)?;
    files.sort();
    let mut zip = zip::ZipWriter::new(fs::File::create(zip_path)?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for file in files {
        let name = file
            .strip_prefix(dir)?
            .to_str()
            .context("non-UTF-8 file name")?
            .replace('\\', "/");
        zip.start_file(name, options)?;
        zip.write_all(&fs::read(&file)?)?;
    }
    zip.finish()?;
    Ok(())
}

fn list_files(dir: &Path, into: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            list_files(&entry.path(), into)?;
        } else {
            into.push(entry.path());
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // serde_json's Index returns Null, never panics
mod tests {
    use super::*;

    fn manifest() -> Value {
        serde_json::from_str(include_str!("../../../manifest.json")).unwrap_or_default()
    }

    #[test]
    fn chrome_gets_a_service_worker_and_no_gecko_settings() {
        let m = for_browser(&manifest(), "chrome").unwrap_or_default();
        assert_eq!(m["background"]["service_worker"], "background.js");
        assert!(m["background"].get("scripts").is_none());
        assert!(m.get("browser_specific_settings").is_none());
        assert_eq!(m["background"]["type"], "module");
        assert_eq!(
            m["minimum_chrome_version"], "111",
            "WebAssembly SIMD and MAIN-world scripts"
        );
    }

    #[test]
    fn firefox_gets_an_event_page_and_its_gecko_id() {
        let m = for_browser(&manifest(), "firefox").unwrap_or_default();
        assert_eq!(m["background"]["scripts"][0], "background.js");
        assert!(m["background"].get("service_worker").is_none());
        assert!(m["browser_specific_settings"]["gecko"]["id"].is_string());
        assert!(m.get("minimum_chrome_version").is_none());
    }

    #[test]
    fn the_one_manifest_keeps_what_both_browsers_need() {
        let m = manifest();
        assert_eq!(m["manifest_version"], 3);
        let csp = m["content_security_policy"]["extension_pages"]
            .as_str()
            .unwrap_or_default();
        assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
        assert!(m["name"].as_str().unwrap_or_default().starts_with("__MSG_"));
        let main_world = m["content_scripts"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["world"] == "MAIN");
        assert_eq!(
            main_world.map(|c| &c["run_at"]),
            Some(&json!("document_start"))
        );
        // No other extension (and no web page) may message the background directly.
        assert_eq!(m["externally_connectable"], json!({ "ids": [] }));
        for browser in ["chrome", "firefox"] {
            let built = for_browser(&m, browser).unwrap_or_default();
            assert_eq!(
                built["externally_connectable"],
                json!({ "ids": [] }),
                "{browser}"
            );
        }
    }

    #[test]
    fn an_unknown_browser_is_an_error() {
        assert!(for_browser(&manifest(), "safari").is_err());
    }
}
