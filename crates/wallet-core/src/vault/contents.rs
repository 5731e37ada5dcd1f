//! What the vault encrypts, in the current schema (version 2) and the one before (version 1).

use crate::error::{Error, Result};
use crate::hd::ethereum_path;
use crate::keyring::{MAX_ACCOUNTS, default_hd_name};
use crate::secret::SecretString;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The wallet's secrets and account metadata: the plaintext of a vault (schema version 2).
///
/// Stored as JSON inside the ciphertext; its schema is versioned by the vault's `version`
/// (a version-1 vault is migrated to this form when it is opened). `Debug` redacts every
/// secret.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VaultContents {
    /// Secret phrases with their accounts (the wallet uses the first).
    pub hd: Vec<HdSecret>,
    /// Single imported private keys.
    pub imported: Vec<ImportedSecret>,
}

/// A phrase and the accounts derived from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HdSecret {
    /// The phrase (words joined with a space, or U+3000 for Japanese).
    pub phrase: SecretString,
    /// The optional BIP-39 passphrase (`""` for none).
    pub passphrase: SecretString,
    /// The accounts of the phrase in the wallet, in order, each with its own path.
    pub accounts: Vec<HdAccount>,
}

/// One account of a phrase: where it is derived and what it is called.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HdAccount {
    /// The full BIP-32 path of the account's key, e.g. `m/44'/60'/0'/0/0`.
    pub path: String,
    /// The account's name.
    pub name: String,
    /// The account's address (`0x` + 40 hex digits, EIP-55), as the wallet derived it when the
    /// account was added: opening the vault lists the accounts without deriving them, and each
    /// key is derived when it is first used, and checked against this address then
    /// ([`crate::Keyring`]). Absent in vaults written before it was kept: those accounts are
    /// derived at opening and get it at the next `seal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl HdAccount {
    /// The account at the standard path `m/44'/60'/0'/0/index` (its address not yet known).
    pub fn standard(index: u32, name: impl Into<String>) -> Self {
        Self {
            path: ethereum_path(index),
            name: name.into(),
            address: None,
        }
    }
}

/// A single imported private key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedSecret {
    /// `0x` + 64 hex digits.
    pub key: SecretString,
    /// The account's name.
    pub name: String,
}

/// The plaintext of a version-1 vault: accounts `m/44'/60'/0'/0/0..accounts` and names by
/// index (an index without a name had the default name).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VaultContentsV1 {
    hd: Vec<HdSecretV1>,
    imported: Vec<ImportedSecret>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HdSecretV1 {
    phrase: SecretString,
    passphrase: SecretString,
    accounts: u32,
    #[serde(default)]
    names: BTreeMap<u32, String>,
}

impl VaultContentsV1 {
    /// The same wallet in the version-2 schema: each account gets its standard path and the
    /// name it was shown with (the default name where none was stored).
    pub(crate) fn migrate(self) -> Result<VaultContents> {
        let mut hd = Vec::with_capacity(self.hd.len());
        for (p, mut secret) in self.hd.into_iter().enumerate() {
            if secret.accounts > MAX_ACCOUNTS {
                return Err(Error::vault_format(
                    "the decrypted contents are not valid: too many accounts",
                ));
            }
            let accounts = (0..secret.accounts)
                .map(|index| {
                    let name = secret
                        .names
                        .remove(&index)
                        .unwrap_or_else(|| default_hd_name(p, index));
                    HdAccount::standard(index, name)
                })
                .collect();
            hd.push(HdSecret {
                phrase: core::mem::take(&mut secret.phrase),
                passphrase: core::mem::take(&mut secret.passphrase),
                accounts,
            });
        }
        Ok(VaultContents {
            hd,
            imported: self.imported,
        })
    }
}
