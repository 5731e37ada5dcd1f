//! Property tests: sign-then-recover gives the signer; decrypt(encrypt(x)) = x.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use rand_core::OsRng;
use wallet_core::typed_data::{TypedData, TypedDataVersion};
use wallet_core::vault::{HdAccount, HdSecret, ImportedSecret, ScryptParams, Vault, VaultContents};
use wallet_core::{
    Phrase, PrivateKey, Signature, Transaction, personal_sign, recover_personal,
    recover_typed_data, sign_typed_data,
};

fn key_from(bytes: [u8; 32]) -> Option<PrivateKey> {
    PrivateKey::from_bytes(&bytes).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn personal_sign_then_recover(key in any::<[u8; 32]>(), message in proptest::collection::vec(any::<u8>(), 0..300)) {
        let Some(key) = key_from(key) else { return Ok(()) };
        let sig = personal_sign(&key, &message).unwrap();
        prop_assert_eq!(recover_personal(&message, &sig).unwrap(), key.address());
        // Through the 65-byte form too.
        let again = Signature::from_bytes(&sig.to_bytes()).unwrap();
        prop_assert_eq!(recover_personal(&message, &again).unwrap(), key.address());
        // Another message does not recover the signer.
        let mut other = message.clone();
        other.push(0);
        prop_assert_ne!(recover_personal(&other, &sig).ok(), Some(key.address()));
    }

    #[test]
    fn typed_data_sign_then_recover(key in any::<[u8; 32]>(), contents in ".{0,40}", amount in any::<u64>(), chain in 1u64..100_000) {
        let Some(key) = key_from(key) else { return Ok(()) };
        let td = TypedData::from_value(serde_json::json!({
            "types": {
                "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "chainId", "type": "uint256"}],
                "Note": [{"name": "contents", "type": "string"}, {"name": "amount", "type": "uint64"}, {"name": "tags", "type": "bytes32[]"}]
            },
            "primaryType": "Note",
            "domain": {"name": "Prop", "chainId": chain},
            "message": {"contents": contents, "amount": amount.to_string(), "tags": [format!("0x{}", "ab".repeat(32))]}
        })).unwrap();
        let sig = sign_typed_data(&key, &td, TypedDataVersion::V4).unwrap();
        prop_assert_eq!(recover_typed_data(&td, TypedDataVersion::V4, &sig).unwrap(), key.address());
    }

    #[test]
    fn transaction_sign_then_recover(key in any::<[u8; 32]>(), nonce in any::<u64>(), value in any::<u128>(), chain in 1u64..1_000_000, kind in 0u8..3) {
        let Some(key) = key_from(key) else { return Ok(()) };
        let mut tx = serde_json::json!({
            "chainId": format!("0x{chain:x}"), "nonce": format!("0x{nonce:x}"), "gas": "0x5208",
            "to": "0x3535353535353535353535353535353535353535", "value": format!("0x{value:x}"),
        });
        match kind {
            0 => tx["gasPrice"] = "0x3b9aca00".into(),
            1 => { tx["gasPrice"] = "0x3b9aca00".into(); tx["accessList"] = serde_json::json!([]); }
            _ => { tx["maxFeePerGas"] = "0x3b9aca00".into(); tx["maxPriorityFeePerGas"] = "0x1".into(); }
        }
        let tx = Transaction::from_value(&tx).unwrap();
        let signed = tx.sign(&key).unwrap();
        // Recover from the signature over the transaction's own signing hash.
        let digest = tx.signing_hash();
        let recovered = recover_digest_public(&digest, &signed.signature);
        prop_assert_eq!(recovered, key.address());
    }
}

/// Recovery through the public EIP-191 API is not applicable to transactions, so recover with
/// k256 directly (independent of the crate's recovery code).
fn recover_digest_public(
    digest: &alloy_primitives::B256,
    sig: &Signature,
) -> alloy_primitives::Address {
    let signature = k256::ecdsa::Signature::from_scalars(sig.r().0, sig.s().0).unwrap();
    let recid = k256::ecdsa::RecoveryId::new(sig.y_parity(), false);
    let key = k256::ecdsa::VerifyingKey::recover_from_prehash(digest.as_slice(), &signature, recid)
        .unwrap();
    alloy_primitives::Address::from_public_key(&key)
}

fn contents_strategy() -> impl Strategy<Value = VaultContents> {
    let names = proptest::collection::btree_map(0u32..5, "\\PC{0,20}", 0..3);
    let imported = proptest::collection::vec((any::<[u8; 32]>(), "\\PC{0,20}"), 0..3);
    (any::<[u8; 16]>(), ".{0,30}", 1u32..5, names, imported).prop_map(
        |(entropy, passphrase, accounts, names, imported)| {
            let phrase = Phrase::from_entropy(&entropy, wallet_core::Language::English).unwrap();
            VaultContents {
                hd: vec![HdSecret {
                    phrase: phrase.to_secret_string(),
                    passphrase: passphrase.into(),
                    accounts: (0..accounts)
                        .map(|i| {
                            let name = names
                                .get(&i)
                                .cloned()
                                .unwrap_or_else(|| format!("Account {}", i + 1));
                            HdAccount::standard(i, name)
                        })
                        .collect(),
                }],
                imported: imported
                    .into_iter()
                    .filter_map(|(k, name)| {
                        key_from(k).map(|k| ImportedSecret {
                            key: k.to_hex(),
                            name,
                        })
                    })
                    .collect(),
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Cheap parameters (N = 2^10, r = 1: the accepted minimum) keep this fast.
    #[test]
    fn vault_round_trip(contents in contents_strategy(), password in "\\PC{1,30}") {
        let params = ScryptParams::new(10, 1, 1).unwrap();
        let (vault, key) = Vault::create(&password, &contents, params, &mut OsRng).unwrap();
        let parsed = Vault::parse(&vault.to_json()).unwrap();
        prop_assert_eq!(&parsed.unlock(&password).unwrap().0, &contents);
        let raw = alloy_primitives::hex::decode(key.to_hex().expose_secret()).unwrap();
        prop_assert_eq!(&parsed.unlock_with_key(&raw).unwrap().0, &contents);
        let mut wrong = password.clone();
        wrong.push('x');
        prop_assert!(parsed.unlock(&wrong).is_err());
    }
}
