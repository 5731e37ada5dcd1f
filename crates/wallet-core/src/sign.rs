//! Signatures, EIP-191 `personal_sign`, and recovery.

use crate::address::Address;
use crate::error::{Error, Result};
use crate::keys::PrivateKey;
use alloy_primitives::{B256, keccak256};
use k256::ecdsa::{RecoveryId, VerifyingKey};

/// A recoverable secp256k1 ECDSA signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    r: B256,
    s: B256,
    y_parity: bool,
}

impl Signature {
    /// From its parts.
    pub fn new(r: B256, s: B256, y_parity: bool) -> Self {
        Self { r, s, y_parity }
    }

    /// `r` (32 bytes, big-endian).
    pub fn r(&self) -> B256 {
        self.r
    }

    /// `s` (32 bytes, big-endian).
    pub fn s(&self) -> B256 {
        self.s
    }

    /// Whether the recovered point's y coordinate is odd (the recovery id).
    pub fn y_parity(&self) -> bool {
        self.y_parity
    }

    /// `27 + y_parity`, as `personal_sign` and `eth_signTypedData` return it.
    pub fn v(&self) -> u8 {
        27 + u8::from(self.y_parity)
    }

    /// The 65 bytes `r ‖ s ‖ v` with `v` = 27 or 28.
    pub fn to_bytes(&self) -> [u8; 65] {
        let mut out = [0u8; 65];
        out[..32].copy_from_slice(self.r.as_slice());
        out[32..64].copy_from_slice(self.s.as_slice());
        out[64] = self.v();
        out
    }

    /// `0x` + 130 hex digits (`r ‖ s ‖ v`).
    pub fn to_hex(&self) -> String {
        crate::encoding::encode_0x(self.to_bytes())
    }

    /// From 65 bytes `r ‖ s ‖ v`, `v` ∈ {0, 1, 27, 28}.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (rs, v) = match bytes {
            [rs @ .., v] if rs.len() == 64 => (rs, *v),
            _ => {
                return Err(Error::SignatureInvalid {
                    reason: "expected 65 bytes (r, s, v)",
                });
            }
        };
        let y_parity = match v {
            0 | 27 => false,
            1 | 28 => true,
            _ => {
                return Err(Error::SignatureInvalid {
                    reason: "v must be 0, 1, 27 or 28",
                });
            }
        };
        let (r, s) = rs.split_at(32);
        Ok(Self::new(
            B256::from_slice(r),
            B256::from_slice(s),
            y_parity,
        ))
    }

    /// From `0x` + 130 hex digits.
    pub fn from_hex(hex: &str) -> Result<Self> {
        let bytes = crate::encoding::decode_0x(hex).ok_or(Error::SignatureInvalid {
            reason: "expected 0x-prefixed hex",
        })?;
        Self::from_bytes(&bytes)
    }
}

/// The EIP-191 (version 0x45) digest: `keccak256("\x19Ethereum Signed Message:\n" + len + message)`.
pub fn personal_message_hash(message: &[u8]) -> B256 {
    let mut data = Vec::with_capacity(message.len() + 32);
    data.extend_from_slice(b"\x19Ethereum Signed Message:\n");
    data.extend_from_slice(message.len().to_string().as_bytes());
    data.extend_from_slice(message);
    keccak256(&data)
}

/// `personal_sign`: signs the EIP-191 digest of `message`.
pub fn personal_sign(key: &PrivateKey, message: &[u8]) -> Result<Signature> {
    key.sign_digest(&personal_message_hash(message))
}

/// The address that produced `signature` over `message` with `personal_sign`.
pub fn recover_personal(message: &[u8], signature: &Signature) -> Result<Address> {
    recover_digest(&personal_message_hash(message), signature)
}

/// The address that signed `digest`. A high-s signature is normalized first (it recovers the
/// same key, as `ecrecover` does).
pub(crate) fn recover_digest(digest: &B256, signature: &Signature) -> Result<Address> {
    let sig = k256::ecdsa::Signature::from_scalars(signature.r.0, signature.s.0).map_err(|_| {
        Error::SignatureInvalid {
            reason: "r or s is zero or not below the group order",
        }
    })?;
    let (sig, y_parity) = match sig.normalize_s() {
        Some(low) => (low, !signature.y_parity),
        None => (sig, signature.y_parity),
    };
    let recid = RecoveryId::new(y_parity, false);
    let key = VerifyingKey::recover_from_prehash(digest.as_slice(), &sig, recid).map_err(|_| {
        Error::SignatureInvalid {
            reason: "no public key can be recovered from it",
        }
    })?;
    Ok(Address::from_public_key(&key))
}
