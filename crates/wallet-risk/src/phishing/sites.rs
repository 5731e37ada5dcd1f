//! Our own curated list of well-known sites (`data/sites.json`): wallets, the large dApps,
//! block explorers, bridges, and the exchanges people use worldwide and in Japan.

use crate::error::{Error, Result};
use serde::Deserialize;

const BUNDLED: &str = include_str!("../../data/sites.json");

/// How a site's names are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchLevel {
    /// Distinctive names: the name on another domain, as a whole hyphen-separated word, within
    /// the edit-distance tolerance, and confusable spellings.
    Full,
    /// Ordinary words (`curve`, `safe`): only confusable spellings.
    Homograph,
}

/// One well-known site.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Site {
    /// Its name.
    pub name: String,
    /// Its own registrable domains (or hosts); the first is the one named as imitated.
    pub domains: Vec<String>,
    /// The names a look-alike imitates.
    pub brands: Vec<String>,
    /// How they are judged.
    #[serde(rename = "match")]
    pub level: MatchLevel,
    /// Labels near a brand that are other, ordinary names.
    #[serde(default)]
    pub not_near: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    sites: Vec<Site>,
}

/// The bundled list, checked: every domain and brand lowercase ASCII, every site with a
/// domain and a brand.
pub fn bundled() -> Result<Vec<Site>> {
    let file: File = serde_json::from_str(BUNDLED).map_err(|_| Error::BundledData {
        what: "data/sites.json",
    })?;
    for site in &file.sites {
        let ok = !site.domains.is_empty()
            && !site.brands.is_empty()
            && site
                .domains
                .iter()
                .all(|d| super::list::plausible_host(d) && d.contains('.'))
            && site.brands.iter().chain(&site.not_near).all(|b| {
                !b.is_empty()
                    && b.bytes()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
            });
        if !ok {
            return Err(Error::BundledData {
                what: "data/sites.json",
            });
        }
    }
    Ok(file.sites)
}
