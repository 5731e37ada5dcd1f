//! Criterion benchmarks of recovery: the phrase assistant, address ranking, MetaMask import.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use wallet_core::metamask::{MetaMaskVault, find_vault_candidates};
use wallet_core::recovery::{AddressSearch, PathScheme, PhraseAssistant, scan_accounts};
use wallet_core::{Phrase, parse_address};

/// A 12-word phrase with one unknown word (the last), and with a wrong but valid word (the
/// third: the checksum fails, every position is tried).
const UNKNOWN_12: &str =
    "legal winner thank year wave sausage worth useful legal winner thank yellom";
const WRONG_12: &str =
    "legal winner thing year wave sausage worth useful legal winner thank yellow";
const WRONG_24: &str = "letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic blesz";

fn search(typed: &str) -> Vec<wallet_core::recovery::PhraseCandidate> {
    let mut assistant = PhraseAssistant::new(typed).unwrap();
    let mut out = Vec::new();
    while !assistant.is_finished() {
        out.extend(assistant.next_batch(4096));
    }
    out
}

fn vectors(name: &str) -> serde_json::Value {
    let path = format!("{}/../../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("assistant");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("search_unknown_word_12", |b| {
        b.iter(|| search(black_box(UNKNOWN_12)))
    });
    group.bench_function("search_every_position_12", |b| {
        b.iter(|| search(black_box(WRONG_12)))
    });
    group.bench_function("search_unknown_word_24", |b| {
        b.iter(|| search(black_box(WRONG_24)))
    });
    let candidates = search(WRONG_12);
    let hundred: Vec<_> = candidates.iter().take(100).cloned().collect();
    let known = parse_address("0x58A57ed9d8d624cBD12e2C467D34787555bB1b25").unwrap();
    group.bench_function("first_address_of_100_candidates", |b| {
        b.iter(|| {
            let mut s = AddressSearch::new(hundred.clone(), "", 1, Some(known)).unwrap();
            while !s.is_finished() {
                s.step(10).unwrap();
            }
            s.ranked()
        })
    });
    group.bench_function("first_5_addresses_of_100_candidates", |b| {
        b.iter(|| {
            let mut s = AddressSearch::new(hundred.clone(), "", 5, Some(known)).unwrap();
            while !s.is_finished() {
                s.step(10).unwrap();
            }
            s.ranked()
        })
    });
    group.finish();

    let seed = Phrase::parse(UNKNOWN_12.replace("yellom", "yellow").as_str())
        .unwrap()
        .to_seed("");
    c.bench_function("scan_3_schemes_x_20_accounts", |b| {
        b.iter(|| scan_accounts(black_box(&seed), &PathScheme::ALL, 0, 20).unwrap())
    });

    let vaults = vectors("metamask/vaults.json");
    let find = |name: &str| {
        vaults["vaults"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .unwrap()
            .clone()
    };
    let mut group = c.benchmark_group("metamask");
    group.sample_size(10);
    for name in ["legacy-10k-string", "metamask-600k-bytes"] {
        let v = find(name);
        let vault = MetaMaskVault::parse(v["vault"].as_str().unwrap()).unwrap();
        let password = v["password"].as_str().unwrap().to_owned();
        group.bench_function(format!("decrypt_{name}"), |b| {
            b.iter(|| black_box(&vault).decrypt(&password).unwrap())
        });
    }
    let dir = format!(
        "{}/../../tests/vectors/metamask/leveldb/compacted",
        env!("CARGO_MANIFEST_DIR")
    );
    let files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    let refs: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    group.bench_function("find_candidates_in_chromium_files_250kb", |b| {
        b.iter(|| find_vault_candidates(black_box(&refs)))
    });
    group.finish();
}

criterion_group!(recovery, benches);
criterion_main!(recovery);
