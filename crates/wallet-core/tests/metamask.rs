//! MetaMask vaults written by MetaMask's own library (`tests/vectors/metamask/vaults.json`),
//! with the accounts ethers computes: decrypt, read every mnemonic form, import into our
//! contents; wrong passwords and tampering are one opaque error; bounds hold before work.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{s, vectors};
use serde_json::{Value, json};
use wallet_core::metamask::{MetaMaskVault, SkipReason, find_vault_candidates};
use wallet_core::{Error, Keyring, to_checksum};

fn cases() -> Vec<Value> {
    vectors("metamask/vaults.json")["vaults"]
        .as_array()
        .unwrap()
        .clone()
}

fn case(name: &str) -> Value {
    cases().into_iter().find(|c| c["name"] == name).unwrap()
}

#[test]
fn every_vector_decrypts_to_the_expected_accounts() {
    let cases = cases();
    assert_eq!(cases.len(), 8);
    for c in &cases {
        let name = s(c, "name");
        let vault = MetaMaskVault::parse(s(c, "vault")).unwrap();
        assert_eq!(
            u64::from(vault.iterations()),
            c["iterations"].as_u64().unwrap(),
            "{name}"
        );
        let keyrings = vault.decrypt(s(c, "password")).unwrap();
        let expected = &c["expected"];
        let hd = expected["hd"].as_array().unwrap();
        assert_eq!(keyrings.hd.len(), hd.len(), "{name}");
        for (got, want) in keyrings.hd.iter().zip(hd) {
            assert_eq!(
                got.phrase
                    .to_secret_string()
                    .expose_secret()
                    .replace('\u{3000}', " "),
                s(want, "phrase"),
                "{name}"
            );
            assert_eq!(got.path, s(want, "hdPath"), "{name}");
            assert_eq!(
                got.accounts as usize,
                want["accounts"].as_array().unwrap().len()
            );
        }
        let no_keys: Vec<&str> = keyrings
            .skipped
            .iter()
            .filter(|k| matches!(k.reason, SkipReason::NoKeys | SkipReason::UnreadableData))
            .map(|k| k.kind.as_str())
            .collect();
        let want_skipped: Vec<&str> = expected["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(no_keys, want_skipped, "{name}");

        // Into our vault's contents, then our keyring: the same addresses at the same paths.
        let contents = keyrings.to_vault_contents().unwrap();
        let keyring = Keyring::from_contents(contents).unwrap();
        let accounts = keyring.accounts();
        let mut want_accounts: Vec<(Option<String>, String)> = Vec::new();
        for ring in hd {
            for a in ring["accounts"].as_array().unwrap() {
                want_accounts.push((Some(s(a, "path").to_owned()), s(a, "address").to_owned()));
            }
        }
        for a in expected["imported"].as_array().unwrap() {
            want_accounts.push((None, a.as_str().unwrap().to_owned()));
        }
        // An imported key that is also an HD account is kept once (the HD account).
        let mut seen = std::collections::BTreeSet::new();
        want_accounts.retain(|(_, address)| seen.insert(address.clone()));
        let got: Vec<(Option<String>, String)> = accounts
            .iter()
            .map(|a| (a.path(), to_checksum(&a.address)))
            .collect();
        assert_eq!(got, want_accounts, "{name}");
    }
}

/// vault-decryptor issue #20: with the right password it reported "Problem decoding vault"
/// for vaults whose keyrings it did not expect. Here they are skipped, the rest imported.
#[test]
fn unexpected_keyrings_are_skipped_not_fatal() {
    let c = case("keyrings-without-data");
    let keyrings = MetaMaskVault::parse(s(&c, "vault"))
        .unwrap()
        .decrypt(s(&c, "password"))
        .unwrap();
    let skipped: Vec<(&str, SkipReason)> = keyrings
        .skipped
        .iter()
        .map(|k| (k.kind.as_str(), k.reason))
        .collect();
    assert_eq!(
        skipped,
        [
            ("Trezor Hardware", SkipReason::NoKeys),
            ("Custody - JSONRPC", SkipReason::NoKeys),
            ("QR Hardware Wallet Device", SkipReason::NoKeys),
            ("Snap Keyring", SkipReason::NoKeys),
            ("Simple Key Pair", SkipReason::InvalidKey),
        ]
    );
    assert_eq!(keyrings.hd.len(), 1);
    assert_eq!(keyrings.imported.len(), 1);
}

#[test]
fn wrong_password_and_tampering_are_one_opaque_error() {
    let c = case("legacy-10k-string");
    let vault = MetaMaskVault::parse(s(&c, "vault")).unwrap();
    assert_eq!(vault.decrypt("wrong").unwrap_err(), Error::VaultDecrypt);
    assert_eq!(vault.decrypt("").unwrap_err(), Error::VaultDecrypt);
    let stored: Value = serde_json::from_str(s(&c, "vault")).unwrap();
    for field in ["data", "iv", "salt"] {
        let text = stored[field].as_str().unwrap();
        // Change one base64 digit (first, middle, last before any padding).
        let digits = text.trim_end_matches('=').len();
        for at in [0, digits / 2, digits - 2] {
            let mut chars: Vec<char> = text.chars().collect();
            chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
            let mut tampered = stored.clone();
            tampered[field] = json!(chars.into_iter().collect::<String>());
            let result = MetaMaskVault::parse(&tampered.to_string())
                .and_then(|v| v.decrypt(s(&c, "password")));
            assert_eq!(result.unwrap_err(), Error::VaultDecrypt, "{field} at {at}");
        }
    }
    // Iterations are part of the key: another in-range count is a wrong key, not an oracle.
    let mut tampered = stored.clone();
    tampered["keyMetadata"] = json!({"algorithm": "PBKDF2", "params": {"iterations": 10001}});
    let result = MetaMaskVault::parse(&tampered.to_string())
        .unwrap()
        .decrypt(s(&c, "password"));
    assert_eq!(result.unwrap_err(), Error::VaultDecrypt);
    assert_eq!(
        Error::VaultDecrypt.to_string(),
        "cannot decrypt the vault: wrong password or damaged vault"
    );
}

#[test]
fn shapes_and_bounds_are_checked_before_any_work() {
    let c = case("legacy-10k-string");
    let stored: Value = serde_json::from_str(s(&c, "vault")).unwrap();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = stored.clone();
        f(&mut v);
        MetaMaskVault::parse(&v.to_string())
    };
    let started = std::time::Instant::now();
    for iterations in [json!(0), json!(999), json!(5_000_001), json!(u64::MAX)] {
        let err = with(&|v| {
            v["keyMetadata"] = json!({"algorithm": "PBKDF2", "params": {"iterations": iterations}});
        })
        .unwrap_err();
        assert!(
            matches!(err, Error::VaultParams { .. }),
            "{iterations}: {err:?}"
        );
    }
    assert!(started.elapsed().as_millis() < 100);
    for bad in [json!(-1), json!(1.5), json!("600000"), json!(null)] {
        let err = with(&|v| {
            v["keyMetadata"] = json!({"algorithm": "PBKDF2", "params": {"iterations": bad}});
        })
        .unwrap_err();
        assert!(matches!(err, Error::VaultFormat { .. }), "{bad}");
    }
    let err = with(&|v| {
        v["keyMetadata"] = json!({"algorithm": "argon2", "params": {"iterations": 10000}});
    })
    .unwrap_err();
    assert!(matches!(err, Error::VaultFormat { .. }));
    for field in ["data", "iv", "salt"] {
        assert!(matches!(
            with(&|v| {
                v.as_object_mut().unwrap().remove(field);
            }),
            Err(Error::VaultFormat { .. })
        ));
        assert!(matches!(
            with(&|v| v[field] = json!("not base64!")),
            Err(Error::VaultFormat { .. })
        ));
        assert!(matches!(
            with(&|v| v[field] = json!(12)),
            Err(Error::VaultFormat { .. })
        ));
    }
    // A 12-byte IV is not what browser-passworder writes.
    assert!(matches!(
        with(&|v| v["iv"] = json!("AAAAAAAAAAAAAAAA")),
        Err(Error::VaultFormat { .. })
    ));
    for bad in ["", "[]", "null", "\"x\"", "{", &"a".repeat(5 * 1024 * 1024)] {
        assert!(matches!(
            MetaMaskVault::parse(bad),
            Err(Error::VaultFormat { .. })
        ));
    }
    // The vault as MetaMask stores it (a JSON string holding the JSON) parses too.
    let quoted = serde_json::to_string(s(&c, "vault")).unwrap();
    assert_eq!(
        MetaMaskVault::parse(&quoted).unwrap(),
        MetaMaskVault::parse(s(&c, "vault")).unwrap()
    );
}

#[test]
fn a_derived_key_opens_every_vault_with_its_salt() {
    let c = case("legacy-10k-string");
    let vault = MetaMaskVault::parse(s(&c, "vault")).unwrap();
    let key = vault.derive_key(s(&c, "password"));
    assert!(vault.key_fits(&key));
    assert_eq!(vault.decrypt_with_key(&key).unwrap().hd.len(), 1);
    let other = MetaMaskVault::parse(s(&case("legacy-hdpath"), "vault")).unwrap();
    assert!(!other.key_fits(&key));
    assert_eq!(
        other.decrypt_with_key(&key).unwrap_err(),
        Error::VaultDecrypt
    );
    // The canonical JSON round-trips.
    assert_eq!(MetaMaskVault::parse(&vault.to_json()).unwrap(), vault);
}

#[test]
fn nothing_secret_in_debug() {
    for c in cases() {
        let keyrings = MetaMaskVault::parse(s(&c, "vault"))
            .unwrap()
            .decrypt(s(&c, "password"))
            .unwrap();
        let debug = format!("{keyrings:?} {:?}", keyrings.to_vault_contents());
        for ring in c["expected"]["hd"].as_array().unwrap() {
            let phrase = s(ring, "phrase");
            let word = phrase.split(' ').nth(3).unwrap();
            assert!(!debug.contains(word), "{}: {debug}", s(&c, "name"));
        }
        for key in ["4646464646", "ac0974bec39a"] {
            assert!(!debug.contains(key));
        }
    }
    let vault = MetaMaskVault::parse(s(&case("legacy-10k-string"), "vault")).unwrap();
    let key = vault.derive_key("correct horse battery staple");
    assert!(format!("{key:?}").contains("[REDACTED]"));
}

#[test]
fn found_in_a_state_file() {
    // MetaMask's state as chrome.storage.local holds it: the vault is a JSON string in it.
    let c = case("legacy-hdpath");
    let state = json!({"data": {"KeyringController": {"vault": s(&c, "vault")}, "Other": {"x": [1, 2]}},
        "meta": {"version": 150}});
    let text = state.to_string();
    // And the same once more quoted (a state copied as a JSON string).
    let quoted = serde_json::to_string(&text).unwrap();
    let found = find_vault_candidates(&[
        text.as_bytes(),
        quoted.as_bytes(),
        s(&c, "vault").as_bytes(),
    ]);
    assert_eq!(found.len(), 1);
    let escaping: Vec<(usize, u8)> = found[0]
        .sources
        .iter()
        .map(|s| (s.file, s.escaping))
        .collect();
    assert_eq!(escaping, [(0, 1), (1, 2), (2, 0)]);
    assert_eq!(
        found[0].vault.decrypt(s(&c, "password")).unwrap().hd[0].path,
        "m/44'/60'/0'"
    );
}

#[test]
fn nothing_to_import_is_an_input_error() {
    let keyrings = wallet_core::metamask::MetaMaskKeyrings::from_plaintext(
        br#"[{"type":"Ledger Hardware","data":{}}]"#,
    )
    .unwrap();
    assert!(matches!(
        keyrings.to_vault_contents(),
        Err(Error::InvalidInput { .. })
    ));
    for bad in [&b"{}"[..], b"not json", b"\"x\""] {
        assert!(matches!(
            wallet_core::metamask::MetaMaskKeyrings::from_plaintext(bad),
            Err(Error::VaultFormat { .. })
        ));
    }
}
