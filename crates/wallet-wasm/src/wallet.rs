//! `class Wallet`: secrets stay inside; only what a flow needs crosses to JavaScript.
//!
//! Secret arguments (passwords, phrase, passphrase, keys) are taken as owned `String`s so
//! that the copy wasm-bindgen makes in linear memory is zeroized here instead of being freed
//! as is. Secret results (a generated or revealed phrase, the session key) are copied out by
//! the glue, which frees that buffer without wiping it: the JS side holds them anyway.

use crate::error::{BridgeError, Result};
use crate::{JsRng, decode_hex, to_js};
use serde::Serialize;
use tsify::Tsify;
use wallet_core::metamask::{MetaMaskKey, MetaMaskKeyrings, find_vault_candidates};
use wallet_core::typed_data::{TypedData, TypedDataVersion};
use wallet_core::vault::{ScryptParams, Vault, VaultKey};
use wallet_core::{
    AccountKind as CoreAccountKind, Keyring, Phrase, PrivateKey, Transaction, parse_address,
    to_checksum,
};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

pub(crate) struct Unlocked {
    pub(crate) keyring: Keyring,
    key: VaultKey,
}

/// The wallet: locked and empty when created. Every secret it holds is dropped (and
/// zeroized) by `lock()` or when the object is freed.
#[wasm_bindgen]
pub struct Wallet {
    state: Option<Unlocked>,
}

impl core::fmt::Debug for Wallet {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Wallet")
            .field("unlocked", &self.state.is_some())
            .finish()
    }
}

impl Default for Wallet {
    fn default() -> Self {
        Self::new()
    }
}

/// An account of the wallet.
#[derive(Serialize, Tsify)]
pub(crate) struct Account {
    pub(crate) address: String,
    pub(crate) name: String,
    pub(crate) kind: AccountKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) index: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) path: Option<String>,
}

/// How an account's key is held.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub(crate) enum AccountKind {
    Hd,
    Imported,
}

/// A signed transaction.
#[derive(Serialize, Tsify)]
pub(crate) struct SignedTransaction {
    pub(crate) raw: String,
    pub(crate) hash: String,
}

/// The result of `changePassword`.
#[derive(Serialize, Tsify)]
pub(crate) struct PasswordChange {
    pub(crate) vault: String,
    pub(crate) key: String,
}

/// The result of `importMetaMask` and `addMetaMaskAccounts`.
#[derive(Serialize, Tsify)]
pub(crate) struct MetaMaskImport {
    /// The new vault JSON to store.
    pub(crate) vault: String,
    /// How many distinct MetaMask vaults were found in what was given.
    pub(crate) candidates: u32,
    /// Which of them the password opened (1-based, newest first).
    pub(crate) opened: u32,
    /// The file (0-based, in the order given) where the opened vault was found first.
    pub(crate) file: u32,
    /// How it was read there: `"text"`, `"log-record"` or `"table-entry"`.
    pub(crate) source: String,
    /// Its PBKDF2 iterations.
    pub(crate) iterations: u32,
    /// How many accounts the wallet got from it.
    pub(crate) added: u32,
    /// Keyrings that hold nothing this wallet can import (hardware wallets, snaps...).
    pub(crate) skipped: Vec<MetaMaskSkipped>,
}

/// A MetaMask keyring that was not imported.
#[derive(Serialize, Tsify)]
pub(crate) struct MetaMaskSkipped {
    /// MetaMask's keyring type, e.g. `"Ledger Hardware"`.
    #[serde(rename = "type")]
    pub(crate) kind: String,
    /// Why: a stable code of wallet-core's `SkipReason`.
    pub(crate) reason: String,
}

/// Most files (or pasted texts) searched for a MetaMask vault at once.
const MAX_METAMASK_FILES: usize = 64;
/// Most bytes searched at once.
const MAX_METAMASK_BYTES: usize = 256 << 20;

/// The MetaMask vault the password opened, and where it was.
struct OpenedMetaMask {
    keyrings: MetaMaskKeyrings,
    candidates: u32,
    opened: u32,
    file: u32,
    source: &'static str,
    iterations: u32,
}

impl OpenedMetaMask {
    fn report(&self, vault: String, added: usize) -> MetaMaskImport {
        MetaMaskImport {
            vault,
            candidates: self.candidates,
            opened: self.opened,
            file: self.file,
            source: self.source.to_owned(),
            iterations: self.iterations,
            added: u32::try_from(added).unwrap_or(u32::MAX),
            skipped: self
                .keyrings
                .skipped
                .iter()
                .map(|s| MetaMaskSkipped {
                    kind: s.kind.clone(),
                    reason: s.reason.code().to_owned(),
                })
                .collect(),
        }
    }
}

/// Finds every MetaMask vault in `files` and tries the password on each, newest first (one
/// key derivation per distinct salt). Errors: `METAMASK_VAULT_NOT_FOUND`, `METAMASK_PASSWORD`
/// (the password opens none: one opaque error), or the core's error for a vault the password
/// opened but that holds no readable keyrings.
fn open_metamask(files: &[Vec<u8>], password: &str) -> Result<OpenedMetaMask> {
    if files.is_empty() || files.len() > MAX_METAMASK_FILES {
        return Err(BridgeError::Input {
            field: "files",
            reason: "give 1 to 64 files or texts",
        });
    }
    if files.iter().map(Vec::len).sum::<usize>() > MAX_METAMASK_BYTES {
        return Err(BridgeError::Input {
            field: "files",
            reason: "more than 256 MiB to search",
        });
    }
    let refs: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    let candidates = find_vault_candidates(&refs);
    if candidates.is_empty() {
        return Err(BridgeError::MetaMaskNotFound);
    }
    let count = u32::try_from(candidates.len()).unwrap_or(u32::MAX);
    let mut keys: Vec<MetaMaskKey> = Vec::new();
    let mut unreadable = None;
    for (i, candidate) in candidates.iter().enumerate() {
        let key = match keys.iter().find(|k| candidate.vault.key_fits(k)) {
            Some(key) => key.clone(),
            None => {
                let key = candidate.vault.derive_key(password);
                keys.push(key.clone());
                key
            }
        };
        match candidate.vault.decrypt_with_key(&key) {
            Ok(keyrings) => {
                let first = candidate.sources.first();
                return Ok(OpenedMetaMask {
                    keyrings,
                    candidates: count,
                    opened: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    file: first.map_or(0, |s| u32::try_from(s.file).unwrap_or(u32::MAX)),
                    source: first.map_or("text", |s| s.kind.code()),
                    iterations: candidate.vault.iterations(),
                });
            }
            Err(wallet_core::Error::VaultDecrypt) => {}
            Err(error) => {
                unreadable.get_or_insert(error);
            }
        }
    }
    Err(unreadable.map_or(BridgeError::MetaMaskPassword, BridgeError::Core))
}

/// Runs a bridge body and converts its error into a thrown `WalletError`.
fn js<T>(result: Result<T>) -> core::result::Result<T, JsValue> {
    result.map_err(JsValue::from)
}

#[wasm_bindgen]
impl Wallet {
    /// A locked, empty wallet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Self { state: None }
    }

    /// Whether the vault is open.
    #[wasm_bindgen(js_name = isUnlocked)]
    pub fn is_unlocked(&self) -> bool {
        self.state.is_some()
    }

    /// Validates `phrase`, creates account 0, encrypts (scrypt N=2^17, r=8, p=1; AES-256-GCM),
    /// leaves the wallet unlocked and returns the vault JSON to store.
    #[wasm_bindgen(js_name = createVault)]
    pub fn create_vault(
        &mut self,
        password: String,
        phrase: String,
        passphrase: String,
    ) -> core::result::Result<String, JsValue> {
        let password = Zeroizing::new(password);
        let phrase = Zeroizing::new(phrase);
        let passphrase = Zeroizing::new(passphrase);
        js((|| {
            let phrase = Phrase::parse(&phrase)?;
            let keyring = Keyring::new(&phrase, &passphrase)?;
            let (vault, key) = Vault::create(
                &password,
                keyring.contents(),
                ScryptParams::DEFAULT,
                &mut JsRng,
            )?;
            self.state = Some(Unlocked { keyring, key });
            Ok(vault.to_json())
        })())
    }

    /// Opens the vault with the password; returns the session key (hex) for `unlockWithKey`.
    pub fn unlock(
        &mut self,
        vault: &str,
        password: String,
    ) -> core::result::Result<String, JsValue> {
        let password = Zeroizing::new(password);
        js((|| {
            let (contents, key) = Vault::parse(vault)?.unlock(&password)?;
            let keyring = Keyring::from_contents(contents)?;
            let session = key.to_hex().expose_secret().to_owned();
            self.state = Some(Unlocked { keyring, key });
            Ok(session)
        })())
    }

    /// Opens the vault with the session key returned by `unlock` (after a restart).
    #[wasm_bindgen(js_name = unlockWithKey)]
    pub fn unlock_with_key(
        &mut self,
        vault: &str,
        key: String,
    ) -> core::result::Result<(), JsValue> {
        let key = Zeroizing::new(key);
        js((|| {
            let hex = key.strip_prefix("0x").unwrap_or(&key);
            if hex.len() != 64 {
                return Err(BridgeError::Input {
                    field: "key",
                    reason: "expected 64 hex digits",
                });
            }
            let prefixed = Zeroizing::new(format!("0x{hex}"));
            let raw = Zeroizing::new(decode_hex(&prefixed, "key")?);
            let (contents, key) = Vault::parse(vault)?.unlock_with_key(&raw)?;
            let keyring = Keyring::from_contents(contents)?;
            self.state = Some(Unlocked { keyring, key });
            Ok(())
        })())
    }

    /// Drops every secret.
    pub fn lock(&mut self) {
        self.state = None;
    }

    /// The accounts: HD accounts by index, then imported keys.
    #[wasm_bindgen(unchecked_return_type = "Account[]")]
    pub fn accounts(&self) -> core::result::Result<JsValue, JsValue> {
        js((|| {
            let unlocked = self.unlocked()?;
            let list: Vec<Account> = unlocked
                .keyring
                .accounts()
                .into_iter()
                .map(|a| {
                    let path = a.path();
                    let (kind, index) = match a.kind {
                        CoreAccountKind::Hd { index, .. } => (AccountKind::Hd, Some(index)),
                        _ => (AccountKind::Imported, None),
                    };
                    Account {
                        address: to_checksum(&a.address),
                        name: a.name,
                        kind,
                        index,
                        path,
                    }
                })
                .collect();
            to_js(&list)
        })())
    }

    /// The HD address at `m/44'/60'/0'/0/index` without adding it.
    #[wasm_bindgen(js_name = peekAddress)]
    pub fn peek_address(&self, index: f64) -> core::result::Result<String, JsValue> {
        js((|| {
            let index = account_index(index)?;
            Ok(to_checksum(&self.unlocked()?.keyring.peek_address(index)?))
        })())
    }

    /// Adds the next HD account; returns the new vault JSON.
    #[wasm_bindgen(js_name = addAccount)]
    pub fn add_account(&mut self, name: Option<String>) -> core::result::Result<String, JsValue> {
        js(self.change(|keyring| keyring.add_account(name.as_deref()).map(drop)))
    }

    /// Imports a private key (64 hex digits, with or without 0x); returns the new vault JSON.
    #[wasm_bindgen(js_name = importPrivateKey)]
    pub fn import_private_key(
        &mut self,
        #[wasm_bindgen(js_name = keyHex)] key_hex: String,
        name: Option<String>,
    ) -> core::result::Result<String, JsValue> {
        let key_hex = Zeroizing::new(key_hex);
        js((|| {
            self.unlocked()?;
            let key = PrivateKey::from_hex(&key_hex)?;
            self.change(|keyring| keyring.import_private_key(key, name.as_deref()).map(drop))
        })())
    }

    /// Renames an account; returns the new vault JSON.
    #[wasm_bindgen(js_name = renameAccount)]
    pub fn rename_account(
        &mut self,
        address: &str,
        name: &str,
    ) -> core::result::Result<String, JsValue> {
        js((|| {
            let address = parse_address(address)?;
            self.change(|keyring| keyring.rename_account(&address, name))
        })())
    }

    /// The phrase, after checking the password against `vault` again.
    #[wasm_bindgen(js_name = revealPhrase)]
    pub fn reveal_phrase(
        &self,
        vault: &str,
        password: String,
    ) -> core::result::Result<String, JsValue> {
        let password = Zeroizing::new(password);
        js((|| {
            let (contents, _) = Vault::parse(vault)?.unlock(&password)?;
            let hd = contents.hd.first().ok_or(BridgeError::Input {
                field: "vault",
                reason: "the vault has no phrase",
            })?;
            Ok(hd.phrase.expose_secret().to_owned())
        })())
    }

    /// Re-encrypts under a new password (fresh salt, default parameters); the wallet stays or
    /// becomes unlocked with the new key. Returns `{ vault, key }`.
    #[wasm_bindgen(js_name = changePassword, unchecked_return_type = "PasswordChange")]
    pub fn change_password(
        &mut self,
        vault: &str,
        #[wasm_bindgen(js_name = oldPassword)] old_password: String,
        #[wasm_bindgen(js_name = newPassword)] new_password: String,
    ) -> core::result::Result<JsValue, JsValue> {
        let old_password = Zeroizing::new(old_password);
        let new_password = Zeroizing::new(new_password);
        js((|| {
            let (contents, _) = Vault::parse(vault)?.unlock(&old_password)?;
            let (new_vault, key) =
                Vault::create(&new_password, &contents, ScryptParams::DEFAULT, &mut JsRng)?;
            let keyring = Keyring::from_contents(contents)?;
            let result = PasswordChange {
                vault: new_vault.to_json(),
                key: key.to_hex().expose_secret().to_owned(),
            };
            self.state = Some(Unlocked { keyring, key });
            to_js(&result)
        })())
    }

    /// Creates the wallet from a MetaMask vault: `files` are the vault JSON (as UTF-8 bytes)
    /// or the files of MetaMask's extension storage (`.log`/`.ldb`, several at once); every
    /// vault found is tried with `metaMaskPassword`, newest first. The opened vault's HD
    /// accounts (each at its path, in order) and imported keys become a new vault encrypted
    /// with `password`; the wallet is left unlocked. No phrase or key leaves the WASM.
    #[wasm_bindgen(js_name = importMetaMask, unchecked_return_type = "MetaMaskImport")]
    pub fn import_metamask(
        &mut self,
        password: String,
        #[wasm_bindgen(js_name = metaMaskPassword)] metamask_password: String,
        files: Vec<js_sys::Uint8Array>,
    ) -> core::result::Result<JsValue, JsValue> {
        let password = Zeroizing::new(password);
        let metamask_password = Zeroizing::new(metamask_password);
        let files: Vec<Vec<u8>> = files.iter().map(js_sys::Uint8Array::to_vec).collect();
        js((|| {
            to_js(&self.import_metamask_bytes(&password, &metamask_password, &files)?)
        })())
    }

    /// Adds the accounts of a MetaMask vault (found as for `importMetaMask`) that the
    /// unlocked wallet does not hold yet; returns the new vault JSON with what was added.
    #[wasm_bindgen(js_name = addMetaMaskAccounts, unchecked_return_type = "MetaMaskImport")]
    pub fn add_metamask_accounts(
        &mut self,
        #[wasm_bindgen(js_name = metaMaskPassword)] metamask_password: String,
        files: Vec<js_sys::Uint8Array>,
    ) -> core::result::Result<JsValue, JsValue> {
        let metamask_password = Zeroizing::new(metamask_password);
        let files: Vec<Vec<u8>> = files.iter().map(js_sys::Uint8Array::to_vec).collect();
        js((|| {
            to_js(&self.add_metamask_bytes(&metamask_password, &files)?)
        })())
    }

    /// EIP-191 `personal_sign` of `messageHex` (0x-hex bytes): 65-byte r‖s‖v, v = 27/28.
    #[wasm_bindgen(js_name = personalSign)]
    pub fn personal_sign(
        &self,
        address: &str,
        #[wasm_bindgen(js_name = messageHex)] message_hex: &str,
    ) -> core::result::Result<String, JsValue> {
        js((|| {
            let address = parse_address(address)?;
            let message = decode_hex(message_hex, "message")?;
            Ok(self
                .unlocked()?
                .keyring
                .personal_sign(&address, &message)?
                .to_hex())
        })())
    }

    /// `eth_signTypedData_v3` / `_v4` of `typedData` (JSON text).
    #[wasm_bindgen(js_name = signTypedData)]
    pub fn sign_typed_data(
        &self,
        address: &str,
        #[wasm_bindgen(js_name = typedData)] typed_data: &str,
        #[wasm_bindgen(unchecked_param_type = "\"v3\" | \"v4\"")] version: &str,
    ) -> core::result::Result<String, JsValue> {
        js((|| {
            let address = parse_address(address)?;
            let version = TypedDataVersion::from_code(version)?;
            let data = TypedData::from_json(typed_data)?;
            Ok(self
                .unlocked()?
                .keyring
                .sign_typed_data(&address, &data, version)?
                .to_hex())
        })())
    }

    /// Signs a transaction given as JSON-RPC fields (JSON text): `{ raw, hash }`.
    #[wasm_bindgen(js_name = signTransaction, unchecked_return_type = "SignedTransaction")]
    pub fn sign_transaction(
        &self,
        address: &str,
        tx: &str,
    ) -> core::result::Result<JsValue, JsValue> {
        js((|| {
            let address = parse_address(address)?;
            let tx = Transaction::from_json(tx)?;
            let signed = self.unlocked()?.keyring.sign_transaction(&address, &tx)?;
            to_js(&SignedTransaction {
                raw: signed.raw_hex(),
                hash: signed.hash_hex(),
            })
        })())
    }
}

impl Wallet {
    /// A wallet unlocked with `keyring` (a fast vault key: scrypt N=2^10), for tests.
    #[cfg(test)]
    pub(crate) fn unlocked_with(keyring: Keyring) -> (Self, String) {
        #[allow(clippy::unwrap_used)]
        let (vault, key) = Vault::create(
            "pw",
            keyring.contents(),
            ScryptParams::new(10, 1, 1).unwrap(),
            &mut JsRng,
        )
        .unwrap();
        let wallet = Self {
            state: Some(Unlocked { keyring, key }),
        };
        (wallet, vault.to_json())
    }

    pub(crate) fn unlocked(&self) -> Result<&Unlocked> {
        self.state.as_ref().ok_or(BridgeError::Locked)
    }

    fn import_metamask_bytes(
        &mut self,
        password: &str,
        metamask_password: &str,
        files: &[Vec<u8>],
    ) -> Result<MetaMaskImport> {
        let opened = open_metamask(files, metamask_password)?;
        let keyring = Keyring::from_contents(opened.keyrings.to_vault_contents()?)?;
        let added = keyring.accounts().len();
        let (vault, key) = Vault::create(
            password,
            keyring.contents(),
            ScryptParams::DEFAULT,
            &mut JsRng,
        )?;
        self.state = Some(Unlocked { keyring, key });
        Ok(opened.report(vault.to_json(), added))
    }

    fn add_metamask_bytes(
        &mut self,
        metamask_password: &str,
        files: &[Vec<u8>],
    ) -> Result<MetaMaskImport> {
        self.unlocked()?;
        let opened = open_metamask(files, metamask_password)?;
        let contents = opened.keyrings.to_vault_contents()?;
        let mut added = 0;
        let vault = self.change(|keyring| {
            added = keyring.add_contents(&contents)?;
            Ok(())
        })?;
        Ok(opened.report(vault, added))
    }

    /// Applies a change to the keyring and re-encrypts with the session key. If anything
    /// fails, the keyring is rebuilt from the contents it had, so memory never drifts from
    /// what is stored.
    pub(crate) fn change(
        &mut self,
        apply: impl FnOnce(&mut Keyring) -> wallet_core::Result<()>,
    ) -> Result<String> {
        let unlocked = self.state.as_mut().ok_or(BridgeError::Locked)?;
        let before = unlocked.keyring.contents().clone();
        let outcome = apply(&mut unlocked.keyring)
            .and_then(|()| unlocked.key.seal(unlocked.keyring.contents(), &mut JsRng));
        match outcome {
            Ok(vault) => Ok(vault.to_json()),
            Err(error) => {
                unlocked.keyring = Keyring::from_contents(before)?;
                Err(error.into())
            }
        }
    }
}

/// A JS number that must be an account index (an integer in 0..2^31).
pub(crate) fn account_index(index: f64) -> Result<u32> {
    if index.fract() != 0.0 || !(0.0..2_147_483_648.0).contains(&index) {
        return Err(BridgeError::Input {
            field: "index",
            reason: "expected an integer from 0 to 2^31-1",
        });
    }
    Ok(index as u32)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn account_indexes() {
        assert_eq!(account_index(0.0).unwrap(), 0);
        assert_eq!(account_index(2_147_483_647.0).unwrap(), 2_147_483_647);
        for bad in [-1.0, 0.5, 2_147_483_648.0, f64::NAN, f64::INFINITY] {
            assert!(account_index(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn js_rng_fills() {
        use wallet_core::rand_core::RngCore;
        let mut a = [0u8; 32];
        let mut b = [0u8; 32];
        JsRng.try_fill_bytes(&mut a).unwrap();
        JsRng.try_fill_bytes(&mut b).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn hex_arguments() {
        assert_eq!(decode_hex("0x", "m").unwrap(), Vec::<u8>::new());
        assert_eq!(decode_hex("0x00ff", "m").unwrap(), vec![0, 255]);
        assert!(decode_hex("00ff", "m").is_err());
        assert!(decode_hex("0x0", "m").is_err());
        assert!(decode_hex("0xzz", "m").is_err());
    }

    fn metamask_vector(name: &str) -> (String, String) {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/vectors/metamask/vaults.json"
        ))
        .unwrap();
        let all: serde_json::Value = serde_json::from_str(&text).unwrap();
        let v = all["vaults"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .unwrap();
        (
            v["vault"].as_str().unwrap().to_owned(),
            v["password"].as_str().unwrap().to_owned(),
        )
    }

    fn addresses(wallet: &Wallet) -> Vec<String> {
        let keyring = &wallet.unlocked().unwrap().keyring;
        keyring
            .accounts()
            .iter()
            .map(|a| to_checksum(&a.address))
            .collect()
    }

    #[test]
    fn metamask_import_then_add() {
        let (legacy, password) = metamask_vector("legacy-hdpath");
        let files = vec![legacy.into_bytes()];
        let mut wallet = Wallet::new();
        assert!(matches!(
            wallet.import_metamask_bytes("new password", "wrong", &files),
            Err(BridgeError::MetaMaskPassword)
        ));
        assert!(!wallet.is_unlocked());
        assert!(matches!(
            open_metamask(&[b"no vault here".to_vec()], "x"),
            Err(BridgeError::MetaMaskNotFound)
        ));
        assert!(matches!(
            open_metamask(&[], "x"),
            Err(BridgeError::Input { .. })
        ));
        let report = wallet
            .import_metamask_bytes("new password", &password, &files)
            .unwrap();
        assert_eq!((report.candidates, report.opened, report.added), (1, 1, 2));
        assert_eq!(report.source, "text");
        let legacy_accounts = [
            "0x1e59ce931B4CFea3fe4B875411e280e173cB7A9C",
            "0xc89D42189f0450C2b2c3c61f58Ec5d628176A1E7",
        ];
        assert_eq!(addresses(&wallet), legacy_accounts);
        let (contents, _) = Vault::parse(&report.vault)
            .unwrap()
            .unlock("new password")
            .unwrap();
        assert_eq!(contents.hd[0].accounts[1].path, "m/44'/60'/0'/1");

        // The same phrase on the standard path, a Ledger skipped, and two keys (one of them
        // the phrase's first standard account): four new accounts, then none.
        let (standard, password) = metamask_vector("metamask-600k-bytes");
        let files = vec![standard.into_bytes()];
        assert!(matches!(
            wallet.add_metamask_bytes("wrong", &files),
            Err(BridgeError::MetaMaskPassword)
        ));
        assert_eq!(addresses(&wallet), legacy_accounts);
        let report = wallet.add_metamask_bytes(&password, &files).unwrap();
        assert_eq!(report.added, 4);
        assert_eq!(report.skipped.len(), 1);
        assert_eq!(report.skipped[0].kind, "Ledger Hardware");
        assert_eq!(
            addresses(&wallet),
            [
                legacy_accounts[0],
                legacy_accounts[1],
                "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
                "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F",
            ]
        );
        assert_eq!(
            wallet.add_metamask_bytes(&password, &files).unwrap().added,
            0
        );
        wallet.lock();
        assert!(matches!(
            wallet.add_metamask_bytes(&password, &files),
            Err(BridgeError::Locked)
        ));
    }

    #[test]
    fn wallet_flow_without_js_values() {
        // Only methods whose results are plain Rust values (JsValue needs a JS host).
        assert!(!Wallet::new().is_unlocked());
        let phrase = "test test test test test test test test test test test junk";
        let keyring = Keyring::new(&Phrase::parse(phrase).unwrap(), "").unwrap();
        let (mut wallet, vault) = Wallet::unlocked_with(keyring);
        let json = wallet
            .change(|k| k.add_account(Some("Two")).map(drop))
            .unwrap();
        let (contents, _) = Vault::parse(&json).unwrap().unlock("pw").unwrap();
        assert_eq!(contents.hd[0].accounts.len(), 2);
        // A failing change leaves memory as stored.
        let stranger = parse_address("0x3535353535353535353535353535353535353535").unwrap();
        assert!(wallet.change(|k| k.rename_account(&stranger, "x")).is_err());
        assert_eq!(wallet.unlocked().unwrap().keyring.accounts().len(), 2);
        drop(vault);
        wallet.lock();
        assert!(!wallet.is_unlocked());
        assert!(matches!(wallet.unlocked(), Err(BridgeError::Locked)));
    }
}
