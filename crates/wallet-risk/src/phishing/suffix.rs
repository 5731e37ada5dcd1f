//! The Public Suffix List (publicsuffix.org, MPL-2.0), given as its text: which part of a
//! host anyone can register under (`co.uk`, `github.io`), so that `metamask.co.uk` is judged
//! by its label `metamask` and `uniswap-claim.pages.dev` by `uniswap-claim`.
//!
//! Parsed by the `publicsuffix` crate, without its `punycode` feature (which would bring in
//! IDNA's mapping tables): the few rules written in Unicode (`公司.cn`) are converted here
//! to the ASCII form hosts arrive in, with `idna`'s Punycode encoder.

use crate::error::{Error, Result};
use publicsuffix::{List, Psl};

/// Bounds on the list's text.
pub mod limits {
    /// The text (the bundled list is about 340 KB).
    pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;
    /// Rules at least (the bundled list has about 10,000): fewer means this is not the list.
    pub const MIN_RULES: usize = 5_000;
}

/// A parsed suffix list.
#[derive(Debug, Clone)]
pub struct SuffixList {
    list: List,
    rules: usize,
}

fn refuse(reason: impl Into<String>) -> Error {
    Error::SuffixList {
        reason: reason.into(),
    }
}

/// A rule's labels in ASCII: each non-ASCII label as `xn--` + Punycode.
fn ascii_rule(rule: &str) -> Option<String> {
    if rule.is_ascii() {
        return Some(rule.to_owned());
    }
    let labels: Option<Vec<String>> = rule
        .split('.')
        .map(|label| {
            if label.is_ascii() {
                Some(label.to_owned())
            } else {
                idna::punycode::encode_str(label).map(|p| format!("xn--{p}"))
            }
        })
        .collect();
    labels.map(|l| l.join("."))
}

impl SuffixList {
    /// Parses `public_suffix_list.dat` (with its `===BEGIN ICANN DOMAINS===` and
    /// `===BEGIN PRIVATE DOMAINS===` sections; both are used).
    pub fn parse(text: &str) -> Result<Self> {
        if text.len() > limits::MAX_TEXT_BYTES {
            return Err(refuse(format!(
                "{} bytes, more than {}",
                text.len(),
                limits::MAX_TEXT_BYTES
            )));
        }
        if !text.contains("===BEGIN ICANN DOMAINS===") {
            return Err(refuse("no ICANN section"));
        }
        let mut ascii = String::with_capacity(text.len() + 4096);
        let mut rules = 0usize;
        for line in text.lines() {
            let rule = line.split_whitespace().next().unwrap_or("");
            if rule.is_empty() || rule.starts_with("//") {
                ascii.push_str(line);
            } else {
                let converted = ascii_rule(rule)
                    .ok_or_else(|| refuse(format!("rule {rule:?} cannot be encoded")))?;
                ascii.push_str(&converted);
                rules += 1;
            }
            ascii.push('\n');
        }
        if rules < limits::MIN_RULES {
            return Err(refuse(format!(
                "only {rules} rules, fewer than {}",
                limits::MIN_RULES
            )));
        }
        let list: List = ascii
            .parse()
            .map_err(|e: publicsuffix::Error| refuse(e.to_string().to_ascii_lowercase()))?;
        Ok(Self { list, rules })
    }

    /// How many rules it has.
    pub fn rules(&self) -> usize {
        self.rules
    }

    /// The registrable domain of `host` (lowercase ASCII): its public suffix and the one
    /// label before it. `None` when the host is itself a public suffix (`github.io`).
    pub fn registrable<'a>(&self, host: &'a str) -> Option<&'a str> {
        let domain = self.list.domain(host.as_bytes())?;
        let len = domain.as_bytes().len();
        host.get(host.len().checked_sub(len)?..)
    }

    /// The public suffix of `host`.
    pub fn suffix<'a>(&self, host: &'a str) -> Option<&'a str> {
        let suffix = self.list.suffix(host.as_bytes())?;
        let len = suffix.as_bytes().len();
        host.get(host.len().checked_sub(len)?..)
    }
}
