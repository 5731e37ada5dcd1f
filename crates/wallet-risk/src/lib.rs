#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod error;
pub mod facts;
pub mod phishing;
pub mod site;
pub mod spenders;
pub mod tx;
pub mod typed;
pub mod warning;

pub use error::{Error, Result};
pub use facts::{CodeFact, Facts, FactsNeeded, TokenFact};
pub use phishing::{
    PhishingGuard, PhishingList, PhishingListInfo, PhishingReason, SuffixList, Verdict,
};
pub use site::{SiteFacts, assess_site, host_of};
pub use tx::{
    Call, DecodedArg, DecodedCall, TransactionAssessment, TransactionDescription, TxCall,
    assess_call, describe_call,
};
pub use typed::{
    TypedDataAssessment, TypedDataDescription, TypedDataKind, assess_typed_data,
    describe_typed_data,
};
pub use warning::{
    AddressInfo, CodeKind, Marketplace, OrderItem, Permit2Item, PermitStyle, Severity, TokenAmount,
    Warning,
};

/// The warnings in the order the window shows them: high first, then medium, then info;
/// otherwise as found.
pub fn sort_warnings(warnings: &mut Vec<Warning>) {
    let mut sorted = Vec::with_capacity(warnings.len());
    for severity in [Severity::High, Severity::Medium, Severity::Info] {
        sorted.extend(
            warnings
                .iter()
                .filter(|w| w.severity() == severity)
                .cloned(),
        );
    }
    *warnings = sorted;
}
