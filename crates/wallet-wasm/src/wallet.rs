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
use wallet_core::typed_data::{TypedData, TypedDataVersion};
use wallet_core::vault::{ScryptParams, Vault, VaultKey};
use wallet_core::{
    AccountKind as CoreAccountKind, Keyring, Phrase, PrivateKey, Transaction, parse_address,
    to_checksum,
};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

struct Unlocked {
    keyring: Keyring,
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
    fn unlocked(&self) -> Result<&Unlocked> {
        self.state.as_ref().ok_or(BridgeError::Locked)
    }

    /// Applies a change to the keyring and re-encrypts with the session key. If anything
    /// fails, the keyring is rebuilt from the contents it had, so memory never drifts from
    /// what is stored.
    fn change(
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
fn account_index(index: f64) -> Result<u32> {
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

    #[test]
    fn wallet_flow_without_js_values() {
        // Only methods whose results are plain Rust values (JsValue needs a JS host).
        let mut wallet = Wallet::new();
        assert!(!wallet.is_unlocked());
        let phrase = "test test test test test test test test test test test junk";
        let keyring = Keyring::new(&Phrase::parse(phrase).unwrap(), "").unwrap();
        let (vault, key) = Vault::create(
            "pw",
            keyring.contents(),
            ScryptParams::new(10, 1, 1).unwrap(),
            &mut JsRng,
        )
        .unwrap();
        wallet.state = Some(Unlocked { keyring, key });
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
