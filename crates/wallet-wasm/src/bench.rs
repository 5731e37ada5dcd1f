//! Benchmark-only exports, behind the `bench` feature: never in `cargo xtask dist`. They give
//! `cargo xtask bench` the primitives the public API deliberately lacks (a bare keccak-256,
//! signing a given digest) and the steps of account discovery, so that the WASM core can be
//! timed against the JavaScript libraries operation by operation.

use crate::{BridgeError, Result};
use wallet_core::{Phrase, PrivateKey, Seed};
use wasm_bindgen::prelude::*;

/// BIP-39 phrase (validated) to its 64-byte seed, with an empty passphrase.
#[wasm_bindgen(js_name = benchPhraseToSeed)]
pub fn bench_phrase_to_seed(phrase: &str) -> core::result::Result<Vec<u8>, JsValue> {
    let run = || -> Result<Vec<u8>> { Ok(Phrase::parse(phrase)?.to_seed("").as_bytes().to_vec()) };
    run().map_err(JsValue::from)
}

/// The EIP-55 addresses of `m/44'/60'/0'/0/0..count` from a 64-byte seed.
#[wasm_bindgen(js_name = benchDeriveAddresses)]
pub fn bench_derive_addresses(
    seed: &[u8],
    count: u32,
) -> core::result::Result<Vec<String>, JsValue> {
    let run = || -> Result<Vec<String>> {
        let bytes: [u8; 64] = seed.try_into().map_err(|_| BridgeError::Input {
            field: "seed",
            reason: "expected 64 bytes",
        })?;
        Ok(wallet_core::bench::derive_addresses(
            &Seed::new(bytes),
            count,
        )?)
    };
    run().map_err(JsValue::from)
}

/// A private key held inside WASM, as the wallet holds its keys: signing does not parse it again.
#[wasm_bindgen(js_name = BenchSigner)]
#[derive(Debug)]
pub struct BenchSigner(PrivateKey);

#[wasm_bindgen(js_class = BenchSigner)]
impl BenchSigner {
    /// The key from 0x-hex.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = keyHex)] key_hex: &str,
    ) -> core::result::Result<Self, JsValue> {
        PrivateKey::from_hex(key_hex)
            .map(Self)
            .map_err(|e| BridgeError::from(e).into())
    }

    /// Signs a 32-byte digest: 65 bytes r‖s‖v (v = 27/28) as 0x-hex.
    #[wasm_bindgen(js_name = signDigest)]
    pub fn sign_digest(&self, digest: &[u8]) -> core::result::Result<String, JsValue> {
        let run = || -> Result<String> {
            let digest: [u8; 32] = digest.try_into().map_err(|_| BridgeError::Input {
                field: "digest",
                reason: "expected 32 bytes",
            })?;
            Ok(wallet_core::bench::sign_digest(&self.0, &digest)?.to_hex())
        };
        run().map_err(JsValue::from)
    }
}

/// keccak-256 of `data`.
#[wasm_bindgen(js_name = benchKeccak256)]
pub fn bench_keccak256(data: &[u8]) -> Vec<u8> {
    wallet_core::bench::keccak256(data).to_vec()
}
