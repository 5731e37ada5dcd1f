//! The crate's one error type. Messages are lowercase.

/// Everything that can go wrong in `wallet-risk`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A phishing list (bundled or downloaded) that does not pass the checks; it is not used.
    #[error("phishing list refused: {reason}")]
    PhishingList {
        /// What is wrong with it.
        reason: String,
    },
    /// A public suffix list that does not pass the checks.
    #[error("public suffix list refused: {reason}")]
    SuffixList {
        /// What is wrong with it.
        reason: String,
    },
    /// A fact or a call of the wrong shape.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// Which value.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl Error {
    /// The stable code the WASM bridge gives JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            Self::PhishingList { .. } | Self::SuffixList { .. } => "RISK_LIST_INVALID",
            Self::InvalidInput { .. } => "INVALID_INPUT",
        }
    }

    pub(crate) fn input(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidInput {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

/// `Result` of this crate.
pub type Result<T> = core::result::Result<T, Error>;
