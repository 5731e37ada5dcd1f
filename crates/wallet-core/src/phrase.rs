//! BIP-39 secret phrases: generate, validate (with precise errors), phrase to seed.
//!
//! English and Japanese word lists. Input is NFKD-normalized and lowercased; words may be
//! separated by any Unicode whitespace (including the ideographic space U+3000). Japanese
//! phrases are written back joined with U+3000, English ones with a space; both give the same
//! seed as the reference implementations because NFKD turns U+3000 into a space.

use crate::error::{Error, Result};
use crate::secret::{SecretString, Seed};
use core::fmt;
use rand_core::{CryptoRng, RngCore};
use std::borrow::Cow;
use zeroize::Zeroizing;

/// A word list this wallet reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// The English list.
    English,
    /// The Japanese list (phrases joined with U+3000).
    Japanese,
}

impl Language {
    /// `"en"` or `"ja"`.
    pub fn code(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Japanese => "ja",
        }
    }

    /// The language for `"en"` / `"ja"`.
    pub fn from_code(code: &str) -> Result<Self> {
        match code {
            "en" => Ok(Self::English),
            "ja" => Ok(Self::Japanese),
            _ => Err(Error::InvalidInput {
                field: "lang",
                reason: "expected \"en\" or \"ja\"",
            }),
        }
    }

    pub(crate) fn bip39(self) -> bip39::Language {
        match self {
            Self::English => bip39::Language::English,
            Self::Japanese => bip39::Language::Japanese,
        }
    }

    /// The 2048 words of the list (in NFKD form).
    pub fn word_list(self) -> &'static [&'static str; 2048] {
        self.bip39().word_list()
    }

    fn separator(self) -> &'static str {
        match self {
            Self::English => " ",
            Self::Japanese => "\u{3000}",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::English => "english",
            Self::Japanese => "japanese",
        })
    }
}

/// The lengths of phrase this wallet generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordCount {
    /// 12 words, 128 bits of entropy.
    Twelve,
    /// 24 words, 256 bits of entropy.
    TwentyFour,
}

impl WordCount {
    /// 12 or 24; anything else is an error.
    pub fn from_count(words: u32) -> Result<Self> {
        match words {
            12 => Ok(Self::Twelve),
            24 => Ok(Self::TwentyFour),
            _ => Err(Error::InvalidInput {
                field: "words",
                reason: "expected 12 or 24",
            }),
        }
    }

    fn entropy_len(self) -> usize {
        match self {
            Self::Twelve => 16,
            Self::TwentyFour => 32,
        }
    }
}

/// A valid BIP-39 phrase. Zeroized on drop; `Debug` prints `[REDACTED]`.
#[derive(Clone)]
pub struct Phrase {
    mnemonic: bip39::Mnemonic,
    language: Language,
}

impl fmt::Debug for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Phrase")
            .field("language", &self.language)
            .field("words", &self.mnemonic.word_count())
            .field("phrase", &format_args!("[REDACTED]"))
            .finish()
    }
}

impl Phrase {
    /// Generates a new phrase from `rng`, which must be a cryptographically secure generator.
    pub fn generate<R: CryptoRng + RngCore>(
        rng: &mut R,
        words: WordCount,
        language: Language,
    ) -> Result<Self> {
        let mut entropy = Zeroizing::new([0u8; 32]);
        let entropy = entropy
            .get_mut(..words.entropy_len())
            .ok_or(Error::Internal("entropy"))?;
        rng.try_fill_bytes(entropy).map_err(|_| Error::Rng)?;
        Self::from_entropy(entropy, language)
    }

    /// The phrase that encodes `entropy` (16, 20, 24, 28 or 32 bytes).
    pub fn from_entropy(entropy: &[u8], language: Language) -> Result<Self> {
        let mnemonic =
            bip39::Mnemonic::from_entropy_in(language.bip39(), entropy).map_err(|_| {
                Error::InvalidInput {
                    field: "entropy",
                    reason: "expected 16, 20, 24, 28 or 32 bytes",
                }
            })?;
        Ok(Self { mnemonic, language })
    }

    /// Validates a phrase typed or pasted by a person, detecting English or Japanese.
    ///
    /// Checks, in this order: every word is in the list ([`Error::PhraseUnknownWord`] with
    /// the first unknown word's position and suggestions), the word count
    /// ([`Error::PhraseWordCount`]), the checksum ([`Error::PhraseChecksum`]).
    pub fn parse(phrase: &str) -> Result<Self> {
        let normalized = normalize(phrase);
        let language = detect_language(&normalized);
        Self::parse_normalized(&normalized, language)
    }

    /// Like [`Phrase::parse`] with the word list given.
    pub fn parse_in(language: Language, phrase: &str) -> Result<Self> {
        Self::parse_normalized(&normalize(phrase), language)
    }

    fn parse_normalized(normalized: &str, language: Language) -> Result<Self> {
        let list = language.word_list();
        let mut count = 0usize;
        for (i, word) in normalized.split_whitespace().enumerate() {
            count += 1;
            if language.bip39().find_word(word).is_none() {
                return Err(Error::PhraseUnknownWord {
                    position: i + 1,
                    language,
                    suggestions: suggestions(word, list),
                });
            }
        }
        if !matches!(count, 12 | 15 | 18 | 21 | 24) {
            return Err(Error::PhraseWordCount { count });
        }
        let joined = Zeroizing::new(normalized.split_whitespace().collect::<Vec<_>>().join(" "));
        match bip39::Mnemonic::parse_in_normalized(language.bip39(), &joined) {
            Ok(mnemonic) => Ok(Self { mnemonic, language }),
            Err(bip39::Error::InvalidChecksum) => Err(Error::PhraseChecksum),
            Err(bip39::Error::BadWordCount(count)) => Err(Error::PhraseWordCount { count }),
            Err(_) => Err(Error::Internal(
                "phrase validation disagrees with the word list",
            )),
        }
    }

    /// The word list of the phrase.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The number of words.
    pub fn word_count(&self) -> usize {
        self.mnemonic.word_count()
    }

    /// The phrase as text: English words joined with a space, Japanese with U+3000.
    ///
    /// # Security
    /// This is the secret that controls every account derived from it.
    pub fn to_secret_string(&self) -> SecretString {
        let mut out = String::with_capacity(8 * 24 * 3);
        for (i, word) in self.mnemonic.words().enumerate() {
            if i > 0 {
                out.push_str(self.language.separator());
            }
            out.push_str(word);
        }
        SecretString::new(out)
    }

    /// The BIP-39 seed: PBKDF2-HMAC-SHA512 over the NFKD forms of the phrase and of
    /// `"mnemonic" + passphrase`, 2048 rounds.
    pub fn to_seed(&self, passphrase: &str) -> Seed {
        let mut passphrase: Cow<'_, str> = Cow::Borrowed(passphrase);
        bip39::Mnemonic::normalize_utf8_cow(&mut passphrase);
        let seed = Seed::new(self.mnemonic.to_seed_normalized(&passphrase));
        if let Cow::Owned(mut owned) = passphrase {
            zeroize::Zeroize::zeroize(&mut owned);
        }
        seed
    }
}

/// NFKD + lowercase, in zeroizing buffers.
pub(crate) fn normalize(phrase: &str) -> Zeroizing<String> {
    let mut cow: Cow<'_, str> = Cow::Borrowed(phrase);
    bip39::Mnemonic::normalize_utf8_cow(&mut cow);
    let lower = Zeroizing::new(cow.to_lowercase());
    if let Cow::Owned(mut owned) = cow {
        zeroize::Zeroize::zeroize(&mut owned);
    }
    lower
}

/// The list that knows more of the words; with no known word, Japanese if any character is
/// outside ASCII.
pub(crate) fn detect_language(normalized: &str) -> Language {
    let (mut en, mut ja) = (0usize, 0usize);
    for word in normalized.split_whitespace() {
        en += usize::from(Language::English.bip39().find_word(word).is_some());
        ja += usize::from(Language::Japanese.bip39().find_word(word).is_some());
    }
    if ja > en || (ja == en && !normalized.is_ascii()) {
        Language::Japanese
    } else {
        Language::English
    }
}

/// Up to 3 words of `list` closest to `typed`: optimal-string-alignment distance (a swap of two
/// neighbouring letters counts as one edit) of at most 2, or the same first 4 characters
/// (English words are unique in their first 4 letters); closest first, then the longest common
/// prefix, then word-list order.
fn suggestions(typed: &str, list: &'static [&'static str; 2048]) -> Vec<&'static str> {
    let typed: Vec<char> = typed.chars().take(32).collect();
    let mut rows = Rows::default();
    let mut scored: Vec<(usize, core::cmp::Reverse<usize>, usize, &'static str)> = Vec::new();
    let mut word_chars: Vec<char> = Vec::new();
    for (index, &word) in list.iter().enumerate() {
        word_chars.clear();
        word_chars.extend(word.chars());
        let common = typed
            .iter()
            .zip(&word_chars)
            .take_while(|(a, b)| a == b)
            .count();
        // A word with fewer than 4 letters in common qualifies only by a distance of at most
        // 2: stop counting past that (the same result, much faster, which the fuzzer needed).
        let limit = if common >= 4 { usize::MAX } else { 2 };
        if typed.len().abs_diff(word_chars.len()) > limit {
            continue;
        }
        let distance = rows.distance(&typed, &word_chars, limit);
        if distance <= 2 || common >= 4 {
            scored.push((distance, core::cmp::Reverse(common), index, word));
        }
    }
    scored.sort_unstable();
    scored.into_iter().take(3).map(|(_, _, _, w)| w).collect()
}

/// Reusable rows for the optimal-string-alignment distance.
#[derive(Default)]
struct Rows {
    before: Vec<usize>,
    previous: Vec<usize>,
    current: Vec<usize>,
}

impl Rows {
    /// The distance of `a` and `b` if it is at most `limit`; else some number above `limit`.
    fn distance(&mut self, a: &[char], b: &[char], limit: usize) -> usize {
        let n = a.len();
        self.before.clear();
        self.before.resize(n + 1, 0);
        self.previous.clear();
        self.previous.extend(0..=n);
        for (j, &cb) in b.iter().enumerate() {
            self.current.clear();
            self.current.push(j + 1);
            for (i, &ca) in a.iter().enumerate() {
                let substitution =
                    self.previous.get(i).copied().unwrap_or(usize::MAX - 1) + usize::from(ca != cb);
                let deletion = self.previous.get(i + 1).copied().unwrap_or(usize::MAX - 1) + 1;
                let insertion = self.current.get(i).copied().unwrap_or(usize::MAX - 1) + 1;
                let mut best = substitution.min(deletion).min(insertion);
                let swapped =
                    i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca);
                if swapped {
                    best = best.min(self.before.get(i - 1).copied().unwrap_or(usize::MAX - 1) + 1);
                }
                self.current.push(best);
            }
            core::mem::swap(&mut self.before, &mut self.previous);
            core::mem::swap(&mut self.previous, &mut self.current);
            // Every later cell comes from the last row, the row before it (+1 for a swap) or
            // a cell to its left: once both rows are above the limit, so is the result.
            let above = |row: &[usize]| row.iter().all(|&d| d > limit);
            if above(&self.previous) && above(&self.before) {
                return limit.saturating_add(1);
            }
        }
        self.previous.get(n).copied().unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        let mut rows = Rows::default();
        let mut d = |a: &str, b: &str| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let exact = rows.distance(&a, &b, usize::MAX);
            // Bounded, it agrees up to the bound.
            for limit in 0..4 {
                let bounded = rows.distance(&a, &b, limit);
                assert!(if exact <= limit {
                    bounded == exact
                } else {
                    bounded > limit
                });
            }
            exact
        };
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("abandon", "abandon"), 0);
        assert_eq!(d("abandn", "abandon"), 1);
        assert_eq!(d("tset", "test"), 1);
        assert_eq!(d("ca", "abc"), 3);
    }
}
