//! Private keys and their addresses.

use crate::address::Address;
use crate::error::{Error, Result};
use crate::secret::SecretString;
use crate::sign::Signature;
use alloy_primitives::B256;
use core::fmt;
use k256::ecdsa::SigningKey;
use zeroize::Zeroizing;

/// A secp256k1 private key. Zeroized on drop (k256's `SigningKey` zeroizes its scalar);
/// `Debug` prints only the address.
#[derive(Clone)]
pub struct PrivateKey {
    key: SigningKey,
    address: Address,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("address", &self.address)
            .field("key", &format_args!("[REDACTED]"))
            .finish()
    }
}

impl PartialEq for PrivateKey {
    /// Compares addresses (equal keys have equal addresses; the converse holds with
    /// overwhelming probability). Avoids a non-constant-time comparison of key bytes.
    fn eq(&self, other: &Self) -> bool {
        self.address == other.address
    }
}

impl Eq for PrivateKey {}

impl PrivateKey {
    /// A key from 32 big-endian bytes; must be in `1..n-1`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() != 32 {
            return Err(Error::KeyInvalid {
                reason: "expected 32 bytes",
            });
        }
        let key = SigningKey::from_slice(bytes).map_err(|_| Error::KeyInvalid {
            reason: "not a valid secp256k1 scalar (zero or not below the group order)",
        })?;
        Ok(Self::from_signing_key(key))
    }

    /// A key from 64 hex digits, with or without `0x`.
    pub fn from_hex(hex: &str) -> Result<Self> {
        let trimmed = hex.trim();
        let digits = trimmed.strip_prefix("0x").unwrap_or(trimmed);
        if digits.len() != 64 {
            return Err(Error::KeyInvalid {
                reason: "expected 64 hex digits",
            });
        }
        let bytes = Zeroizing::new(
            crate::encoding::decode_digits(digits)
                .ok_or(Error::KeyInvalid { reason: "not hex" })?,
        );
        Self::from_bytes(&bytes)
    }

    pub(crate) fn from_signing_key(key: SigningKey) -> Self {
        let address = Address::from_public_key(key.verifying_key());
        Self { key, address }
    }

    /// The key's address.
    pub fn address(&self) -> Address {
        self.address
    }

    /// The key as `0x` + 64 lowercase hex digits.
    ///
    /// # Security
    /// Whoever holds this string controls the account.
    pub fn to_hex(&self) -> SecretString {
        let bytes = Zeroizing::new(self.key.to_bytes());
        SecretString::new(crate::encoding::encode_0x(bytes.as_slice()))
    }

    /// Signs a 32-byte digest (RFC 6979, low-s). Crate-private on purpose: the wallet never
    /// signs a digest it did not compute itself (no `eth_sign`).
    pub(crate) fn sign_digest(&self, digest: &B256) -> Result<Signature> {
        let (sig, recid) = self
            .key
            .sign_prehash_recoverable(digest.as_slice())
            .map_err(|_| Error::Internal("ecdsa signing failed"))?;
        let (r, s) = sig.split_bytes();
        Ok(Signature::new(
            B256::from_slice(&r),
            B256::from_slice(&s),
            recid.is_y_odd(),
        ))
    }
}
