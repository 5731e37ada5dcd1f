//! The requesting site: `new-site` and `phishing-origin`.

use crate::phishing::{PhishingGuard, Verdict};
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

/// The host of an origin (`https://app.example.org:8443` → `app.example.org`); `None` for an
/// opaque origin (`null`) or one without a host.
pub fn host_of(origin: &str) -> Option<&str> {
    let rest = origin.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next()?
    } else {
        authority.split(':').next()?
    };
    (!host.is_empty()).then_some(host)
}

impl PhishingGuard {
    /// [`assess_site`] with the guard's judgement of the origin's host.
    pub fn assess_site(&self, site: &SiteFacts) -> Vec<Warning> {
        let verdict = host_of(&site.origin).map(|host| self.check(host));
        assess_site(site, verdict.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_origins() {
        assert_eq!(host_of("https://app.uniswap.org"), Some("app.uniswap.org"));
        assert_eq!(host_of("http://127.0.0.1:8080"), Some("127.0.0.1"));
        assert_eq!(host_of("https://[::1]:8443"), Some("[::1]"));
        assert_eq!(
            host_of("https://xn--mtamask-7gg.io/path"),
            Some("xn--mtamask-7gg.io")
        );
        assert_eq!(host_of("null"), None);
        assert_eq!(host_of("file://"), None);
    }

    #[test]
    fn new_site_is_info_and_phishing_high() {
        let site = SiteFacts {
            origin: "https://metamask.co.uk".into(),
            first_request: true,
        };
        let verdict = Verdict {
            host: "metamask.co.uk".into(),
            unicode: None,
            phishing: true,
            reason: Some(crate::PhishingReason::Lookalike),
            imitates: Some("metamask.io".into()),
        };
        let warnings = assess_site(&site, Some(&verdict));
        let codes: Vec<_> = warnings.iter().map(|w| (w.code(), w.severity())).collect();
        assert_eq!(
            codes,
            [
                ("phishing-origin", crate::Severity::High),
                ("new-site", crate::Severity::Info)
            ]
        );
        let known = SiteFacts {
            origin: "https://app.uniswap.org".into(),
            first_request: false,
        };
        assert!(assess_site(&known, None).is_empty());
    }
}
