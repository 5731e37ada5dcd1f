//! The crate's one error type.
//!
//! Messages are lowercase, never contain a secret (no phrase word, key, password or
//! plaintext), and every vault decryption failure is the same opaque variant.

use crate::phrase::Language;

/// Everything that can go wrong in `wallet-core`.
///
/// [`Error::code`] gives a stable machine-readable code for each variant (the WASM bridge
/// passes it to JavaScript).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An argument of the wrong shape (a name, a path, an index...).
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// Which argument.
        field: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The phrase does not have 12, 15, 18, 21 or 24 words.
    #[error("the phrase has {count} words; a secret phrase has 12, 15, 18, 21 or 24 words")]
    PhraseWordCount {
        /// How many words were given.
        count: usize,
    },
    /// A word is not in the word list.
    ///
    /// The message names only the position; `suggestions` (up to 3 words of the list closest
    /// to the mistyped one) are for the restore screen and are deliberately kept out of the
    /// message so that logging the error does not log hints about the phrase.
    #[error("word {position} is not in the {language} word list")]
    PhraseUnknownWord {
        /// 1-based position of the word in the phrase.
        position: usize,
        /// The word list the phrase was checked against.
        language: Language,
        /// Up to 3 closest words of the word list, closest first.
        suggestions: Vec<&'static str>,
    },
    /// Every word is in the list but the phrase's checksum does not match.
    #[error("the phrase's checksum does not match: a word is wrong or words are out of order")]
    PhraseChecksum,
    /// A BIP-32 derivation path that cannot be parsed or derived.
    #[error("invalid derivation path: {reason}")]
    InvalidPath {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A serialized extended key (xprv/xpub) that must be rejected.
    #[error("invalid extended key: {reason}")]
    InvalidExtendedKey {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not a valid secp256k1 private key (wrong length, zero, or not below the group order).
    #[error("invalid private key: {reason}")]
    KeyInvalid {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not 20 bytes of 0x-prefixed hex.
    #[error("invalid address: {reason}")]
    AddressInvalid {
        /// What is wrong with it.
        reason: String,
    },
    /// A mixed-case address whose EIP-55 checksum is wrong.
    #[error(
        "invalid address: the eip-55 checksum does not match (mixed case with a wrong letter case)"
    )]
    AddressChecksum,
    /// A malformed transaction field.
    #[error("invalid transaction field `{field}`: {reason}")]
    TxInvalid {
        /// The JSON-RPC field name (e.g. `maxFeePerGas`, `accessList[0].address`).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Malformed EIP-712 typed data.
    #[error("invalid typed data: {reason}")]
    TypedDataInvalid {
        /// What is wrong with it.
        reason: String,
    },
    /// A signature that is malformed or from which no public key can be recovered.
    #[error("invalid signature: {reason}")]
    SignatureInvalid {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Wrong password, wrong key, or a tampered vault. Deliberately says nothing more.
    #[error("cannot decrypt the vault: wrong password or damaged vault")]
    VaultDecrypt,
    /// Not a vault, an unknown version, algorithm or field, or corrupt JSON.
    #[error("not a valid vault: {reason}")]
    VaultFormat {
        /// What is wrong with it.
        reason: String,
    },
    /// Key-derivation parameters outside the accepted range.
    #[error("vault key-derivation parameters out of range: {reason}")]
    VaultParams {
        /// Which bound is violated.
        reason: String,
    },
    /// An address that is not one of the wallet's accounts.
    #[error("unknown account")]
    UnknownAccount,
    /// Importing a key (or adding an account) that is already an account.
    #[error("this account is already in the wallet")]
    DuplicateAccount,
    /// The caller-supplied random number generator failed.
    #[error("the random number generator failed")]
    Rng,
    /// A bug: should never happen.
    #[error("internal error: {0}")]
    Internal(&'static str),
}

impl Error {
    /// A stable code for the variant, as listed in `docs/wasm-api.md`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidInput { .. } | Self::InvalidPath { .. } => "INVALID_INPUT",
            Self::PhraseWordCount { .. } => "PHRASE_WORD_COUNT",
            Self::PhraseUnknownWord { .. } => "PHRASE_UNKNOWN_WORD",
            Self::PhraseChecksum => "PHRASE_CHECKSUM",
            Self::InvalidExtendedKey { .. } | Self::KeyInvalid { .. } => "KEY_INVALID",
            Self::AddressInvalid { .. } => "ADDRESS_INVALID",
            Self::AddressChecksum => "ADDRESS_CHECKSUM",
            Self::TxInvalid { .. } => "TX_INVALID",
            Self::TypedDataInvalid { .. } => "TYPED_DATA_INVALID",
            Self::SignatureInvalid { .. } => "SIGNATURE_INVALID",
            Self::VaultDecrypt => "VAULT_DECRYPT",
            Self::VaultFormat { .. } => "VAULT_FORMAT",
            Self::VaultParams { .. } => "VAULT_PARAMS",
            Self::UnknownAccount => "UNKNOWN_ACCOUNT",
            Self::DuplicateAccount => "DUPLICATE_ACCOUNT",
            Self::Rng | Self::Internal(_) => "INTERNAL",
        }
    }

    pub(crate) fn tx(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::TxInvalid {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn typed(reason: impl Into<String>) -> Self {
        Self::TypedDataInvalid {
            reason: reason.into(),
        }
    }

    pub(crate) fn vault_format(reason: impl Into<String>) -> Self {
        Self::VaultFormat {
            reason: reason.into(),
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;
