//! The encrypted vault: scrypt → 256-bit key → AES-256-GCM, stored as versioned JSON.
//!
//! ```json
//! {"version":2,
//!  "kdf":{"name":"scrypt","logN":17,"r":8,"p":1,"salt":"<64 lowercase hex>"},
//!  "cipher":{"name":"aes-256-gcm","nonce":"<24 lowercase hex>"},
//!  "ciphertext":"<lowercase hex: AES-GCM ciphertext ‖ 16-byte tag>"}
//! ```
//!
//! The associated data is a canonical string of the version, the KDF name, its parameters and
//! salt, and the cipher name, so changing any of them makes decryption fail. Everything is
//! checked (version, names, parameter ranges, lengths) before scrypt runs.
//!
//! Versions: 2 (written since accounts got a path each: `hd[].accounts` is a list of
//! `{path, name}`) and 1 (`hd[].accounts` a count of standard-path accounts, `names` by
//! index). Both open; a version-1 vault is migrated in memory ([`VaultContents`] is always the
//! version-2 form) and every seal writes version 2. The stored envelope is the same for both;
//! only the version number, and with it the associated data, differ.

mod contents;
mod params;

use contents::VaultContentsV1;
pub use contents::{HdAccount, HdSecret, ImportedSecret, VaultContents};
pub use params::{ScryptParams, scrypt};

use crate::encoding::decode_lower;
use crate::error::{Error, Result};
use crate::secret::SecretString;
use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use alloy_primitives::hex;
use core::fmt;
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::Zeroizing;

/// The format version this crate writes.
pub const VAULT_VERSION: u64 = 2;
/// The oldest format version this crate still opens (migrating it in memory).
pub const VAULT_VERSION_V1: u64 = 1;
const KDF_NAME: &str = "scrypt";
const CIPHER_NAME: &str = "aes-256-gcm";
const SALT_LEN: usize = 32;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// Vaults larger than this are rejected unread.
const MAX_VAULT_LEN: usize = 4 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredVault {
    version: u64,
    kdf: StoredKdf,
    cipher: StoredCipher,
    ciphertext: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredKdf {
    name: String,
    #[serde(rename = "logN")]
    log_n: u64,
    r: u64,
    p: u64,
    salt: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredCipher {
    name: String,
    nonce: String,
}

/// A parsed, validated, still encrypted vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vault {
    version: u64,
    params: ScryptParams,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    ciphertext: Vec<u8>,
}

/// The key derived from the password (with the salt and parameters it belongs to).
/// Zeroized on drop; `Debug` redacts.
#[derive(Clone)]
pub struct VaultKey {
    key: Zeroizing<[u8; 32]>,
    params: ScryptParams,
    salt: [u8; SALT_LEN],
}

impl fmt::Debug for VaultKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VaultKey")
            .field("params", &self.params)
            .field("key", &format_args!("[REDACTED]"))
            .finish()
    }
}

impl Vault {
    /// Parses and validates stored vault JSON, doing no cryptographic work.
    ///
    /// Errors: [`Error::VaultFormat`] (not JSON, unknown version, algorithm or field, bad
    /// lengths), [`Error::VaultParams`] (KDF parameters out of range).
    pub fn parse(json: &str) -> Result<Self> {
        if json.len() > MAX_VAULT_LEN {
            return Err(Error::vault_format("larger than 4 MiB"));
        }
        let value: Value =
            serde_json::from_str(json).map_err(|_| Error::vault_format("not valid JSON"))?;
        let version = match value.get("version") {
            None => return Err(Error::vault_format("no version field")),
            Some(v) => v
                .as_u64()
                .ok_or_else(|| Error::vault_format("the version must be an integer"))?,
        };
        if version != VAULT_VERSION && version != VAULT_VERSION_V1 {
            return Err(Error::vault_format(format!(
                "unsupported vault version {version}"
            )));
        }
        let stored: StoredVault = serde_json::from_value(value)
            .map_err(|_| Error::vault_format("missing, unknown or mistyped field"))?;
        if stored.kdf.name != KDF_NAME {
            return Err(Error::vault_format("unsupported key derivation function"));
        }
        if stored.cipher.name != CIPHER_NAME {
            return Err(Error::vault_format("unsupported cipher"));
        }
        let params = ScryptParams::new(stored.kdf.log_n, stored.kdf.r, stored.kdf.p)?;
        let salt = fixed(&stored.kdf.salt)
            .ok_or_else(|| Error::vault_format("the salt must be 32 bytes of lowercase hex"))?;
        let nonce = fixed(&stored.cipher.nonce)
            .ok_or_else(|| Error::vault_format("the nonce must be 12 bytes of lowercase hex"))?;
        let ciphertext = decode_lower(&stored.ciphertext)
            .ok_or_else(|| Error::vault_format("the ciphertext must be lowercase hex"))?;
        if ciphertext.len() < TAG_LEN {
            return Err(Error::vault_format("the ciphertext is too short"));
        }
        Ok(Self {
            version,
            params,
            salt,
            nonce,
            ciphertext,
        })
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        let stored = StoredVault {
            version: self.version,
            kdf: StoredKdf {
                name: KDF_NAME.into(),
                log_n: self.params.log_n().into(),
                r: self.params.r().into(),
                p: self.params.p().into(),
                salt: hex::encode(self.salt),
            },
            cipher: StoredCipher {
                name: CIPHER_NAME.into(),
                nonce: hex::encode(self.nonce),
            },
            ciphertext: hex::encode(&self.ciphertext),
        };
        // Cannot fail: only strings and integers, no maps with non-string keys.
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// The KDF parameters.
    pub fn params(&self) -> ScryptParams {
        self.params
    }

    /// The stored format version (1 or 2; every vault this crate writes is 2).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Encrypts `contents` under `password` with a fresh random salt and nonce.
    pub fn create<R: CryptoRng + RngCore>(
        password: &str,
        contents: &VaultContents,
        params: ScryptParams,
        rng: &mut R,
    ) -> Result<(Self, VaultKey)> {
        if password.is_empty() {
            return Err(Error::InvalidInput {
                field: "password",
                reason: "must not be empty",
            });
        }
        let mut salt = [0u8; SALT_LEN];
        rng.try_fill_bytes(&mut salt).map_err(|_| Error::Rng)?;
        let key = VaultKey::derive(password, params, salt)?;
        let vault = key.seal(contents, rng)?;
        Ok((vault, key))
    }

    /// Derives the key from `password` (scrypt) and decrypts. Returns the key too, so that
    /// the caller can re-open ([`Vault::unlock_with_key`]) or re-encrypt ([`VaultKey::seal`])
    /// without the password.
    pub fn unlock(&self, password: &str) -> Result<(VaultContents, VaultKey)> {
        let key = VaultKey::derive(password, self.params, self.salt)?;
        let contents = key.open(self)?;
        Ok((contents, key))
    }

    /// Decrypts with a key previously returned by [`Vault::unlock`] (32 raw bytes).
    pub fn unlock_with_key(&self, key: &[u8]) -> Result<(VaultContents, VaultKey)> {
        let bytes: [u8; 32] = key.try_into().map_err(|_| Error::InvalidInput {
            field: "key",
            reason: "expected 32 bytes",
        })?;
        let key = VaultKey {
            key: Zeroizing::new(bytes),
            params: self.params,
            salt: self.salt,
        };
        let contents = key.open(self)?;
        Ok((contents, key))
    }

    /// Checks `old_password`, then re-encrypts the same contents under `new_password` with a
    /// fresh salt and the given parameters (normally [`ScryptParams::DEFAULT`], which raises
    /// an old vault's parameters).
    pub fn change_password<R: CryptoRng + RngCore>(
        &self,
        old_password: &str,
        new_password: &str,
        params: ScryptParams,
        rng: &mut R,
    ) -> Result<(Self, VaultKey)> {
        let (contents, _) = self.unlock(old_password)?;
        Self::create(new_password, &contents, params, rng)
    }

    fn aad(version: u64, params: &ScryptParams, salt: &[u8; SALT_LEN]) -> String {
        format!(
            "wallet-vault;version={version};kdf={KDF_NAME};logN={};r={};p={};salt={};cipher={CIPHER_NAME}",
            params.log_n(),
            params.r(),
            params.p(),
            hex::encode(salt)
        )
    }
}

impl VaultKey {
    fn derive(password: &str, params: ScryptParams, salt: [u8; SALT_LEN]) -> Result<Self> {
        let mut key = Zeroizing::new([0u8; 32]);
        scrypt(
            password.as_bytes(),
            &salt,
            params.log_n(),
            params.r(),
            params.p(),
            key.as_mut_slice(),
        )?;
        Ok(Self { key, params, salt })
    }

    /// Encrypts `contents` with this key (same salt and parameters) and a fresh nonce: for
    /// saving a change (a new account, a rename) without asking for the password again.
    pub fn seal<R: CryptoRng + RngCore>(
        &self,
        contents: &VaultContents,
        rng: &mut R,
    ) -> Result<Vault> {
        let mut buffer = to_json_exact(contents)?;
        let mut nonce = [0u8; NONCE_LEN];
        rng.try_fill_bytes(&mut nonce).map_err(|_| Error::Rng)?;
        let aad = Vault::aad(VAULT_VERSION, &self.params, &self.salt);
        let cipher = Aes256Gcm::new_from_slice(self.key.as_slice())
            .map_err(|_| Error::Internal("aes key length"))?;
        cipher
            .encrypt_in_place(Nonce::from_slice(&nonce), aad.as_bytes(), &mut *buffer)
            .map_err(|_| Error::Internal("aes-gcm encryption failed"))?;
        let ciphertext = buffer.to_vec();
        Ok(Vault {
            version: VAULT_VERSION,
            params: self.params,
            salt: self.salt,
            nonce,
            ciphertext,
        })
    }

    fn open(&self, vault: &Vault) -> Result<VaultContents> {
        if self.salt != vault.salt || self.params != vault.params {
            return Err(Error::VaultDecrypt);
        }
        let aad = Vault::aad(vault.version, &vault.params, &vault.salt);
        let cipher = Aes256Gcm::new_from_slice(self.key.as_slice())
            .map_err(|_| Error::Internal("aes key length"))?;
        // Decrypt in a buffer of our own so that it is zeroized on every path.
        let mut plaintext = Zeroizing::new(vault.ciphertext.clone());
        cipher
            .decrypt_in_place(
                Nonce::from_slice(&vault.nonce),
                aad.as_bytes(),
                &mut *plaintext,
            )
            .map_err(|_| Error::VaultDecrypt)?;
        let invalid = || Error::vault_format("the decrypted contents are not valid");
        if vault.version == VAULT_VERSION_V1 {
            serde_json::from_slice::<VaultContentsV1>(&plaintext)
                .map_err(|_| invalid())?
                .migrate()
        } else {
            serde_json::from_slice(&plaintext).map_err(|_| invalid())
        }
    }

    /// The raw key as 64 lowercase hex digits (for `chrome.storage.session`).
    ///
    /// # Security
    /// Whoever holds this and the vault can decrypt the vault without the password, until the
    /// password is changed.
    pub fn to_hex(&self) -> SecretString {
        SecretString::new(hex::encode(self.key.as_slice()))
    }

    /// The KDF parameters the key was derived with.
    pub fn params(&self) -> ScryptParams {
        self.params
    }
}

fn fixed<const N: usize>(hex: &str) -> Option<[u8; N]> {
    decode_lower(hex)?.try_into().ok()
}

/// Serializes into a buffer of exactly the right size (no reallocation leaves a stray copy of
/// the plaintext behind), zeroized on drop.
fn to_json_exact(contents: &VaultContents) -> Result<Zeroizing<Vec<u8>>> {
    struct Counter(usize);
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    serde_json::to_writer(&mut counter, contents)
        .map_err(|_| Error::Internal("serialize vault contents"))?;
    // AES-GCM encrypts into a copy with room for the tag; reserve it here as well.
    let mut out = Zeroizing::new(Vec::with_capacity(counter.0 + TAG_LEN));
    serde_json::to_writer(&mut *out, contents)
        .map_err(|_| Error::Internal("serialize vault contents"))?;
    Ok(out)
}
