//! The blocklist and allowlist of MetaMask's `eth-phishing-detect` (`src/config.json`).
//!
//! Semantics, as that package's `detector.js` has them: a host matches an entry when it is
//! the entry or a subdomain of it; the allowlist (`whitelist`) wins over the blocklist
//! (`blacklist`). Its `fuzzylist` and `tolerance` are read and checked but not used: a
//! Levenshtein distance of 2 between names with the top-level domain dropped is what made
//! `tunaswap.com` a phish of `uniswap` and `autum.com` one of `auctus` (eth-phishing-detect
//! issues #4182, #2455, #4884); look-alikes are judged by `lookalike` instead.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::HashSet;

/// What a list may be. A downloaded list is held to the same bounds as the bundled one
/// before it replaces it, so a truncated or hostile download cannot switch protection off
/// quietly or exhaust memory.
pub mod limits {
    /// The JSON text (the bundled list is about 380 KB).
    pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
    /// Entries in all three lists together.
    pub const MAX_ENTRIES: usize = 1_000_000;
    /// Blocked hosts at least: fewer means this is not the list (the bundled one has 13,752).
    pub const MIN_BLOCKED: usize = 1_000;
    /// A host name (RFC 1035).
    pub const MAX_HOST_BYTES: usize = 253;
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    version: serde_json::Number,
    tolerance: serde_json::Number,
    fuzzylist: Vec<String>,
    whitelist: Vec<String>,
    blacklist: Vec<String>,
}

/// Facts about a loaded list, for the settings page and to compare a download with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PhishingListInfo {
    /// The list's `version` field (its format version).
    pub format_version: u64,
    /// Blocked hosts (`blacklist`).
    pub blocked: usize,
    /// Allowed hosts (`whitelist`).
    pub allowed: usize,
}

/// A validated phishing list.
#[derive(Debug, Clone)]
pub struct PhishingList {
    blocked: HashSet<String>,
    allowed: HashSet<String>,
    info: PhishingListInfo,
}

/// How a host stands on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMatch {
    /// The host or a parent domain is allowlisted.
    Allowed,
    /// The host or a parent domain is blocked (and none is allowlisted).
    Blocked,
    /// Neither.
    None,
}

fn refuse(reason: impl Into<String>) -> Error {
    Error::PhishingList {
        reason: reason.into(),
    }
}

/// Whether `host` is a plausible lowercase ASCII host name: labels of letters, digits, `-`
/// and `_` (the list has a few), separated by single dots.
pub(crate) fn plausible_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= limits::MAX_HOST_BYTES
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        })
}

impl PhishingList {
    /// Parses and checks `src/config.json` of `eth-phishing-detect`: a JSON object with
    /// exactly `version`, `tolerance` (numbers), `fuzzylist`, `whitelist`, `blacklist`
    /// (arrays of lowercase host names), within [`limits`].
    pub fn from_json(text: &str) -> Result<Self> {
        if text.len() > limits::MAX_TEXT_BYTES {
            return Err(refuse(format!(
                "{} bytes, more than {}",
                text.len(),
                limits::MAX_TEXT_BYTES
            )));
        }
        let config: Config = serde_json::from_str(text).map_err(|e| {
            refuse(format!(
                "not the eth-phishing-detect config format ({})",
                e.to_string().to_ascii_lowercase()
            ))
        })?;
        let format_version = config
            .version
            .as_u64()
            .ok_or_else(|| refuse("version is not a whole number"))?;
        if config.tolerance.as_u64().is_none() {
            return Err(refuse("tolerance is not a whole number"));
        }
        let total = config.fuzzylist.len() + config.whitelist.len() + config.blacklist.len();
        if total > limits::MAX_ENTRIES {
            return Err(refuse(format!(
                "{total} entries, more than {}",
                limits::MAX_ENTRIES
            )));
        }
        if config.blacklist.len() < limits::MIN_BLOCKED {
            return Err(refuse(format!(
                "only {} blocked hosts, fewer than {}",
                config.blacklist.len(),
                limits::MIN_BLOCKED
            )));
        }
        for host in &config.fuzzylist {
            if !plausible_host(host) {
                return Err(refuse(format!(
                    "fuzzylist entry {host:?} is not a host name"
                )));
            }
        }
        let mut list = Self::new(config.blacklist, config.whitelist)?;
        list.info.format_version = format_version;
        Ok(list)
    }

    /// A list from blocked and allowed hosts (each checked like a list entry; no minimum).
    pub fn new(
        blocked: impl IntoIterator<Item = String>,
        allowed: impl IntoIterator<Item = String>,
    ) -> Result<Self> {
        let collect = |hosts: &mut dyn Iterator<Item = String>, what: &str| {
            let mut set = HashSet::new();
            for host in hosts {
                let host = host.strip_suffix('.').map(str::to_owned).unwrap_or(host);
                if !plausible_host(&host) {
                    return Err(refuse(format!("{what} entry {host:?} is not a host name")));
                }
                set.insert(host);
            }
            Ok(set)
        };
        let blocked = collect(&mut blocked.into_iter(), "blacklist")?;
        let allowed = collect(&mut allowed.into_iter(), "whitelist")?;
        let info = PhishingListInfo {
            format_version: 0,
            blocked: blocked.len(),
            allowed: allowed.len(),
        };
        Ok(Self {
            blocked,
            allowed,
            info,
        })
    }

    /// The counts.
    pub fn info(&self) -> &PhishingListInfo {
        &self.info
    }

    /// Where `host` (lowercase ASCII, no trailing dot) stands: it or any parent domain on the
    /// allowlist → `Allowed`; else on the blocklist → `Blocked`.
    pub fn lookup(&self, host: &str) -> ListMatch {
        let suffixes = || {
            std::iter::once(host).chain(
                host.match_indices('.')
                    .filter_map(|(i, _)| host.get(i + 1..)),
            )
        };
        if suffixes().any(|s| self.allowed.contains(s)) {
            ListMatch::Allowed
        } else if suffixes().any(|s| self.blocked.contains(s)) {
            ListMatch::Blocked
        } else {
            ListMatch::None
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn small() -> PhishingList {
        PhishingList::new(
            ["evil.com".into(), "sub.bad.org".into()],
            ["good.evil.com".into()],
        )
        .unwrap()
    }

    #[test]
    fn subdomains_and_allowlist_precedence() {
        let list = small();
        assert_eq!(list.lookup("evil.com"), ListMatch::Blocked);
        assert_eq!(list.lookup("a.b.evil.com"), ListMatch::Blocked);
        assert_eq!(list.lookup("good.evil.com"), ListMatch::Allowed);
        assert_eq!(list.lookup("x.good.evil.com"), ListMatch::Allowed);
        assert_eq!(list.lookup("notevil.com"), ListMatch::None);
        assert_eq!(list.lookup("bad.org"), ListMatch::None);
        assert_eq!(list.lookup("sub.bad.org"), ListMatch::Blocked);
    }

    #[test]
    fn refuses_what_is_not_the_list() {
        let entries = |n: usize| -> Vec<String> { (0..n).map(|i| format!("h{i}.com")).collect() };
        let good = serde_json::json!({"version": 2, "tolerance": 2, "fuzzylist": ["metamask.io"],
            "whitelist": ["a.com"], "blacklist": entries(1000)});
        assert!(PhishingList::from_json(&good.to_string()).is_ok());
        let mut few = good.clone();
        few["blacklist"] = entries(999).into();
        assert!(PhishingList::from_json(&few.to_string()).is_err());
        let mut odd = good.clone();
        odd["extra"] = 1.into();
        assert!(PhishingList::from_json(&odd.to_string()).is_err());
        let mut upper = good.clone();
        upper["whitelist"] = serde_json::json!(["Evil.com"]);
        assert!(PhishingList::from_json(&upper.to_string()).is_err());
        let mut space = good.clone();
        space["blacklist"][3] = "a b.com".into();
        assert!(PhishingList::from_json(&space.to_string()).is_err());
        let mut missing = good;
        missing.as_object_mut().unwrap().remove("whitelist");
        assert!(PhishingList::from_json(&missing.to_string()).is_err());
        assert!(PhishingList::from_json("[]").is_err());
    }
}
