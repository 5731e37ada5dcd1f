//! Look-alikes of well-known sites, judged by the registrable domain's label.
//!
//! A host `x.y.example.co.uk` is judged by `example` (the label before its public suffix),
//! decoded from `xn--` Punycode. Against each well-known name (`metamask`):
//!
//! * **homograph** — the label has non-ASCII characters and its fold (UTS #39 skeleton,
//!   combining marks dropped, see `confusables`) equals the name's, or, for distinctive
//!   names, is within the tolerance below or holds the name as a hyphen-separated word; or it
//!   mixes ASCII letters with look-alike letters of another script (then nothing is named).
//! * **lookalike** (ASCII) — for distinctive names: the label is the name on another domain
//!   (`metamask.co.uk`), holds it as a hyphen-separated word (`uniswap-app`), is the name
//!   with its hyphens moved (`meta-mask`) or `www` glued on, spreads it over several labels
//!   (`myethe.rwallet.com`), or is within the tolerance (Damerau–Levenshtein on the folds,
//!   so `metamaks` and `rnetamask` count): 0 edits for names of up to 5 letters, 1 for 6–9,
//!   2 for 10 or more. For every name: an ASCII confusable spelling (`0pensea`, `1edger`).
//!   And a host that carries a well-known domain whole before another domain
//!   (`metamask.io.example.com`, `app.uniswap.org-claim.com`).
//!
//! The tolerance grows with the length because a short name is a few edits from many
//! ordinary words: eth-phishing-detect's fixed distance of 2 flagged `tunaswap` as `uniswap`
//! and `autum` as `auctus`. Names that are ordinary words are judged only by homographs.

use super::confusables::{Confusables, Folded};
use super::sites::SiteData;

/// What a look-alike is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) homograph: bool,
    /// The imitated site's first domain; `None` for a mixed-script label that imitates none
    /// of ours.
    pub(crate) imitates: Option<String>,
}

/// The judge: the well-known sites with their names folded once.
#[derive(Debug, Clone)]
pub(crate) struct Lookalikes {
    confusables: Confusables,
    sites: Vec<(&'static SiteData, Vec<(&'static str, String)>)>,
}

/// How many edits a name of `len` letters tolerates.
fn tolerance(len: usize) -> usize {
    match len {
        0..=5 => 0,
        6..=9 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment distance between `a` and `b`, or `None` past `bound`.
fn distance(a: &str, b: &str, bound: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; a.len() + 1];
    for (j, cell) in rows.first_mut()?.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let ai = *a.get(i - 1)?;
        let mut row = vec![0usize; width];
        *row.first_mut()? = i;
        for j in 1..width {
            let bj = *b.get(j - 1)?;
            let cost = usize::from(ai != bj);
            let prev = rows.get(i - 1)?;
            let mut best = (prev.get(j)? + 1)
                .min(row.get(j - 1)? + 1)
                .min(prev.get(j - 1)? + cost);
            if i > 1 && j > 1 && a.get(i - 2) == Some(&bj) && b.get(j - 2) == Some(&ai) {
                best = best.min(rows.get(i - 2)?.get(j - 2)? + 1);
            }
            *row.get_mut(j)? = best;
        }
        *rows.get_mut(i)? = row;
    }
    let d = *rows.get(a.len())?.get(b.len())?;
    (d <= bound).then_some(d)
}

impl Lookalikes {
    pub(crate) fn new(sites: &'static [SiteData]) -> Self {
        let confusables = Confusables::bundled();
        let sites = sites
            .iter()
            .map(|site| {
                let folded = site
                    .brands
                    .iter()
                    .map(|b| (*b, confusables.fold(b).text))
                    .collect();
                (site, folded)
            })
            .collect();
        Self { confusables, sites }
    }

    /// Whether `host` (lowercase ASCII) is, or is under, one of the sites' own domains.
    pub(crate) fn is_official(&self, host: &str) -> bool {
        self.sites.iter().any(|(site, _)| {
            site.domains.iter().any(|d| {
                host == *d
                    || host
                        .strip_suffix(*d)
                        .is_some_and(|rest| rest.ends_with('.'))
            })
        })
    }

    /// A well-known domain carried whole in front of another domain.
    fn embedded(&self, host: &str) -> Option<Finding> {
        for (site, _) in &self.sites {
            for d in site.domains {
                for (at, _) in host.match_indices(*d) {
                    let before_ok = at == 0 || host.as_bytes().get(at - 1) == Some(&b'.');
                    let after = host.as_bytes().get(at + d.len());
                    if before_ok && matches!(after, Some(b'.') | Some(b'-')) {
                        return Some(Finding {
                            homograph: false,
                            imitates: site.domains.first().map(|d| (*d).to_owned()),
                        });
                    }
                }
            }
        }
        None
    }

    /// Judges `label` (the registrable domain's label, decoded to Unicode) and `joined` (the
    /// labels before the public suffix, dots removed), for `host`.
    pub(crate) fn judge(&self, host: &str, label: &str, joined: &str) -> Option<Finding> {
        if let Some(found) = self.embedded(host) {
            return Some(found);
        }
        let folded = self.confusables.fold(label);
        let unicode = !label.is_ascii();
        let mut best: Option<(usize, &SiteData)> = None;
        for (site, brands) in &self.sites {
            if site.not_near.contains(&label) {
                continue;
            }
            for (brand, brand_fold) in brands {
                if let Some(score) = self.score(
                    site.full, label, joined, &folded, unicode, brand, brand_fold,
                ) && best.is_none_or(|(s, _)| score < s)
                {
                    best = Some((score, site));
                }
            }
        }
        match best {
            Some((_, site)) => Some(Finding {
                homograph: unicode,
                imitates: site.domains.first().map(|d| (*d).to_owned()),
            }),
            None if unicode && folded.mixed_script => Some(Finding {
                homograph: true,
                imitates: None,
            }),
            None => None,
        }
    }

    /// How closely `label` imitates `brand` (0 closest), or `None`.
    #[allow(clippy::too_many_arguments)]
    fn score(
        &self,
        full: bool,
        label: &str,
        joined: &str,
        folded: &Folded,
        unicode: bool,
        brand: &str,
        brand_fold: &str,
    ) -> Option<usize> {
        let tol = tolerance(brand.chars().count());
        if unicode {
            if folded.text == brand_fold {
                return Some(0);
            }
            if full {
                if folded.text.split('-').any(|w| w == brand_fold) {
                    return Some(1);
                }
                if let Some(d) = distance(&folded.text, brand_fold, tol) {
                    return Some(1 + d);
                }
            }
            return None;
        }
        if label != brand && folded.text == *brand_fold {
            return Some(0);
        }
        if !full {
            return None;
        }
        if label == brand {
            return Some(0);
        }
        let unhyphenated = label.replace('-', "");
        if unhyphenated == brand
            || label
                .strip_prefix("www")
                .is_some_and(|rest| rest.trim_start_matches('-') == brand)
            || (joined != label && joined == brand)
        {
            return Some(1);
        }
        if label.split('-').any(|w| w == brand) {
            return Some(1);
        }
        distance(&folded.text, brand_fold, tol)
            .or_else(|| distance(&unhyphenated, brand, tol))
            .map(|d| 1 + d)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn distance_counts_transpositions_once() {
        assert_eq!(distance("metamaks", "metamask", 2), Some(1));
        assert_eq!(distance("tunaswap", "uniswap", 2), Some(2));
        assert_eq!(distance("tunaswap", "uniswap", 1), None);
        assert_eq!(distance("", "abc", 3), Some(3));
        assert_eq!(distance("abc", "abc", 0), Some(0));
    }

    #[test]
    fn tolerance_by_length() {
        assert_eq!(tolerance(4), 0);
        assert_eq!(tolerance(7), 1);
        assert_eq!(tolerance(13), 2);
    }
}
