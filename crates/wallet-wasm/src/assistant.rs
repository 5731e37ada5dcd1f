//! `class PhraseAssistant`: the phrases a person may have meant when theirs does not restore,
//! searched in bounded steps so that the page can show progress and stop.
//!
//! The candidates cross to JavaScript: they are the person's own phrase, typed on that page,
//! with one correction, shown so that they can recognise theirs (by its first address).

use crate::error::Result;
use crate::to_js;
use serde::Serialize;
use tsify::Tsify;
use wallet_core::recovery::{self, PhraseCandidate};
use wallet_core::{Address, parse_address, to_checksum};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

/// Most phrases tried per `step` (a step should stay well under a second).
const MAX_STEP: usize = 20_000;
/// First standard addresses derived per candidate when the person gave an address they know.
pub(crate) const KNOWN_ADDRESSES: u32 = 5;

/// A phrase that passes the checksum, one correction away from what was typed.
#[derive(Serialize, Tsify)]
pub(crate) struct AssistantCandidate {
    /// The phrase (words joined with a space, U+3000 for Japanese).
    pub(crate) phrase: String,
    /// `"replace"`, `"swap"`, `"insert"` or `"remove"`.
    pub(crate) correction: String,
    /// The 1-based position of the correction.
    pub(crate) position: u32,
    /// The word put in (replace, insert).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) word: Option<String>,
    /// Its first account, `m/44'/60'/0'/0/0` (with the passphrase given).
    pub(crate) address: String,
    /// With a known address given (`setKnownAddress`): its index among the candidate's first
    /// 5 standard accounts `m/44'/60'/0'/0/i`, if it is one of them.
    #[serde(rename = "knownAt", skip_serializing_if = "Option::is_none")]
    pub(crate) known_at: Option<u32>,
}

/// The search for the phrase that was meant.
#[wasm_bindgen]
pub struct PhraseAssistant {
    inner: recovery::PhraseAssistant,
    passphrase: Zeroizing<String>,
    known: Option<Address>,
}

impl core::fmt::Debug for PhraseAssistant {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PhraseAssistant")
            .field("tried", &self.inner.tried())
            .field("total", &self.inner.total())
            .finish()
    }
}

#[wasm_bindgen]
impl PhraseAssistant {
    /// Plans the search for `typed` (one unknown or wrong word, two neighbours swapped, one
    /// word missing or one too many). Throws `INVALID_INPUT` when the phrase is valid already
    /// or no single correction can make it one.
    #[wasm_bindgen(constructor)]
    pub fn new(
        typed: String,
        passphrase: String,
    ) -> core::result::Result<PhraseAssistant, JsValue> {
        let typed = Zeroizing::new(typed);
        let passphrase = Zeroizing::new(passphrase);
        recovery::PhraseAssistant::new(&typed)
            .map(|inner| Self {
                inner,
                passphrase,
                known: None,
            })
            .map_err(|e| crate::BridgeError::from(e).into())
    }

    /// Tries up to `maxAttempts` more phrases (at most 20,000); returns the candidates found.
    #[wasm_bindgen(unchecked_return_type = "AssistantCandidate[]")]
    pub fn step(
        &mut self,
        #[wasm_bindgen(js_name = maxAttempts)] max_attempts: f64,
    ) -> core::result::Result<JsValue, JsValue> {
        let found = self.step_native(max_attempts);
        found.and_then(|list| to_js(&list)).map_err(JsValue::from)
    }

    /// An address of the wallet the person knows: from now on each candidate's first 5
    /// standard accounts are derived and `knownAt` says where the address is among them.
    /// Throws `ADDRESS_INVALID` / `ADDRESS_CHECKSUM`.
    #[wasm_bindgen(js_name = setKnownAddress)]
    pub fn set_known_address(&mut self, address: &str) -> core::result::Result<(), JsValue> {
        self.known = Some(parse_address(address).map_err(crate::BridgeError::from)?);
        Ok(())
    }

    /// Phrases tried so far.
    pub fn tried(&self) -> f64 {
        self.inner.tried() as f64
    }

    /// Phrases the search will try in all.
    pub fn total(&self) -> f64 {
        self.inner.total() as f64
    }

    /// Whether every planned phrase was tried.
    #[wasm_bindgen(js_name = isFinished)]
    pub fn is_finished(&self) -> bool {
        self.inner.is_finished()
    }
}

impl PhraseAssistant {
    fn step_native(&mut self, max_attempts: f64) -> Result<Vec<AssistantCandidate>> {
        let max = if max_attempts.is_finite() && max_attempts >= 1.0 {
            (max_attempts as usize).min(MAX_STEP)
        } else {
            1
        };
        self.inner
            .next_batch(max)
            .into_iter()
            .map(|c| self.describe(&c))
            .collect()
    }

    fn describe(&self, candidate: &PhraseCandidate) -> Result<AssistantCandidate> {
        let count = if self.known.is_some() {
            KNOWN_ADDRESSES
        } else {
            1
        };
        let addresses = recovery::first_addresses(&candidate.phrase, &self.passphrase, count)?;
        let known_at = self.known.and_then(|known| {
            addresses
                .iter()
                .position(|a| *a == known)
                .and_then(|i| u32::try_from(i).ok())
        });
        let address = addresses.first().map(to_checksum).unwrap_or_default();
        Ok(AssistantCandidate {
            phrase: candidate
                .phrase
                .to_secret_string()
                .expose_secret()
                .to_owned(),
            correction: candidate.correction.code().to_owned(),
            position: u32::try_from(candidate.correction.position()).unwrap_or(u32::MAX),
            word: candidate.correction.word().map(str::to_owned),
            address,
            known_at,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn finds_the_meant_phrase_with_its_address() {
        let mut assistant = PhraseAssistant {
            inner: recovery::PhraseAssistant::new(
                "test test tezt test test test test test test test test junk",
            )
            .unwrap(),
            passphrase: Zeroizing::new(String::new()),
            known: None,
        };
        let mut found = Vec::new();
        while !assistant.is_finished() {
            found.extend(assistant.step_native(500.0).unwrap());
        }
        assert_eq!(assistant.tried(), assistant.total());
        let meant = found
            .iter()
            .find(|c| c.address == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
            .unwrap();
        assert_eq!(
            (
                meant.correction.as_str(),
                meant.position,
                meant.word.as_deref()
            ),
            ("replace", 3, Some("test"))
        );
        assert!(
            found
                .iter()
                .all(|c| c.correction == "replace" && c.position == 3)
        );
        assert!(found.iter().all(|c| c.known_at.is_none()));
    }

    /// The known address is the phrase's third standard account (anvil's account 2, from
    /// tests/vectors/derivation-paths.json, derived by ethers): only the meant candidate holds
    /// it, at index 2.
    #[test]
    fn a_known_address_marks_the_meant_phrase() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/vectors/derivation-paths.json"
        ))
        .unwrap();
        let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
        let third = vectors["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| {
                v["scheme"] == "standard"
                    && v["index"] == 2
                    && v["mnemonic"].as_str().unwrap().ends_with("junk")
            })
            .unwrap()["address"]
            .as_str()
            .unwrap()
            .to_owned();
        let mut assistant = PhraseAssistant {
            inner: recovery::PhraseAssistant::new(
                "test test tezt test test test test test test test test junk",
            )
            .unwrap(),
            passphrase: Zeroizing::new(String::new()),
            known: None,
        };
        assistant.known = Some(parse_address(&third.to_lowercase()).unwrap());
        let mut found = Vec::new();
        while !assistant.is_finished() {
            found.extend(assistant.step_native(5000.0).unwrap());
        }
        let marked: Vec<_> = found.iter().filter(|c| c.known_at.is_some()).collect();
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].known_at, Some(2));
        assert_eq!(
            marked[0].phrase,
            "test test test test test test test test test test test junk"
        );
        assert_eq!(
            marked[0].address,
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
        );
        assert!(found.len() > 100, "every other candidate is still listed");
    }
}
