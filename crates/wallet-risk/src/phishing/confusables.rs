//! Folding a label to what it looks like: the UTS #39 skeleton, restricted to what can make a
//! label look like ASCII.
//!
//! Every well-known site we protect has an ASCII name, so a label can only look like one if
//! each of its characters looks like ASCII. `data/confusables.txt` lists exactly those
//! characters: each one whose UTS #39 skeleton (Unicode's `confusables.txt`, through the
//! `unicode-security` crate) is made of ASCII letters, digits and `-`, lowercased. The test
//! `confusables_table_is_the_uts39_subset` regenerates the subset from `unicode-security`
//! and compares (`UPDATE_CONFUSABLES=1` rewrites the file), so the table cannot drift from
//! the reference implementation while the WASM carries only these few hundred entries
//! instead of the whole table (about 100 KB gzip).

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The subset, as committed.
const TABLE: &str = include_str!("../../data/confusables.txt");

/// One character's fold.
#[derive(Debug, Clone)]
struct Entry {
    ascii: String,
    /// The character belongs to a script other than Latin, Common or Inherited.
    foreign: bool,
}

/// The parsed table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Confusables {
    map: HashMap<char, Entry>,
}

impl Confusables {
    /// Parses the bundled table. Lines: `XXXX<TAB>ascii<TAB>Script`; `#` starts a comment.
    pub(crate) fn bundled() -> Self {
        let mut map = HashMap::new();
        for line in TABLE.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(code), Some(ascii), Some(script)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Some(ch) = u32::from_str_radix(code, 16).ok().and_then(char::from_u32) else {
                continue;
            };
            let foreign = !matches!(script, "Latin" | "Common" | "Inherited");
            map.insert(
                ch,
                Entry {
                    ascii: ascii.to_owned(),
                    foreign,
                },
            );
        }
        Self { map }
    }

    /// The folded form of a label: canonical decomposition, combining marks dropped (so `è`
    /// folds like `e`), each character replaced by the ASCII it looks like when it looks like
    /// ASCII, ASCII lowercased. Characters that look like no ASCII stay as they are, so the
    /// fold of such a label never equals an ASCII name.
    pub(crate) fn fold(&self, label: &str) -> Folded {
        let mut text = String::with_capacity(label.len());
        let mut foreign = false;
        let mut latin_letters = false;
        for ch in label.nfd() {
            if is_combining_mark(ch) {
                continue;
            }
            let ch = ch.to_ascii_lowercase();
            if ch.is_ascii_lowercase() {
                latin_letters = true;
            }
            match self.map.get(&ch) {
                Some(entry) => {
                    foreign |= entry.foreign;
                    text.push_str(&entry.ascii);
                }
                None => text.push(ch),
            }
        }
        Folded {
            text,
            mixed_script: foreign && latin_letters,
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}

/// A label as it looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Folded {
    /// The fold (see [`Confusables::fold`]).
    pub(crate) text: String,
    /// ASCII letters side by side with look-alike letters of another script (Cyrillic `е`
    /// among Latin letters): the mark of a spoof, whatever it imitates.
    pub(crate) mixed_script: bool,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]
    use super::*;
    use unicode_script::UnicodeScript;

    /// The characters a decoded label can hold that look like ASCII: stable under NFKC and
    /// lowercasing (IDNA maps the others before a host is encoded), not combining marks (the
    /// fold drops them), canonically decomposed (the fold decomposes first), and whose UTS
    /// #39 skeleton, lowercased, is ASCII letters, digits and `-` and differs from the
    /// character itself.
    fn generate() -> String {
        let mut out = String::from(
            "# Characters whose UTS #39 skeleton is ASCII letters, digits or '-' (lowercased):\n\
             # code point, skeleton, script. Derived from Unicode's confusables.txt through the\n\
             # unicode-security crate (Unicode License v3 data); regenerate with\n\
             # UPDATE_CONFUSABLES=1 cargo test -p wallet-risk confusables.\n",
        );
        out.push_str(&format!(
            "# unicode-security {}.{}.{} tables\n",
            unicode_security::UNICODE_VERSION.0,
            unicode_security::UNICODE_VERSION.1,
            unicode_security::UNICODE_VERSION.2
        ));
        for code in 0u32..=0x10FFFF {
            let Some(ch) = char::from_u32(code) else {
                continue;
            };
            if ch.is_control() || ch.is_ascii_uppercase() || is_combining_mark(ch) {
                continue;
            }
            let single = ch.to_string();
            if single.nfkc().collect::<String>() != single
                || single.nfd().collect::<String>() != single
                || single.to_lowercase() != single
            {
                continue;
            }
            let skeleton: String = unicode_security::skeleton(&single)
                .collect::<String>()
                .to_ascii_lowercase();
            if skeleton == single
                || skeleton.is_empty()
                || !skeleton
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                continue;
            }
            out.push_str(&format!("{code:04X}\t{skeleton}\t{:?}\n", ch.script()));
        }
        out
    }

    #[test]
    fn confusables_table_is_the_uts39_subset() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/confusables.txt");
        let generated = generate();
        if std::env::var_os("UPDATE_CONFUSABLES").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            generated == committed,
            "data/confusables.txt differs from unicode-security's skeletons (UPDATE_CONFUSABLES=1)"
        );
    }

    #[test]
    fn folds_like_the_reference_skeleton() {
        let table = Confusables::bundled();
        assert!(table.len() > 100);
        for word in [
            "metamask",
            "mеtamask",
            "ᴍetamask",
            "0pensea",
            "unіswap",
            "myetherwallèt",
        ] {
            let reference: String = unicode_security::skeleton(word)
                .filter(|c| !is_combining_mark(*c))
                .collect::<String>()
                .to_ascii_lowercase();
            let folded = table.fold(word);
            if reference.is_ascii() {
                assert_eq!(folded.text, reference, "{word}");
            }
        }
        assert_eq!(table.fold("mеtamask").text, table.fold("metamask").text);
        assert!(table.fold("mеtamask").mixed_script);
        assert!(!table.fold("metamask").mixed_script);
        assert_eq!(table.fold("rnetamask").text, table.fold("metamask").text);
    }
}
