//! The phrase assistant: when a restore fails, the phrases the person may have meant.
//!
//! One unknown or wrong word (replace it by every word of the list; at any position when
//! all words are known but the checksum fails), two neighbouring words swapped, one word
//! missing (insert every word at every position), one word too many (remove each). Every
//! attempt is checked against the BIP-39 checksum first (a SHA-256 of at most 32 bytes):
//! for 12 words about 1 in 16 attempts passes, for 24 words 1 in 256. The survivors can then
//! be ranked by whether one of their first accounts is an address the person knows
//! ([`AddressSearch`]).

use crate::address::Address;
use crate::error::{Error, Result};
use crate::hd::EthereumAccounts;
use crate::phrase::{Language, Phrase, detect_language, normalize};
use crate::secret::SecretString;
use core::fmt;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use zeroize::{Zeroize, Zeroizing};

const WORDS: u16 = 2048;
/// Most first addresses derived per candidate.
pub const MAX_ADDRESSES: u32 = 20;

/// How a candidate differs from what was typed. Positions are 1-based, as the person
/// counts them. `Debug` does not show the word (it is part of the secret).
#[derive(Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Correction {
    /// Word `position` replaced by `word`.
    Replace {
        /// 1-based position of the replaced word.
        position: usize,
        /// The word put there.
        word: &'static str,
    },
    /// Words `position` and `position + 1` swapped.
    Swap {
        /// 1-based position of the first of the two.
        position: usize,
    },
    /// `word` inserted so that it becomes word `position`.
    Insert {
        /// 1-based position the new word takes.
        position: usize,
        /// The word inserted.
        word: &'static str,
    },
    /// Word `position` removed.
    Remove {
        /// 1-based position of the removed word.
        position: usize,
    },
}

impl Correction {
    /// `"replace"`, `"swap"`, `"insert"` or `"remove"`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Replace { .. } => "replace",
            Self::Swap { .. } => "swap",
            Self::Insert { .. } => "insert",
            Self::Remove { .. } => "remove",
        }
    }

    /// The 1-based position the correction is at.
    pub fn position(&self) -> usize {
        match *self {
            Self::Replace { position, .. }
            | Self::Swap { position }
            | Self::Insert { position, .. }
            | Self::Remove { position } => position,
        }
    }

    /// The word put in, for a replacement or an insertion.
    ///
    /// # Security
    /// The word is part of the candidate phrase.
    pub fn word(&self) -> Option<&'static str> {
        match *self {
            Self::Replace { word, .. } | Self::Insert { word, .. } => Some(word),
            Self::Swap { .. } | Self::Remove { .. } => None,
        }
    }
}

impl fmt::Debug for Correction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Correction");
        s.field("kind", &self.code())
            .field("position", &self.position());
        if self.word().is_some() {
            s.field("word", &format_args!("[REDACTED]"));
        }
        s.finish()
    }
}

/// A valid phrase the person may have meant, and how it differs from what they typed.
#[derive(Debug, Clone)]
pub struct PhraseCandidate {
    /// The phrase (redacted in `Debug`).
    pub phrase: Phrase,
    /// The correction that makes it.
    pub correction: Correction,
}

#[derive(Debug, Clone, Copy)]
enum Step {
    /// Swap positions i, i+1 for i in 0..n-1.
    Swaps,
    /// Replace position p by every word.
    Replace(usize),
    /// Insert every word at position p (0..=n).
    Insert(usize),
    /// Remove position p.
    Remove(usize),
}

/// Candidates for a phrase that does not restore, searched in bounded steps.
///
/// ```
/// use wallet_core::recovery::PhraseAssistant;
/// // "junk" mistyped as "junq": every replacement of word 12 that passes the checksum.
/// let mut assistant =
///     PhraseAssistant::new("test test test test test test test test test test test junq")?;
/// let mut found = Vec::new();
/// while !assistant.is_finished() {
///     found.extend(assistant.next_batch(500)); // a page would update its progress bar here
/// }
/// assert!(found.iter().any(|c| c.correction.word() == Some("junk")));
/// # Ok::<(), wallet_core::Error>(())
/// ```
pub struct PhraseAssistant {
    language: Language,
    words: Zeroizing<Vec<u16>>,
    unknown: Option<usize>,
    steps: Vec<Step>,
    step: usize,
    cursor: usize,
    tried: u64,
    total: u64,
    seen: Seen,
}

impl fmt::Debug for PhraseAssistant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PhraseAssistant")
            .field("language", &self.language)
            .field("words", &self.words.len())
            .field("tried", &self.tried)
            .field("total", &self.total)
            .finish_non_exhaustive()
    }
}

/// Candidates already returned (their entropy), wiped on drop.
#[derive(Default)]
struct Seen(BTreeSet<Vec<u8>>);

impl Drop for Seen {
    fn drop(&mut self) {
        for mut entropy in core::mem::take(&mut self.0) {
            entropy.zeroize();
        }
    }
}

fn is_length(n: usize) -> bool {
    matches!(n, 12 | 15 | 18 | 21 | 24)
}

impl PhraseAssistant {
    /// Plans the search for `typed` (English or Japanese, detected as [`Phrase::parse`] does).
    ///
    /// Errors: [`Error::InvalidInput`] when the phrase is already valid, or when no single
    /// correction can make it one (two or more unknown words; a word count two or more away
    /// from a phrase length; an unknown word and a missing one).
    pub fn new(typed: &str) -> Result<Self> {
        let normalized = normalize(typed);
        Self::plan(detect_language(&normalized), &normalized)
    }

    /// Like [`PhraseAssistant::new`] with the word list given.
    pub fn new_in(language: Language, typed: &str) -> Result<Self> {
        Self::plan(language, &normalize(typed))
    }

    fn plan(language: Language, normalized: &str) -> Result<Self> {
        let lookup: Vec<Option<u16>> = normalized
            .split_whitespace()
            .map(|w| language.bip39().find_word(w))
            .collect();
        let unknown: Vec<usize> = lookup
            .iter()
            .enumerate()
            .filter(|(_, w)| w.is_none())
            .map(|(i, _)| i)
            .collect();
        let impossible = |reason: &'static str| Error::InvalidInput {
            field: "phrase",
            reason,
        };
        if unknown.len() > 1 {
            return Err(impossible("more than one word is not in the word list"));
        }
        // An unknown word is held as index 0 in the working copy: every plan below replaces
        // or removes it.
        let words = Zeroizing::new(lookup.iter().map(|w| w.unwrap_or(0)).collect::<Vec<u16>>());
        let n = words.len();
        let steps: Vec<Step> = if is_length(n) {
            match unknown.first() {
                Some(&p) => vec![Step::Replace(p)],
                None if entropy_if_valid(&words).is_some() => {
                    return Err(impossible("the phrase is already valid"));
                }
                None => core::iter::once(Step::Swaps)
                    .chain((0..n).map(Step::Replace))
                    .collect(),
            }
        } else if is_length(n + 1) {
            if !unknown.is_empty() {
                return Err(impossible(
                    "a word is missing and another is not in the word list",
                ));
            }
            (0..=n).map(Step::Insert).collect()
        } else if n > 0 && is_length(n - 1) {
            match unknown.first() {
                Some(&p) => vec![Step::Remove(p)],
                None => (0..n).map(Step::Remove).collect(),
            }
        } else {
            return Err(impossible(
                "no single correction gives a phrase of 12, 15, 18, 21 or 24 words",
            ));
        };
        let total = steps.iter().map(|s| step_len(*s, n) as u64).sum();
        Ok(Self {
            language,
            words,
            unknown: unknown.first().copied(),
            steps,
            step: 0,
            cursor: 0,
            tried: 0,
            total,
            seen: Seen::default(),
        })
    }

    /// The word list the phrase is read in.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Attempts made so far.
    pub fn tried(&self) -> u64 {
        self.tried
    }

    /// Attempts the whole search makes (for a progress bar).
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Whether every attempt has been made.
    pub fn is_finished(&self) -> bool {
        self.step >= self.steps.len()
    }

    /// Makes up to `max_attempts` attempts and returns the new valid candidates among them
    /// (each distinct phrase once, in search order: swaps first, then position by position).
    pub fn next_batch(&mut self, max_attempts: usize) -> Vec<PhraseCandidate> {
        let mut out = Vec::new();
        let mut attempt = Zeroizing::new(Vec::with_capacity(self.words.len() + 1));
        let list = self.language.word_list();
        let n = self.words.len();
        let mut budget = max_attempts;
        while budget > 0 {
            let Some(&step) = self.steps.get(self.step) else {
                break;
            };
            let len = step_len(step, n);
            if self.cursor >= len {
                self.step += 1;
                self.cursor = 0;
                continue;
            }
            let i = self.cursor;
            self.cursor += 1;
            self.tried += 1;
            budget -= 1;
            attempt.clear();
            attempt.extend_from_slice(&self.words);
            let correction = match step {
                Step::Swaps => {
                    attempt.swap(i, i + 1);
                    Correction::Swap { position: i + 1 }
                }
                Step::Replace(p) => {
                    let word = u16::try_from(i).unwrap_or(0);
                    if self.unknown != Some(p) && self.words.get(p) == Some(&word) {
                        continue;
                    }
                    if let Some(slot) = attempt.get_mut(p) {
                        *slot = word;
                    }
                    Correction::Replace {
                        position: p + 1,
                        word: list.get(i).copied().unwrap_or_default(),
                    }
                }
                Step::Insert(p) => {
                    attempt.insert(p, u16::try_from(i).unwrap_or(0));
                    Correction::Insert {
                        position: p + 1,
                        word: list.get(i).copied().unwrap_or_default(),
                    }
                }
                Step::Remove(p) => {
                    attempt.remove(p);
                    Correction::Remove { position: p + 1 }
                }
            };
            let Some(entropy) = entropy_if_valid(&attempt) else {
                continue;
            };
            if self.seen.0.contains(entropy.as_slice()) {
                continue;
            }
            let Ok(phrase) = Phrase::from_entropy(&entropy, self.language) else {
                continue;
            };
            self.seen.0.insert(entropy.to_vec());
            out.push(PhraseCandidate { phrase, correction });
        }
        out
    }
}

impl Iterator for PhraseAssistant {
    type Item = PhraseCandidate;

    /// The next candidate (runs the search until one is found or it is finished).
    fn next(&mut self) -> Option<PhraseCandidate> {
        while !self.is_finished() {
            if let Some(candidate) = self.next_batch(1).pop() {
                return Some(candidate);
            }
        }
        None
    }
}

fn step_len(step: Step, n: usize) -> usize {
    match step {
        Step::Swaps => n.saturating_sub(1),
        Step::Replace(_) | Step::Insert(_) => usize::from(WORDS),
        Step::Remove(_) => 1,
    }
}

/// The entropy of a phrase given as word indices, if its length and checksum are valid.
fn entropy_if_valid(words: &[u16]) -> Option<Zeroizing<Vec<u8>>> {
    let n = words.len();
    if !is_length(n) {
        return None;
    }
    let mut bits = Zeroizing::new([0u8; 33]);
    for (i, &word) in words.iter().enumerate() {
        for b in 0..11 {
            if word & (1 << (10 - b)) != 0 {
                let at = i * 11 + b;
                *bits.get_mut(at / 8)? |= 0x80 >> (at % 8);
            }
        }
    }
    let entropy_len = n * 4 / 3;
    let checksum_bits = n / 3;
    let entropy = Zeroizing::new(bits.get(..entropy_len)?.to_vec());
    let hash = Sha256::digest(entropy.as_slice());
    let mask = 0xffu8 << (8 - checksum_bits);
    let stored = bits.get(entropy_len)? & mask;
    (hash.first()? & mask == stored).then_some(entropy)
}

/// The first `count` addresses (`m/44'/60'/0'/0/0..count`) of a phrase and passphrase.
pub fn first_addresses(phrase: &Phrase, passphrase: &str, count: u32) -> Result<Vec<Address>> {
    if count == 0 || count > MAX_ADDRESSES {
        return Err(Error::InvalidInput {
            field: "count",
            reason: "1 to 20 addresses per candidate",
        });
    }
    let node = EthereumAccounts::from_seed(&phrase.to_seed(passphrase))?;
    (0..count)
        .map(|i| node.key(i).map(|k| k.address()))
        .collect()
}

/// A candidate with its first addresses and where, if anywhere, the known address is.
#[derive(Debug, Clone)]
pub struct RankedCandidate {
    /// The candidate.
    pub candidate: PhraseCandidate,
    /// Its first addresses (`m/44'/60'/0'/0/i`).
    pub addresses: Vec<Address>,
    /// The index among them of the address the person knows.
    pub known_at: Option<u32>,
}

/// Derives the first addresses of candidates in bounded steps (each costs a PBKDF2 of 2048
/// rounds and a BIP-32 derivation), noting which include an address the person knows. The
/// balances and nonces of the addresses are for the caller to look up.
pub struct AddressSearch {
    pending: std::vec::IntoIter<PhraseCandidate>,
    passphrase: SecretString,
    count: u32,
    known: Option<Address>,
    done: Vec<RankedCandidate>,
    total: usize,
}

impl fmt::Debug for AddressSearch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AddressSearch")
            .field("done", &self.done.len())
            .field("total", &self.total)
            .field("count", &self.count)
            .finish_non_exhaustive()
    }
}

impl AddressSearch {
    /// A search over `candidates`, `count` (1 to 20) addresses each, with the BIP-39
    /// `passphrase` (`""` for none) and optionally the address the person knows.
    pub fn new(
        candidates: Vec<PhraseCandidate>,
        passphrase: &str,
        count: u32,
        known: Option<Address>,
    ) -> Result<Self> {
        if count == 0 || count > MAX_ADDRESSES {
            return Err(Error::InvalidInput {
                field: "count",
                reason: "1 to 20 addresses per candidate",
            });
        }
        let total = candidates.len();
        Ok(Self {
            pending: candidates.into_iter(),
            passphrase: passphrase.into(),
            count,
            known,
            done: Vec::with_capacity(total),
            total,
        })
    }

    /// Derives the addresses of up to `max` more candidates. Returns how many of them hold
    /// the known address.
    pub fn step(&mut self, max: usize) -> Result<usize> {
        let mut matches = 0;
        for candidate in self.pending.by_ref().take(max) {
            let addresses = first_addresses(
                &candidate.phrase,
                self.passphrase.expose_secret(),
                self.count,
            )?;
            let known_at = self.known.and_then(|known| {
                addresses
                    .iter()
                    .position(|a| *a == known)
                    .and_then(|i| u32::try_from(i).ok())
            });
            matches += usize::from(known_at.is_some());
            self.done.push(RankedCandidate {
                candidate,
                addresses,
                known_at,
            });
        }
        Ok(matches)
    }

    /// (candidates done, candidates in all).
    pub fn progress(&self) -> (usize, usize) {
        (self.done.len(), self.total)
    }

    /// Whether every candidate has its addresses.
    pub fn is_finished(&self) -> bool {
        self.done.len() == self.total
    }

    /// The candidates done so far: those holding the known address first (by where they
    /// hold it), then the others in search order.
    pub fn ranked(mut self) -> Vec<RankedCandidate> {
        self.done.sort_by_key(|r| r.known_at.unwrap_or(u32::MAX));
        self.done
    }
}
