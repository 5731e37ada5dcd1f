//! Private keys and their addresses.

use crate::address::Address;
use crate::error::{Error, Result};
use crate::secret::SecretString;
use crate::sign::Signature;
use alloy_primitives::B256;
use core::fmt;
use k256::ecdsa::{SigningKey, VerifyingKey};
use k256::elliptic_curve::ops::MulByGenerator as _;
use k256::{ProjectivePoint, SecretKey};
use std::sync::OnceLock;
use zeroize::Zeroizing;

/// A secp256k1 private key. Zeroized on drop (k256's `SecretKey` and `SigningKey` zeroize their
/// scalars); `Debug` prints only the address.
///
/// The public key is computed once, when the key is made, with k256's precomputed table of
/// multiples of the base point. A `SigningKey` built from the scalar would compute it again
/// by a generic multiplication, several times slower (k256's `PublicKey::from_secret_scalar`
/// does not use the table), and a wallet with 100 accounts makes 100 keys at unlock but signs
/// with one: the signing key is built at the first signature and kept.
#[derive(Clone)]
pub struct PrivateKey {
    secret: SecretKey,
    signing: OnceLock<SigningKey>,
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
        let secret = SecretKey::from_slice(bytes).map_err(|_| Error::KeyInvalid {
            reason: "not a valid secp256k1 scalar (zero or not below the group order)",
        })?;
        Self::from_secret(secret)
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

    /// A key whose public key is already known (an HD node's signing key): no multiplication.
    pub(crate) fn from_signing_key(key: SigningKey) -> Self {
        let address = Address::from_public_key(key.verifying_key());
        Self {
            secret: SecretKey::from(&key),
            signing: OnceLock::from(key),
            address,
        }
    }

    /// A key from its scalar: one base-point multiplication by the precomputed table.
    pub(crate) fn from_secret(secret: SecretKey) -> Result<Self> {
        let point = ProjectivePoint::mul_by_generator(secret.to_nonzero_scalar().as_ref());
        // A non-zero scalar below the order never gives the identity; from_affine checks anyway.
        let public = VerifyingKey::from_affine(point.to_affine())
            .map_err(|_| Error::Internal("a non-zero scalar gave the point at infinity"))?;
        Ok(Self {
            address: Address::from_public_key(&public),
            secret,
            signing: OnceLock::new(),
        })
    }

    /// The signing key, built at the first signature (it computes the public key again).
    fn signing_key(&self) -> &SigningKey {
        self.signing.get_or_init(|| SigningKey::from(&self.secret))
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
        let bytes = Zeroizing::new(self.secret.to_bytes());
        SecretString::new(crate::encoding::encode_0x(bytes.as_slice()))
    }

    /// Signs a 32-byte digest (RFC 6979, low-s). Crate-private on purpose: the wallet never
    /// signs a digest it did not compute itself (no `eth_sign`).
    pub(crate) fn sign_digest(&self, digest: &B256) -> Result<Signature> {
        let (sig, recid) = self
            .signing_key()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The table multiplication and k256's own (through `SigningKey`) agree, and so do the
    /// signatures of a key made each way. Keys from the secp256k1 test vectors' range ends.
    #[test]
    fn table_and_generic_multiplication_agree() -> Result<()> {
        let order_minus_one = "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140";
        for hex in [
            "0x0000000000000000000000000000000000000000000000000000000000000001",
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            order_minus_one,
        ] {
            let key = PrivateKey::from_hex(hex)?;
            let bytes =
                Zeroizing::new(crate::encoding::decode_digits(&hex[2..]).unwrap_or_default());
            let generic = SigningKey::from_slice(&bytes).map_err(|_| Error::Internal("bad key"))?;
            assert_eq!(
                key.address(),
                Address::from_public_key(generic.verifying_key())
            );
            let from_signing = PrivateKey::from_signing_key(generic);
            let digest = B256::repeat_byte(0x42);
            assert_eq!(
                key.sign_digest(&digest)?,
                from_signing.sign_digest(&digest)?
            );
            assert_eq!(key.to_hex().expose_secret(), hex);
        }
        // 1·G is the base point, whose address is well known.
        assert_eq!(
            crate::to_checksum(
                &PrivateKey::from_hex(
                    "0x0000000000000000000000000000000000000000000000000000000000000001"
                )?
                .address()
            ),
            "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
        );
        Ok(())
    }
}
