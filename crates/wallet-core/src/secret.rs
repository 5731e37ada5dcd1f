//! Wrappers for secret values: zeroized on drop, `[REDACTED]` in `Debug`.

use core::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// A secret string (a phrase, a passphrase, a key in hex).
///
/// Zeroized on drop; `Debug` prints `[REDACTED]`; no `Display`, no `Clone` into plain strings.
#[derive(Clone, Default, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a string (taking ownership, so no copy is left behind by this call).
    pub fn new(s: String) -> Self {
        Self(s)
    }

    /// The secret text.
    ///
    /// # Security
    /// Whatever the caller copies out of the returned `&str` is not zeroized by this type.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretString {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl From<&str> for SecretString {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl From<Zeroizing<String>> for SecretString {
    fn from(mut s: Zeroizing<String>) -> Self {
        Self(core::mem::take(&mut *s))
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl serde::Serialize for SecretString {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for SecretString {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

/// A BIP-39 seed (64 bytes). Zeroized on drop; `Debug` prints `[REDACTED]`.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Seed([u8; 64]);

impl Seed {
    /// Wraps seed bytes.
    pub fn new(bytes: [u8; 64]) -> Self {
        Self(bytes)
    }

    /// The seed bytes.
    ///
    /// # Security
    /// Anything derived from these bytes controls every account of the phrase.
    pub fn as_bytes(&self) -> &[u8; 64] {
        &self.0
    }
}

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Seed([REDACTED])")
    }
}
