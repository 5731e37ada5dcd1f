//! BIP-39: the Trezor vectors for all 10 languages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{ReplayRng, s, unhex, vectors};
use std::borrow::Cow;
use wallet_core::hd::ExtendedPrivateKey;
use wallet_core::{Language, Phrase, WordCount};

fn nfkd(s: &str) -> String {
    let mut cow = Cow::Borrowed(s);
    bip39::Mnemonic::normalize_utf8_cow(&mut cow);
    cow.into_owned()
}

fn language(name: &str) -> bip39::Language {
    use bip39::Language as L;
    match name {
        "english" => L::English,
        "chinese_simplified" => L::SimplifiedChinese,
        "chinese_traditional" => L::TraditionalChinese,
        "czech" => L::Czech,
        "french" => L::French,
        "italian" => L::Italian,
        "japanese" => L::Japanese,
        "korean" => L::Korean,
        "portuguese" => L::Portuguese,
        "spanish" => L::Spanish,
        other => panic!("unknown language {other}"),
    }
}

/// English and Japanese go through the wallet's own API end to end: entropy → phrase (also
/// through `generate` with the entropy replayed as the RNG output), phrase text → validated
/// phrase → seed → BIP-32 master xprv.
#[test]
fn english_and_japanese_through_the_wallet_api() {
    let data = vectors("bip39-trezor.json");
    let mut checked = 0;
    for v in data["vectors"].as_array().unwrap() {
        let lang = match s(v, "language") {
            "english" => Language::English,
            "japanese" => Language::Japanese,
            _ => continue,
        };
        let entropy = unhex(s(v, "entropy"));
        let expected = nfkd(s(v, "mnemonic"));

        let from_entropy = Phrase::from_entropy(&entropy, lang).unwrap();
        assert_eq!(
            nfkd(from_entropy.to_secret_string().expose_secret()),
            expected
        );
        if lang == Language::Japanese {
            assert!(
                from_entropy
                    .to_secret_string()
                    .expose_secret()
                    .contains('\u{3000}')
            );
        }
        if let Ok(words) = WordCount::from_count(u32::try_from(from_entropy.word_count()).unwrap())
        {
            let generated =
                Phrase::generate(&mut ReplayRng::new(entropy.clone()), words, lang).unwrap();
            assert_eq!(nfkd(generated.to_secret_string().expose_secret()), expected);
        }

        // Parse exactly the source's text (Japanese: U+3000 separators, NFD kana).
        let parsed = Phrase::parse(s(v, "mnemonic")).unwrap();
        assert_eq!(parsed.language(), lang);
        let seed = parsed.to_seed(s(v, "passphrase"));
        assert_eq!(
            seed.as_bytes().as_slice(),
            unhex(s(v, "seed")).as_slice(),
            "seed of {expected}"
        );
        let master = ExtendedPrivateKey::from_seed(&seed).unwrap();
        assert_eq!(master.to_xprv().expose_secret(), s(v, "xprv"));
        checked += 1;
    }
    assert_eq!(checked, 48);
}

/// The other 8 languages: the word lists come from the `bip39` crate (dev-only feature
/// `all-languages`, not in the WASM); the seed → xprv step is the wallet's.
#[test]
fn every_language_entropy_mnemonic_seed_xprv() {
    let data = vectors("bip39-trezor.json");
    let cases = data["vectors"].as_array().unwrap();
    assert_eq!(cases.len(), 240);
    for v in cases {
        let lang = language(s(v, "language"));
        let mnemonic = bip39::Mnemonic::from_entropy_in(lang, &unhex(s(v, "entropy"))).unwrap();
        let words: Vec<&str> = mnemonic.words().collect();
        // NFKD maps the ideographic space U+3000 to a space.
        assert_eq!(nfkd(&words.join(" ")), nfkd(s(v, "mnemonic")));
        let seed = mnemonic.to_seed(s(v, "passphrase"));
        assert_eq!(seed.as_slice(), unhex(s(v, "seed")).as_slice());
        let master = ExtendedPrivateKey::from_seed_bytes(&seed).unwrap();
        assert_eq!(master.to_xprv().expose_secret(), s(v, "xprv"));
    }
}
