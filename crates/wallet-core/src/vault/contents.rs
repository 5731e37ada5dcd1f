//! What the vault encrypts.

use crate::secret::SecretString;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The wallet's secrets and account metadata: the plaintext of a vault.
///
/// Stored as JSON inside the ciphertext (its schema is versioned by the vault's `version`).
/// `Debug` redacts every secret.
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
    /// Accounts `m/44'/60'/0'/0/0` to `…/accounts-1` are in the wallet.
    pub accounts: u32,
    /// Names given to accounts, by index.
    #[serde(default)]
    pub names: BTreeMap<u32, String>,
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
