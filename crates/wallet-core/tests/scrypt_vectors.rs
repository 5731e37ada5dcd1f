//! scrypt: RFC 7914 section 12 vectors through the function the vault uses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{s, unhex, vectors};

fn run(case: &serde_json::Value) {
    let n = case["N"].as_u64().unwrap();
    assert!(n.is_power_of_two());
    let log_n = u8::try_from(n.trailing_zeros()).unwrap();
    let r = u32::try_from(case["r"].as_u64().unwrap()).unwrap();
    let p = u32::try_from(case["p"].as_u64().unwrap()).unwrap();
    let mut out = vec![0u8; usize::try_from(case["dkLen"].as_u64().unwrap()).unwrap()];
    wallet_core::vault::scrypt(
        s(case, "password").as_bytes(),
        s(case, "salt").as_bytes(),
        log_n,
        r,
        p,
        &mut out,
    )
    .unwrap();
    assert_eq!(out, unhex(s(case, "derivedKey")));
}

#[test]
fn rfc7914_vectors_1_to_3() {
    let data = vectors("scrypt-rfc7914.json");
    let cases = data["vectors"].as_array().unwrap();
    assert_eq!(cases.len(), 4);
    for case in &cases[..3] {
        run(case);
    }
}

/// N = 2^20, r = 8: 1 GiB of memory. `cargo test -p wallet-core -- --ignored` runs it.
#[test]
#[ignore = "needs 1 GiB of memory and several seconds"]
fn rfc7914_vector_4_one_gib() {
    let data = vectors("scrypt-rfc7914.json");
    run(&data["vectors"][3]);
}
