//! Accounts on other derivation paths (MetaMask #2972, #7866): the wallet's phrase scanned
//! over the standard, Ledger Live and legacy schemes in bounded steps, and a found account
//! added at its path. Only addresses and paths cross to JavaScript; the keys stay here.

use crate::error::{BridgeError, Result};
use crate::to_js;
use crate::wallet::Wallet;
use serde::Serialize;
use tsify::Tsify;
use wallet_core::hd::DerivationPath;
use wallet_core::recovery::PathScheme;
use wallet_core::to_checksum;
use wasm_bindgen::prelude::*;

/// Most indices per scheme in one `scanPaths` call (3 schemes: 150 derivations, well under a
/// second in WASM).
pub(crate) const MAX_SCAN_STEP: u32 = 50;

/// An account of the wallet's phrase on one of the schemes' paths.
#[derive(Debug, Serialize, Tsify)]
pub(crate) struct PathAccount {
    /// `"standard"`, `"ledger-live"` or `"legacy"`.
    pub(crate) scheme: String,
    /// Its index in that scheme.
    pub(crate) index: u32,
    /// The full path, e.g. `m/44'/60'/2'/0/0`.
    pub(crate) path: String,
    /// The EIP-55 address.
    pub(crate) address: String,
    /// Whether the wallet already holds this address (at this path or as another account).
    pub(crate) held: bool,
}

#[wasm_bindgen]
impl Wallet {
    /// Whether the unlocked wallet has a secret phrase (a vault of imported keys only has
    /// none: no account can be derived, no phrase revealed, no path scanned).
    #[wasm_bindgen(js_name = hasPhrase)]
    pub fn has_phrase(&self) -> core::result::Result<bool, JsValue> {
        self.has_phrase_native().map_err(JsValue::from)
    }

    /// The accounts `start..start + count` (count 1 to 50) of each scheme (standard, Ledger
    /// Live, legacy, in that order) of the wallet's phrase, each with whether the wallet holds
    /// it. Throws `NO_PHRASE` for a wallet of imported keys only.
    #[wasm_bindgen(js_name = scanPaths, unchecked_return_type = "PathAccount[]")]
    pub fn scan_paths(&self, start: f64, count: f64) -> core::result::Result<JsValue, JsValue> {
        self.scan_paths_native(start, count)
            .and_then(|list| to_js(&list))
            .map_err(JsValue::from)
    }

    /// Adds the account at `path` of the wallet's phrase; returns the new vault JSON. Only a
    /// path of one of the schemes is accepted (`PATH_UNSUPPORTED` otherwise); an address the
    /// wallet holds already is `DUPLICATE_ACCOUNT`.
    #[wasm_bindgen(js_name = addAccountAtPath)]
    pub fn add_account_at_path(
        &mut self,
        path: &str,
        name: Option<String>,
    ) -> core::result::Result<String, JsValue> {
        self.add_at_path_native(path, name.as_deref())
            .map_err(JsValue::from)
    }
}

impl Wallet {
    fn has_phrase_native(&self) -> Result<bool> {
        Ok(self.unlocked()?.keyring.has_phrase())
    }

    pub(crate) fn scan_paths_native(&self, start: f64, count: f64) -> Result<Vec<PathAccount>> {
        let start = crate::wallet::account_index(start)?;
        if count.fract() != 0.0 || !(1.0..=f64::from(MAX_SCAN_STEP)).contains(&count) {
            return Err(BridgeError::Input {
                field: "count",
                reason: "1 to 50 indices per scan",
            });
        }
        let keyring = &self.unlocked()?.keyring;
        if !keyring.has_phrase() {
            return Err(BridgeError::NoPhrase);
        }
        let held: Vec<_> = keyring.accounts().into_iter().map(|a| a.address).collect();
        Ok(keyring
            .scan_paths(0, &PathScheme::ALL, start, count as u32)?
            .into_iter()
            .map(|a| PathAccount {
                scheme: a.scheme.code().to_owned(),
                index: a.index,
                held: held.contains(&a.address),
                address: to_checksum(&a.address),
                path: a.path,
            })
            .collect())
    }

    pub(crate) fn add_at_path_native(&mut self, path: &str, name: Option<&str>) -> Result<String> {
        if !self.unlocked()?.keyring.has_phrase() {
            return Err(BridgeError::NoPhrase);
        }
        let parsed: DerivationPath = path.parse().map_err(|_| BridgeError::PathUnsupported)?;
        let (scheme, index) = PathScheme::of_path(&parsed).ok_or(BridgeError::PathUnsupported)?;
        // Stored in the schemes' own spelling (`'` for hardened), whatever was given.
        let canonical = scheme.path(index);
        self.change(|keyring| keyring.add_account_at(0, &canonical, name).map(drop))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use wallet_core::vault::Vault;
    use wallet_core::{Keyring, PrivateKey};

    const JUNK: &str = "test test test test test test test test test test test junk";

    /// tests/vectors/derivation-paths.json: addresses derived by ethers.
    fn vectors() -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/vectors/derivation-paths.json"
        ))
        .unwrap();
        let all: serde_json::Value = serde_json::from_str(&text).unwrap();
        all["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["mnemonic"] == JUNK)
            .cloned()
            .collect()
    }

    fn junk_wallet() -> Wallet {
        let phrase = wallet_core::Phrase::parse(JUNK).unwrap();
        Wallet::unlocked_with(Keyring::new(&phrase, "").unwrap()).0
    }

    #[test]
    fn scan_matches_ethers_and_marks_held_accounts() {
        let wallet = junk_wallet();
        assert!(wallet.has_phrase_native().unwrap());
        let scanned = wallet.scan_paths_native(0.0, 4.0).unwrap();
        assert_eq!(scanned.len(), 12);
        for v in vectors() {
            let hit = scanned
                .iter()
                .find(|a| a.scheme == v["scheme"] && u64::from(a.index) == v["index"])
                .unwrap();
            assert_eq!(hit.path, v["path"].as_str().unwrap());
            assert_eq!(hit.address, v["address"].as_str().unwrap());
            // The wallet holds m/44'/60'/0'/0/0 only (standard 0, which is Ledger Live 0).
            assert_eq!(hit.held, v["path"] == "m/44'/60'/0'/0/0", "{}", hit.path);
        }
        let later = wallet.scan_paths_native(2.0, 1.0).unwrap();
        assert_eq!(later.iter().map(|a| a.index).collect::<Vec<_>>(), [2, 2, 2]);
        for bad in [(0.0, 0.0), (0.0, 51.0), (0.5, 1.0), (-1.0, 1.0), (0.0, 1.5)] {
            assert!(
                matches!(
                    wallet.scan_paths_native(bad.0, bad.1),
                    Err(BridgeError::Input { .. })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn adds_a_ledger_live_account_at_its_path_and_refuses_others() {
        let mut wallet = junk_wallet();
        let ledger2 = vectors()
            .into_iter()
            .find(|v| v["scheme"] == "ledger-live" && v["index"] == 2)
            .unwrap();
        // Given with `h` for hardened: stored in the schemes' spelling.
        let vault = wallet.add_at_path_native("m/44h/60h/2h/0/0", None).unwrap();
        let accounts = wallet.unlocked().unwrap().keyring.accounts();
        assert_eq!(accounts.len(), 2);
        assert_eq!(
            to_checksum(&accounts[1].address),
            ledger2["address"].as_str().unwrap()
        );
        assert_eq!(accounts[1].path().unwrap(), "m/44'/60'/2'/0/0");
        let (contents, _) = Vault::parse(&vault).unwrap().unlock("pw").unwrap();
        assert_eq!(contents.hd[0].accounts[1].path, "m/44'/60'/2'/0/0");
        assert!(
            wallet
                .scan_paths_native(2.0, 1.0)
                .unwrap()
                .iter()
                .any(|a| a.scheme == "ledger-live" && a.held)
        );
        // Again, or the same address on the standard path: already an account.
        assert!(matches!(
            wallet.add_at_path_native("m/44'/60'/2'/0/0", None),
            Err(BridgeError::Core(wallet_core::Error::DuplicateAccount))
        ));
        assert!(matches!(
            wallet.add_at_path_native("m/44'/60'/0'/0/0", None),
            Err(BridgeError::Core(wallet_core::Error::DuplicateAccount))
        ));
        for path in [
            "m/44'/60'/0'/1/0",
            "m/44'/61'/0'/0/0",
            "m/49'/60'/0'/0/0",
            "m/44'/60'/1'/0/1",
            "m/44'/60'/0'/0'",
            "m/44'/60'/0'/0/0/0",
            "not a path",
            "",
        ] {
            assert!(
                matches!(
                    wallet.add_at_path_native(path, None),
                    Err(BridgeError::PathUnsupported)
                ),
                "{path}"
            );
        }
        assert_eq!(wallet.unlocked().unwrap().keyring.accounts().len(), 2);
        wallet.lock();
        assert!(matches!(
            wallet.add_at_path_native("m/44'/60'/3'/0/0", None),
            Err(BridgeError::Locked)
        ));
    }

    #[test]
    fn a_wallet_of_imported_keys_only_has_no_phrase() {
        let contents = wallet_core::VaultContents {
            hd: Vec::new(),
            imported: Vec::new(),
        };
        let mut keyring = Keyring::from_contents(contents).unwrap();
        let key = PrivateKey::from_hex(
            "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        )
        .unwrap();
        keyring.import_private_key(key, None).unwrap();
        let mut wallet = Wallet::unlocked_with(keyring).0;
        assert!(!wallet.has_phrase_native().unwrap());
        assert!(matches!(
            wallet.scan_paths_native(0.0, 10.0),
            Err(BridgeError::NoPhrase)
        ));
        assert!(matches!(
            wallet.add_at_path_native("m/44'/60'/0'/0/1", None),
            Err(BridgeError::NoPhrase)
        ));
        assert_eq!(BridgeError::NoPhrase.code(), "NO_PHRASE");
        assert_eq!(BridgeError::PathUnsupported.code(), "PATH_UNSUPPORTED");
    }
}
