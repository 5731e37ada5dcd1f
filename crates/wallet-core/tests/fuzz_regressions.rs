//! Every input the fuzzer found a problem with (`tests/fuzz-regressions/<target>/`), replayed
//! through the very code the fuzz target runs (`fuzz/src/*.rs`, included here), so that
//! `cargo test` checks them without libFuzzer. See FUZZING.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code
)]

#[path = "../fuzz/src/inputs.rs"]
mod inputs;
#[path = "../fuzz/src/oracle.rs"]
mod oracle;
#[path = "../fuzz/src/targets.rs"]
mod targets;

use std::path::Path;
use wallet_core::typed_data::TypedDataVersion;

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("vault", targets::vault),
    ("tx_json", targets::tx_json),
    ("typed_data_v3", |data| {
        targets::typed_data(data, TypedDataVersion::V3)
    }),
    ("typed_data_v4", |data| {
        targets::typed_data(data, TypedDataVersion::V4)
    }),
    ("phrase", targets::phrase),
    ("extended_key", targets::extended_key),
    ("metamask", targets::metamask),
];

/// The `metamask` target on the real files: Chromium's LevelDB files and the vaults.
#[test]
fn metamask_vectors_pass_the_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/metamask");
    let mut files = 0;
    for case in std::fs::read_dir(root.join("leveldb")).unwrap() {
        let case = case.unwrap().path();
        if !case.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&case).unwrap() {
            targets::metamask(&std::fs::read(file.unwrap().path()).unwrap());
            files += 1;
        }
    }
    let vaults: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("vaults.json")).unwrap()).unwrap();
    for vault in vaults["vaults"].as_array().unwrap() {
        targets::metamask(vault["vault"].as_str().unwrap().as_bytes());
        files += 1;
    }
    assert!(files >= 12);
}

#[test]
fn every_saved_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (_, target) = TARGETS
            .iter()
            .find(|(target, _)| *target == name)
            .unwrap_or_else(|| panic!("{name}: no such fuzz target"));
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            target(&data);
            replayed += 1;
        }
    }
    assert!(replayed > 0);
}

/// The seed form and a few generated inputs run on every target (the harness itself works).
#[test]
fn each_target_runs() {
    for (_, target) in TARGETS {
        target(&[]);
        target(&inputs::as_text_input("{}"));
        for seed in 0u8..64 {
            let data: Vec<u8> = (0..512u32)
                .map(|i| {
                    (i as u8)
                        .wrapping_mul(31)
                        .wrapping_add(seed.wrapping_mul(7))
                        ^ 0x5a
                })
                .collect();
            let mut input = vec![1];
            input.extend_from_slice(&data);
            target(&input);
        }
    }
}
