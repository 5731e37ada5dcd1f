//! Well-known spenders and operators per chain (`data/spenders/<chainId>.json`): the names
//! the approval window shows beside "contract". Each entry carries its source.

use alloy_primitives::Address;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

const FILES: [(u64, &str); 6] = [
    (1, include_str!("../data/spenders/1.json")),
    (10, include_str!("../data/spenders/10.json")),
    (56, include_str!("../data/spenders/56.json")),
    (137, include_str!("../data/spenders/137.json")),
    (8453, include_str!("../data/spenders/8453.json")),
    (42161, include_str!("../data/spenders/42161.json")),
];

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    chain_id: u64,
    spenders: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    address: String,
    name: String,
}

type Table = HashMap<(u64, Address), String>;

/// Parses every file; an entry that does not parse (a bug the tests catch) is left out.
fn load() -> Table {
    let mut table = HashMap::new();
    for (chain, text) in FILES {
        let Ok(file) = serde_json::from_str::<File>(text) else {
            continue;
        };
        if file.chain_id != chain {
            continue;
        }
        for entry in file.spenders {
            if let Ok(address) = wallet_core::parse_address(&entry.address) {
                table.insert((chain, address), entry.name);
            }
        }
    }
    table
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(load)
}

/// The known name of `address` on `chain_id`.
pub fn name(chain_id: u64, address: &Address) -> Option<&'static str> {
    table().get(&(chain_id, *address)).map(String::as_str)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// Every entry parses, with its checksum, its chain and a source.
    #[test]
    fn every_file_parses_whole() {
        let mut count = 0;
        for (chain, text) in FILES {
            let json: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(json["chainId"], chain);
            for entry in json["spenders"].as_array().unwrap() {
                let address = entry["address"].as_str().unwrap();
                assert_eq!(
                    wallet_core::to_checksum_address(address).unwrap(),
                    address,
                    "EIP-55"
                );
                assert!(!entry["source"].as_str().unwrap().is_empty());
                count += 1;
            }
            assert_eq!(json["count"], json["spenders"].as_array().unwrap().len());
        }
        assert_eq!(table().len(), count);
        let permit2 =
            wallet_core::parse_address("0x000000000022D473030F116dDEE9F6B43aC78BA3").unwrap();
        assert_eq!(name(8453, &permit2), Some("Uniswap Permit2"));
        assert_eq!(name(5, &permit2), None);
    }
}
