//! Finding MetaMask vaults in whatever the person has: pasted JSON, a state file, or the
//! raw `.log`/`.ldb` files of MetaMask's extension storage.
//!
//! Each file is searched as it is (text, or binary with text in it) and, when it is a
//! LevelDB log or table, entry by entry after reassembly and Snappy decompression. A vault
//! is recognised by its shape, not by the key it is stored under: an object whose first key
//! is `data`, `iv`, `salt` or `keyMetadata`, written plainly or inside JSON strings nested
//! up to three deep (MetaMask's state keeps the vault as a JSON string, so in storage its
//! quotes read `\"`; copied once more, `\\\"`). What parses as a vault is kept; the
//! password then decides.

use super::leveldb;
use super::vault::{MAX_VAULT_LEN, MetaMaskVault};
use std::collections::BTreeMap;

/// Most distinct candidates returned.
const MAX_CANDIDATES: usize = 256;
/// Most sources recorded per candidate.
const MAX_SOURCES: usize = 64;
/// Deepest JSON-string nesting searched.
const MAX_ESCAPING: u8 = 3;
/// Longest LevelDB key reported.
const MAX_KEY_CHARS: usize = 64;

/// One distinct vault found, with every place it was found.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The vault.
    pub vault: MetaMaskVault,
    /// Where it was found, first the newest write (highest LevelDB sequence number).
    pub sources: Vec<CandidateSource>,
}

impl Candidate {
    /// The highest LevelDB sequence number among the sources (`None` if none came from a
    /// LevelDB entry).
    pub fn newest_sequence(&self) -> Option<u64> {
        self.sources.iter().filter_map(|s| s.sequence).max()
    }
}

/// Where a candidate was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateSource {
    /// Index of the file in the list given to [`find_vault_candidates`].
    pub file: usize,
    /// How it was read.
    pub kind: SourceKind,
    /// Byte offset in the file: of the vault text (`Text`), of the log record, or of the
    /// table block.
    pub offset: u64,
    /// The LevelDB sequence number of the write (higher is newer).
    pub sequence: Option<u64>,
    /// The LevelDB key it was stored under (lossy UTF-8, cut to 64 characters).
    pub key: Option<String>,
    /// How many JSON strings deep it was (0 = plain JSON, 1 = `\"`, 2 = `\\\"`...).
    pub escaping: u8,
}

/// How a source was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SourceKind {
    /// The file's bytes as they are (pasted text, a JSON file, readable parts of a binary).
    Text,
    /// An entry of a LevelDB `.log` write batch, reassembled from its fragments.
    LogRecord,
    /// An entry of a LevelDB `.ldb` table, decompressed.
    TableEntry,
}

impl SourceKind {
    /// `"text"`, `"log-record"` or `"table-entry"`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::LogRecord => "log-record",
            Self::TableEntry => "table-entry",
        }
    }
}

/// Every distinct vault in `files`, newest first (by LevelDB sequence number, then by the
/// order found), each with where it came from. Never fails: what cannot be read is skipped.
pub fn find_vault_candidates(files: &[&[u8]]) -> Vec<Candidate> {
    let mut found: BTreeMap<String, (usize, Candidate)> = BTreeMap::new();
    let mut order = 0usize;
    for (file, bytes) in files.iter().enumerate() {
        let mut add = |vault: MetaMaskVault, source: CandidateSource| {
            let key = vault.to_json();
            if let Some((_, existing)) = found.get_mut(&key) {
                if existing.sources.len() < MAX_SOURCES && !existing.sources.contains(&source) {
                    existing.sources.push(source);
                }
            } else if found.len() < MAX_CANDIDATES {
                found.insert(
                    key,
                    (
                        order,
                        Candidate {
                            vault,
                            sources: vec![source],
                        },
                    ),
                );
                order += 1;
            }
        };
        for (offset, escaping, vault) in scan(bytes) {
            add(
                vault,
                CandidateSource {
                    file,
                    kind: SourceKind::Text,
                    offset: offset as u64,
                    sequence: None,
                    key: None,
                    escaping,
                },
            );
        }
        let (entries, kind) = if leveldb::is_table(bytes) {
            match leveldb::read_table(bytes) {
                Ok((entries, _)) => (entries, SourceKind::TableEntry),
                Err(_) => (Vec::new(), SourceKind::TableEntry),
            }
        } else {
            (leveldb::read_log(bytes).entries, SourceKind::LogRecord)
        };
        for entry in entries {
            let Some(value) = &entry.value else {
                continue;
            };
            for (_, escaping, vault) in scan(value) {
                add(
                    vault,
                    CandidateSource {
                        file,
                        kind,
                        offset: entry.offset,
                        sequence: Some(entry.sequence),
                        key: Some(
                            String::from_utf8_lossy(&entry.key)
                                .chars()
                                .filter(|c| !c.is_control())
                                .take(MAX_KEY_CHARS)
                                .collect(),
                        ),
                        escaping,
                    },
                );
            }
        }
    }
    let mut out: Vec<(usize, Candidate)> = found.into_values().collect();
    for (_, candidate) in &mut out {
        candidate
            .sources
            .sort_by_key(|s| core::cmp::Reverse(s.sequence));
    }
    out.sort_by_key(|(order, c)| (core::cmp::Reverse(c.newest_sequence()), *order));
    out.into_iter().map(|(_, c)| c).collect()
}

/// Every vault written in `bytes`: (offset, escaping depth, vault).
fn scan(bytes: &[u8]) -> Vec<(usize, u8, MetaMaskVault)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while let Some(found) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b'{'))
    {
        let start = at + found;
        at = start + 1;
        let Some((escaping, end)) = vault_object_at(bytes, start) else {
            continue;
        };
        let Some(text) = bytes
            .get(start..end)
            .and_then(|t| core::str::from_utf8(t).ok())
        else {
            continue;
        };
        if let Some(vault) = unescape(text, escaping).and_then(|t| MetaMaskVault::parse(&t).ok()) {
            out.push((start, escaping, vault));
            at = end;
        }
    }
    out
}

/// If an object starting at `start` opens with a vault key, its escaping depth and end.
fn vault_object_at(bytes: &[u8], start: usize) -> Option<(u8, usize)> {
    let rest = bytes.get(start + 1..)?;
    let backslashes = rest.iter().take_while(|&&b| b == b'\\').count();
    let escaping = match backslashes {
        0 => 0,
        1 => 1,
        3 => 2,
        7 => 3,
        _ => return None,
    };
    if escaping > MAX_ESCAPING {
        return None;
    }
    let quote_len = backslashes + 1;
    let quote = rest.get(..quote_len)?;
    if quote.last() != Some(&b'"') {
        return None;
    }
    let after_quote = rest.get(quote_len..)?;
    let key_end = after_quote.iter().position(|&b| b == b'\\' || b == b'"')?;
    let key = after_quote.get(..key_end)?;
    let after_key = after_quote.get(key_end..)?;
    if after_key.get(..quote_len)? != quote || after_key.get(quote_len) != Some(&b':') {
        return None;
    }
    let value = after_key.get(quote_len + 1..)?;
    let value_ok = match key {
        b"data" | b"iv" | b"salt" => value.get(..quote_len)? == quote,
        b"keyMetadata" => value.first() == Some(&b'{'),
        _ => false,
    };
    if !value_ok {
        return None;
    }
    // The vault's strings are base64 and "PBKDF2": no braces inside, so counting braces
    // finds the end.
    let mut depth = 0usize;
    for (i, &b) in bytes.get(start..)?.iter().enumerate().take(MAX_VAULT_LEN) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some((escaping, start + i + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// Undoes `depth` levels of JSON string escaping.
fn unescape(text: &str, depth: u8) -> Option<String> {
    let mut current = text.to_owned();
    for _ in 0..depth {
        current = serde_json::from_str::<String>(&format!("\"{current}\"")).ok()?;
    }
    Some(current)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    const VAULT: &str =
        r#"{"data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAA","iv":"AAAAAAAAAAAAAAAAAAAAAA==","salt":"AAAA"}"#;

    fn escaped(text: &str, depth: usize) -> String {
        let mut t = text.to_owned();
        for _ in 0..depth {
            let quoted = serde_json::to_string(&t).unwrap();
            t = quoted[1..quoted.len() - 1].to_owned();
        }
        t
    }

    #[test]
    fn plain_and_escaped_vaults_are_found_once() {
        for depth in 0..=3 {
            let inner = escaped(VAULT, depth);
            let text = format!("garbage {{\"x\":1}} {inner} more {{ {inner}");
            let found = find_vault_candidates(&[text.as_bytes()]);
            assert_eq!(found.len(), 1, "depth {depth}");
            assert_eq!(found[0].sources.len(), 2);
            assert_eq!(found[0].sources[0].escaping, u8::try_from(depth).unwrap());
            assert_eq!(found[0].vault.iterations(), 10_000);
        }
        assert!(find_vault_candidates(&[escaped(VAULT, 4).as_bytes()]).is_empty());
        assert!(find_vault_candidates(&[b"{\"data\":{\"iv\":\"x\"}}", b"", b"{{{"]).is_empty());
    }
}
