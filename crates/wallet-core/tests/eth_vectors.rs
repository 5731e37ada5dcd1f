//! Ethereum vectors: BIP-44 accounts, EIP-55, EIP-155, typed transactions (EIP-2930/1559).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{s, unhex, vectors};
use serde_json::{Value, json};
use wallet_core::hd::{DerivationPath, EthereumAccounts, ExtendedPrivateKey};
use wallet_core::{
    Error, Phrase, PrivateKey, Transaction, parse_address, to_checksum, to_checksum_address,
};

#[test]
fn eth_hd_accounts() {
    let data = vectors("eth-hd.json");
    let cases = data["vectors"].as_array().unwrap();
    assert_eq!(cases.len(), 15);
    for v in cases {
        let seed = Phrase::parse(s(v, "mnemonic"))
            .unwrap()
            .to_seed(s(v, "passphrase"));
        let index = u32::try_from(v["index"].as_u64().unwrap()).unwrap();
        // The fast path (account node, then the index) ...
        let key = EthereumAccounts::from_seed(&seed)
            .unwrap()
            .key(index)
            .unwrap();
        assert_eq!(to_checksum(&key.address()), s(v, "address"));
        assert_eq!(key.to_hex().expose_secret(), s(v, "privateKey"));
        // ... and the general path derivation agree with the vector.
        let path: DerivationPath = s(v, "path").parse().unwrap();
        let key = ExtendedPrivateKey::from_seed(&seed)
            .unwrap()
            .derive_path(&path)
            .unwrap()
            .private_key()
            .unwrap();
        assert_eq!(to_checksum(&key.address()), s(v, "address"));
        assert_eq!(wallet_core::hd::ethereum_path(index), s(v, "path"));
    }
}

#[test]
fn eip55_checksums() {
    let data = vectors("eip55.json");
    let cases = data["vectors"].as_array().unwrap();
    assert_eq!(cases.len(), 208);
    for v in cases {
        assert_eq!(
            to_checksum_address(s(v, "lower")).unwrap(),
            s(v, "checksummed")
        );
        assert_eq!(
            to_checksum_address(s(v, "checksummed")).unwrap(),
            s(v, "checksummed")
        );
        let upper = format!("0x{}", s(v, "lower")[2..].to_ascii_uppercase());
        assert_eq!(to_checksum_address(&upper).unwrap(), s(v, "checksummed"));
    }
    let bad = data["badChecksum"].as_array().unwrap();
    assert_eq!(bad.len(), 4);
    for v in bad {
        assert_eq!(
            parse_address(s(v, "address")),
            Err(Error::AddressChecksum),
            "{}",
            s(v, "address")
        );
    }
}

#[test]
fn eip155_example() {
    let data = vectors("eip155.json");
    let v = &data["vectors"][0];
    let mut tx = v["tx"].clone();
    tx["chainId"] = v["chainId"].clone();
    let tx = Transaction::from_value(&tx).unwrap();
    assert_eq!(tx.signing_payload(), unhex(s(v, "signingData")));
    assert_eq!(
        tx.signing_hash().as_slice(),
        unhex(s(v, "signingHash")).as_slice()
    );
    let key = PrivateKey::from_hex(s(v, "privateKey")).unwrap();
    let signed = tx.sign(&key).unwrap();
    assert_eq!(signed.raw_hex(), s(v, "signed"));
    assert_eq!(
        signed.signature.r().as_slice(),
        unhex(s(v, "rHex")).as_slice()
    );
    assert_eq!(
        signed.signature.s().as_slice(),
        unhex(s(v, "sHex")).as_slice()
    );
    let v_expected = v["v"].as_u64().unwrap();
    assert_eq!(
        35 + 2 * v["chainId"].as_u64().unwrap() + u64::from(signed.signature.y_parity()),
        v_expected
    );
}

/// Fills the fields the vector file leaves out with their documented defaults (the wallet's
/// API requires them): nonce 0, gas 0, chainId 0, the type's fee fields 0.
fn with_defaults(tx: &Value) -> Value {
    let mut tx = tx.clone();
    let obj = tx.as_object_mut().unwrap();
    obj.entry("nonce").or_insert(json!(0));
    obj.entry("gasLimit").or_insert(json!("0x0"));
    obj.entry("chainId").or_insert(json!(0));
    match obj["type"].as_u64().unwrap() {
        1 => {
            obj.entry("gasPrice").or_insert(json!("0x0"));
        }
        2 => {
            obj.entry("maxFeePerGas").or_insert(json!("0x0"));
            obj.entry("maxPriorityFeePerGas").or_insert(json!("0x0"));
        }
        t => panic!("type {t}"),
    }
    tx
}

#[test]
fn typed_transactions_serialize_and_sign_exactly() {
    let data = vectors("typed-transactions.json");
    let cases = data["vectors"].as_array().unwrap();
    assert_eq!(cases.len(), 200);
    for v in cases {
        let name = s(v, "name");
        let tx = Transaction::from_value(&with_defaults(&v["tx"]))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            u64::from(tx.tx_type().as_u8()),
            v["type"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(
            wallet_core_hex(&tx.signing_payload()),
            s(v, "unsigned"),
            "{name}"
        );
        let key = PrivateKey::from_hex(s(v, "key")).unwrap();
        assert_eq!(format!("{:#x}", key.address()), s(v, "address"), "{name}");
        let signed = tx.sign(&key).unwrap();
        assert_eq!(signed.raw_hex(), s(v, "signed"), "{name}");
        assert_eq!(
            signed.hash.as_slice(),
            alloy_primitives::keccak256(unhex(s(v, "signed"))).as_slice()
        );
    }
}

fn wallet_core_hex(bytes: &[u8]) -> String {
    format!("0x{}", alloy_primitives::hex::encode(bytes))
}
