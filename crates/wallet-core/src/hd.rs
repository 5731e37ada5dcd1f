//! BIP-32 hierarchical derivation and BIP-44 Ethereum accounts (`m/44'/60'/0'/0/i`).

use crate::error::{Error, Result};
use crate::keys::PrivateKey;
use crate::secret::{SecretString, Seed};
use bip32::{ChildNumber, ExtendedKey, Prefix, XPrv, XPub};
use core::fmt;
use core::str::FromStr;

/// The BIP-44 path of Ethereum account `index`: `m/44'/60'/0'/0/index`.
pub fn ethereum_path(index: u32) -> String {
    format!("m/44'/60'/0'/0/{index}")
}

/// A parsed derivation path such as `m/44'/60'/0'/0/0` (`'`, `h` or `H` mark hardened steps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivationPath(Vec<ChildNumber>);

impl FromStr for DerivationPath {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let mut parts = s.split('/');
        if parts.next() != Some("m") {
            return Err(Error::InvalidPath {
                reason: "a path starts with m",
            });
        }
        let mut steps = Vec::new();
        for part in parts {
            let (digits, hardened) = match part.strip_suffix(['\'', 'h', 'H']) {
                Some(d) => (d, true),
                None => (part, false),
            };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 10
            {
                return Err(Error::InvalidPath {
                    reason: "each step is a decimal index, optionally followed by '",
                });
            }
            let index: u32 = digits.parse().map_err(|_| Error::InvalidPath {
                reason: "index out of range",
            })?;
            let step = ChildNumber::new(index, hardened).map_err(|_| Error::InvalidPath {
                reason: "an index must be below 2^31",
            })?;
            steps.push(step);
        }
        if steps.len() > 255 {
            return Err(Error::InvalidPath {
                reason: "more than 255 steps",
            });
        }
        Ok(Self(steps))
    }
}

impl DerivationPath {
    /// The steps, each with its hardened flag.
    pub fn steps(&self) -> impl Iterator<Item = (u32, bool)> + '_ {
        self.0.iter().map(|c| (c.index(), c.is_hardened()))
    }

    /// The number of steps (0 for `m`).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether this is `m` itself.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The path without its last step, and that step (`None` for `m`).
    pub fn split_last(&self) -> Option<(Self, (u32, bool))> {
        let (last, parent) = self.0.split_last()?;
        Some((Self(parent.to_vec()), (last.index(), last.is_hardened())))
    }

    /// This path with one more step.
    pub fn child(&self, index: u32, hardened: bool) -> Result<Self> {
        let step = ChildNumber::new(index, hardened).map_err(|_| Error::InvalidPath {
            reason: "an index must be below 2^31",
        })?;
        if self.0.len() >= 255 {
            return Err(Error::InvalidPath {
                reason: "more than 255 steps",
            });
        }
        let mut steps = self.0.clone();
        steps.push(step);
        Ok(Self(steps))
    }
}

/// The canonical spelling: `m`, then `/index` per step with `'` for hardened steps.
impl fmt::Display for DerivationPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("m")?;
        for (index, hardened) in self.steps() {
            write!(f, "/{index}{}", if hardened { "'" } else { "" })?;
        }
        Ok(())
    }
}

/// A BIP-32 extended private key. Zeroized on drop (bip32's key zeroizes); `Debug` redacts.
#[derive(Clone)]
pub struct ExtendedPrivateKey(XPrv);

impl fmt::Debug for ExtendedPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExtendedPrivateKey")
            .field("depth", &self.0.attrs().depth)
            .field("key", &format_args!("[REDACTED]"))
            .finish()
    }
}

impl ExtendedPrivateKey {
    /// The master key of a seed (HMAC-SHA512 with key "Bitcoin seed").
    pub fn from_seed(seed: &Seed) -> Result<Self> {
        Self::from_seed_bytes(seed.as_bytes())
    }

    /// The master key of raw seed bytes (16 to 64 bytes, as BIP-32 allows).
    pub fn from_seed_bytes(seed: &[u8]) -> Result<Self> {
        if !(16..=64).contains(&seed.len()) {
            return Err(Error::InvalidInput {
                field: "seed",
                reason: "expected 16 to 64 bytes",
            });
        }
        XPrv::new(seed)
            .map(Self)
            .map_err(|_| Error::InvalidExtendedKey {
                reason: "the seed gives an invalid master key",
            })
    }

    /// One derivation step.
    pub fn derive_child(&self, index: u32, hardened: bool) -> Result<Self> {
        let child = ChildNumber::new(index, hardened).map_err(|_| Error::InvalidPath {
            reason: "an index must be below 2^31",
        })?;
        self.0
            .derive_child(child)
            .map(Self)
            .map_err(|_| Error::InvalidPath {
                reason: "derivation failed (invalid child or depth over 255)",
            })
    }

    /// Derives every step of `path` from this key (normally the master key).
    pub fn derive_path(&self, path: &DerivationPath) -> Result<Self> {
        let mut key = self.clone();
        for (index, hardened) in path.steps() {
            key = key.derive_child(index, hardened)?;
        }
        Ok(key)
    }

    /// The private key at this node. The node's signing key already holds its public key, so
    /// this costs no curve multiplication (going through the key's bytes would cost one).
    pub fn private_key(&self) -> Result<PrivateKey> {
        Ok(PrivateKey::from_signing_key(self.0.private_key().clone()))
    }

    /// The private key of child `index`, without building the child's extended key: the same
    /// BIP-32 step as [`Self::derive_child`] (bip32's own tweak and scalar addition, the
    /// parent's public key taken from its signing key), minus the parent fingerprint that an
    /// extended child records (a public-key compression and a HASH160 per child). The
    /// addition is done on a bare `SecretKey` (bip32 would make a `SigningKey`, which computes
    /// the public key by a generic multiplication): the child's public key, for its address,
    /// is then one multiplication by k256's precomputed table.
    pub fn child_key(&self, index: u32, hardened: bool) -> Result<PrivateKey> {
        use bip32::PrivateKey as _;
        use zeroize::Zeroize as _;
        let child = ChildNumber::new(index, hardened).map_err(|_| Error::InvalidPath {
            reason: "an index must be below 2^31",
        })?;
        let parent = self.0.private_key();
        let failed = |_| Error::InvalidPath {
            reason: "derivation failed (invalid child)",
        };
        let (mut tweak, _chain_code) = parent
            .derive_tweak(&self.0.attrs().chain_code, child)
            .map_err(failed)?;
        let key = k256::SecretKey::from(parent)
            .derive_child(tweak)
            .map_err(failed);
        tweak.as_mut_slice().zeroize();
        PrivateKey::from_secret(key?)
    }

    /// Serialized as `xprv…` (Base58Check).
    ///
    /// # Security
    /// This string controls every key below this node.
    pub fn to_xprv(&self) -> SecretString {
        self.0.to_string(Prefix::XPRV).into()
    }

    /// The matching `xpub…`.
    pub fn to_xpub(&self) -> String {
        self.0.public_key().to_string(Prefix::XPUB)
    }

    /// Parses an `xprv…` string, rejecting every malformed key of BIP-32 test vector 5.
    pub fn parse(s: &str) -> Result<Self> {
        let key = decode(s)?;
        if key.prefix.version() != Prefix::XPRV.version() {
            return Err(Error::InvalidExtendedKey {
                reason: "not an xprv version",
            });
        }
        if key.key_bytes[0] != 0 {
            return Err(Error::InvalidExtendedKey {
                reason: "private key data must start with 0x00",
            });
        }
        XPrv::try_from(key)
            .map(Self)
            .map_err(|_| Error::InvalidExtendedKey {
                reason: "private key not in 1..n-1",
            })
    }
}

/// A BIP-32 extended public key.
#[derive(Debug, Clone)]
pub struct ExtendedPublicKey(XPub);

impl ExtendedPublicKey {
    /// Parses an `xpub…` string, rejecting every malformed key of BIP-32 test vector 5.
    pub fn parse(s: &str) -> Result<Self> {
        let key = decode(s)?;
        if key.prefix.version() != Prefix::XPUB.version() {
            return Err(Error::InvalidExtendedKey {
                reason: "not an xpub version",
            });
        }
        if !matches!(key.key_bytes[0], 2 | 3) {
            return Err(Error::InvalidExtendedKey {
                reason: "public key data must start with 0x02 or 0x03",
            });
        }
        XPub::try_from(key)
            .map(Self)
            .map_err(|_| Error::InvalidExtendedKey {
                reason: "not a point on the curve",
            })
    }
}

impl fmt::Display for ExtendedPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_string(Prefix::XPUB))
    }
}

/// Either kind of extended key, as parsed by [`parse_extended_key`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ParsedExtendedKey {
    /// An `xprv`.
    Private(ExtendedPrivateKey),
    /// An `xpub`.
    Public(ExtendedPublicKey),
}

/// Parses an `xprv` or `xpub` by its version bytes.
pub fn parse_extended_key(s: &str) -> Result<ParsedExtendedKey> {
    let key = decode(s)?;
    if key.prefix.version() == Prefix::XPRV.version() {
        ExtendedPrivateKey::parse(s).map(ParsedExtendedKey::Private)
    } else if key.prefix.version() == Prefix::XPUB.version() {
        ExtendedPublicKey::parse(s).map(ParsedExtendedKey::Public)
    } else {
        Err(Error::InvalidExtendedKey {
            reason: "unknown extended key version",
        })
    }
}

/// Base58Check decoding plus the structural rules bip32 does not check itself.
fn decode(s: &str) -> Result<ExtendedKey> {
    let key = ExtendedKey::from_str(s).map_err(|_| Error::InvalidExtendedKey {
        reason: "bad base58check encoding, checksum or length",
    })?;
    let version = key.prefix.version();
    if version != Prefix::XPRV.version() && version != Prefix::XPUB.version() {
        return Err(Error::InvalidExtendedKey {
            reason: "unknown extended key version",
        });
    }
    if key.attrs.depth == 0 {
        if key.attrs.parent_fingerprint != [0; 4] {
            return Err(Error::InvalidExtendedKey {
                reason: "zero depth with a non-zero parent fingerprint",
            });
        }
        if key.attrs.child_number.to_bytes() != [0; 4] {
            return Err(Error::InvalidExtendedKey {
                reason: "zero depth with a non-zero child index",
            });
        }
    }
    Ok(key)
}

/// The account node `m/44'/60'/0'/0` of a seed, from which accounts are derived quickly.
#[derive(Clone)]
pub struct EthereumAccounts(ExtendedPrivateKey);

impl fmt::Debug for EthereumAccounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EthereumAccounts([REDACTED])")
    }
}

impl EthereumAccounts {
    /// Derives `m/44'/60'/0'/0` from the seed.
    pub fn from_seed(seed: &Seed) -> Result<Self> {
        Self::from_master(&ExtendedPrivateKey::from_seed(seed)?)
    }

    /// Derives `m/44'/60'/0'/0` from the master key.
    pub fn from_master(master: &ExtendedPrivateKey) -> Result<Self> {
        let node = master
            .derive_child(44, true)?
            .derive_child(60, true)?
            .derive_child(0, true)?
            .derive_child(0, false)?;
        Ok(Self(node))
    }

    /// The key of account `index` (`m/44'/60'/0'/0/index`, `index` < 2^31).
    pub fn key(&self, index: u32) -> Result<PrivateKey> {
        self.0.child_key(index, false)
    }
}
