//! Runs the `kura` binary on the repository's vectors, secrets through `--stdin`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::PathBuf;

const PASSWORD: &str = "correct horse battery staple";
const JUNK: &str = "test test test test test test test test test test test junk";

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn vectors(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo(&format!("tests/vectors/{name}"))).unwrap())
        .unwrap()
}

/// A fresh file in the temporary folder.
fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kura-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn kura(args: &[&str], stdin: &str) -> Run {
    let output = Command::cargo_bin("kura")
        .unwrap()
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn backup_of(vault: &Value) -> PathBuf {
    let backup = json!({"kind": "kura-wallet-backup", "exportedAt": "2026-05-01T00:00:00.000Z", "vault": vault});
    temp_file(
        &format!("backup-{}.json", vault["kdf"]["salt"].as_str().unwrap()),
        &serde_json::to_string_pretty(&backup).unwrap(),
    )
}

#[test]
fn backup_files_of_both_vault_versions() {
    let v1: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("crates/wallet-core/tests/data/vault-v1.json")).unwrap(),
    )
    .unwrap();
    let path = backup_of(&v1);
    let run = kura(
        &["backup", "--stdin", "--json", path.to_str().unwrap()],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["vaultVersion"], 1);
    let hd = &vectors("eth-hd.json")["vectors"];
    let accounts = doc["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 4);
    for i in 0..3 {
        assert_eq!(accounts[i]["address"], hd[i]["address"]);
        assert_eq!(accounts[i]["path"], format!("m/44'/60'/0'/0/{i}"));
    }
    assert_eq!(accounts[0]["name"], "Main");
    assert_eq!(accounts[3]["kind"], "imported");
    assert!(!run.stdout.contains("test test") && !run.stdout.contains("4646464646"));

    // --show-secrets prints the phrase and the key, and only then.
    let run = kura(
        &[
            "backup",
            "--stdin",
            "--show-secrets",
            path.to_str().unwrap(),
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains(JUNK));
    assert!(
        run.stdout
            .contains("0x4646464646464646464646464646464646464646464646464646464646464646")
    );

    // A version-2 vault made by the core now.
    use wallet_core::vault::{ScryptParams, Vault};
    let mut keyring =
        wallet_core::Keyring::new(&wallet_core::Phrase::parse(JUNK).unwrap(), "").unwrap();
    keyring
        .add_account_at(0, "m/44'/60'/1'/0/0", Some("Ledger Live 2"))
        .unwrap();
    let (vault, _) = Vault::create(
        "another pw",
        keyring.contents(),
        ScryptParams::new(10, 1, 1).unwrap(),
        &mut rand_core::OsRng,
    )
    .unwrap();
    let v2: Value = serde_json::from_str(&vault.to_json()).unwrap();
    let path = backup_of(&v2);
    let run = kura(
        &["backup", "--stdin", path.to_str().unwrap()],
        "another pw\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("vault version 2"));
    assert!(
        run.stdout
            .contains("Ledger Live 2  (phrase 1 m/44'/60'/1'/0/0)")
    );

    // Wrong password; not a backup; no password at all.
    let run = kura(&["backup", "--stdin", path.to_str().unwrap()], "nope\n");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("wrong password or damaged vault"));
    assert!(!run.stderr.contains("nope"));
    let other = temp_file("other.json", r#"{"kind":"something-else"}"#);
    let run = kura(&["backup", "--stdin", other.to_str().unwrap()], "x\n");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not a Kura Wallet backup"));
    let run = kura(&["backup", "--stdin", path.to_str().unwrap()], "");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("standard input ended"));
}

#[test]
fn metamask_vaults_from_files() {
    for v in vectors("metamask/vaults.json")["vaults"]
        .as_array()
        .unwrap()
    {
        let name = v["name"].as_str().unwrap();
        let path = temp_file(&format!("{name}.json"), v["vault"].as_str().unwrap());
        let run = kura(
            &["metamask", "--stdin", "--json", path.to_str().unwrap()],
            &format!("{}\n", v["password"].as_str().unwrap()),
        );
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let doc: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(doc["opened"], 1);
        let got: Vec<&str> = doc["vaults"][0]["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["address"].as_str().unwrap())
            .collect();
        let mut want: Vec<&str> = Vec::new();
        for ring in v["expected"]["hd"].as_array().unwrap() {
            for a in ring["accounts"].as_array().unwrap() {
                want.push(a["address"].as_str().unwrap());
            }
        }
        for a in v["expected"]["imported"].as_array().unwrap() {
            let a = a.as_str().unwrap();
            if !want.contains(&a) {
                want.push(a);
            }
        }
        assert_eq!(got, want, "{name}");
        // Nothing secret without --show-secrets.
        for ring in v["expected"]["hd"].as_array().unwrap() {
            let phrase = ring["phrase"].as_str().unwrap();
            let last = phrase.split(' ').next_back().unwrap();
            assert!(
                !run.stdout.contains(phrase) && !run.stdout.contains(last),
                "{name}"
            );
        }
    }
}

#[test]
fn metamask_vaults_in_a_chromium_folder() {
    let folder = repo("tests/vectors/metamask/leveldb");
    let run = kura(
        &["metamask", "--list", "--json", folder.to_str().unwrap()],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["vaults"].as_array().unwrap().len(), 2);
    let sources = doc["vaults"][1]["sources"].as_array().unwrap();
    assert!(
        sources
            .iter()
            .any(|s| s["kind"] == "table-entry"
                && s["file"].as_str().unwrap().ends_with("000005.ldb"))
    );
    let run = kura(
        &["metamask", "--stdin", folder.to_str().unwrap()],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.matches("opened with this password").count(), 2);
    let run = kura(
        &["metamask", "--stdin", folder.to_str().unwrap()],
        "wrong\n",
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("opened none"));
    let empty = temp_file("empty.txt", "nothing here");
    let run = kura(&["metamask", "--stdin", empty.to_str().unwrap()], "x\n");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no MetaMask vault found"));
}

#[test]
fn addresses_on_every_path() {
    let data = vectors("derivation-paths.json");
    for phrase in [
        JUNK,
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
    ] {
        let run = kura(
            &[
                "addresses",
                "--stdin",
                "--json",
                "--scheme",
                "all",
                "--count",
                "4",
            ],
            &format!("{phrase}\n"),
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let doc: Value = serde_json::from_str(&run.stdout).unwrap();
        let got: Vec<(String, String)> = doc["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["path"].as_str().unwrap().to_owned(),
                    a["address"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = data["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["mnemonic"] == phrase)
            .map(|v| {
                (
                    v["path"].as_str().unwrap().to_owned(),
                    v["address"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(got, want);
    }
    let run = kura(
        &[
            "addresses",
            "--stdin",
            "--scheme",
            "all",
            "--count",
            "10",
            "--find",
            "0xc89D42189f0450C2b2c3c61f58Ec5d628176A1E7",
        ],
        &format!("{JUNK}\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("is at m/44'/60'/0'/1 (legacy account 1)")
    );
    let run = kura(
        &[
            "addresses",
            "--stdin",
            "--find",
            "0x3535353535353535353535353535353535353535",
        ],
        &format!("{JUNK}\n"),
    );
    assert_eq!(run.code, 1);
    // A mistyped word: its position and the closest words, not the word typed.
    let run = kura(
        &["addresses", "--stdin"],
        "test test test test test test test test test test test junq\n",
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("word 12 is not in the english word list")
    );
    assert!(!run.stderr.contains("junq"));
    // With a BIP-39 passphrase (second line).
    let run = kura(
        &["addresses", "--stdin", "--passphrase", "--count", "1"],
        &format!("{JUNK}\nextra\n"),
    );
    assert_eq!(run.code, 0);
    assert!(
        !run.stdout
            .contains("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
    );
}

#[test]
fn assist_finds_the_meant_phrase() {
    let run = kura(
        &[
            "assist",
            "--stdin",
            "--json",
            "--accounts",
            "3",
            "--address",
            "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        ],
        "test test test test test test test test test test test junq\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["tried"], 2048);
    assert_eq!(doc["matches"], 1);
    let first = &doc["candidates"][0];
    assert_eq!(
        first["correction"],
        json!({"kind": "replace", "position": 12, "word": "junk"})
    );
    assert_eq!(first["knownAt"], 2);
    assert!(first.get("phrase").is_none());
    assert!(doc["candidates"].as_array().unwrap().len() > 100);
    // The phrase itself only with --show-secrets.
    let run = kura(
        &["assist", "--stdin", "--show-secrets", "--accounts", "1"],
        "test test test test test test test test test test junk\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(JUNK));
    let run = kura(&["assist", "--stdin"], &format!("{JUNK}\n"));
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("valid as it is"));
}
