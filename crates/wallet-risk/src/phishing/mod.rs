//! Phishing and look-alike sites, judged in the wallet: the `eth-phishing-detect` block- and
//! allowlist, and look-alikes of our own list of well-known sites by their registrable domain
//! (Public Suffix List), with Unicode confusables and `xn--` labels decoded.
//!
//! [`PhishingGuard`] is built once from the two list texts and then answers
//! [`PhishingGuard::check`] for each host; [`PhishingGuard::replace_list`] swaps in a
//! downloaded phishing list only if it passes the same checks as the bundled one.

mod confusables;
pub mod list;
mod lookalike;
mod sites;
pub mod suffix;

pub use list::{ListMatch, PhishingList, PhishingListInfo};
pub use suffix::SuffixList;

use crate::error::Result;
use lookalike::Lookalikes;
use serde::Serialize;

/// Why a host is judged a phishing site. Matches TESTIDS `phishing-warning` `data-reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum PhishingReason {
    /// On the phishing list (the host or a parent domain).
    Listed,
    /// An ASCII look-alike of a well-known site's name.
    Lookalike,
    /// Unicode characters that look like a well-known site's name, or Latin letters mixed
    /// with look-alike letters of another script.
    Homograph,
}

/// The judgement of one host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Verdict {
    /// The host as judged: lowercase ASCII, no trailing dot.
    pub host: String,
    /// The host with its `xn--` labels decoded, when it has any.
    pub unicode: Option<String>,
    /// Whether to warn (`reason` says why).
    pub phishing: bool,
    /// Why, when `phishing`.
    pub reason: Option<PhishingReason>,
    /// The well-known site it imitates (its domain), when known: TESTIDS `data-imitates`.
    pub imitates: Option<String>,
}

/// The phishing list, the suffix list and the well-known sites, ready to judge hosts.
#[derive(Debug, Clone)]
pub struct PhishingGuard {
    list: PhishingList,
    suffixes: SuffixList,
    lookalikes: Lookalikes,
}

/// `host` lowercased, without a trailing dot, its non-ASCII labels Punycode-encoded; `None`
/// for what is not judged: IP addresses, single labels (`localhost`), malformed names.
fn normalize(host: &str) -> Option<String> {
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() || host.contains([':', '[', ']', '/', '@', ' ']) {
        return None;
    }
    let labels: Option<Vec<String>> = host
        .split('.')
        .map(|label| {
            if label.is_ascii() {
                Some(label.to_owned())
            } else {
                idna::punycode::encode_str(label).map(|p| format!("xn--{p}"))
            }
        })
        .collect();
    let labels = labels?;
    if labels.len() < 2 || labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let host = labels.join(".");
    list::plausible_host(&host).then_some(host)
}

/// A label decoded from `xn--` Punycode (as is when it is not, or does not decode).
fn decode(label: &str) -> String {
    label
        .strip_prefix("xn--")
        .and_then(idna::punycode::decode_to_string)
        .unwrap_or_else(|| label.to_owned())
}

impl PhishingGuard {
    /// From the texts of `eth-phishing-detect`'s `src/config.json` and of
    /// `public_suffix_list.dat`, with the bundled well-known sites.
    pub fn new(phishing_list: &str, suffix_list: &str) -> Result<Self> {
        Self::from_parts(
            PhishingList::from_json(phishing_list)?,
            SuffixList::parse(suffix_list)?,
        )
    }

    /// From parsed lists.
    pub fn from_parts(list: PhishingList, suffixes: SuffixList) -> Result<Self> {
        Ok(Self {
            list,
            suffixes,
            lookalikes: Lookalikes::new(sites::SITES),
        })
    }

    /// Replaces the phishing list with `text` if it passes the checks; otherwise keeps the
    /// current one and returns the error.
    pub fn replace_list(&mut self, text: &str) -> Result<&PhishingListInfo> {
        self.list = PhishingList::from_json(text)?;
        Ok(self.list.info())
    }

    /// The phishing list's counts.
    pub fn list_info(&self) -> &PhishingListInfo {
        self.list.info()
    }

    /// Judges a host (as `URL.hostname` gives it). Order: the list's allowlist (never
    /// flagged), its blocklist (`listed`), the well-known sites' own domains (never flagged),
    /// then look-alikes.
    pub fn check(&self, host: &str) -> Verdict {
        let Some(host) = normalize(host) else {
            return Verdict {
                host: host.trim().to_ascii_lowercase(),
                unicode: None,
                phishing: false,
                reason: None,
                imitates: None,
            };
        };
        let unicode = host
            .split('.')
            .any(|l| l.starts_with("xn--"))
            .then(|| host.split('.').map(decode).collect::<Vec<_>>().join("."));
        let verdict = |reason: Option<PhishingReason>, imitates: Option<String>| Verdict {
            host: host.clone(),
            unicode: unicode.clone(),
            phishing: reason.is_some(),
            reason,
            imitates,
        };
        match self.list.lookup(&host) {
            ListMatch::Allowed => return verdict(None, None),
            ListMatch::Blocked => {
                let imitates = self.lookalike(&host).and_then(|f| f.imitates);
                return verdict(Some(PhishingReason::Listed), imitates);
            }
            ListMatch::None => {}
        }
        if self.lookalikes.is_official(&host) {
            return verdict(None, None);
        }
        match self.lookalike(&host) {
            Some(found) => verdict(
                Some(if found.homograph {
                    PhishingReason::Homograph
                } else {
                    PhishingReason::Lookalike
                }),
                found.imitates,
            ),
            None => verdict(None, None),
        }
    }

    fn lookalike(&self, host: &str) -> Option<lookalike::Finding> {
        let registrable = self.suffixes.registrable(host)?;
        let suffix = self.suffixes.suffix(host)?;
        let label = registrable.strip_suffix(suffix)?.strip_suffix('.')?;
        let before_suffix = host.strip_suffix(suffix)?.strip_suffix('.')?;
        let joined: String = before_suffix.split('.').map(decode).collect();
        self.lookalikes.judge(host, &decode(label), &joined)
    }
}
