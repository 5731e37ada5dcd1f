//! Importing from MetaMask: its vault (`@metamask/browser-passworder`), its keyrings, and
//! finding the vault in MetaMask's storage files (Chromium LevelDB `.log`/`.ldb`).
//!
//! The intended flow keeps every secret in Rust: files or pasted text →
//! [`find_vault_candidates`] → the person's password → [`MetaMaskVault::decrypt`] →
//! [`MetaMaskKeyrings::to_vault_contents`] → our own vault. No phrase or key needs to leave.

mod find;
mod keyrings;
pub mod leveldb;
mod vault;

pub use find::{Candidate, CandidateSource, SourceKind, find_vault_candidates};
pub use keyrings::{DEFAULT_HD_PATH, MetaMaskHd, MetaMaskKeyrings, SkipReason, SkippedKeyring};
pub use vault::{
    IV_LEN, LEGACY_ITERATIONS, MAX_ITERATIONS, MAX_VAULT_LEN, MIN_ITERATIONS, MetaMaskKey,
    MetaMaskVault,
};
