//! The unlocked wallet: accounts (against eth-hd.json), import, rename, signing by address.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{s, vectors};
use serde_json::json;
use wallet_core::typed_data::{TypedData, TypedDataVersion};
use wallet_core::{
    AccountKind, Error, Keyring, Phrase, PrivateKey, Transaction, parse_address, recover_personal,
    recover_typed_data, to_checksum,
};

const JUNK: &str = "test test test test test test test test test test test junk";

fn junk_accounts() -> Vec<(u32, String)> {
    vectors("eth-hd.json")["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| s(v, "mnemonic") == JUNK)
        .map(|v| {
            (
                u32::try_from(v["index"].as_u64().unwrap()).unwrap(),
                s(v, "address").to_owned(),
            )
        })
        .collect()
}

#[test]
fn accounts_match_the_vectors() {
    let expected = junk_accounts();
    assert_eq!(expected.len(), 10);
    let mut keyring = Keyring::new(&Phrase::parse(JUNK).unwrap(), "").unwrap();
    for (index, address) in &expected {
        assert_eq!(
            &to_checksum(&keyring.peek_address(*index).unwrap()),
            address
        );
    }
    for _ in 1..expected.len() {
        keyring.add_account(None).unwrap();
    }
    let accounts = keyring.accounts();
    assert_eq!(accounts.len(), 10);
    for (account, (index, address)) in accounts.iter().zip(&expected) {
        assert_eq!(&to_checksum(&account.address), address);
        assert_eq!(
            account.kind,
            AccountKind::Hd {
                phrase: 0,
                index: *index,
                path: format!("m/44'/60'/0'/0/{index}"),
            }
        );
        assert_eq!(account.path().unwrap(), format!("m/44'/60'/0'/0/{index}"));
        assert_eq!(account.name, format!("Account {}", index + 1));
    }
}

#[test]
fn import_rename_and_duplicates() {
    let expected = junk_accounts();
    let mut keyring = Keyring::new(&Phrase::parse(JUNK).unwrap(), "").unwrap();
    let key =
        PrivateKey::from_hex("0x4646464646464646464646464646464646464646464646464646464646464646")
            .unwrap();
    let info = keyring
        .import_private_key(key.clone(), Some("  Cold  "))
        .unwrap();
    assert_eq!(info.name, "Cold");
    assert_eq!(info.kind, AccountKind::Imported);
    assert_eq!(
        keyring.import_private_key(key.clone(), None).unwrap_err(),
        Error::DuplicateAccount
    );
    // Account 1 of the phrase, imported as a raw key, is a duplicate too.
    let hd_key = vectors("eth-hd.json")["vectors"][1]["privateKey"]
        .as_str()
        .unwrap()
        .to_owned();
    keyring.add_account(None).unwrap();
    assert_eq!(
        keyring
            .import_private_key(PrivateKey::from_hex(&hd_key).unwrap(), None)
            .unwrap_err(),
        Error::DuplicateAccount
    );
    // HD accounts stay before imported ones.
    let accounts = keyring.accounts();
    assert_eq!(to_checksum(&accounts[1].address), expected[1].1);
    assert_eq!(accounts[2].kind, AccountKind::Imported);

    keyring.rename_account(&key.address(), "Renamed").unwrap();
    keyring
        .rename_account(&accounts[0].address, "Main")
        .unwrap();
    assert!(matches!(
        keyring.rename_account(&key.address(), " "),
        Err(Error::InvalidInput { field: "name", .. })
    ));
    assert!(matches!(
        keyring.rename_account(&key.address(), &"x".repeat(65)),
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        keyring.rename_account(&key.address(), "a\u{0}b"),
        Err(Error::InvalidInput { .. })
    ));
    let stranger = parse_address("0x3535353535353535353535353535353535353535").unwrap();
    assert_eq!(
        keyring.rename_account(&stranger, "x").unwrap_err(),
        Error::UnknownAccount
    );

    // Names and keys survive a round trip through the contents.
    let reopened = Keyring::from_contents(keyring.contents().clone()).unwrap();
    let names: Vec<String> = reopened.accounts().into_iter().map(|a| a.name).collect();
    assert_eq!(names, ["Main", "Account 2", "Renamed"]);
}

#[test]
fn signing_by_address() {
    let mut keyring = Keyring::new(&Phrase::parse(JUNK).unwrap(), "").unwrap();
    let key =
        PrivateKey::from_hex("0x4646464646464646464646464646464646464646464646464646464646464646")
            .unwrap();
    keyring.import_private_key(key.clone(), None).unwrap();
    let account0 = keyring.accounts()[0].address;

    let sig = keyring.personal_sign(&account0, b"hello").unwrap();
    assert_eq!(recover_personal(b"hello", &sig).unwrap(), account0);
    let sig = keyring.personal_sign(&key.address(), b"hello").unwrap();
    assert_eq!(recover_personal(b"hello", &sig).unwrap(), key.address());

    let td = TypedData::from_value(vectors("eip712.json")["spec"]["typedData"].clone()).unwrap();
    let sig = keyring
        .sign_typed_data(&account0, &td, TypedDataVersion::V4)
        .unwrap();
    assert_eq!(
        recover_typed_data(&td, TypedDataVersion::V4, &sig).unwrap(),
        account0
    );

    let tx = Transaction::from_value(&json!({
        "chainId": 1, "nonce": "0x0", "gas": "0x5208", "gasPrice": "0x1",
        "to": "0x3535353535353535353535353535353535353535", "from": format!("{account0:#x}")
    }))
    .unwrap();
    assert!(keyring.sign_transaction(&account0, &tx).is_ok());
    assert!(matches!(
        keyring.sign_transaction(&key.address(), &tx),
        Err(Error::TxInvalid { .. })
    ));

    let stranger = parse_address("0x3535353535353535353535353535353535353535").unwrap();
    assert_eq!(
        keyring.personal_sign(&stranger, b"x").unwrap_err(),
        Error::UnknownAccount
    );
}

#[test]
fn passphrase_changes_the_accounts() {
    let phrase = Phrase::parse(JUNK).unwrap();
    let a = Keyring::new(&phrase, "").unwrap().accounts()[0].address;
    let b = Keyring::new(&phrase, "extra").unwrap().accounts()[0].address;
    assert_ne!(a, b);
}

#[test]
fn japanese_phrase_survives_the_contents() {
    let data = vectors("bip39-trezor.json");
    let v = data["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| s(v, "language") == "japanese")
        .unwrap();
    let phrase = Phrase::parse(s(v, "mnemonic")).unwrap();
    let keyring = Keyring::new(&phrase, "TREZOR").unwrap();
    let stored = keyring.contents().hd[0].phrase.expose_secret().to_owned();
    assert!(stored.contains('\u{3000}'));
    let reopened = Keyring::from_contents(keyring.contents().clone()).unwrap();
    assert_eq!(reopened.accounts(), keyring.accounts());
}

#[test]
fn accounts_on_other_paths() {
    use wallet_core::vault::{HdAccount, HdSecret, VaultContents};
    let phrase = Phrase::parse(JUNK).unwrap();
    let mut keyring = Keyring::new(&phrase, "").unwrap();
    // Ledger Live account 1 and a legacy (MEW) account, added by path.
    let live = keyring.add_account_at(0, "m/44'/60'/1'/0/0", None).unwrap();
    let legacy = keyring
        .add_account_at(0, "m/44h/60h/0h/5", Some("Old MEW"))
        .unwrap();
    assert_eq!(live.path().unwrap(), "m/44'/60'/1'/0/0");
    assert_eq!(legacy.path().unwrap(), "m/44'/60'/0'/5");
    assert_eq!(live.name, "Account 2");
    assert_eq!(
        keyring.peek_path(0, "m/44'/60'/1'/0/0").unwrap(),
        live.address
    );
    // The same path again, or the standard account 0 spelled another way, is a duplicate.
    assert_eq!(
        keyring
            .add_account_at(0, "m/44'/60'/1'/0/0", None)
            .unwrap_err(),
        Error::DuplicateAccount
    );
    assert_eq!(
        keyring
            .add_account_at(0, "m/44h/60h/0h/0/0", None)
            .unwrap_err(),
        Error::DuplicateAccount
    );
    // The next standard account continues the first account's parent.
    let next = keyring.add_account(None).unwrap();
    assert_eq!(next.path().unwrap(), "m/44'/60'/0'/0/1");
    assert_eq!(to_checksum(&next.address), junk_accounts()[1].1);
    // Paths survive the contents.
    let reopened = Keyring::from_contents(keyring.contents().clone()).unwrap();
    assert_eq!(reopened.accounts(), keyring.accounts());
    // Bad paths are refused.
    for bad in [
        "",
        "m",
        "44'/60'",
        "m/2147483648",
        &format!("m{}", "/0".repeat(11)),
    ] {
        assert!(
            matches!(
                keyring.add_account_at(0, bad, None),
                Err(Error::InvalidPath { .. })
            ),
            "{bad}"
        );
    }
    assert!(keyring.add_account_at(1, "m/0", None).is_err());

    // A wallet whose first account is on the legacy parent continues there.
    let contents = VaultContents {
        hd: vec![HdSecret {
            phrase: phrase.to_secret_string(),
            passphrase: "".into(),
            accounts: vec![HdAccount {
                path: "m/44'/60'/0'/0".into(),
                name: "Legacy".into(),
                address: None,
            }],
        }],
        imported: vec![],
    };
    let mut legacy_wallet = Keyring::from_contents(contents.clone()).unwrap();
    let added = legacy_wallet.add_account(None).unwrap();
    assert_eq!(added.path().unwrap(), "m/44'/60'/0'/1");
    // A stored path that does not parse makes the contents invalid.
    let mut broken = contents;
    broken.hd[0].accounts[0].path = "m/x".into();
    assert!(matches!(
        Keyring::from_contents(broken),
        Err(Error::VaultFormat { .. })
    ));
}

#[test]
fn add_contents_appends_what_is_new() {
    const ABANDON: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    let mut keyring = Keyring::new(&Phrase::parse(JUNK).unwrap(), "").unwrap();
    let other_key = PrivateKey::from_hex(&format!("0x{}", "46".repeat(32))).unwrap();
    let mut other = Keyring::new(&Phrase::parse(ABANDON).unwrap(), "").unwrap();
    other.add_account(None).unwrap();
    other.import_private_key(other_key.clone(), None).unwrap();
    let mut same_phrase = Keyring::new(&Phrase::parse(JUNK).unwrap(), "").unwrap();
    same_phrase.add_account(None).unwrap();
    let mut contents = same_phrase.contents().clone();
    contents.hd.extend(other.contents().hd.iter().cloned());
    contents.imported = other.contents().imported.clone();

    // The junk phrase gets its account 1; the abandon phrase comes second; the key last.
    assert_eq!(keyring.add_contents(&contents).unwrap(), 4);
    let accounts = keyring.accounts();
    let names: Vec<_> = accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Account 1",
            "Account 2",
            "Phrase 2 account 1",
            "Phrase 2 account 2",
            "Imported 1"
        ]
    );
    assert_eq!(to_checksum(&accounts[1].address), junk_accounts()[1].1);
    assert_eq!(
        to_checksum(&accounts[2].address),
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
    );
    assert_eq!(accounts[4].address, other_key.address());
    assert!(matches!(
        accounts[3].kind,
        AccountKind::Hd {
            phrase: 1,
            index: 1,
            ..
        }
    ));
    // Everything is already there: nothing changes.
    let before = keyring.contents().clone();
    assert_eq!(keyring.add_contents(&contents).unwrap(), 0);
    assert_eq!(keyring.contents(), &before);
}

/// A vault's HD accounts carry their addresses: reopening lists them without deriving, and each
/// key is derived and checked at its first use.
#[test]
fn reopened_accounts_are_listed_from_the_vault_and_derived_at_first_use() {
    let expected = junk_accounts();
    let mut keyring = Keyring::new(&Phrase::parse(JUNK).unwrap(), "").unwrap();
    for _ in 1..expected.len() {
        keyring.add_account(None).unwrap();
    }
    let contents = keyring.contents().clone();
    for (account, (_, address)) in contents.hd[0].accounts.iter().zip(&expected) {
        assert_eq!(account.address.as_deref(), Some(address.as_str()));
    }

    // Reopened: the same accounts; each signs as its address (derived now, at this use).
    let reopened = Keyring::from_contents(contents.clone()).unwrap();
    assert_eq!(reopened.accounts(), keyring.accounts());
    for (_, address) in &expected {
        let address = parse_address(address).unwrap();
        let sig = reopened.personal_sign(&address, b"hello").unwrap();
        assert_eq!(recover_personal(b"hello", &sig).unwrap(), address);
    }
    reopened.verify().unwrap();

    // The listed address is believed until the key is needed: an address that is not the
    // path's key opens (nothing was derived), and then signs nothing and fails `verify`.
    let stranger = "0x3535353535353535353535353535353535353535";
    let mut wrong = contents.clone();
    wrong.hd[0].accounts[3].address = Some(stranger.into());
    let opened = Keyring::from_contents(wrong).unwrap();
    assert_eq!(to_checksum(&opened.accounts()[3].address), stranger);
    let err = opened
        .personal_sign(&parse_address(stranger).unwrap(), b"x")
        .unwrap_err();
    assert!(matches!(err, Error::VaultFormat { .. }), "{err:?}");
    assert!(matches!(opened.verify(), Err(Error::VaultFormat { .. })));
    // The other accounts still sign.
    let first = parse_address(&expected[0].1).unwrap();
    assert!(opened.personal_sign(&first, b"x").is_ok());

    // An address that is not one is refused at opening.
    let mut garbled = contents.clone();
    garbled.hd[0].accounts[1].address = Some("0x12".into());
    assert!(matches!(
        Keyring::from_contents(garbled),
        Err(Error::VaultFormat { .. })
    ));

    // Two accounts listed under one address are refused as before.
    let mut twice = contents;
    twice.hd[0].accounts[2].address = Some(expected[0].1.clone());
    assert!(matches!(
        Keyring::from_contents(twice),
        Err(Error::VaultFormat { .. })
    ));
}

/// Contents without addresses (vaults written before, or another wallet's) are derived at
/// opening, and the addresses join the contents for the next seal.
#[test]
fn contents_without_addresses_are_derived_and_get_them() {
    let expected = junk_accounts();
    let mut keyring = Keyring::new(&Phrase::parse(JUNK).unwrap(), "").unwrap();
    keyring.add_account(None).unwrap();
    keyring.add_account_at(0, "m/44'/60'/1'/0/0", None).unwrap();
    let mut old = keyring.contents().clone();
    for account in &mut old.hd[0].accounts {
        account.address = None;
    }
    let json = serde_json::to_value(&old).unwrap();
    assert!(json["hd"][0]["accounts"][0].get("address").is_none());

    let reopened = Keyring::from_contents(old).unwrap();
    assert_eq!(reopened.accounts(), keyring.accounts());
    let stored = &reopened.contents().hd[0].accounts;
    assert_eq!(stored[0].address.as_deref(), Some(expected[0].1.as_str()));
    assert_eq!(stored[1].address.as_deref(), Some(expected[1].1.as_str()));
    assert_eq!(
        stored[2].address.as_deref(),
        Some(to_checksum(&reopened.peek_path(0, "m/44'/60'/1'/0/0").unwrap()).as_str())
    );
    assert_eq!(reopened.contents(), keyring.contents());

    // Opened again from those contents, the account off the standard parent is derived at its
    // first signature from its own path.
    let lazy = Keyring::from_contents(reopened.contents().clone()).unwrap();
    let live = parse_address(stored[2].address.as_deref().unwrap()).unwrap();
    let sig = lazy.personal_sign(&live, b"hello").unwrap();
    assert_eq!(recover_personal(b"hello", &sig).unwrap(), live);
}
