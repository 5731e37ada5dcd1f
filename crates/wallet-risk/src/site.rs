//! The requesting site: `new-site` and `phishing-origin`.

use crate::phishing::Verdict;
use crate::warning::{Severity, Warning};
use serde::Deserialize;

/// What the caller knows about the site that asks.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct SiteFacts {
    /// The requesting origin, whole (`https://app.example.org`).
    pub origin: String,
    /// This is the origin's first request (the wallet has no record of it).
    pub first_request: bool,
}

/// `new-site` (info) for a first request; `phishing-origin` (high) when `verdict` (the
/// guard's judgement of the origin's host) says so.
pub fn assess_site(site: &SiteFacts, verdict: Option<&Verdict>) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if let Some(v) = verdict
        && let (true, Some(reason)) = (v.phishing, v.reason)
    {
        warnings.push(Warning::PhishingOrigin {
            severity: Severity::High,
            origin: site.origin.clone(),
            reason,
            imitates: v.imitates.clone(),
        });
    }
    if site.first_request {
        warnings.push(Warning::NewSite {
            severity: Severity::Info,
            origin: site.origin.clone(),
        });
    }
    warnings
}
