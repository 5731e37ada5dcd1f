#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod address;
#[cfg(feature = "bench")]
pub mod bench;
mod encoding;
pub mod error;
pub mod hd;
pub mod keyring;
pub mod keys;
pub mod metamask;
pub mod phrase;
pub mod recovery;
pub mod secret;
pub mod sign;
pub mod tx;
pub mod typed_data;
pub mod vault;

pub use address::{Address, parse_address, to_checksum, to_checksum_address};
pub use error::{Error, Result};
pub use keyring::{AccountInfo, AccountKind, Keyring};
pub use keys::PrivateKey;
pub use phrase::{Language, Phrase, WordCount};
pub use secret::{SecretString, Seed};
pub use sign::{Signature, personal_message_hash, personal_sign, recover_personal};
pub use tx::{SignedTransaction, Transaction, TxType};
pub use typed_data::{
    PreparedTypedData, TypedData, TypedDataVersion, recover_typed_data, sign_typed_data,
};
pub use vault::{ScryptParams, Vault, VaultContents, VaultKey};

// Links critical-section's std implementation, which k256's lazily built tables lock with
// (otherwise the WASM module would import the lock functions from its host).
use critical_section as _;

/// The `rand_core` this crate's `CryptoRng + RngCore` bounds come from (0.6).
pub use rand_core;

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
