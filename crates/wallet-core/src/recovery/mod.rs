//! Helping a person back into their wallet: the phrase assistant (which phrase did they
//! mean?) and accounts on the derivation paths other wallets use.
//!
//! Both are incremental: the caller asks for a bounded amount of work at a time, so a page
//! can show progress and stop.

mod assistant;
mod paths;

pub use assistant::{
    AddressSearch, Correction, MAX_ADDRESSES, PhraseAssistant, PhraseCandidate, RankedCandidate,
    first_addresses,
};
pub use paths::{
    MAX_SCAN, PathScheme, ScannedAccount, find_account, scan_accounts, scan_from_master,
};
