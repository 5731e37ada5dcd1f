//! Phrase validation errors, as the restore screen shows them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{s, vectors};
use wallet_core::{Error, Language, Phrase, WordCount};

const JUNK: &str = "test test test test test test test test test test test junk";

#[test]
fn unknown_word_position_and_suggestions() {
    let err =
        Phrase::parse("test test tset test test test test test test test test junk").unwrap_err();
    match err {
        Error::PhraseUnknownWord {
            position,
            language,
            suggestions,
        } => {
            assert_eq!(position, 3);
            assert_eq!(language, Language::English);
            assert!(suggestions.len() <= 3 && !suggestions.is_empty());
            assert!(suggestions.contains(&"test"), "{suggestions:?}");
            for s in &suggestions {
                assert!(Language::English.word_list().contains(s));
            }
        }
        other => panic!("{other:?}"),
    }
    let Error::PhraseUnknownWord {
        position,
        suggestions,
        ..
    } = Phrase::parse("abandn abandon").unwrap_err()
    else {
        panic!()
    };
    assert_eq!(
        (position, suggestions.first().copied()),
        (1, Some("abandon"))
    );
    // Nothing close: no suggestions rather than random words.
    let Error::PhraseUnknownWord { suggestions, .. } = Phrase::parse("zzzzzzzzzzzzq").unwrap_err()
    else {
        panic!()
    };
    assert!(suggestions.is_empty());
    // The message names the position only, never the mistyped word or the suggestions.
    let message = Phrase::parse("test test tset").unwrap_err().to_string();
    assert_eq!(message, "word 3 is not in the english word list");
}

#[test]
fn wrong_word_count() {
    assert_eq!(
        Phrase::parse("test test test").unwrap_err(),
        Error::PhraseWordCount { count: 3 }
    );
    assert_eq!(
        Phrase::parse("").unwrap_err(),
        Error::PhraseWordCount { count: 0 }
    );
    assert_eq!(
        Phrase::parse(&format!("{JUNK} test")).unwrap_err(),
        Error::PhraseWordCount { count: 13 }
    );
}

#[test]
fn checksum_mismatch() {
    assert_eq!(
        Phrase::parse("test test test test test test test test test test test test").unwrap_err(),
        Error::PhraseChecksum
    );
    assert_eq!(
        Phrase::parse("junk test test test test test test test test test test test").unwrap_err(),
        Error::PhraseChecksum
    );
}

#[test]
fn tolerant_of_case_and_spacing() {
    let expected = Phrase::parse(JUNK).unwrap().to_seed("");
    for variant in [
        "Test TEST test test test test test test test test test junk",
        "  test test\ttest test test test\n test test test test test junk  ",
        "test\u{3000}test test test test test test test test test test junk",
    ] {
        let phrase = Phrase::parse(variant).unwrap();
        assert_eq!(phrase.to_seed("").as_bytes(), expected.as_bytes());
        assert_eq!(phrase.to_secret_string().expose_secret(), JUNK);
    }
}

#[test]
fn japanese_with_ideographic_spaces_or_ascii_spaces() {
    let data = vectors("bip39-trezor.json");
    let v = data["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| s(v, "language") == "japanese")
        .unwrap();
    let source = s(v, "mnemonic");
    assert!(source.contains('\u{3000}'));
    let a = Phrase::parse(source).unwrap();
    let b = Phrase::parse(&source.replace('\u{3000}', " ")).unwrap();
    assert_eq!(a.language(), Language::Japanese);
    assert_eq!(
        a.to_seed("TREZOR").as_bytes(),
        b.to_seed("TREZOR").as_bytes()
    );
    assert!(a.to_secret_string().expose_secret().contains('\u{3000}'));
    // An unknown word in a Japanese phrase gets Japanese suggestions.
    let mut words: Vec<&str> = source.split('\u{3000}').collect();
    words[4] = "あいこくしｎ"; // full-width n (NFKD: n) instead of ん
    let typo = words.join("\u{3000}");
    match Phrase::parse(&typo).unwrap_err() {
        Error::PhraseUnknownWord {
            position: 5,
            language: Language::Japanese,
            suggestions,
        } => {
            assert_eq!(suggestions.first().copied(), Some("あいこくしん"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn generate_uses_the_given_rng() {
    let mut rng = rand_core::OsRng;
    let a = Phrase::generate(&mut rng, WordCount::Twelve, Language::English).unwrap();
    let b = Phrase::generate(&mut rng, WordCount::TwentyFour, Language::Japanese).unwrap();
    assert_eq!(a.word_count(), 12);
    assert_eq!(b.word_count(), 24);
    assert_ne!(
        a.to_secret_string(),
        Phrase::generate(&mut rng, WordCount::Twelve, Language::English)
            .unwrap()
            .to_secret_string()
    );
    assert!(Phrase::parse(a.to_secret_string().expose_secret()).is_ok());
    assert_eq!(
        Phrase::parse(b.to_secret_string().expose_secret())
            .unwrap()
            .language(),
        Language::Japanese
    );
    // A failing RNG is an error, not a panic.
    let mut empty = common::ReplayRng::new(vec![0; 4]);
    assert_eq!(
        Phrase::generate(&mut empty, WordCount::Twelve, Language::English).unwrap_err(),
        Error::Rng
    );
    assert!(WordCount::from_count(15).is_err());
}
