//! Well-known spenders and operators per chain (`data/spenders/<chainId>.json`, compiled in
//! by `build.rs`): the names the approval window shows beside "contract". Each entry of the
//! files carries its source.

use alloy_primitives::Address;

include!(concat!(env!("OUT_DIR"), "/data.rs"));

/// One well-known site, as `build.rs` compiles `data/sites.json`.
#[derive(Debug)]
pub(crate) struct SiteData {
    pub(crate) domains: &'static [&'static str],
    pub(crate) brands: &'static [&'static str],
    pub(crate) full: bool,
    pub(crate) not_near: &'static [&'static str],
}

/// The known name of `address` on `chain_id`.
pub fn name(chain_id: u64, address: &Address) -> Option<&'static str> {
    SPENDERS
        .iter()
        .find(|(chain, a, _)| *chain == chain_id && a == address.as_slice())
        .map(|(_, _, name)| *name)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// Every entry of the files is in the table, EIP-55, with its chain and a source.
    #[test]
    fn every_file_is_compiled_whole() {
        let mut count = 0;
        for chain in [1u64, 10, 56, 137, 8453, 42161] {
            let path = format!("{}/data/spenders/{chain}.json", env!("CARGO_MANIFEST_DIR"));
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            assert_eq!(json["chainId"], chain);
            for entry in json["spenders"].as_array().unwrap() {
                let address = entry["address"].as_str().unwrap();
                assert_eq!(
                    wallet_core::to_checksum_address(address).unwrap(),
                    address,
                    "EIP-55"
                );
                assert!(!entry["source"].as_str().unwrap().is_empty());
                let parsed = wallet_core::parse_address(address).unwrap();
                assert_eq!(name(chain, &parsed), entry["name"].as_str());
                count += 1;
            }
            assert_eq!(json["count"], json["spenders"].as_array().unwrap().len());
        }
        assert_eq!(SPENDERS.len(), count);
        let permit2 =
            wallet_core::parse_address("0x000000000022D473030F116dDEE9F6B43aC78BA3").unwrap();
        assert_eq!(name(8453, &permit2), Some("Uniswap Permit2"));
        assert_eq!(name(5, &permit2), None);
    }
}
