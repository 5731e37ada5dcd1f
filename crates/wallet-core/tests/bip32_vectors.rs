//! BIP-32 test vectors 1–5.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{s, unhex, vectors};
use wallet_core::Error;
use wallet_core::hd::{DerivationPath, ExtendedPrivateKey, ExtendedPublicKey, parse_extended_key};

#[test]
fn vectors_1_to_4_derive_every_chain() {
    let data = vectors("bip32.json");
    let mut chains = 0;
    for v in data["vectors"].as_array().unwrap() {
        let master = ExtendedPrivateKey::from_seed_bytes(&unhex(s(v, "seed"))).unwrap();
        for chain in v["chains"].as_array().unwrap() {
            let path: DerivationPath = s(chain, "path").parse().unwrap();
            let key = master.derive_path(&path).unwrap();
            assert_eq!(
                key.to_xprv().expose_secret(),
                s(chain, "xprv"),
                "xprv at {}",
                s(chain, "path")
            );
            assert_eq!(
                key.to_xpub(),
                s(chain, "xpub"),
                "xpub at {}",
                s(chain, "path")
            );
            // Parsing and re-serializing gives the same strings.
            let parsed = ExtendedPrivateKey::parse(s(chain, "xprv")).unwrap();
            assert_eq!(parsed.to_xprv().expose_secret(), s(chain, "xprv"));
            assert_eq!(
                ExtendedPublicKey::parse(s(chain, "xpub"))
                    .unwrap()
                    .to_string(),
                s(chain, "xpub")
            );
            chains += 1;
        }
    }
    assert_eq!(chains, 17);
}

/// The short step (a child's private key without its extended key, as accounts are derived)
/// gives each chain's key of the vectors, hardened and not.
#[test]
fn child_keys_match_every_chain() {
    let data = vectors("bip32.json");
    let mut steps = 0;
    for v in data["vectors"].as_array().unwrap() {
        let master = ExtendedPrivateKey::from_seed_bytes(&unhex(s(v, "seed"))).unwrap();
        for chain in v["chains"].as_array().unwrap() {
            let path: DerivationPath = s(chain, "path").parse().unwrap();
            let Some((parent, (index, hardened))) = path.split_last() else {
                continue; // the master key
            };
            let key = master
                .derive_path(&parent)
                .unwrap()
                .child_key(index, hardened)
                .unwrap();
            let expected = ExtendedPrivateKey::parse(s(chain, "xprv"))
                .unwrap()
                .private_key()
                .unwrap();
            assert_eq!(
                key.to_hex().expose_secret(),
                expected.to_hex().expose_secret(),
                "the key at {}",
                s(chain, "path")
            );
            steps += 1;
        }
    }
    assert_eq!(steps, 13);
}

#[test]
fn vector_5_invalid_keys_are_rejected() {
    let data = vectors("bip32.json");
    let invalid = data["invalidKeys"].as_array().unwrap();
    assert_eq!(invalid.len(), 16);
    for case in invalid {
        let key = s(case, "key");
        let reason = s(case, "reason");
        assert!(
            matches!(
                parse_extended_key(key),
                Err(Error::InvalidExtendedKey { .. })
            ),
            "accepted an invalid key ({reason})"
        );
        assert!(
            ExtendedPrivateKey::parse(key).is_err(),
            "xprv parser accepted: {reason}"
        );
        assert!(
            ExtendedPublicKey::parse(key).is_err(),
            "xpub parser accepted: {reason}"
        );
    }
}

#[test]
fn bad_paths_are_rejected() {
    for bad in [
        "",
        "m/",
        "44'/60'",
        "m/x",
        "m/2147483648",
        "m/1''",
        "m/-1",
        "m//0",
        "M/0",
    ] {
        assert!(bad.parse::<DerivationPath>().is_err(), "{bad:?}");
    }
    let ok: DerivationPath = "m/44h/60H/0'/0/7".parse().unwrap();
    assert_eq!(
        ok.steps().collect::<Vec<_>>(),
        vec![(44, true), (60, true), (0, true), (0, false), (7, false)]
    );
}
