//! LevelDB files written by a real Chromium for an extension that stores MetaMask's state
//! (`tests/vectors/metamask/leveldb/`): the vaults are found, newest first, in the `.log`
//! and in the Snappy-compressed `.ldb`, and open with their passwords.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{s, vectors};
use wallet_core::metamask::{MetaMaskVault, SourceKind, find_vault_candidates, leveldb};

fn folder(case: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/vectors/metamask/leveldb")
        .join(case)
}

#[test]
fn chromium_files_hold_the_vaults_newest_first() {
    let vaults = vectors("metamask/vaults.json")["vaults"]
        .as_array()
        .unwrap()
        .clone();
    let by_json = |json: &str| {
        vaults
            .iter()
            .find(|v| MetaMaskVault::parse(s(v, "vault")).unwrap().to_json() == json)
            .map(|v| s(v, "name").to_owned())
    };
    let cases = vectors("metamask/leveldb/cases.json");
    let mut saw_table = false;
    for case in cases["cases"].as_array().unwrap() {
        let name = s(case, "name");
        let mut paths: Vec<_> = std::fs::read_dir(folder(name))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        let files: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
        let refs: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
        let found = find_vault_candidates(&refs);
        let names: Vec<String> = found
            .iter()
            .map(|c| by_json(&c.vault.to_json()).unwrap())
            .collect();
        let expected: Vec<&str> = case["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(names, expected, "{name}");
        for (candidate, want) in found.iter().zip(&expected) {
            let v = vaults.iter().find(|v| s(v, "name") == *want).unwrap();
            assert!(candidate.vault.decrypt(s(v, "password")).is_ok());
            for source in &candidate.sources {
                if source.kind == SourceKind::TableEntry {
                    saw_table = true;
                    assert!(leveldb::is_table(&files[source.file]));
                }
            }
        }
    }
    assert!(saw_table, "no vault came from a .ldb table");
}
