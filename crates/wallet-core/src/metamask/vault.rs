//! MetaMask's encrypted vault (`@metamask/browser-passworder`): PBKDF2-HMAC-SHA256 → AES-256-GCM.

use super::keyrings::MetaMaskKeyrings;
use crate::error::{Error, Result};
use aes_gcm::aead::consts::U16;
use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::aes::Aes256;
use aes_gcm::{AesGcm, Nonce};
use base64ct::{Base64, Base64Unpadded, Encoding};
use core::fmt;
use serde_json::Value;
use sha2::Sha256;
use zeroize::Zeroizing;

/// AES-256-GCM with the 16-byte IV browser-passworder uses (WebCrypto then hashes the IV
/// with GHASH into the initial counter, as GCM specifies for IVs that are not 12 bytes).
type Aes256Gcm16 = AesGcm<Aes256, U16>;

/// Iterations when the vault has no `keyMetadata` (every vault before browser-passworder 4.2).
pub const LEGACY_ITERATIONS: u32 = 10_000;
/// Fewest accepted iterations: RFC 8018's minimum; no browser-passworder ever wrote fewer
/// than 10,000. A stored value below it is nonsense, refused before any work.
pub const MIN_ITERATIONS: u32 = 1_000;
/// Most accepted iterations: 5,000,000, five and a half times browser-passworder's default
/// (900,000) and eight times what MetaMask writes (600,000). About 2 s natively and a few
/// seconds in WebAssembly: a hostile file cannot make us spin for minutes.
pub const MAX_ITERATIONS: u32 = 5_000_000;
/// The IV browser-passworder writes (`getRandomValues(new Uint8Array(16))`).
pub const IV_LEN: usize = 16;
const TAG_LEN: usize = 16;
/// Vault JSON larger than this is refused unread (MetaMask's are a few KB).
pub const MAX_VAULT_LEN: usize = 4 * 1024 * 1024;
/// Salts longer than this are refused (browser-passworder's are 32 bytes).
const MAX_SALT_LEN: usize = 1024;

/// A parsed, still encrypted MetaMask vault: `{data, iv, salt, keyMetadata?}`.
///
/// `data` is the AES-GCM ciphertext with its 16-byte tag appended, all fields base64.
#[derive(Clone, PartialEq, Eq)]
pub struct MetaMaskVault {
    ciphertext: Vec<u8>,
    iv: [u8; IV_LEN],
    salt: Vec<u8>,
    iterations: u32,
    key_metadata: bool,
}

impl fmt::Debug for MetaMaskVault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetaMaskVault")
            .field("iterations", &self.iterations)
            .field("key_metadata", &self.key_metadata)
            .field("ciphertext_len", &self.ciphertext.len())
            .finish_non_exhaustive()
    }
}

/// The key derived from a password for one salt and iteration count. Zeroized on drop;
/// `Debug` redacts. Vaults re-encrypted by MetaMask with the same key share it, so a caller
/// trying many candidates derives once per distinct (salt, iterations).
#[derive(Clone)]
pub struct MetaMaskKey {
    key: Zeroizing<[u8; 32]>,
    salt: Vec<u8>,
    iterations: u32,
}

impl fmt::Debug for MetaMaskKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetaMaskKey")
            .field("iterations", &self.iterations)
            .field("key", &format_args!("[REDACTED]"))
            .finish()
    }
}

impl MetaMaskVault {
    /// Parses vault JSON (also when given as a JSON string that holds it, as it is stored
    /// under `KeyringController.vault`), checking every field before any work.
    ///
    /// Errors: [`Error::VaultFormat`] (not JSON, a missing or mistyped field, bad base64, an
    /// IV that is not 16 bytes, an unknown algorithm), [`Error::VaultParams`] (iterations
    /// outside [`MIN_ITERATIONS`]`..=`[`MAX_ITERATIONS`]).
    pub fn parse(json: &str) -> Result<Self> {
        if json.len() > MAX_VAULT_LEN {
            return Err(Error::vault_format("larger than 4 MiB"));
        }
        let mut value: Value =
            serde_json::from_str(json.trim()).map_err(|_| Error::vault_format("not valid JSON"))?;
        if let Value::String(inner) = &value {
            value = serde_json::from_str(inner.trim())
                .map_err(|_| Error::vault_format("not valid JSON"))?;
        }
        Self::from_value(&value)
    }

    /// Like [`MetaMaskVault::parse`], from parsed JSON.
    pub fn from_value(value: &Value) -> Result<Self> {
        let object = value
            .as_object()
            .ok_or_else(|| Error::vault_format("a MetaMask vault is a JSON object"))?;
        let field = |name: &'static str| -> Result<&str> {
            object
                .get(name)
                .and_then(Value::as_str)
                .ok_or_else(|| Error::vault_format(format!("no \"{name}\" string field")))
        };
        let ciphertext = decode_base64(field("data")?)
            .ok_or_else(|| Error::vault_format("\"data\" is not base64"))?;
        if ciphertext.len() < TAG_LEN {
            return Err(Error::vault_format("\"data\" is too short"));
        }
        let iv: [u8; IV_LEN] = decode_base64(field("iv")?)
            .ok_or_else(|| Error::vault_format("\"iv\" is not base64"))?
            .try_into()
            .map_err(|_| Error::vault_format("\"iv\" must be 16 bytes"))?;
        let salt = decode_base64(field("salt")?)
            .ok_or_else(|| Error::vault_format("\"salt\" is not base64"))?;
        if salt.is_empty() || salt.len() > MAX_SALT_LEN {
            return Err(Error::vault_format("\"salt\" must be 1 to 1024 bytes"));
        }
        let (iterations, key_metadata) = match object.get("keyMetadata") {
            None | Some(Value::Null) => (LEGACY_ITERATIONS, false),
            Some(meta) => (key_metadata_iterations(meta)?, true),
        };
        Ok(Self {
            ciphertext,
            iv,
            salt,
            iterations,
            key_metadata,
        })
    }

    /// The vault in browser-passworder's own JSON form (`data`, `iv`, `keyMetadata` when it
    /// had one, `salt`): the canonical text of a candidate.
    pub fn to_json(&self) -> String {
        let mut object = serde_json::Map::new();
        object.insert(
            "data".into(),
            Base64::encode_string(&self.ciphertext).into(),
        );
        object.insert("iv".into(), Base64::encode_string(&self.iv).into());
        if self.key_metadata {
            object.insert(
                "keyMetadata".into(),
                serde_json::json!({"algorithm": "PBKDF2", "params": {"iterations": self.iterations}}),
            );
        }
        object.insert("salt".into(), Base64::encode_string(&self.salt).into());
        Value::Object(object).to_string()
    }

    /// PBKDF2 iterations (10,000 when the vault has no `keyMetadata`).
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// Whether the vault carries `keyMetadata` (browser-passworder 4.2 and later).
    pub fn has_key_metadata(&self) -> bool {
        self.key_metadata
    }

    /// Derives the key (PBKDF2-HMAC-SHA256 of the password's UTF-8 bytes) and decrypts.
    ///
    /// A wrong password and a tampered vault are the same [`Error::VaultDecrypt`]. A vault
    /// that decrypts but does not hold MetaMask keyrings is [`Error::VaultFormat`].
    pub fn decrypt(&self, password: &str) -> Result<MetaMaskKeyrings> {
        self.decrypt_with_key(&self.derive_key(password))
    }

    /// The key for this vault's salt and iterations (the slow part of [`Self::decrypt`]).
    pub fn derive_key(&self, password: &str) -> MetaMaskKey {
        let mut key = Zeroizing::new([0u8; 32]);
        pbkdf2::pbkdf2_hmac::<Sha256>(
            password.as_bytes(),
            &self.salt,
            self.iterations,
            key.as_mut_slice(),
        );
        MetaMaskKey {
            key,
            salt: self.salt.clone(),
            iterations: self.iterations,
        }
    }

    /// Whether `key` was derived for this vault's salt and iterations.
    pub fn key_fits(&self, key: &MetaMaskKey) -> bool {
        key.salt == self.salt && key.iterations == self.iterations
    }

    /// Decrypts with a key from [`Self::derive_key`] (of this or another vault with the same
    /// salt and iterations; any other key is [`Error::VaultDecrypt`]).
    pub fn decrypt_with_key(&self, key: &MetaMaskKey) -> Result<MetaMaskKeyrings> {
        if !self.key_fits(key) {
            return Err(Error::VaultDecrypt);
        }
        let cipher = Aes256Gcm16::new_from_slice(key.key.as_slice())
            .map_err(|_| Error::Internal("aes key length"))?;
        let mut plaintext = Zeroizing::new(self.ciphertext.clone());
        cipher
            .decrypt_in_place(Nonce::from_slice(&self.iv), b"", &mut *plaintext)
            .map_err(|_| Error::VaultDecrypt)?;
        MetaMaskKeyrings::from_plaintext(&plaintext)
    }
}

fn key_metadata_iterations(meta: &Value) -> Result<u32> {
    let algorithm = meta.get("algorithm").and_then(Value::as_str);
    if algorithm != Some("PBKDF2") {
        return Err(Error::vault_format(
            "unsupported key derivation (keyMetadata.algorithm is not PBKDF2)",
        ));
    }
    let iterations = meta
        .get("params")
        .and_then(|p| p.get("iterations"))
        .and_then(Value::as_u64)
        .ok_or_else(|| {
            Error::vault_format("keyMetadata.params.iterations must be a positive integer")
        })?;
    if !(u64::from(MIN_ITERATIONS)..=u64::from(MAX_ITERATIONS)).contains(&iterations) {
        return Err(Error::VaultParams {
            reason: format!("PBKDF2 iterations must be in {MIN_ITERATIONS}..={MAX_ITERATIONS}"),
        });
    }
    u32::try_from(iterations).map_err(|_| Error::Internal("iterations bound"))
}

/// Standard base64, padded (what `Buffer.toString('base64')` writes) or not.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    Base64::decode_vec(text)
        .ok()
        .or_else(|| Base64Unpadded::decode_vec(text).ok())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn base64_forms() {
        assert_eq!(decode_base64("AAEC").unwrap(), [0, 1, 2]);
        assert_eq!(decode_base64("AAE=").unwrap(), [0, 1]);
        assert_eq!(decode_base64("AAE").unwrap(), [0, 1]);
        assert!(decode_base64("AA*=").is_none());
        assert!(decode_base64("A").is_none());
    }
}
