//! Criterion benchmarks of the wallet's hot paths.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use criterion::{Criterion, criterion_group, criterion_main};
use rand_core::OsRng;
use std::hint::black_box;
use wallet_core::hd::EthereumAccounts;
use wallet_core::typed_data::{TypedData, TypedDataVersion};
use wallet_core::vault::{ScryptParams, Vault};
use wallet_core::{Keyring, Phrase, PrivateKey, Transaction, sign_typed_data, to_checksum};

const PHRASE: &str = "test test test test test test test test test test test junk";

fn spec_json() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/eip712.json"
    );
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    data["spec"]["typedData"].clone()
}

fn spec_typed_data() -> TypedData {
    TypedData::from_value(spec_json()).unwrap()
}

fn benches(c: &mut Criterion) {
    let phrase = Phrase::parse(PHRASE).unwrap();
    c.bench_function("phrase_to_seed", |b| {
        b.iter(|| black_box(&phrase).to_seed(black_box("")))
    });

    let seed = phrase.to_seed("");
    c.bench_function("derive_100_accounts_with_addresses", |b| {
        b.iter(|| {
            let node = EthereumAccounts::from_seed(black_box(&seed)).unwrap();
            (0..100)
                .map(|i| to_checksum(&node.key(i).unwrap().address()))
                .collect::<Vec<_>>()
        });
    });

    let key =
        PrivateKey::from_hex("0x4646464646464646464646464646464646464646464646464646464646464646")
            .unwrap();
    let tx = Transaction::from_json(
        r#"{"chainId":"0x1","nonce":"0x9","gas":"0x5208","maxFeePerGas":"0x4a817c800","maxPriorityFeePerGas":"0x3b9aca00",
            "to":"0x3535353535353535353535353535353535353535","value":"0xde0b6b3a7640000","data":"0x"}"#,
    )
    .unwrap();
    c.bench_function("sign_eip1559_transaction", |b| {
        b.iter(|| black_box(&tx).sign(black_box(&key)).unwrap())
    });

    // As the WASM build is called: JSON text in, the signed transaction out.
    let tx_json = r#"{"chainId":"0x1","nonce":"0x9","gas":"0x5208","maxFeePerGas":"0x4a817c800","maxPriorityFeePerGas":"0x3b9aca00","to":"0x3535353535353535353535353535353535353535","value":"0xde0b6b3a7640000","data":"0x"}"#;
    c.bench_function("sign_eip1559_transaction_from_json", |b| {
        b.iter(|| {
            Transaction::from_json(black_box(tx_json))
                .unwrap()
                .sign(black_box(&key))
                .unwrap()
        })
    });

    // 1 MiB of a fixed pattern, as `cargo xtask bench` hashes in the browser.
    let mib: Vec<u8> = (0..1u32 << 20).map(|i| (i % 251) as u8).collect();
    c.bench_function("keccak256_1mib", |b| {
        b.iter(|| alloy_primitives::keccak256(black_box(&mib)))
    });

    #[cfg(feature = "bench")]
    {
        let digest = wallet_core::bench::keccak256(b"kura wallet benchmark");
        c.bench_function("sign_keccak_digest", |b| {
            b.iter(|| wallet_core::bench::sign_digest(black_box(&key), black_box(&digest)).unwrap())
        });
    }

    let td = spec_typed_data();
    c.bench_function("eip712_hash_spec_example", |b| {
        b.iter(|| black_box(&td).signing_hash(TypedDataVersion::V4).unwrap())
    });
    c.bench_function("eip712_hash_and_sign_spec_example", |b| {
        b.iter(|| sign_typed_data(black_box(&key), black_box(&td), TypedDataVersion::V4).unwrap())
    });

    let td_json = serde_json::to_string(&spec_json()).unwrap();
    c.bench_function("eip712_hash_and_sign_spec_example_from_json", |b| {
        b.iter(|| {
            let td = TypedData::from_json(black_box(&td_json)).unwrap();
            sign_typed_data(black_box(&key), &td, TypedDataVersion::V4).unwrap()
        })
    });

    // Opening the unlocked contents of a 100-account wallet: as written now (each account's
    // address kept, keys derived at first use) and as older vaults hold them (no addresses,
    // every key derived on open).
    let mut big = Keyring::new(&phrase, "").unwrap();
    for _ in 1..100 {
        big.add_account(None).unwrap();
    }
    let listed = big.contents().clone();
    let mut unlisted = listed.clone();
    for account in &mut unlisted.hd[0].accounts {
        account.address = None;
    }
    let mut group = c.benchmark_group("keyring_open_100_accounts");
    group.bench_function("addresses_kept", |b| {
        b.iter(|| Keyring::from_contents(black_box(listed.clone())).unwrap())
    });
    group.bench_function("addresses_derived", |b| {
        b.iter(|| Keyring::from_contents(black_box(unlisted.clone())).unwrap())
    });
    group.finish();

    let keyring = Keyring::new(&phrase, "").unwrap();
    let (vault, _) = Vault::create(
        "benchmark password",
        keyring.contents(),
        ScryptParams::DEFAULT,
        &mut OsRng,
    )
    .unwrap();
    let json = vault.to_json();
    let mut group = c.benchmark_group("vault");
    group.sample_size(10);
    group.bench_function("unlock_default_params", |b| {
        b.iter(|| {
            Vault::parse(black_box(&json))
                .unwrap()
                .unlock("benchmark password")
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
