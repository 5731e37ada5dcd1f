//! The phrase assistant (checked against brute force through `Phrase::parse`, i.e. the
//! `bip39` crate's checksum) and accounts on other paths (against ethers).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{s, vectors};
use wallet_core::recovery::{
    AddressSearch, Correction, PathScheme, PhraseAssistant, find_account, first_addresses,
    scan_accounts,
};
use wallet_core::{Error, Language, Phrase, to_checksum};

const JUNK: &str = "test test test test test test test test test test test junk";
const LEGAL: &str = "legal winner thank year wave sausage worth useful legal winner thank yellow";

fn all(mut assistant: PhraseAssistant) -> Vec<wallet_core::recovery::PhraseCandidate> {
    let mut out = Vec::new();
    while !assistant.is_finished() {
        out.extend(assistant.next_batch(777));
    }
    assert_eq!(assistant.tried(), assistant.total());
    out
}

fn text(c: &wallet_core::recovery::PhraseCandidate) -> String {
    c.phrase
        .to_secret_string()
        .expose_secret()
        .replace('\u{3000}', " ")
}

/// Every valid phrase one replacement at `positions` away, by brute force with Phrase::parse.
fn brute_force_replacements(words: &[&str], positions: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    for &p in positions {
        for w in Language::English.word_list() {
            if *w == words[p] {
                continue;
            }
            let mut v = words.to_vec();
            v[p] = w;
            let joined = v.join(" ");
            if Phrase::parse(&joined).is_ok() && !out.contains(&joined) {
                out.push(joined);
            }
        }
    }
    out
}

#[test]
fn one_unknown_word() {
    let typed = "test test test test test test test test test test test junq";
    let found = all(PhraseAssistant::new(typed).unwrap());
    let words: Vec<&str> = typed.split(' ').collect();
    let mut expected = brute_force_replacements(&words, &[11]);
    let mut got: Vec<String> = found.iter().map(text).collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    assert!(
        got.len() > 100 && got.len() < 160,
        "about 2048/16: {}",
        got.len()
    );
    let junk = found.iter().find(|c| text(c) == JUNK).unwrap();
    assert_eq!(
        junk.correction,
        Correction::Replace {
            position: 12,
            word: "junk"
        }
    );
    // The first word of the list is a candidate like any other.
    let first = PhraseAssistant::new("zzzz abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about").unwrap();
    assert!(
        all(first)
            .iter()
            .any(|c| c.correction.word() == Some("abandon"))
    );
}

#[test]
fn a_wrong_word_anywhere_or_a_swap() {
    // All words known, checksum wrong: word 3 of LEGAL changed.
    let mut words: Vec<&str> = LEGAL.split(' ').collect();
    words[2] = "thing";
    let typed = words.join(" ");
    assert_eq!(Phrase::parse(&typed).unwrap_err(), Error::PhraseChecksum);
    let assistant = PhraseAssistant::new(&typed).unwrap();
    assert_eq!(assistant.total(), 11 + 12 * 2048);
    let found = all(assistant);
    let got: Vec<String> = found.iter().map(text).collect();
    let mut expected = brute_force_replacements(&words, &(0..12).collect::<Vec<_>>());
    // Swaps come first; add the swapped ones that are valid.
    let mut swaps = Vec::new();
    for i in 0..11 {
        let mut v = words.clone();
        v.swap(i, i + 1);
        let joined = v.join(" ");
        if Phrase::parse(&joined).is_ok() && !swaps.contains(&joined) && joined != typed {
            swaps.push(joined);
        }
    }
    let mut all_expected: Vec<String> = swaps;
    all_expected.append(&mut expected);
    all_expected.dedup();
    let mut a = got.clone();
    let mut b = all_expected.clone();
    a.sort();
    b.sort();
    b.dedup();
    assert_eq!(a, b);
    assert!(got.contains(&LEGAL.to_owned()));

    // Two neighbours swapped: found by the swap step, first.
    let mut swapped: Vec<&str> = LEGAL.split(' ').collect();
    swapped.swap(4, 5);
    let typed = swapped.join(" ");
    if Phrase::parse(&typed).is_err() {
        let first = PhraseAssistant::new(&typed)
            .unwrap()
            .find(|c| text(c) == LEGAL)
            .unwrap();
        assert_eq!(first.correction, Correction::Swap { position: 5 });
    }
}

#[test]
fn a_missing_word_and_an_extra_word() {
    let words: Vec<&str> = LEGAL.split(' ').collect();
    for missing in [0, 6, 11] {
        let mut v = words.clone();
        v.remove(missing);
        let assistant = PhraseAssistant::new(&v.join(" ")).unwrap();
        assert_eq!(assistant.total(), 12 * 2048);
        let found = all(assistant);
        let original = found.iter().find(|c| text(c) == LEGAL).unwrap();
        assert_eq!(original.correction.code(), "insert");
        assert_eq!(original.correction.word(), Some(words[missing]));
        assert!(found.iter().all(|c| Phrase::parse(&text(c)).is_ok()));
    }
    let mut v = words.clone();
    v.insert(3, "zoo");
    let found = all(PhraseAssistant::new(&v.join(" ")).unwrap());
    assert!(
        found
            .iter()
            .any(|c| text(c) == LEGAL && c.correction == Correction::Remove { position: 4 })
    );
    // An unknown extra word: only removing it is tried.
    let mut v = words.clone();
    v.insert(7, "qqqq");
    let assistant = PhraseAssistant::new(&v.join(" ")).unwrap();
    assert_eq!(assistant.total(), 1);
    assert_eq!(text(&all(assistant)[0]), LEGAL);
}

#[test]
fn japanese() {
    let data = vectors("bip39-trezor.json");
    let v = data["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| s(v, "language") == "japanese")
        .unwrap();
    let original = Phrase::parse(s(v, "mnemonic")).unwrap();
    let words: Vec<String> = original
        .to_secret_string()
        .expose_secret()
        .split('\u{3000}')
        .map(str::to_owned)
        .collect();
    let mut typed = words.clone();
    typed[4] = "あいうえおか".into();
    let assistant = PhraseAssistant::new(&typed.join("\u{3000}")).unwrap();
    assert_eq!(assistant.language(), Language::Japanese);
    let found = all(assistant);
    let want = original
        .to_secret_string()
        .expose_secret()
        .replace('\u{3000}', " ");
    let hit = found.iter().find(|c| text(c) == want).unwrap();
    assert_eq!(hit.correction.position(), 5);
    assert_eq!(hit.phrase.language(), Language::Japanese);
}

#[test]
fn what_cannot_be_helped() {
    for (typed, reason) in [
        (JUNK, "the phrase is already valid"),
        (
            "test test test test test test test test test test qqqq junq",
            "more than one word is not in the word list",
        ),
        (
            "test test test test test test test test test test",
            "no single correction gives a phrase of 12, 15, 18, 21 or 24 words",
        ),
        (
            "test test test test test test test test test test junq",
            "a word is missing and another is not in the word list",
        ),
        (
            "",
            "no single correction gives a phrase of 12, 15, 18, 21 or 24 words",
        ),
    ] {
        assert_eq!(
            PhraseAssistant::new(typed).unwrap_err(),
            Error::InvalidInput {
                field: "phrase",
                reason
            },
            "{typed}"
        );
    }
}

#[test]
fn ranked_by_a_known_address() {
    let typed = "test test test test test test test test test test test junq";
    let candidates = all(PhraseAssistant::new(typed).unwrap());
    let total = candidates.len();
    // The address the person remembers is their third account.
    let known = vectors("eth-hd.json")["vectors"][2]["address"]
        .as_str()
        .unwrap()
        .to_owned();
    let known = wallet_core::parse_address(&known).unwrap();
    let mut search = AddressSearch::new(candidates, "", 3, Some(known)).unwrap();
    let mut matches = 0;
    while !search.is_finished() {
        matches += search.step(16).unwrap();
        let (done, all) = search.progress();
        assert!(done <= all);
    }
    assert_eq!(matches, 1);
    let ranked = search.ranked();
    assert_eq!(ranked.len(), total);
    assert_eq!(text(&ranked[0].candidate), JUNK);
    assert_eq!(ranked[0].known_at, Some(2));
    assert!(ranked[1..].iter().all(|r| r.known_at.is_none()));
    assert!(AddressSearch::new(vec![], "", 0, None).is_err());
    assert!(AddressSearch::new(vec![], "", 21, None).is_err());
    let first = first_addresses(&Phrase::parse(JUNK).unwrap(), "", 2).unwrap();
    assert_eq!(
        to_checksum(&first[1]),
        vectors("eth-hd.json")["vectors"][1]["address"]
            .as_str()
            .unwrap()
    );
}

#[test]
fn nothing_secret_in_debug() {
    let mut assistant = PhraseAssistant::new(
        "legal winner thank year wave sausage worth useful legal winner thank yellom",
    )
    .unwrap();
    let found = assistant.next_batch(4096);
    let debug = format!("{assistant:?} {found:?}");
    assert!(
        !debug.contains("legal") && !debug.contains("winner") && !debug.contains("yellow"),
        "{debug}"
    );
    assert!(debug.contains("[REDACTED]"));
}

#[test]
fn accounts_on_every_path_match_ethers() {
    let data = vectors("derivation-paths.json");
    for v in data["vectors"].as_array().unwrap() {
        let seed = Phrase::parse(s(v, "mnemonic")).unwrap().to_seed("");
        let scheme = PathScheme::from_code(s(v, "scheme")).unwrap();
        let index = u32::try_from(v["index"].as_u64().unwrap()).unwrap();
        let found = scan_accounts(&seed, &[scheme], index, 1).unwrap();
        assert_eq!(found[0].path, s(v, "path"));
        assert_eq!(to_checksum(&found[0].address), s(v, "address"));
        let target = found[0].address;
        let hit = find_account(&seed, &target, &PathScheme::ALL, 10)
            .unwrap()
            .unwrap();
        // Ledger Live account 0 is the standard account 0: the first scheme wins.
        if !(scheme == PathScheme::LedgerLive && index == 0) {
            assert_eq!((hit.scheme, hit.index), (scheme, index));
        }
    }
    let seed = Phrase::parse(JUNK).unwrap().to_seed("");
    assert_eq!(
        scan_accounts(&seed, &PathScheme::ALL, 5, 10).unwrap().len(),
        30
    );
    assert!(scan_accounts(&seed, &PathScheme::ALL, 0, 1001).is_err());
    assert!(scan_accounts(&seed, &PathScheme::ALL, u32::MAX - 1, 5).is_err());
    let stranger =
        wallet_core::parse_address("0x3535353535353535353535353535353535353535").unwrap();
    assert_eq!(
        find_account(&seed, &stranger, &PathScheme::ALL, 20).unwrap(),
        None
    );
}

#[test]
fn the_scheme_of_a_path() {
    let of = |p: &str| PathScheme::of_path(&p.parse().unwrap());
    // Every vector's path belongs to its scheme (Ledger Live 0 is standard 0: standard wins).
    for v in vectors("derivation-paths.json")["vectors"]
        .as_array()
        .unwrap()
    {
        let scheme = PathScheme::from_code(s(v, "scheme")).unwrap();
        let index = u32::try_from(v["index"].as_u64().unwrap()).unwrap();
        let expected = if scheme == PathScheme::LedgerLive && index == 0 {
            (PathScheme::Standard, 0)
        } else {
            (scheme, index)
        };
        assert_eq!(of(s(v, "path")), Some(expected), "{}", s(v, "path"));
    }
    assert_eq!(of("m/44h/60h/7h/0/0"), Some((PathScheme::LedgerLive, 7)));
    for other in [
        "m/44'/60'/0'/1/0",
        "m/44'/60'/1'/0/1",
        "m/44'/61'/0'/0/0",
        "m/44'/60'/0'/0'/0",
        "m/44'/60'/0'",
        "m/44'/60'/0'/0/0/0",
    ] {
        assert_eq!(of(other), None, "{other}");
    }
}
