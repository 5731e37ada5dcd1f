//! Our own curated list of well-known sites (`data/sites.json`, compiled in by `build.rs`):
//! wallets, the large dApps, block explorers, bridges, and the exchanges people use worldwide
//! and in Japan. The file is the source of truth, with a source per entry.

pub(crate) use crate::spenders::{SITES, SiteData};

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// The file is well formed, and compiled whole: every domain a lowercase host with a dot,
    /// every name and exception lowercase ASCII, a source for every entry.
    #[test]
    fn the_file_is_checked_and_compiled_whole() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sites.json");
        let file: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let sites = file["sites"].as_array().unwrap();
        assert_eq!(file["count"], sites.len());
        assert_eq!(SITES.len(), sites.len());
        let name_ok = |b: &str| {
            !b.is_empty()
                && b.bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        };
        for (site, compiled) in sites.iter().zip(SITES) {
            assert!(!site["source"].as_str().unwrap().is_empty());
            assert!(!compiled.domains.is_empty() && !compiled.brands.is_empty());
            for d in compiled.domains {
                assert!(
                    super::super::list::plausible_host(d) && d.contains('.'),
                    "{d}"
                );
            }
            for b in compiled.brands.iter().chain(compiled.not_near) {
                assert!(name_ok(b), "{b}");
            }
            assert_eq!(compiled.full, site["match"] == "full");
        }
    }
}
