//! The decrypted plaintext of a MetaMask vault: its serialized keyrings, read into our types.
//!
//! MetaMask's KeyringController encrypts `[{type, data, metadata?}, ...]`. The types read
//! here: `"HD Key Tree"` (`data: {mnemonic, numberOfAccounts, hdPath}`) and
//! `"Simple Key Pair"` (`data: ["<hex key>", ...]`). Every other type (hardware wallets, QR,
//! snaps, custody) holds no key we can use and is reported by its type in
//! [`MetaMaskKeyrings::skipped`]. A keyring we cannot read never fails the whole vault: it is
//! skipped with the reason, and the rest is imported.

use crate::error::{Error, Result};
use crate::hd::DerivationPath;
use crate::keyring::{MAX_ACCOUNTS, MAX_IMPORTED, account_path, default_hd_name};
use crate::keys::PrivateKey;
use crate::phrase::{Language, Phrase};
use crate::vault::{HdAccount, HdSecret, ImportedSecret, VaultContents};
use serde_json::Value;
use std::collections::BTreeSet;
use zeroize::Zeroizing;

/// The parent path MetaMask uses when `hdPath` is absent (accounts are `hdPath/i`).
pub const DEFAULT_HD_PATH: &str = "m/44'/60'/0'/0";
/// Most keyrings read from one vault.
const MAX_KEYRINGS: usize = 1000;
/// Longest keyring type reported (longer ones are cut).
const MAX_TYPE_CHARS: usize = 64;

/// What a MetaMask vault holds, with every secret in a zeroizing, redacting type.
#[derive(Debug, Clone, Default)]
pub struct MetaMaskKeyrings {
    /// The `"HD Key Tree"` keyrings, in vault order (MetaMask's primary phrase first).
    pub hd: Vec<MetaMaskHd>,
    /// The keys of the `"Simple Key Pair"` keyrings (imported accounts), in vault order.
    pub imported: Vec<PrivateKey>,
    /// Keyrings (or keys) that were not imported, with why.
    pub skipped: Vec<SkippedKeyring>,
}

/// One HD keyring: its phrase, how many accounts MetaMask showed, and their parent path.
#[derive(Debug, Clone)]
pub struct MetaMaskHd {
    /// The secret phrase.
    pub phrase: Phrase,
    /// `numberOfAccounts` (accounts `path/0 .. path/accounts-1`).
    pub accounts: u32,
    /// `hdPath`: the parent of the accounts, `m/44'/60'/0'/0` unless MetaMask was told
    /// otherwise (canonical spelling).
    pub path: String,
}

impl MetaMaskHd {
    /// The path of account `index`: `hdPath/index`, as eth-hd-keyring derives it.
    pub fn account_path(&self, index: u32) -> String {
        format!("{}/{index}", self.path)
    }
}

/// A keyring (or a key of one) that was not imported. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedKeyring {
    /// The keyring's `type` as MetaMask wrote it (cut to 64 characters, control characters
    /// removed), e.g. `"Ledger Hardware"`.
    pub kind: String,
    /// Why it was skipped.
    pub reason: SkipReason,
}

/// Why a keyring was not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// A hardware wallet, QR, snap or other keyring: no key to import.
    NoKeys,
    /// An HD keyring whose mnemonic is in none of the forms MetaMask wrote.
    UnreadableMnemonic,
    /// An HD keyring whose phrase is not a valid English or Japanese BIP-39 phrase (old
    /// MetaMask accepted the other BIP-39 lists too).
    UnsupportedPhrase,
    /// An HD keyring whose `hdPath` or `numberOfAccounts` cannot be used.
    UnreadableAccounts,
    /// A private key that is not 32 bytes of hex in the secp256k1 range.
    InvalidKey,
    /// A keyring whose `data` is missing or not the shape its type has.
    UnreadableData,
    /// More keyrings or keys than this wallet holds.
    TooMany,
}

impl SkipReason {
    /// A stable code for the reason (for the bridge and `--json`).
    pub fn code(self) -> &'static str {
        match self {
            Self::NoKeys => "no-keys",
            Self::UnreadableMnemonic => "unreadable-mnemonic",
            Self::UnsupportedPhrase => "unsupported-phrase",
            Self::UnreadableAccounts => "unreadable-accounts",
            Self::InvalidKey => "invalid-key",
            Self::UnreadableData => "unreadable-data",
            Self::TooMany => "too-many",
        }
    }
}

impl MetaMaskKeyrings {
    /// Reads the decrypted plaintext (JSON).
    ///
    /// Only a plaintext that is not a JSON array of objects is an error
    /// ([`Error::VaultFormat`]); anything wrong inside one keyring skips that keyring.
    pub fn from_plaintext(plaintext: &[u8]) -> Result<Self> {
        let mut value: Value = serde_json::from_slice(plaintext).map_err(|_| {
            Error::vault_format("the vault decrypted, but its contents are not JSON")
        })?;
        let read = Self::from_value(&value);
        wipe(&mut value);
        read
    }

    fn from_value(value: &Value) -> Result<Self> {
        let list = value.as_array().ok_or_else(|| {
            Error::vault_format("the vault decrypted, but it does not hold a list of keyrings")
        })?;
        let mut out = Self::default();
        for (i, keyring) in list.iter().enumerate() {
            let kind = keyring
                .get("type")
                .and_then(Value::as_str)
                .map_or_else(|| "(no type)".to_owned(), clean_type);
            if i >= MAX_KEYRINGS {
                out.skip(kind, SkipReason::TooMany);
                continue;
            }
            let data = keyring.get("data");
            match kind.as_str() {
                "HD Key Tree" => match data.map(read_hd) {
                    Some(Ok(hd)) => out.hd.push(hd),
                    Some(Err(reason)) => out.skip(kind, reason),
                    None => out.skip(kind, SkipReason::UnreadableData),
                },
                "Simple Key Pair" => match data.and_then(Value::as_array) {
                    Some(keys) => {
                        for key in keys {
                            match key.as_str().map(PrivateKey::from_hex) {
                                Some(Ok(_)) if out.imported.len() >= MAX_IMPORTED => {
                                    out.skip(kind.clone(), SkipReason::TooMany);
                                }
                                Some(Ok(key)) => out.imported.push(key),
                                _ => out.skip(kind.clone(), SkipReason::InvalidKey),
                            }
                        }
                    }
                    None => out.skip(kind, SkipReason::UnreadableData),
                },
                _ => out.skip(kind, SkipReason::NoKeys),
            }
        }
        Ok(out)
    }

    fn skip(&mut self, kind: String, reason: SkipReason) {
        self.skipped.push(SkippedKeyring { kind, reason });
    }

    /// The same wallet as our vault's contents: every HD keyring with its accounts at
    /// `hdPath/i` (at least one), then the imported keys. An account or key that appears
    /// twice is kept once (the first time). Names follow this wallet's defaults.
    ///
    /// Errors: [`Error::InvalidInput`] when there is nothing to import (no HD keyring and
    /// no key).
    pub fn to_vault_contents(&self) -> Result<VaultContents> {
        if self.hd.is_empty() && self.imported.is_empty() {
            return Err(Error::InvalidInput {
                field: "vault",
                reason: "the MetaMask vault holds no phrase and no key this wallet can import",
            });
        }
        let mut seen = BTreeSet::new();
        let mut contents = VaultContents::default();
        for (p, hd) in self.hd.iter().enumerate() {
            let seed = hd.phrase.to_seed("");
            let master = crate::hd::ExtendedPrivateKey::from_seed(&seed)?;
            let parent = master.derive_path(&account_path(&hd.path)?)?;
            let mut accounts = Vec::new();
            for index in 0..hd.accounts.max(1) {
                let address = parent.child_key(index, false)?.address();
                if seen.insert(address) {
                    let position = u32::try_from(accounts.len())
                        .map_err(|_| Error::Internal("account count"))?;
                    accounts.push(HdAccount {
                        path: hd.account_path(index),
                        name: default_hd_name(p, position),
                        address: Some(crate::address::to_checksum(&address)),
                    });
                }
            }
            contents.hd.push(HdSecret {
                phrase: hd.phrase.to_secret_string(),
                passphrase: "".into(),
                accounts,
            });
        }
        for key in &self.imported {
            if seen.insert(key.address()) {
                let name = format!("Imported {}", contents.imported.len() + 1);
                contents.imported.push(ImportedSecret {
                    key: key.to_hex(),
                    name,
                });
            }
        }
        Ok(contents)
    }
}

fn read_hd(data: &Value) -> core::result::Result<MetaMaskHd, SkipReason> {
    let text = data
        .get("mnemonic")
        .and_then(mnemonic_text)
        .ok_or(SkipReason::UnreadableMnemonic)?;
    let phrase = Phrase::parse(&text).map_err(|_| SkipReason::UnsupportedPhrase)?;
    let accounts = match data.get("numberOfAccounts") {
        None | Some(Value::Null) => 0,
        Some(n) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n <= MAX_ACCOUNTS)
            .ok_or(SkipReason::UnreadableAccounts)?,
    };
    let path = match data.get("hdPath") {
        None | Some(Value::Null) => DEFAULT_HD_PATH.to_owned(),
        Some(p) => {
            let parsed: DerivationPath = p
                .as_str()
                .and_then(|p| p.parse().ok())
                .ok_or(SkipReason::UnreadableAccounts)?;
            // The parent plus one step must be a usable account path.
            parsed
                .child(0, false)
                .ok()
                .filter(|c| account_path(&c.to_string()).is_ok())
                .ok_or(SkipReason::UnreadableAccounts)?;
            parsed.to_string()
        }
    };
    Ok(MetaMaskHd {
        phrase,
        accounts,
        path,
    })
}

/// The mnemonic in each form MetaMask's eth-hd-keyring wrote:
/// - a string (before 4.0.0),
/// - an array of UTF-8 byte values (4.0.0 to 4.x, and again from 6.0.0),
/// - a Node `Buffer` as JSON, `{"type":"Buffer","data":[...]}` (a keyring whose mnemonic
///   was still a Buffer when it was serialized),
/// - a `Uint8Array` as JSON, `{"0":n,"1":n,...}` (5.0.x, deprecated): the bytes of a
///   `Uint16Array` of English word indices, little-endian.
///
/// The text is returned in a zeroizing buffer; it is validated by [`Phrase::parse`].
fn mnemonic_text(value: &Value) -> Option<Zeroizing<String>> {
    match value {
        Value::String(s) => Some(Zeroizing::new(s.clone())),
        Value::Array(items) => utf8_bytes(items),
        Value::Object(object) => {
            if object.get("type").and_then(Value::as_str) == Some("Buffer") {
                return utf8_bytes(object.get("data")?.as_array()?);
            }
            let mut bytes = Zeroizing::new(Vec::with_capacity(object.len()));
            for i in 0..object.len() {
                let byte = object.get(&i.to_string())?.as_u64()?;
                bytes.push(u8::try_from(byte).ok()?);
            }
            word_indices(&bytes)
                .or_else(|| String::from_utf8(bytes.to_vec()).ok().map(Zeroizing::new))
        }
        _ => None,
    }
}

fn utf8_bytes(items: &[Value]) -> Option<Zeroizing<String>> {
    let mut bytes = Zeroizing::new(Vec::with_capacity(items.len()));
    for item in items {
        bytes.push(u8::try_from(item.as_u64()?).ok()?);
    }
    String::from_utf8(bytes.to_vec()).ok().map(Zeroizing::new)
}

/// Little-endian 16-bit English word indices, as eth-hd-keyring 5.0.x stored them.
fn word_indices(bytes: &[u8]) -> Option<Zeroizing<String>> {
    if bytes.is_empty() || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let list = Language::English.word_list();
    let mut out = Zeroizing::new(String::with_capacity(bytes.len() * 4));
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        let index = u16::from_le_bytes([*pair.first()?, *pair.get(1)?]);
        let word = list.get(usize::from(index))?;
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    Some(out)
}

/// Overwrites every string and number of a parsed plaintext before it is dropped (the
/// mnemonic and the keys are in there, as text or as byte values).
fn wipe(value: &mut Value) {
    match value {
        Value::String(s) => zeroize::Zeroize::zeroize(s),
        Value::Number(n) => *n = 0.into(),
        Value::Array(items) => items.iter_mut().for_each(wipe),
        Value::Object(map) => map.values_mut().for_each(wipe),
        Value::Null | Value::Bool(_) => {}
    }
}

fn clean_type(kind: &str) -> String {
    kind.chars()
        .filter(|c| !c.is_control())
        .take(MAX_TYPE_CHARS)
        .collect()
}
