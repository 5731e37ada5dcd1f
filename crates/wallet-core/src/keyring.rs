//! The unlocked wallet: accounts derived from the vault's contents, and signing by address.

use crate::address::{Address, parse_address, to_checksum};
use crate::error::{Error, Result};
use crate::hd::{DerivationPath, EthereumAccounts, ExtendedPrivateKey, ethereum_path};
use crate::keys::PrivateKey;
use crate::phrase::Phrase;
use crate::sign::{Signature, personal_sign};
use crate::tx::{SignedTransaction, Transaction};
use crate::typed_data::{TypedData, TypedDataVersion, sign_typed_data};
use crate::vault::{HdAccount, HdSecret, ImportedSecret, VaultContents};
use std::cell::OnceCell;
use std::collections::BTreeMap;

/// The parent of the standard accounts (BIP-44, Ethereum, account 0, external chain).
const STANDARD_PARENT: &str = "m/44'/60'/0'/0";
/// Most accounts per phrase (bounds the work of opening a vault).
pub const MAX_ACCOUNTS: u32 = 1000;
/// Most imported keys.
pub const MAX_IMPORTED: usize = 1000;
/// Longest account name, in characters.
pub const MAX_NAME_CHARS: usize = 64;
/// Most steps in an account's path (BIP-44 has 5; bounds the work of opening a vault).
pub const MAX_PATH_STEPS: usize = 10;

/// What kind of account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccountKind {
    /// Derived from phrase number `phrase` (0 for the wallet's phrase) at `path`.
    Hd {
        /// Which phrase of the vault.
        phrase: usize,
        /// The account's position among the phrase's accounts (for accounts on the standard
        /// path `m/44'/60'/0'/0/i`, as a new wallet makes them, this is `i`).
        index: u32,
        /// The account's derivation path, e.g. `m/44'/60'/0'/0/0`.
        path: String,
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
        match &self.kind {
            AccountKind::Hd { path, .. } => Some(path.clone()),
            AccountKind::Imported => None,
        }
    }
}

#[derive(Debug)]
struct Account {
    info: AccountInfo,
    /// Derived when first used, for an HD account whose address the vault holds
    /// ([`HdAccount::address`]); known from the start otherwise.
    key: OnceCell<PrivateKey>,
}

impl Account {
    fn with_key(info: AccountInfo, key: PrivateKey) -> Self {
        Self {
            info,
            key: OnceCell::from(key),
        }
    }
}

/// The keys of one phrase: its master key (any path) and the standard account node.
#[derive(Debug)]
struct PhraseKeys {
    master: ExtendedPrivateKey,
    standard: EthereumAccounts,
}

impl PhraseKeys {
    /// The key at `path`: one step from the standard node for the usual `m/44'/60'/0'/0/i`,
    /// from the master key otherwise.
    fn key_at(&self, path: &DerivationPath) -> Result<PrivateKey> {
        match path.split_last() {
            Some((parent, (index, false))) if parent.to_string() == STANDARD_PARENT => {
                self.standard.key(index)
            }
            _ => self.master.derive_path(path)?.private_key(),
        }
    }
}

/// The unlocked wallet: the vault's contents, its accounts listed and their keys derived when
/// first used.
///
/// Opening a vault whose HD accounts carry their addresses derives none of them (a wallet of
/// 100 accounts opens as fast as one of 1); the first signature of an account derives its key
/// and checks that the key's address is the one listed. Every change returns through
/// [`Keyring::contents`], which the caller re-encrypts ([`crate::vault::VaultKey::seal`]). `Debug` redacts every secret.
#[derive(Debug)]
pub struct Keyring {
    contents: VaultContents,
    phrases: Vec<PhraseKeys>,
    accounts: Vec<Account>,
}

impl Keyring {
    /// A new wallet with one phrase and its first account (`m/44'/60'/0'/0/0`).
    pub fn new(phrase: &Phrase, passphrase: &str) -> Result<Self> {
        let contents = VaultContents {
            hd: vec![HdSecret {
                phrase: phrase.to_secret_string(),
                passphrase: passphrase.into(),
                accounts: vec![HdAccount::standard(0, default_hd_name(0, 0))],
            }],
            imported: Vec::new(),
        };
        Self::from_contents(contents)
    }

    /// Rebuilds the accounts from decrypted vault contents (validating them). HD accounts with
    /// an address are listed with it and derived later ([`Keyring::verify`] derives them all
    /// now); those without are derived here, and their addresses kept in the contents.
    pub fn from_contents(mut contents: VaultContents) -> Result<Self> {
        let invalid = |reason: &str| {
            Error::vault_format(format!("the decrypted contents are not valid: {reason}"))
        };
        if contents.imported.len() > MAX_IMPORTED {
            return Err(invalid("too many imported keys"));
        }
        let mut phrases = Vec::with_capacity(contents.hd.len());
        let mut accounts = Vec::new();
        for (p, hd) in contents.hd.iter_mut().enumerate() {
            if hd.accounts.len() > MAX_ACCOUNTS as usize {
                return Err(invalid("too many accounts"));
            }
            let phrase = Phrase::parse(hd.phrase.expose_secret())
                .map_err(|_| invalid("a phrase is not valid"))?;
            let master =
                ExtendedPrivateKey::from_seed(&phrase.to_seed(hd.passphrase.expose_secret()))?;
            let standard = EthereumAccounts::from_master(&master)?;
            // Accounts usually share their parent node: derive each parent once.
            let mut parents: BTreeMap<String, ExtendedPrivateKey> = BTreeMap::new();
            for (index, account) in hd.accounts.iter_mut().enumerate() {
                let path = account_path(&account.path)
                    .map_err(|_| invalid("an account path is not valid"))?;
                let kind = AccountKind::Hd {
                    phrase: p,
                    index: u32::try_from(index).map_err(|_| invalid("too many accounts"))?,
                    path: path.to_string(),
                };
                let name = account.name.clone();
                let listed = match &account.address {
                    Some(address) => Account {
                        info: AccountInfo {
                            address: parse_address(address)
                                .map_err(|_| invalid("an account address is not valid"))?,
                            name,
                            kind,
                        },
                        key: OnceCell::new(),
                    },
                    None => {
                        let key = derive_cached(&master, &path, &mut parents)?;
                        account.address = Some(to_checksum(&key.address()));
                        let info = AccountInfo {
                            address: key.address(),
                            name,
                            kind,
                        };
                        Account::with_key(info, key)
                    }
                };
                accounts.push(listed);
            }
            phrases.push(PhraseKeys { master, standard });
        }
        for imported in &contents.imported {
            let key = PrivateKey::from_hex(imported.key.expose_secret())
                .map_err(|_| invalid("an imported key is not valid"))?;
            let info = AccountInfo {
                address: key.address(),
                name: imported.name.clone(),
                kind: AccountKind::Imported,
            };
            accounts.push(Account::with_key(info, key));
        }
        let mut seen = std::collections::BTreeSet::new();
        if !accounts.iter().all(|a| seen.insert(a.info.address)) {
            return Err(invalid("an account appears twice"));
        }
        Ok(Self {
            contents,
            phrases,
            accounts,
        })
    }

    /// Derives every account not derived yet and checks it against its listed address (the
    /// recovery tool shows only addresses it derived). An error names no account: the vault's
    /// contents are not what this wallet wrote.
    pub fn verify(&self) -> Result<()> {
        self.accounts
            .iter()
            .try_for_each(|a| self.key_of(a).map(|_| ()))
    }

    /// The contents to encrypt.
    pub fn contents(&self) -> &VaultContents {
        &self.contents
    }

    /// Every account: HD accounts by phrase and position, then imported keys in import order.
    pub fn accounts(&self) -> Vec<AccountInfo> {
        self.accounts.iter().map(|a| a.info.clone()).collect()
    }

    /// The address of HD account `index` of the wallet's phrase at the standard path
    /// `m/44'/60'/0'/0/index`, without adding it.
    pub fn peek_address(&self, index: u32) -> Result<Address> {
        self.phrase_keys(0)?
            .standard
            .key(index)
            .map(|k| k.address())
    }

    /// The address at any `path` of phrase number `phrase`, without adding it.
    pub fn peek_path(&self, phrase: usize, path: &str) -> Result<Address> {
        let path = account_path(path)?;
        self.phrase_keys(phrase)?.key_at(&path).map(|k| k.address())
    }

    /// Whether the wallet has a phrase (a vault of imported keys only has none: it cannot
    /// derive accounts, reveal a phrase or scan paths).
    pub fn has_phrase(&self) -> bool {
        !self.phrases.is_empty()
    }

    /// The accounts `start..start + count` of each of `schemes` for phrase number `phrase`
    /// (see [`crate::recovery::scan_accounts`]), without adding any.
    pub fn scan_paths(
        &self,
        phrase: usize,
        schemes: &[crate::recovery::PathScheme],
        start: u32,
        count: u32,
    ) -> Result<Vec<crate::recovery::ScannedAccount>> {
        crate::recovery::scan_from_master(&self.phrase_keys(phrase)?.master, schemes, start, count)
    }

    /// Adds the next HD account of the wallet's phrase: the next index under the parent of
    /// the phrase's first account (for a wallet made here, `m/44'/60'/0'/0/<count>`; for a
    /// MetaMask import with `hdPath` `m/44'/60'/0'`, the next `m/44'/60'/0'/i`).
    pub fn add_account(&mut self, name: Option<&str>) -> Result<AccountInfo> {
        let hd = self.contents.hd.first().ok_or(Error::InvalidInput {
            field: "account",
            reason: "the wallet has no phrase",
        })?;
        let first = match hd.accounts.first() {
            Some(account) => account_path(&account.path)?,
            None => account_path(&ethereum_path(0))?,
        };
        let (parent, (_, hardened)) = first.split_last().ok_or(Error::Internal("empty path"))?;
        let mut next = 0u32;
        for account in &hd.accounts {
            if let Some((p, (index, h))) = account_path(&account.path)?.split_last()
                && p == parent
                && h == hardened
            {
                next = next.max(index.saturating_add(1));
            }
        }
        let path = parent
            .child(next, hardened)
            .map_err(|_| Error::InvalidInput {
                field: "account",
                reason: "no next account index on this path",
            })?;
        self.add_account_at(0, &path.to_string(), name)
    }

    /// Adds the account at `path` of phrase number `phrase` (an account found on another
    /// path by [`crate::recovery::scan_accounts`], say).
    pub fn add_account_at(
        &mut self,
        phrase: usize,
        path: &str,
        name: Option<&str>,
    ) -> Result<AccountInfo> {
        let name = name.map(check_name).transpose()?;
        let path = account_path(path)?;
        let key = self
            .phrase_keys(phrase)?
            .master
            .derive_path(&path)?
            .private_key()?;
        if self.find(&key.address()).is_ok() {
            return Err(Error::DuplicateAccount);
        }
        let hd = self
            .contents
            .hd
            .get_mut(phrase)
            .ok_or(Error::Internal("phrase index"))?;
        let position = hd.accounts.len();
        if position >= MAX_ACCOUNTS as usize {
            return Err(Error::InvalidInput {
                field: "account",
                reason: "too many accounts",
            });
        }
        let index = u32::try_from(position).map_err(|_| Error::Internal("account count"))?;
        let name = name.unwrap_or_else(|| default_hd_name(phrase, index));
        hd.accounts.push(HdAccount {
            path: path.to_string(),
            name: name.clone(),
            address: Some(to_checksum(&key.address())),
        });
        let info = AccountInfo {
            address: key.address(),
            name,
            kind: AccountKind::Hd {
                phrase,
                index,
                path: path.to_string(),
            },
        };
        self.insert_hd(Account::with_key(info.clone(), key));
        Ok(info)
    }

    /// Adds the accounts of `other` (another wallet's contents, a MetaMask import say) that
    /// this wallet does not hold yet: each phrase's accounts in order (a phrase already here
    /// gets the missing ones, a new phrase comes after the others), then the imported keys.
    /// Added accounts get this wallet's default names. Returns how many were added; on an
    /// error nothing changes.
    pub fn add_contents(&mut self, other: &VaultContents) -> Result<usize> {
        let mut contents = self.contents.clone();
        let mut known: std::collections::BTreeSet<Address> =
            self.accounts.iter().map(|a| a.info.address).collect();
        let mut added = 0usize;
        for hd in &other.hd {
            let (p, new) = match contents
                .hd
                .iter()
                .position(|h| h.phrase == hd.phrase && h.passphrase == hd.passphrase)
            {
                Some(p) => (p, false),
                None => {
                    contents.hd.push(HdSecret {
                        phrase: hd.phrase.clone(),
                        passphrase: hd.passphrase.clone(),
                        accounts: Vec::new(),
                    });
                    (contents.hd.len() - 1, true)
                }
            };
            let phrase = Phrase::parse(hd.phrase.expose_secret())?;
            let master =
                ExtendedPrivateKey::from_seed(&phrase.to_seed(hd.passphrase.expose_secret()))?;
            let mut parents = BTreeMap::new();
            let target = contents
                .hd
                .get_mut(p)
                .ok_or(Error::Internal("phrase index"))?;
            for account in &hd.accounts {
                let key = derive_cached(&master, &account_path(&account.path)?, &mut parents)?;
                if known.insert(key.address()) {
                    let position = u32::try_from(target.accounts.len())
                        .map_err(|_| Error::Internal("account count"))?;
                    target.accounts.push(HdAccount {
                        path: account.path.clone(),
                        name: default_hd_name(p, position),
                        address: Some(to_checksum(&key.address())),
                    });
                    added += 1;
                }
            }
            if new && target.accounts.is_empty() {
                // A new phrase none of whose accounts was new: not kept.
                contents.hd.truncate(p);
            }
        }
        for imported in &other.imported {
            let key = PrivateKey::from_hex(imported.key.expose_secret())?;
            if known.insert(key.address()) {
                let name = format!("Imported {}", contents.imported.len() + 1);
                contents.imported.push(ImportedSecret {
                    key: key.to_hex(),
                    name,
                });
                added += 1;
            }
        }
        *self = Self::from_contents(contents)?;
        Ok(added)
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
        self.accounts.push(Account::with_key(info.clone(), key));
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
        match &account.info.kind {
            AccountKind::Hd { phrase, index, .. } => {
                let stored = self
                    .contents
                    .hd
                    .get_mut(*phrase)
                    .and_then(|hd| hd.accounts.get_mut(*index as usize))
                    .ok_or(Error::Internal("account position"))?;
                stored.name = name.clone();
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
        let account = self
            .accounts
            .iter()
            .find(|a| a.info.address == *address)
            .ok_or(Error::UnknownAccount)?;
        self.key_of(account)
    }

    /// The account's key, derived now if it was not yet, and only if it is the listed address's.
    fn key_of<'a>(&self, account: &'a Account) -> Result<&'a PrivateKey> {
        if let Some(key) = account.key.get() {
            return Ok(key);
        }
        let AccountKind::Hd { phrase, path, .. } = &account.info.kind else {
            return Err(Error::Internal("an imported account without its key"));
        };
        let key = self.phrase_keys(*phrase)?.key_at(&account_path(path)?)?;
        if key.address() != account.info.address {
            return Err(Error::vault_format(
                "the decrypted contents are not valid: an account's address is not its key's",
            ));
        }
        Ok(account.key.get_or_init(|| key))
    }

    fn phrase_keys(&self, phrase: usize) -> Result<&PhraseKeys> {
        self.phrases.get(phrase).ok_or(Error::InvalidInput {
            field: "account",
            reason: "the wallet has no such phrase",
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

/// A path for an account: parsed, 1 to [`MAX_PATH_STEPS`] steps.
pub(crate) fn account_path(path: &str) -> Result<DerivationPath> {
    let parsed: DerivationPath = path.parse()?;
    if parsed.is_empty() || parsed.len() > MAX_PATH_STEPS {
        return Err(Error::InvalidPath {
            reason: "an account path has 1 to 10 steps",
        });
    }
    Ok(parsed)
}

/// The key at `path`, deriving its parent once per distinct parent.
fn derive_cached(
    master: &ExtendedPrivateKey,
    path: &DerivationPath,
    parents: &mut BTreeMap<String, ExtendedPrivateKey>,
) -> Result<PrivateKey> {
    let (parent, (index, hardened)) = path.split_last().ok_or(Error::InvalidPath {
        reason: "an account path has 1 to 10 steps",
    })?;
    let label = parent.to_string();
    let node = match parents.get(&label) {
        Some(node) => node.clone(),
        None => {
            let node = master.derive_path(&parent)?;
            parents.insert(label, node.clone());
            node
        }
    };
    node.child_key(index, hardened)
}

/// The name an HD account has until it is renamed: "Account N" for the wallet's phrase.
pub(crate) fn default_hd_name(phrase: usize, index: u32) -> String {
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
