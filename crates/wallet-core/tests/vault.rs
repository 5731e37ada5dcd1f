//! The vault: round trip, wrong password, tampering with every field, truncation, unknown
//! versions, absurd parameters, re-opening with the key, re-sealing, password change.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use rand_core::OsRng;
use serde_json::{Value, json};
use wallet_core::vault::{HdAccount, HdSecret, ImportedSecret, ScryptParams, Vault, VaultContents};
use wallet_core::{Error, Keyring, Phrase};

const PASSWORD: &str = "correct horse battery staple";
const PHRASE: &str = "test test test test test test test test test test test junk";

fn cheap() -> ScryptParams {
    ScryptParams::new(10, 1, 1).unwrap()
}

fn contents() -> VaultContents {
    VaultContents {
        hd: vec![HdSecret {
            phrase: PHRASE.into(),
            passphrase: "".into(),
            accounts: vec![
                HdAccount::standard(0, "Main"),
                HdAccount::standard(1, "Account 2"),
                HdAccount::standard(2, "Savings ✓"),
            ],
        }],
        imported: vec![ImportedSecret {
            key: "0x4646464646464646464646464646464646464646464646464646464646464646".into(),
            name: "Imported 1".into(),
        }],
    }
}

fn sample() -> (String, VaultContents) {
    let c = contents();
    let (vault, _) = Vault::create(PASSWORD, &c, cheap(), &mut OsRng).unwrap();
    (vault.to_json(), c)
}

fn open(json: &str, password: &str) -> Result<VaultContents, Error> {
    Vault::parse(json)?.unlock(password).map(|(c, _)| c)
}

#[test]
fn round_trip() {
    let (json, c) = sample();
    assert_eq!(open(&json, PASSWORD).unwrap(), c);
    let stored: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(stored["version"], 2);
    assert_eq!(stored["kdf"]["name"], "scrypt");
    assert_eq!(stored["kdf"]["logN"], 10);
    assert_eq!(stored["cipher"]["name"], "aes-256-gcm");
    assert_eq!(stored["kdf"]["salt"].as_str().unwrap().len(), 64);
    assert_eq!(stored["cipher"]["nonce"].as_str().unwrap().len(), 24);
    assert!(
        !json.contains("test test"),
        "the phrase must not appear in the stored vault"
    );
}

#[test]
fn default_parameters_are_17_8_1() {
    let d = ScryptParams::default();
    assert_eq!((d.log_n(), d.r(), d.p()), (17, 8, 1));
}

#[test]
fn two_vaults_of_the_same_contents_differ() {
    let (a, _) = sample();
    let (b, _) = sample();
    assert_ne!(a, b);
}

#[test]
fn wrong_password_is_opaque() {
    let (json, _) = sample();
    assert_eq!(
        open(&json, "correct horse battery stapl"),
        Err(Error::VaultDecrypt)
    );
    assert_eq!(open(&json, ""), Err(Error::VaultDecrypt));
    assert_eq!(
        Error::VaultDecrypt.to_string(),
        "cannot decrypt the vault: wrong password or damaged vault"
    );
}

#[test]
fn empty_password_cannot_create() {
    assert!(matches!(
        Vault::create("", &contents(), cheap(), &mut OsRng),
        Err(Error::InvalidInput {
            field: "password",
            ..
        })
    ));
}

fn hex_flip(hex: &str, bit: usize) -> String {
    let mut bytes = alloy_primitives::hex::decode(hex).unwrap();
    bytes[bit / 8] ^= 1 << (bit % 8);
    alloy_primitives::hex::encode(bytes)
}

/// One flipped bit in each byte string (salt, nonce, ciphertext body, tag): opaque failure.
#[test]
fn flipped_bit_in_each_binary_field() {
    let (json, _) = sample();
    let stored: Value = serde_json::from_str(&json).unwrap();
    let fields: [(&str, &str); 3] = [("kdf", "salt"), ("cipher", "nonce"), ("", "ciphertext")];
    for (outer, inner) in fields {
        let original = if outer.is_empty() {
            &stored[inner]
        } else {
            &stored[outer][inner]
        };
        let bits = original.as_str().unwrap().len() * 4;
        for bit in [0, 1, 7, bits / 2, bits.saturating_sub(128), bits - 1] {
            let mut tampered = stored.clone();
            let target = if outer.is_empty() {
                &mut tampered[inner]
            } else {
                &mut tampered[outer][inner]
            };
            *target = Value::String(hex_flip(original.as_str().unwrap(), bit));
            assert_eq!(
                open(&tampered.to_string(), PASSWORD),
                Err(Error::VaultDecrypt),
                "{outer}.{inner} bit {bit}"
            );
        }
    }
}

/// Parameters are authenticated: any in-range change fails to decrypt; out of range is a
/// parameter error, raised before any work.
#[test]
fn flipped_parameters() {
    let (json, _) = sample();
    let stored: Value = serde_json::from_str(&json).unwrap();
    for (field, value) in [("logN", 11), ("r", 2), ("r", 3), ("p", 2), ("p", 3)] {
        let mut tampered = stored.clone();
        tampered["kdf"][field] = json!(value);
        assert_eq!(
            open(&tampered.to_string(), PASSWORD),
            Err(Error::VaultDecrypt),
            "{field}={value}"
        );
    }
    for (field, value) in [
        ("logN", 8),
        ("logN", 9),
        ("logN", 2),
        ("logN", 40),
        ("r", 0),
        ("r", 17),
        ("p", 0),
        ("p", 5),
    ] {
        let mut tampered = stored.clone();
        tampered["kdf"][field] = json!(value);
        assert!(
            matches!(
                open(&tampered.to_string(), PASSWORD),
                Err(Error::VaultParams { .. })
            ),
            "{field}={value}"
        );
    }
}

#[test]
fn flipped_names_and_version() {
    let (json, _) = sample();
    let stored: Value = serde_json::from_str(&json).unwrap();
    for (path, value) in [
        (vec!["version"], json!(0)),
        (vec!["version"], json!(3)),
        (vec!["version"], json!(-1)),
        (vec!["kdf", "name"], json!("scryps")),
        (vec!["kdf", "name"], json!("pbkdf2")),
        (vec!["cipher", "name"], json!("aes-256-gcn")),
        (vec!["cipher", "name"], json!("aes-128-gcm")),
    ] {
        let mut tampered = stored.clone();
        let mut target = &mut tampered;
        for key in &path {
            target = &mut target[*key];
        }
        *target = value.clone();
        assert!(
            matches!(
                open(&tampered.to_string(), PASSWORD),
                Err(Error::VaultFormat { .. })
            ),
            "{path:?}={value}"
        );
    }
}

/// Every single-bit flip anywhere in the stored text fails (never opens, never panics), and
/// is one of the vault errors.
#[test]
fn every_bit_of_the_stored_text() {
    let (json, _) = sample();
    let bytes = json.as_bytes();
    for bit in 0..bytes.len() * 8 {
        let mut tampered = bytes.to_vec();
        tampered[bit / 8] ^= 1 << (bit % 8);
        let Ok(text) = String::from_utf8(tampered) else {
            continue;
        };
        match open(&text, PASSWORD) {
            Ok(_) => panic!("opened with bit {bit} flipped: {text}"),
            Err(Error::VaultDecrypt | Error::VaultFormat { .. } | Error::VaultParams { .. }) => {}
            Err(other) => panic!("bit {bit}: unexpected {other:?}"),
        }
    }
}

#[test]
fn truncated_vaults() {
    let (json, _) = sample();
    for len in [0, 1, json.len() / 2, json.len() - 1] {
        assert!(
            matches!(open(&json[..len], PASSWORD), Err(Error::VaultFormat { .. })),
            "len {len}"
        );
    }
    let mut stored: Value = serde_json::from_str(&json).unwrap();
    let ct = stored["ciphertext"].as_str().unwrap().to_owned();
    stored["ciphertext"] = json!(ct[..ct.len() - 2]);
    assert_eq!(
        open(&stored.to_string(), PASSWORD),
        Err(Error::VaultDecrypt)
    );
    stored["ciphertext"] = json!(ct[..30]);
    assert!(matches!(
        open(&stored.to_string(), PASSWORD),
        Err(Error::VaultFormat { .. })
    ));
    stored["ciphertext"] = json!(ct[..ct.len() - 1]);
    assert!(matches!(
        open(&stored.to_string(), PASSWORD),
        Err(Error::VaultFormat { .. })
    ));
}

#[test]
fn unknown_version_and_shapes_are_format_errors_before_any_work() {
    for bad in [
        r#"{"version":2,"kdf":{"name":"argon2id"},"cipher":{},"ciphertext":""}"#,
        r#"{"version":3,"kdf":{"name":"scrypt"},"cipher":{},"ciphertext":""}"#,
        r#"{"version":"1"}"#,
        r#"{"kdf":{}}"#,
        r#"[]"#,
        r#"null"#,
        "not json",
    ] {
        assert!(
            matches!(open(bad, PASSWORD), Err(Error::VaultFormat { .. })),
            "{bad}"
        );
    }
    let err = open(r#"{"version":3}"#, PASSWORD).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a valid vault: unsupported vault version 3"
    );
    // Unknown extra fields are rejected.
    let (json, _) = sample();
    let mut stored: Value = serde_json::from_str(&json).unwrap();
    stored["extra"] = json!(1);
    assert!(matches!(
        open(&stored.to_string(), PASSWORD),
        Err(Error::VaultFormat { .. })
    ));
    // Upper-case hex is not the stored spelling.
    let mut stored: Value = serde_json::from_str(&json).unwrap();
    stored["kdf"]["salt"] = json!(stored["kdf"]["salt"].as_str().unwrap().to_uppercase());
    assert!(matches!(
        open(&stored.to_string(), PASSWORD),
        Err(Error::VaultFormat { .. })
    ));
}

#[test]
fn absurd_parameters_fail_fast() {
    let (json, _) = sample();
    let mut stored: Value = serde_json::from_str(&json).unwrap();
    stored["kdf"]["logN"] = json!(40);
    let started = std::time::Instant::now();
    let err = open(&stored.to_string(), PASSWORD).unwrap_err();
    assert!(matches!(err, Error::VaultParams { .. }), "{err:?}");
    assert!(started.elapsed().as_millis() < 100);
    stored["kdf"]["logN"] = json!(18);
    stored["kdf"]["r"] = json!(16); // 512 MiB
    assert!(matches!(
        open(&stored.to_string(), PASSWORD),
        Err(Error::VaultParams { .. })
    ));
    stored["kdf"]["logN"] = json!(u64::MAX);
    assert!(matches!(
        open(&stored.to_string(), PASSWORD),
        Err(Error::VaultParams { .. })
    ));
    stored["kdf"]["logN"] = json!(-1);
    assert!(matches!(
        open(&stored.to_string(), PASSWORD),
        Err(Error::VaultFormat { .. })
    ));
}

#[test]
fn unlock_with_the_returned_key_and_reseal() {
    let c = contents();
    let (vault, key) = Vault::create(PASSWORD, &c, cheap(), &mut OsRng).unwrap();
    let (opened, key2) = vault.unlock(PASSWORD).unwrap();
    assert_eq!(opened, c);
    assert_eq!(key.to_hex().expose_secret(), key2.to_hex().expose_secret());
    let raw = alloy_primitives::hex::decode(key.to_hex().expose_secret()).unwrap();
    assert_eq!(vault.unlock_with_key(&raw).unwrap().0, c);
    let mut wrong = raw.clone();
    wrong[0] ^= 1;
    assert_eq!(
        vault.unlock_with_key(&wrong).unwrap_err(),
        Error::VaultDecrypt
    );
    assert!(matches!(
        vault.unlock_with_key(&raw[..31]),
        Err(Error::InvalidInput { .. })
    ));

    // Re-seal changed contents without the password: same salt and parameters, new nonce.
    let mut changed = c.clone();
    changed.hd[0]
        .accounts
        .push(HdAccount::standard(3, "Account 4"));
    let resealed = key.seal(&changed, &mut OsRng).unwrap();
    let a: Value = serde_json::from_str(&vault.to_json()).unwrap();
    let b: Value = serde_json::from_str(&resealed.to_json()).unwrap();
    assert_eq!(a["kdf"], b["kdf"]);
    assert_ne!(a["cipher"]["nonce"], b["cipher"]["nonce"]);
    assert_eq!(open(&resealed.to_json(), PASSWORD).unwrap(), changed);
    assert_eq!(resealed.unlock_with_key(&raw).unwrap().0, changed);
}

#[test]
fn change_password() {
    let (json, c) = sample();
    let vault = Vault::parse(&json).unwrap();
    assert_eq!(
        vault
            .change_password("nope", "new password", cheap(), &mut OsRng)
            .unwrap_err(),
        Error::VaultDecrypt
    );
    let new_params = ScryptParams::new(11, 2, 1).unwrap();
    let (changed, key) = vault
        .change_password(PASSWORD, "new password", new_params, &mut OsRng)
        .unwrap();
    assert_eq!(changed.params(), new_params);
    assert_eq!(open(&changed.to_json(), PASSWORD), Err(Error::VaultDecrypt));
    assert_eq!(open(&changed.to_json(), "new password").unwrap(), c);
    // The old session key no longer opens the new vault (new salt).
    let (_, old_key) = vault.unlock(PASSWORD).unwrap();
    let old_raw = alloy_primitives::hex::decode(old_key.to_hex().expose_secret()).unwrap();
    assert_eq!(
        changed.unlock_with_key(&old_raw).unwrap_err(),
        Error::VaultDecrypt
    );
    let new_raw = alloy_primitives::hex::decode(key.to_hex().expose_secret()).unwrap();
    assert_eq!(changed.unlock_with_key(&new_raw).unwrap().0, c);
}

#[test]
fn keyring_survives_the_vault() {
    let phrase = Phrase::parse(PHRASE).unwrap();
    let mut keyring = Keyring::new(&phrase, "").unwrap();
    keyring.add_account(Some("Second")).unwrap();
    let (vault, _) = Vault::create(PASSWORD, keyring.contents(), cheap(), &mut OsRng).unwrap();
    let (contents, _) = Vault::parse(&vault.to_json())
        .unwrap()
        .unlock(PASSWORD)
        .unwrap();
    let reopened = Keyring::from_contents(contents).unwrap();
    assert_eq!(reopened.accounts(), keyring.accounts());
}

/// At the default parameters (slow: about half a second optimised, seconds unoptimised).
#[test]
fn default_parameters_round_trip() {
    let c = contents();
    let (vault, _) = Vault::create(PASSWORD, &c, ScryptParams::DEFAULT, &mut OsRng).unwrap();
    let parsed = Vault::parse(&vault.to_json()).unwrap();
    assert_eq!(parsed.params(), ScryptParams::DEFAULT);
    assert_eq!(parsed.unlock(PASSWORD).unwrap().0, c);
}

const V1_FIXTURE: &str = include_str!("data/vault-v1.json");

/// A version-1 vault as the released wallet wrote it (`tests/data/vault-v1.json`): it opens,
/// is migrated to version-2 contents, and the next seal writes version 2.
#[test]
fn version_1_vaults_open_and_are_migrated() {
    let vault = Vault::parse(V1_FIXTURE.trim()).unwrap();
    assert_eq!(vault.version(), 1);
    // A parsed version-1 vault is written back unchanged (its ciphertext is bound to 1).
    assert_eq!(vault.to_json(), V1_FIXTURE.trim());
    let (migrated, key) = vault.unlock(PASSWORD).unwrap();
    assert_eq!(migrated, contents());
    let resealed = key.seal(&migrated, &mut OsRng).unwrap();
    assert_eq!(resealed.version(), 2);
    let stored: Value = serde_json::from_str(&resealed.to_json()).unwrap();
    assert_eq!(stored["version"], 2);
    assert_eq!(open(&resealed.to_json(), PASSWORD).unwrap(), migrated);
    // The accounts are the standard ones, with their names.
    let keyring = Keyring::from_contents(migrated).unwrap();
    let names: Vec<String> = keyring.accounts().into_iter().map(|a| a.name).collect();
    assert_eq!(names, ["Main", "Account 2", "Savings ✓", "Imported 1"]);
    let vectors = common::vectors("eth-hd.json");
    for (i, account) in keyring.accounts().iter().take(3).enumerate() {
        assert_eq!(
            wallet_core::to_checksum(&account.address),
            vectors["vectors"][i]["address"].as_str().unwrap()
        );
        assert_eq!(account.path().unwrap(), format!("m/44'/60'/0'/0/{i}"));
    }
}

/// The version is authenticated: relabelling a vault as the other version fails to decrypt.
#[test]
fn the_version_is_bound_to_the_ciphertext() {
    let mut v1: Value = serde_json::from_str(V1_FIXTURE).unwrap();
    v1["version"] = json!(2);
    assert_eq!(open(&v1.to_string(), PASSWORD), Err(Error::VaultDecrypt));
    let (json, _) = sample();
    let mut v2: Value = serde_json::from_str(&json).unwrap();
    v2["version"] = json!(1);
    assert_eq!(open(&v2.to_string(), PASSWORD), Err(Error::VaultDecrypt));
}

/// Builds a version-1 vault by hand from the documented format (scrypt, AES-256-GCM, the
/// version-1 associated data), to test migration of contents the fixture does not have.
fn seal_v1(plaintext: &str) -> String {
    use aes_gcm::aead::{AeadInPlace, KeyInit};
    let salt = [7u8; 32];
    let nonce = [9u8; 12];
    let mut key = [0u8; 32];
    wallet_core::vault::scrypt(PASSWORD.as_bytes(), &salt, 10, 1, 1, &mut key).unwrap();
    let aad = format!(
        "wallet-vault;version=1;kdf=scrypt;logN=10;r=1;p=1;salt={};cipher=aes-256-gcm",
        alloy_primitives::hex::encode(salt)
    );
    let mut buffer = plaintext.as_bytes().to_vec();
    aes_gcm::Aes256Gcm::new_from_slice(&key)
        .unwrap()
        .encrypt_in_place(
            aes_gcm::Nonce::from_slice(&nonce),
            aad.as_bytes(),
            &mut buffer,
        )
        .unwrap();
    json!({"version": 1,
        "kdf": {"name": "scrypt", "logN": 10, "r": 1, "p": 1, "salt": alloy_primitives::hex::encode(salt)},
        "cipher": {"name": "aes-256-gcm", "nonce": alloy_primitives::hex::encode(nonce)},
        "ciphertext": alloy_primitives::hex::encode(buffer)})
    .to_string()
}

#[test]
fn version_1_contents_are_checked_while_migrating() {
    // Unnamed accounts get their default names; a second phrase is "Phrase 2 account N".
    let plain = json!({"hd": [
        {"phrase": PHRASE, "passphrase": "", "accounts": 2},
        {"phrase": "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
         "passphrase": "x", "accounts": 1, "names": {"0": "Other"}}],
        "imported": []});
    let migrated = open(&seal_v1(&plain.to_string()), PASSWORD).unwrap();
    assert_eq!(
        migrated.hd[0].accounts,
        [
            HdAccount::standard(0, "Account 1"),
            HdAccount::standard(1, "Account 2")
        ]
    );
    assert_eq!(migrated.hd[1].accounts, [HdAccount::standard(0, "Other")]);
    // An absurd account count is refused before anything is allocated for it.
    let plain =
        json!({"hd": [{"phrase": PHRASE, "passphrase": "", "accounts": u32::MAX}], "imported": []});
    assert!(matches!(
        open(&seal_v1(&plain.to_string()), PASSWORD),
        Err(Error::VaultFormat { .. })
    ));
    // Version-2 contents inside a version-1 vault are not version-1 contents.
    let plain = serde_json::to_string(&contents()).unwrap();
    assert!(matches!(
        open(&seal_v1(&plain), PASSWORD),
        Err(Error::VaultFormat { .. })
    ));
}
