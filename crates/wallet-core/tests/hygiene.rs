//! Secret hygiene: `Debug` never shows a secret; error messages never contain one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rand_core::OsRng;
use wallet_core::hd::{EthereumAccounts, ExtendedPrivateKey};
use wallet_core::vault::{ScryptParams, Vault};
use wallet_core::{Error, Keyring, Phrase, PrivateKey, SecretString};

const KEY: &str = "4646464646464646464646464646464646464646464646464646464646464646";
const PHRASE: &str = "test test test test test test test test test test test junk";

#[track_caller]
fn redacted(debug: String, secrets: &[&str]) {
    assert!(debug.contains("[REDACTED]"), "no [REDACTED] in {debug}");
    for secret in secrets {
        assert!(!debug.contains(secret), "{debug} contains a secret");
    }
}

#[test]
fn debug_redacts_every_secret_type() {
    let key = PrivateKey::from_hex(KEY).unwrap();
    redacted(format!("{key:?}"), &[KEY, "4646464646"]);
    redacted(format!("{key:#?}"), &[KEY]);

    let secret = SecretString::from("hunter2 is my password");
    redacted(format!("{secret:?}"), &["hunter2"]);

    let phrase = Phrase::parse(PHRASE).unwrap();
    redacted(format!("{phrase:?}"), &["test", "junk"]);
    let seed = phrase.to_seed("");
    let seed_hex = alloy_primitives::hex::encode(seed.as_bytes());
    redacted(format!("{seed:?}"), &[&seed_hex[..16]]);

    let master = ExtendedPrivateKey::from_seed(&seed).unwrap();
    let xprv = master.to_xprv();
    redacted(
        format!("{master:?}"),
        &[xprv.expose_secret(), &xprv.expose_secret()[4..20]],
    );
    redacted(
        format!("{:?}", EthereumAccounts::from_seed(&seed).unwrap()),
        &[],
    );

    let mut keyring = Keyring::new(&phrase, "my passphrase").unwrap();
    keyring.import_private_key(key.clone(), None).unwrap();
    let account0 = EthereumAccounts::from_seed(&seed)
        .unwrap()
        .key(0)
        .unwrap()
        .to_hex();
    redacted(
        format!("{keyring:?}"),
        &[
            "test test",
            "my passphrase",
            KEY,
            &account0.expose_secret()[2..],
        ],
    );
    redacted(
        format!("{:?}", keyring.contents()),
        &["test test", "my passphrase", KEY],
    );

    let (vault, vault_key) = Vault::create(
        "pw",
        keyring.contents(),
        ScryptParams::new(10, 1, 1).unwrap(),
        &mut OsRng,
    )
    .unwrap();
    let key_hex = vault_key.to_hex();
    redacted(
        format!("{vault_key:?}"),
        &[key_hex.expose_secret(), &key_hex.expose_secret()[..16]],
    );
    // The vault itself holds only ciphertext; its Debug is fine to show but has no plaintext.
    assert!(!format!("{vault:?}").contains("test test"));
}

#[test]
fn error_messages_carry_no_secret() {
    // A mistyped word is not echoed back.
    let err =
        Phrase::parse("test test zebrq test test test test test test test test junk").unwrap_err();
    assert!(!err.to_string().contains("zebrq"));
    let Error::PhraseUnknownWord { .. } = err else {
        panic!()
    };
    // A bad key says what is wrong, not what it was.
    let bad_key = format!("0x{}", "f".repeat(64));
    let err = PrivateKey::from_hex(&bad_key).unwrap_err();
    assert!(!err.to_string().contains("ffffffff"));
    let err = PrivateKey::from_hex("0x12zz").unwrap_err();
    assert!(!err.to_string().contains("12zz"));
    // A wrong password is not echoed.
    let phrase = Phrase::parse(PHRASE).unwrap();
    let keyring = Keyring::new(&phrase, "").unwrap();
    let (vault, _) = Vault::create(
        "right",
        keyring.contents(),
        ScryptParams::new(10, 1, 1).unwrap(),
        &mut OsRng,
    )
    .unwrap();
    let err = vault.unlock("wrong-password-123").unwrap_err();
    assert!(!err.to_string().contains("wrong-password-123"));
    assert!(!format!("{err:?}").contains("wrong-password-123"));
}

#[test]
fn every_error_message_is_lowercase() {
    let samples = [
        Phrase::parse("").unwrap_err(),
        Phrase::parse("test test tset").unwrap_err(),
        Phrase::parse("test test test test test test test test test test test test").unwrap_err(),
        PrivateKey::from_hex("00").unwrap_err(),
        wallet_core::parse_address("0x12").unwrap_err(),
        wallet_core::parse_address("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").unwrap_err(),
        Vault::parse("{}").unwrap_err(),
        Error::VaultDecrypt,
        Error::UnknownAccount,
        Error::DuplicateAccount,
    ];
    for err in samples {
        let message = err.to_string();
        let first = message.chars().next().unwrap();
        assert!(first.is_lowercase(), "{message}");
        assert!(!err.code().is_empty());
    }
}

#[test]
fn recovery_types_redact() {
    use wallet_core::recovery::{Correction, PhraseAssistant};
    let mut assistant =
        PhraseAssistant::new("test test test test test test test test test test test junq")
            .unwrap();
    let found = assistant.next_batch(4096);
    let junk = found
        .iter()
        .find(|c| c.correction.word() == Some("junk"))
        .unwrap();
    redacted(format!("{junk:?}"), &["junk", "test test"]);
    redacted(format!("{assistant:?} {found:?}"), &["junk", "test test"]);
    let c = Correction::Insert {
        position: 3,
        word: "zebra",
    };
    redacted(format!("{c:?}"), &["zebra"]);
    // The version-2 contents (paths and names) still redact the phrase.
    let keyring = Keyring::new(&Phrase::parse(PHRASE).unwrap(), "pp secret").unwrap();
    redacted(
        format!("{:?}", keyring.contents()),
        &["test test", "pp secret"],
    );
}

#[test]
fn new_error_messages_are_lowercase_and_secret_free() {
    use wallet_core::metamask::MetaMaskVault;
    use wallet_core::recovery::PhraseAssistant;
    let samples = [
        PhraseAssistant::new(PHRASE).unwrap_err(),
        PhraseAssistant::new("zzzz yyyy").unwrap_err(),
        MetaMaskVault::parse("{}").unwrap_err(),
        MetaMaskVault::parse(r#"{"data":"AAAAAAAAAAAAAAAAAAAAAA==","iv":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"AA==","keyMetadata":{"algorithm":"PBKDF2","params":{"iterations":1}}}"#).unwrap_err(),
        wallet_core::recovery::PathScheme::from_code("x").unwrap_err(),
    ];
    for err in samples {
        let message = err.to_string();
        assert!(message.chars().next().unwrap().is_lowercase(), "{message}");
        assert!(!message.contains("zzzz") && !message.contains("test test"));
    }
}
