//! Accounts on the paths Ethereum wallets have used.

use crate::address::Address;
use crate::error::{Error, Result};
use crate::hd::{DerivationPath, ExtendedPrivateKey};
use crate::secret::Seed;

/// Most indices scanned per call (the caller asks again for the next range).
pub const MAX_SCAN: u32 = 1000;

/// A family of derivation paths, each account at one index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PathScheme {
    /// BIP-44 as MetaMask, this wallet and most others use it: `m/44'/60'/0'/0/i`.
    Standard,
    /// Ledger Live: one BIP-44 account per index, `m/44'/60'/i'/0/0`.
    LedgerLive,
    /// The legacy MEW / Ledger Chrome app path: `m/44'/60'/0'/i`.
    Legacy,
}

impl PathScheme {
    /// Every scheme, most common first.
    pub const ALL: [Self; 3] = [Self::Standard, Self::LedgerLive, Self::Legacy];

    /// The path of account `index`.
    pub fn path(self, index: u32) -> String {
        match self {
            Self::Standard => format!("m/44'/60'/0'/0/{index}"),
            Self::LedgerLive => format!("m/44'/60'/{index}'/0/0"),
            Self::Legacy => format!("m/44'/60'/0'/{index}"),
        }
    }

    /// `"standard"`, `"ledger-live"` or `"legacy"`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::LedgerLive => "ledger-live",
            Self::Legacy => "legacy",
        }
    }

    /// The scheme and index a path belongs to, if it is one of the schemes' paths
    /// (`m/44'/60'/0'/0/0` is the first account of both the standard and the Ledger Live
    /// schemes: it is reported as standard).
    pub fn of_path(path: &DerivationPath) -> Option<(Self, u32)> {
        let steps: Vec<(u32, bool)> = path.steps().collect();
        match steps.as_slice() {
            [(44, true), (60, true), (0, true), (0, false), (i, false)] => {
                Some((Self::Standard, *i))
            }
            [(44, true), (60, true), (i, true), (0, false), (0, false)] => {
                Some((Self::LedgerLive, *i))
            }
            [(44, true), (60, true), (0, true), (i, false)] => Some((Self::Legacy, *i)),
            _ => None,
        }
    }

    /// The scheme for a [`PathScheme::code`].
    pub fn from_code(code: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .ok_or(Error::InvalidInput {
                field: "scheme",
                reason: "expected standard, ledger-live or legacy",
            })
    }
}

/// An address found on a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedAccount {
    /// Which family of paths.
    pub scheme: PathScheme,
    /// The account's index in that family.
    pub index: u32,
    /// The full path.
    pub path: String,
    /// The address.
    pub address: Address,
}

/// The accounts `start..start+count` of each scheme (scheme by scheme), deriving each
/// shared parent node once. `count` is at most [`MAX_SCAN`].
pub fn scan_accounts(
    seed: &Seed,
    schemes: &[PathScheme],
    start: u32,
    count: u32,
) -> Result<Vec<ScannedAccount>> {
    scan_from_master(&ExtendedPrivateKey::from_seed(seed)?, schemes, start, count)
}

/// [`scan_accounts`] from a master key (an unlocked keyring's, which keeps no seed).
pub fn scan_from_master(
    master: &ExtendedPrivateKey,
    schemes: &[PathScheme],
    start: u32,
    count: u32,
) -> Result<Vec<ScannedAccount>> {
    if count > MAX_SCAN {
        return Err(Error::InvalidInput {
            field: "count",
            reason: "at most 1000 accounts per scan",
        });
    }
    let end = start
        .checked_add(count)
        .filter(|e| *e <= 1 << 31)
        .ok_or(Error::InvalidInput {
            field: "start",
            reason: "indices must stay below 2^31",
        })?;
    let coin = master.derive_child(44, true)?.derive_child(60, true)?;
    let account0 = coin.derive_child(0, true)?;
    let standard = account0.derive_child(0, false)?;
    let mut out = Vec::with_capacity(schemes.len() * count as usize);
    for &scheme in schemes {
        for index in start..end {
            // The last step gives only the key (no extended child): one multiplication each.
            let key = match scheme {
                PathScheme::Standard => standard.child_key(index, false)?,
                PathScheme::Legacy => account0.child_key(index, false)?,
                PathScheme::LedgerLive => coin
                    .derive_child(index, true)?
                    .derive_child(0, false)?
                    .child_key(0, false)?,
            };
            out.push(ScannedAccount {
                scheme,
                index,
                path: scheme.path(index),
                address: key.address(),
            });
        }
    }
    Ok(out)
}

/// The first account of `schemes` (indices `0..count`, scheme by scheme) whose address is
/// `target`, if any.
pub fn find_account(
    seed: &Seed,
    target: &Address,
    schemes: &[PathScheme],
    count: u32,
) -> Result<Option<ScannedAccount>> {
    for &scheme in schemes {
        let mut start = 0;
        while start < count {
            let batch = (count - start).min(MAX_SCAN);
            if let Some(found) = scan_accounts(seed, &[scheme], start, batch)?
                .into_iter()
                .find(|a| a.address == *target)
            {
                return Ok(Some(found));
            }
            start += batch;
        }
    }
    Ok(None)
}
