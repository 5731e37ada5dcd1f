//! The body of each fuzz target: parse outside input and check what must hold. A panic here
//! is a finding. Shared source: `fuzz_targets/*.rs` call these, and
//! `tests/fuzz_regressions.rs` replays the saved inputs through the same functions.

use super::inputs::{self, Input, any_json};
use super::oracle;
use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use arbitrary::{Result as ArbitraryResult, Unstructured};
use serde_json::{Value, json};
use wallet_core::hd::{ParsedExtendedKey, parse_extended_key};
use wallet_core::metamask::{MetaMaskKeyrings, MetaMaskVault, find_vault_candidates, leveldb};
use wallet_core::typed_data::{TypedData, TypedDataVersion};
use wallet_core::vault::Vault;
use wallet_core::{Error, Language, Phrase, Signature, Transaction};

/// The key the `vault` target opens every vault with (no scrypt in the loop).
pub const VAULT_KEY: [u8; 32] = [7; 32];

/// `Vault::parse`, then `unlock_with_key` with [`VAULT_KEY`]. Generated inputs are encrypted
/// with that key, so the decrypted contents' parser is reached too.
pub fn vault(data: &[u8]) {
    let Some(input) = inputs::input(data, vault_json) else {
        return;
    };
    let text = match input {
        Input::Text(text) => text,
        Input::Json(value) => value.to_string(),
    };
    let Ok(parsed) = Vault::parse(&text) else {
        return;
    };
    // What was accepted writes back to a form that parses to the same vault.
    let again = Vault::parse(&parsed.to_json());
    assert_eq!(again.as_ref().ok(), Some(&parsed), "vault round trip");
    match parsed.unlock_with_key(&VAULT_KEY) {
        Ok((contents, _key)) => {
            // Debug never shows a secret: it reads the same with every secret replaced.
            let mut blanked = contents.clone();
            for hd in &mut blanked.hd {
                hd.phrase = "x".into();
                hd.passphrase = "x".into();
            }
            for imported in &mut blanked.imported {
                imported.key = "x".into();
            }
            assert_eq!(
                format!("{contents:?}"),
                format!("{blanked:?}"),
                "Debug shows a secret"
            );
        }
        Err(Error::VaultDecrypt | Error::VaultFormat { .. }) => {}
        Err(other) => panic!("unexpected vault error {other:?}"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A stored vault whose ciphertext is contents (mostly shaped like `VaultContents`)
/// encrypted with [`VAULT_KEY`] under the right associated data; a field is sometimes odd.
fn vault_json(u: &mut Unstructured) -> ArbitraryResult<Value> {
    let log_n: u64 = if u.ratio(1, 10)? {
        u.arbitrary()?
    } else {
        u.int_in_range(10..=20)?
    };
    let r: u64 = if u.ratio(1, 10)? {
        u.arbitrary()?
    } else {
        u.int_in_range(1..=16)?
    };
    let p: u64 = if u.ratio(1, 10)? {
        u.arbitrary()?
    } else {
        u.int_in_range(1..=4)?
    };
    let salt: [u8; 32] = u.arbitrary()?;
    let nonce: [u8; 12] = u.arbitrary()?;
    let contents = if u.ratio(1, 8)? {
        any_json(u, 3)?
    } else {
        let hd: Vec<Value> = (0..u.int_in_range(0..=2)?)
            .map(|_| -> ArbitraryResult<Value> {
                let mut names = serde_json::Map::new();
                for _ in 0..u.int_in_range(0..=2)? {
                    names.insert(u.arbitrary::<u32>()?.to_string(), json!(u.arbitrary::<String>()?));
                }
                Ok(json!({
                    "phrase": u.arbitrary::<String>()?,
                    "passphrase": u.arbitrary::<String>()?,
                    "accounts": if u.ratio(1, 8)? { any_json(u, 1)? } else { json!(u.arbitrary::<u32>()?) },
                    "names": names,
                }))
            })
            .collect::<ArbitraryResult<_>>()?;
        let imported: Vec<Value> = (0..u.int_in_range(0..=2)?)
            .map(|_| -> ArbitraryResult<Value> {
                Ok(json!({"key": format!("0x{}", hex(&u.arbitrary::<[u8; 32]>()?)), "name": u.arbitrary::<String>()?}))
            })
            .collect::<ArbitraryResult<_>>()?;
        let mut value = json!({"hd": hd, "imported": imported});
        if u.ratio(1, 10)?
            && let Some(map) = value.as_object_mut()
        {
            map.insert("extra".into(), any_json(u, 1)?);
        }
        value
    };
    let mut plaintext = contents.to_string().into_bytes();
    let aad = format!(
        "wallet-vault;version=1;kdf=scrypt;logN={log_n};r={r};p={p};salt={};cipher=aes-256-gcm",
        hex(&salt)
    );
    let cipher =
        Aes256Gcm::new_from_slice(&VAULT_KEY).map_err(|_| arbitrary::Error::IncorrectFormat)?;
    cipher
        .encrypt_in_place(Nonce::from_slice(&nonce), aad.as_bytes(), &mut plaintext)
        .map_err(|_| arbitrary::Error::IncorrectFormat)?;
    let mut stored = json!({
        "version": 1,
        "kdf": {"name": "scrypt", "logN": log_n, "r": r, "p": p, "salt": hex(&salt)},
        "cipher": {"name": "aes-256-gcm", "nonce": hex(&nonce)},
        "ciphertext": hex(&plaintext),
    });
    if u.ratio(1, 10)? {
        let field = u.choose(&["version", "kdf", "cipher", "ciphertext", "other"])?;
        if let Some(map) = stored.as_object_mut() {
            map.insert((*field).to_owned(), any_json(u, 2)?);
        }
    }
    Ok(stored)
}

/// `Transaction::from_json` / `from_value`; an accepted transaction encodes.
pub fn tx_json(data: &[u8]) {
    let Some(input) = inputs::input(data, inputs::transaction) else {
        return;
    };
    let tx = match &input {
        Input::Text(text) => Transaction::from_json(text),
        Input::Json(value) => {
            let from_value = Transaction::from_value(value);
            let from_text = Transaction::from_json(&value.to_string());
            assert_eq!(from_value, from_text, "from_value and from_json disagree");
            from_value
        }
    };
    let Ok(tx) = tx else {
        return;
    };
    let payload = tx.signing_payload();
    assert!(!payload.is_empty());
    let signature = Signature::new([0x11; 32].into(), [0x22; 32].into(), true);
    // Only a legacy chain id too large for EIP-155's v may fail here.
    if let Err(error) = tx.encode_signed(&signature) {
        assert!(
            matches!(&error, Error::TxInvalid { field, .. } if field == "chainId"),
            "{error:?}"
        );
    }
}

/// `TypedData::from_json` / `from_value`, then `prepare` and `signing_hash`, checked against
/// each other and against the independent oracle.
pub fn typed_data(data: &[u8], version: TypedDataVersion) {
    let Some(input) = inputs::input(data, inputs::typed_data) else {
        return;
    };
    let (parsed, doc) = match input {
        Input::Text(text) => {
            let parsed = TypedData::from_json(&text);
            let doc = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| oracle::document(&v));
            (parsed, doc)
        }
        Input::Json(value) => {
            let doc = oracle::document(&value);
            // The same as text. (Not compared as `TypedData`: a float need not survive the
            // trip through text exactly, and floats are never hashed.)
            let from_text = TypedData::from_json(&value.to_string());
            let parsed = TypedData::from_value(value);
            let prepare =
                |td: &Result<TypedData, Error>| td.as_ref().ok().map(|td| td.prepare(version).ok());
            assert_eq!(
                prepare(&parsed),
                prepare(&from_text),
                "from_value and from_json disagree"
            );
            (parsed, doc)
        }
    };
    let Ok(td) = parsed else {
        return;
    };
    let prepared = td.prepare(version);
    let hash = td.signing_hash(version);
    match (&prepared, &hash) {
        (Ok(prepared), Ok(hash)) => {
            assert_eq!(
                prepared.digest,
                format!("{hash:#x}"),
                "digest != signing_hash"
            );
            assert_eq!(prepared.version, version);
            let from_tree = oracle::digest_from_tree(&td, prepared);
            assert_eq!(
                from_tree.as_ref().ok(),
                Some(hash),
                "tree digest: {from_tree:?}"
            );
            if let Some(doc) = &doc {
                let coverage = oracle::check_coverage(doc, prepared);
                assert!(coverage.is_ok(), "{coverage:?}");
            }
            assert!(serde_json::to_string(prepared).is_ok());
        }
        (Ok(_), Err(error)) => panic!("prepare succeeds but signing_hash fails: {error}"),
        (Err(Error::TypedDataInvalid { reason }), Ok(_)) => {
            // Only prepare's own rule on the domain's types.
            assert!(reason.starts_with("`EIP712Domain."), "{reason}");
        }
        (Err(a), Err(b)) => {
            if !matches!(a, Error::TypedDataInvalid { reason } if reason.starts_with("`EIP712Domain."))
            {
                assert_eq!(a, b, "prepare and signing_hash fail differently");
            }
        }
        (Err(other), Ok(_)) => panic!("unexpected error {other:?}"),
    }
    if let Err(error) = &prepared {
        assert_eq!(error.code(), "TYPED_DATA_INVALID", "{error:?}");
    }
}

/// `Phrase::parse`; an accepted phrase reads back the same.
pub fn phrase(data: &[u8]) {
    let Some(input) = inputs::input(data, phrase_text) else {
        return;
    };
    let text = match input {
        Input::Text(text) => text,
        Input::Json(Value::String(text)) => text,
        Input::Json(_) => return,
    };
    match Phrase::parse(&text) {
        Ok(phrase) => {
            let again = Phrase::parse(phrase.to_secret_string().expose_secret());
            let again = again.as_ref().ok();
            assert_eq!(again.map(Phrase::language), Some(phrase.language()));
            assert_eq!(again.map(Phrase::word_count), Some(phrase.word_count()));
        }
        Err(Error::PhraseUnknownWord {
            position,
            suggestions,
            ..
        }) => {
            assert!(position >= 1);
            assert!(suggestions.len() <= 3);
        }
        Err(Error::PhraseWordCount { .. } | Error::PhraseChecksum) => {}
        Err(other) => panic!("unexpected phrase error {other:?}"),
    }
}

/// Words of a list, mostly: the right counts, odd spacing and case, a mistyped word.
fn phrase_text(u: &mut Unstructured) -> ArbitraryResult<Value> {
    let language = if u.ratio(1, 3)? {
        Language::Japanese
    } else {
        Language::English
    };
    let list = language.word_list();
    let count = if u.ratio(1, 6)? {
        u.int_in_range(0..=30)?
    } else {
        *u.choose(&[12usize, 15, 18, 21, 24])?
    };
    let mut text = String::new();
    for i in 0..count {
        if i > 0 {
            text.push_str(u.choose(&[" ", " ", "\u{3000}", "  ", "\t", "\n", " \u{3000} "])?);
        }
        let index = u.int_in_range(0..=2047usize)?;
        let mut word = list.get(index).copied().unwrap_or("abandon").to_owned();
        match u.int_in_range(0..=30)? {
            0 => word = word.to_uppercase(),
            1 => {
                word.pop();
            }
            2 => word.push(u.arbitrary()?),
            3 => word = u.arbitrary()?,
            _ => {}
        }
        text.push_str(&word);
    }
    Ok(Value::String(text))
}

/// `parse_extended_key`; an accepted key serializes back to the same text.
pub fn extended_key(data: &[u8]) {
    let Some(input) = inputs::input(data, extended_key_text) else {
        return;
    };
    let text = match input {
        Input::Text(text) => text,
        Input::Json(Value::String(text)) => text,
        Input::Json(_) => return,
    };
    match parse_extended_key(&text) {
        Ok(ParsedExtendedKey::Private(key)) => {
            assert_eq!(key.to_xprv().expose_secret(), text, "xprv round trip");
            let public = key.to_xpub();
            assert!(matches!(
                parse_extended_key(&public),
                Ok(ParsedExtendedKey::Public(_))
            ));
        }
        Ok(ParsedExtendedKey::Public(key)) => {
            assert_eq!(key.to_string(), text, "xpub round trip");
        }
        Ok(_) => {}
        Err(error) => assert_eq!(error.code(), "KEY_INVALID", "{error:?}"),
    }
}

/// Base58Check of 78 bytes: an xprv or xpub version, depth, parent, index, chain code, key
/// data (mostly of the right form); sometimes another length or a bad checksum.
fn extended_key_text(u: &mut Unstructured) -> ArbitraryResult<Value> {
    let mut payload: Vec<u8> = Vec::with_capacity(78);
    let version: [u8; 4] = match u.int_in_range(0..=4)? {
        0 | 1 => [0x04, 0x88, 0xad, 0xe4],
        2 | 3 => [0x04, 0x88, 0xb2, 0x1e],
        _ => u.arbitrary()?,
    };
    payload.extend_from_slice(&version);
    let depth: u8 = if u.ratio(1, 2)? { 0 } else { u.arbitrary()? };
    payload.push(depth);
    let parent: [u8; 4] = if depth == 0 && u.ratio(3, 4)? {
        [0; 4]
    } else {
        u.arbitrary()?
    };
    payload.extend_from_slice(&parent);
    let index: [u8; 4] = if depth == 0 && u.ratio(3, 4)? {
        [0; 4]
    } else {
        u.arbitrary()?
    };
    payload.extend_from_slice(&index);
    payload.extend_from_slice(&u.arbitrary::<[u8; 32]>()?);
    let lead: u8 = match u.int_in_range(0..=4)? {
        0 | 1 => 0,
        2 => 2,
        3 => 3,
        _ => u.arbitrary()?,
    };
    payload.push(lead);
    payload.extend_from_slice(&u.arbitrary::<[u8; 32]>()?);
    if u.ratio(1, 10)? {
        payload.truncate(u.int_in_range(0..=78)?);
    }
    let mut text = bs58::encode(&payload).with_check().into_string();
    if u.ratio(1, 10)? {
        text.push(*u.choose(&['1', 'z', 'x', '0'])?);
    }
    Ok(Value::String(text))
}

/// MetaMask: the bytes as one file the person gave (pasted text, a LevelDB `.log` or `.ldb`)
/// through `find_vault_candidates` and the LevelDB readers, and as a decrypted vault's
/// plaintext through the keyrings' parser (no PBKDF2 in the loop).
pub fn metamask(data: &[u8]) {
    for candidate in find_vault_candidates(&[data]) {
        // Every candidate writes back to a vault that parses equal, and says where it was.
        let again = MetaMaskVault::parse(&candidate.vault.to_json());
        assert_eq!(
            again.as_ref().ok(),
            Some(&candidate.vault),
            "metamask round trip"
        );
        assert!(!candidate.sources.is_empty(), "a candidate from nowhere");
    }
    let log = leveldb::read_log(data);
    assert!(
        log.entries.len() <= data.len(),
        "more log entries than bytes"
    );
    if leveldb::is_table(data) {
        let _ = leveldb::read_table(data);
    }
    match MetaMaskKeyrings::from_plaintext(data) {
        Ok(_) | Err(Error::VaultFormat { .. }) => {}
        Err(other) => panic!("unexpected keyrings error {other:?}"),
    }
}
