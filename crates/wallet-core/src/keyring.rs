//! The unlocked wallet: accounts derived from the vault's contents, and signing by address.

use crate::address::Address;
use crate::error::{Error, Result};
use crate::hd::{EthereumAccounts, ethereum_path};
use crate::keys::PrivateKey;
use crate::phrase::Phrase;
use crate::sign::{Signature, personal_sign};
use crate::tx::{SignedTransaction, Transaction};
use crate::typed_data::{TypedData, TypedDataVersion, sign_typed_data};
use crate::vault::{HdSecret, ImportedSecret, VaultContents};
use std::collections::BTreeMap;

/// Most accounts per phrase (bounds the work of opening a vault).
pub const MAX_ACCOUNTS: u32 = 1000;
/// Most imported keys.
pub const MAX_IMPORTED: usize = 1000;
/// Longest account name, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// What kind of account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccountKind {
    /// Derived from phrase number `phrase` (0 for the wallet's phrase) at `m/44'/60'/0'/0/index`.
    Hd {
        /// Which phrase of the vault.
        phrase: usize,
        /// The account index.
        index: u32,
    },
    /// An imported private key.
    Imported,
}

/// An account as shown to the user (no secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountInfo {
    /// The address.
    pub address: Address,
    /// The name.
    pub name: String,
    /// How it was made.
    pub kind: AccountKind,
}

impl AccountInfo {
    /// The derivation path, for HD accounts.
    pub fn path(&self) -> Option<String> {
        match self.kind {
            AccountKind::Hd { index, .. } => Some(ethereum_path(index)),
            AccountKind::Imported => None,
        }
    }
}

#[derive(Debug)]
struct Account {
    info: AccountInfo,
    key: PrivateKey,
}

/// The unlocked wallet: the vault's contents with every account's key derived.
///
/// Every change returns through [`Keyring::contents`], which the caller re-encrypts
/// ([`crate::vault::VaultKey::seal`]). `Debug` redacts every secret.
#[derive(Debug)]
pub struct Keyring {
    contents: VaultContents,
    nodes: Vec<EthereumAccounts>,
    accounts: Vec<Account>,
}

impl Keyring {
    /// A new wallet with one phrase and its first account (`m/44'/60'/0'/0/0`).
    pub fn new(phrase: &Phrase, passphrase: &str) -> Result<Self> {
        let contents = VaultContents {
            hd: vec![HdSecret {
                phrase: phrase.to_secret_string(),
                passphrase: passphrase.into(),
                accounts: 1,
                names: BTreeMap::new(),
            }],
            imported: Vec::new(),
        };
        Self::from_contents(contents)
    }

    /// Rebuilds the accounts from decrypted vault contents (validating them).
    pub fn from_contents(contents: VaultContents) -> Result<Self> {
        let invalid = |reason: &str| {
            Error::vault_format(format!("the decrypted contents are not valid: {reason}"))
        };
        if contents.imported.len() > MAX_IMPORTED {
            return Err(invalid("too many imported keys"));
        }
        let mut nodes = Vec::with_capacity(contents.hd.len());
        let mut accounts = Vec::new();
        for (p, hd) in contents.hd.iter().enumerate() {
            if hd.accounts > MAX_ACCOUNTS {
                return Err(invalid("too many accounts"));
            }
            let phrase = Phrase::parse(hd.phrase.expose_secret())
                .map_err(|_| invalid("a phrase is not valid"))?;
            let node = EthereumAccounts::from_seed(&phrase.to_seed(hd.passphrase.expose_secret()))?;
            for index in 0..hd.accounts {
                let key = node.key(index)?;
                let name = hd
                    .names
                    .get(&index)
                    .cloned()
                    .unwrap_or_else(|| default_hd_name(p, index));
                let info = AccountInfo {
                    address: key.address(),
                    name,
                    kind: AccountKind::Hd { phrase: p, index },
                };
                accounts.push(Account { info, key });
            }
            nodes.push(node);
        }
        for imported in &contents.imported {
            let key = PrivateKey::from_hex(imported.key.expose_secret())
                .map_err(|_| invalid("an imported key is not valid"))?;
            let info = AccountInfo {
                address: key.address(),
                name: imported.name.clone(),
                kind: AccountKind::Imported,
            };
            accounts.push(Account { info, key });
        }
        let mut seen = std::collections::BTreeSet::new();
        if !accounts.iter().all(|a| seen.insert(a.info.address)) {
            return Err(invalid("an account appears twice"));
        }
        Ok(Self {
            contents,
            nodes,
            accounts,
        })
    }

    /// The contents to encrypt.
    pub fn contents(&self) -> &VaultContents {
        &self.contents
    }

    /// Every account: HD accounts by index, then imported keys in import order.
    pub fn accounts(&self) -> Vec<AccountInfo> {
        self.accounts.iter().map(|a| a.info.clone()).collect()
    }

    /// The address of HD account `index` of the wallet's phrase, without adding it.
    pub fn peek_address(&self, index: u32) -> Result<Address> {
        self.first_node()?.key(index).map(|k| k.address())
    }

    /// Adds the next HD account of the wallet's phrase.
    pub fn add_account(&mut self, name: Option<&str>) -> Result<AccountInfo> {
        let name = name.map(check_name).transpose()?;
        let node = self.first_node()?;
        let hd = self
            .contents
            .hd
            .first()
            .ok_or(Error::Internal("no phrase"))?;
        let index = hd.accounts;
        if index >= MAX_ACCOUNTS {
            return Err(Error::InvalidInput {
                field: "account",
                reason: "too many accounts",
            });
        }
        let key = node.key(index)?;
        if self.find(&key.address()).is_ok() {
            return Err(Error::DuplicateAccount);
        }
        let name = name.unwrap_or_else(|| default_hd_name(0, index));
        let hd = self
            .contents
            .hd
            .first_mut()
            .ok_or(Error::Internal("no phrase"))?;
        hd.accounts = index + 1;
        hd.names.insert(index, name.clone());
        let info = AccountInfo {
            address: key.address(),
            name,
            kind: AccountKind::Hd { phrase: 0, index },
        };
        self.insert_hd(Account {
            info: info.clone(),
            key,
        });
        Ok(info)
    }

    /// Adds a single private key as an account.
    pub fn import_private_key(
        &mut self,
        key: PrivateKey,
        name: Option<&str>,
    ) -> Result<AccountInfo> {
        let name = name.map(check_name).transpose()?;
        if self.find(&key.address()).is_ok() {
            return Err(Error::DuplicateAccount);
        }
        if self.contents.imported.len() >= MAX_IMPORTED {
            return Err(Error::InvalidInput {
                field: "account",
                reason: "too many imported keys",
            });
        }
        let name = name.unwrap_or_else(|| format!("Imported {}", self.contents.imported.len() + 1));
        self.contents.imported.push(ImportedSecret {
            key: key.to_hex(),
            name: name.clone(),
        });
        let info = AccountInfo {
            address: key.address(),
            name,
            kind: AccountKind::Imported,
        };
        self.accounts.push(Account {
            info: info.clone(),
            key,
        });
        Ok(info)
    }

    /// Renames an account.
    pub fn rename_account(&mut self, address: &Address, name: &str) -> Result<()> {
        let name = check_name(name)?;
        let position = self
            .accounts
            .iter()
            .position(|a| a.info.address == *address)
            .ok_or(Error::UnknownAccount)?;
        let account = self
            .accounts
            .get_mut(position)
            .ok_or(Error::UnknownAccount)?;
        match account.info.kind {
            AccountKind::Hd { phrase, index } => {
                let hd = self
                    .contents
                    .hd
                    .get_mut(phrase)
                    .ok_or(Error::Internal("phrase index"))?;
                hd.names.insert(index, name.clone());
            }
            AccountKind::Imported => {
                let imported = self
                    .contents
                    .imported
                    .iter_mut()
                    .find(|i| {
                        PrivateKey::from_hex(i.key.expose_secret())
                            .is_ok_and(|k| k.address() == *address)
                    })
                    .ok_or(Error::Internal("imported key missing"))?;
                imported.name = name.clone();
            }
        }
        account.info.name = name;
        Ok(())
    }

    /// `personal_sign` with the account `address`.
    pub fn personal_sign(&self, address: &Address, message: &[u8]) -> Result<Signature> {
        personal_sign(self.find(address)?, message)
    }

    /// `eth_signTypedData_v3` / `_v4` with the account `address`.
    pub fn sign_typed_data(
        &self,
        address: &Address,
        data: &TypedData,
        version: TypedDataVersion,
    ) -> Result<Signature> {
        sign_typed_data(self.find(address)?, data, version)
    }

    /// Signs a transaction with the account `address` (its `from`, if any, must match).
    pub fn sign_transaction(
        &self,
        address: &Address,
        tx: &Transaction,
    ) -> Result<SignedTransaction> {
        tx.sign(self.find(address)?)
    }

    fn find(&self, address: &Address) -> Result<&PrivateKey> {
        self.accounts
            .iter()
            .find(|a| a.info.address == *address)
            .map(|a| &a.key)
            .ok_or(Error::UnknownAccount)
    }

    fn first_node(&self) -> Result<&EthereumAccounts> {
        self.nodes.first().ok_or(Error::InvalidInput {
            field: "account",
            reason: "the wallet has no phrase",
        })
    }

    /// Keeps HD accounts before imported ones.
    fn insert_hd(&mut self, account: Account) {
        let at = self
            .accounts
            .iter()
            .position(|a| a.info.kind == AccountKind::Imported)
            .unwrap_or(self.accounts.len());
        self.accounts.insert(at, account);
    }
}

fn default_hd_name(phrase: usize, index: u32) -> String {
    if phrase == 0 {
        format!("Account {}", u64::from(index) + 1)
    } else {
        format!("Phrase {} account {}", phrase + 1, u64::from(index) + 1)
    }
}

/// A name: trimmed, 1 to 64 characters, no control characters.
fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput {
            field: "name",
            reason: "must not be empty",
        });
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::InvalidInput {
            field: "name",
            reason: "longer than 64 characters",
        });
    }
    if name.chars().any(char::is_control) {
        return Err(Error::InvalidInput {
            field: "name",
            reason: "contains control characters",
        });
    }
    Ok(name.to_owned())
}
