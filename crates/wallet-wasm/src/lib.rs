#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

// Two WebAssembly modules are built from this crate (cargo xtask dist): `wallet` (the keys, the
// vault, signing, typed data: built for speed, loaded at every worker start) and `risk` (the
// risk engine and its site lists: loaded only when a request or a navigation is judged). Native
// builds and tests have both.
#[cfg(feature = "wallet")]
mod assistant;
#[cfg(feature = "bench")]
mod bench;
mod error;
#[cfg(feature = "risk")]
mod risk;
#[cfg(feature = "wallet")]
mod rng;
#[cfg(feature = "wallet")]
mod wallet;
#[cfg(feature = "wallet")]
mod wallet_paths;

#[cfg(feature = "wallet")]
pub use assistant::PhraseAssistant;
pub use error::{BridgeError, Result};
#[cfg(feature = "risk")]
pub use risk::PhishingGuard;
#[cfg(feature = "wallet")]
pub use rng::JsRng;
#[cfg(feature = "wallet")]
pub use wallet::Wallet;

use serde::Serialize;
#[cfg(feature = "wallet")]
use tsify::Tsify;
use wallet_core::typed_data::{PreparedTypedData, TypedData, TypedDataVersion};
#[cfg(feature = "wallet")]
use wallet_core::{Language, Phrase, Signature, WordCount};
use wasm_bindgen::prelude::*;

// The TypeScript declarations of every value that crosses to JavaScript are derived (tsify)
// from the serde types below, in wallet.rs, and in wallet-core's `typed_data::display`; the
// test `declarations` checks them against docs/wasm-types.d.ts.

#[cfg(feature = "wallet")]
/// The core's version.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    wallet_core::VERSION.to_owned()
}

#[cfg(feature = "wallet")]
/// The size of this instance's linear memory in bytes. It only grows (scrypt's 128 MiB at an
/// unlock stays): the background reads it to replace a grown instance after an unlock, and the
/// support report shows it. 0 outside WebAssembly.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) * 65_536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

#[cfg(feature = "wallet")]
/// A new phrase from `crypto.getRandomValues`: `words` 12 or 24, `lang` "en" or "ja"
/// (Japanese words joined with U+3000).
#[wasm_bindgen(js_name = generatePhrase)]
pub fn generate_phrase(
    #[wasm_bindgen(unchecked_param_type = "12 | 24")] words: f64,
    #[wasm_bindgen(unchecked_param_type = "\"en\" | \"ja\"")] lang: &str,
) -> core::result::Result<String, JsValue> {
    let run = || -> Result<String> {
        let words = match words {
            12.0 => WordCount::Twelve,
            24.0 => WordCount::TwentyFour,
            _ => {
                return Err(BridgeError::Input {
                    field: "words",
                    reason: "expected 12 or 24",
                });
            }
        };
        let phrase = Phrase::generate(&mut JsRng, words, Language::from_code(lang)?)?;
        Ok(phrase.to_secret_string().expose_secret().to_owned())
    };
    run().map_err(JsValue::from)
}

#[cfg(feature = "wallet")]
/// What `checkPhrase` found.
#[derive(Serialize, Tsify)]
pub(crate) struct PhraseInfo {
    language: PhraseLanguage,
    words: usize,
}

#[cfg(feature = "wallet")]
/// The word list of a phrase.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub(crate) enum PhraseLanguage {
    En,
    Ja,
}

#[cfg(feature = "wallet")]
/// Validates a phrase (English or Japanese): `{ language, words }`, or throws
/// PHRASE_UNKNOWN_WORD / PHRASE_WORD_COUNT / PHRASE_CHECKSUM.
#[wasm_bindgen(js_name = checkPhrase, unchecked_return_type = "PhraseInfo")]
pub fn check_phrase(phrase: String) -> core::result::Result<JsValue, JsValue> {
    let phrase = zeroize::Zeroizing::new(phrase);
    let run = || -> Result<JsValue> {
        let parsed = Phrase::parse(&phrase)?;
        let language = match parsed.language() {
            Language::Japanese => PhraseLanguage::Ja,
            _ => PhraseLanguage::En,
        };
        to_js(&PhraseInfo {
            language,
            words: parsed.word_count(),
        })
    };
    run().map_err(JsValue::from)
}

#[cfg(feature = "wallet")]
/// The EIP-55 form of an address; throws ADDRESS_INVALID / ADDRESS_CHECKSUM.
#[wasm_bindgen(js_name = toChecksumAddress)]
pub fn to_checksum_address(address: &str) -> core::result::Result<String, JsValue> {
    wallet_core::to_checksum_address(address).map_err(|e| BridgeError::from(e).into())
}

#[cfg(feature = "wallet")]
/// The address that `personal_sign`ed `messageHex` (0x-hex bytes) with `signature`.
#[wasm_bindgen(js_name = recoverPersonal)]
pub fn recover_personal(
    #[wasm_bindgen(js_name = messageHex)] message_hex: &str,
    signature: &str,
) -> core::result::Result<String, JsValue> {
    let run = || -> Result<String> {
        let message = decode_hex(message_hex, "message")?;
        let signature = Signature::from_hex(signature)?;
        Ok(wallet_core::to_checksum(&wallet_core::recover_personal(
            &message, &signature,
        )?))
    };
    run().map_err(JsValue::from)
}

#[cfg(feature = "wallet")]
/// The address that signed `typedData` (JSON text) with `eth_signTypedData_v4`.
#[wasm_bindgen(js_name = recoverTypedData)]
pub fn recover_typed_data(
    #[wasm_bindgen(js_name = typedData)] typed_data: &str,
    signature: &str,
) -> core::result::Result<String, JsValue> {
    let run = || -> Result<String> {
        let data = TypedData::from_json(typed_data)?;
        let signature = Signature::from_hex(signature)?;
        let address = wallet_core::recover_typed_data(&data, TypedDataVersion::V4, &signature)?;
        Ok(wallet_core::to_checksum(&address))
    };
    run().map_err(JsValue::from)
}

#[cfg(feature = "wallet")]
/// The EIP-712 v4 digest of `typedData` (JSON text), 0x-hex.
#[wasm_bindgen(js_name = typedDataDigest)]
pub fn typed_data_digest(
    #[wasm_bindgen(js_name = typedData)] typed_data: &str,
) -> core::result::Result<String, JsValue> {
    let run = || -> Result<String> {
        let digest = TypedData::from_json(typed_data)?.signing_hash(TypedDataVersion::V4)?;
        Ok(format!("{digest:#x}"))
    };
    run().map_err(JsValue::from)
}

#[cfg(feature = "wallet")]
/// The typed-data request as the approval window must show it: the digest `signTypedData`
/// would sign, and from the same traversal the domain and the message as trees of exactly the
/// hashed fields, the chain id and verifying contract, and the undeclared values. `typedData`
/// is JSON text; `version` `"v3"` or `"v4"`.
#[wasm_bindgen(js_name = prepareTypedData, unchecked_return_type = "PreparedTypedData")]
pub fn prepare_typed_data(
    #[wasm_bindgen(js_name = typedData)] typed_data: &str,
    #[wasm_bindgen(unchecked_param_type = "\"v3\" | \"v4\"")] version: &str,
) -> core::result::Result<JsValue, JsValue> {
    let run = || -> Result<JsValue> { to_js(&prepare(typed_data, version)?) };
    run().map_err(JsValue::from)
}

/// `prepareTypedData` before the conversion to a JS value.
pub(crate) fn prepare(typed_data: &str, version: &str) -> Result<PreparedTypedData> {
    let version = TypedDataVersion::from_code(version)?;
    Ok(TypedData::from_json(typed_data)?.prepare(version)?)
}

/// `0x`-hex to bytes, as an INVALID_INPUT on `field` otherwise.
#[cfg(feature = "wallet")]
pub(crate) fn decode_hex(hex: &str, field: &'static str) -> Result<Vec<u8>> {
    let digits = hex.strip_prefix("0x").ok_or(BridgeError::Input {
        field,
        reason: "expected 0x-prefixed hex",
    })?;
    if digits.len() % 2 != 0 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(BridgeError::Input {
            field,
            reason: "expected an even number of hex digits",
        });
    }
    let mut out = Vec::with_capacity(digits.len() / 2);
    for pair in digits.as_bytes().chunks_exact(2) {
        let text = core::str::from_utf8(pair).map_err(|_| BridgeError::Input {
            field,
            reason: "not hex",
        })?;
        out.push(
            u8::from_str_radix(text, 16).map_err(|_| BridgeError::Input {
                field,
                reason: "not hex",
            })?,
        );
    }
    Ok(out)
}

/// A plain JS object (serde-wasm-bindgen).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| BridgeError::Internal("serialize result"))
}

#[cfg(all(test, feature = "wallet", feature = "risk"))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::print_stdout)]
    use super::*;
    use crate::assistant::AssistantCandidate;
    use crate::wallet::{
        Account, AccountKind, MetaMaskImport, MetaMaskSkipped, PasswordChange, SignedTransaction,
    };
    use crate::wallet_paths::PathAccount;
    use wallet_core::typed_data::{DisplayField, DisplayNode};
    use wallet_risk as risk;

    /// Every declaration the `.d.ts` gets, in a fixed order.
    fn generated() -> String {
        let header = "// The TypeScript declarations of the values the WASM bridge returns, as tsify\n\
                      // generates them from the Rust types into wallet_wasm.d.ts. Checked by\n\
                      // `cargo test -p wallet-wasm`; UPDATE_DECLARATIONS=1 rewrites this file.\n";
        header.to_owned()
            + &[
                Account::DECL,
                AccountKind::DECL,
                PhraseInfo::DECL,
                PhraseLanguage::DECL,
                SignedTransaction::DECL,
                PasswordChange::DECL,
                MetaMaskImport::DECL,
                MetaMaskSkipped::DECL,
                AssistantCandidate::DECL,
                PathAccount::DECL,
                TypedDataVersion::DECL,
                PreparedTypedData::DECL,
                DisplayNode::DECL,
                DisplayField::DECL,
                risk::TxCall::DECL,
                risk::Facts::DECL,
                risk::CodeFact::DECL,
                risk::TokenFact::DECL,
                risk::FactsNeeded::DECL,
                risk::TransactionDescription::DECL,
                risk::TransactionAssessment::DECL,
                risk::DecodedCall::DECL,
                risk::DecodedArg::DECL,
                risk::AddressInfo::DECL,
                risk::CodeKind::DECL,
                risk::TokenAmount::DECL,
                risk::TypedDataKind::DECL,
                risk::TypedDataDescription::DECL,
                risk::TypedDataAssessment::DECL,
                risk::Warning::DECL,
                risk::Severity::DECL,
                risk::PermitStyle::DECL,
                risk::Permit2Item::DECL,
                risk::Marketplace::DECL,
                risk::OrderItem::DECL,
                risk::SiteFacts::DECL,
                risk::Verdict::DECL,
                risk::PhishingReason::DECL,
                risk::PhishingListInfo::DECL,
            ]
            .join("\n")
            + "\n"
    }

    /// The JS-visible shapes are a contract with the extension's JavaScript: any change to a
    /// Rust type that crosses the boundary shows up here, and in docs/wasm-types.d.ts.
    #[test]
    fn declarations_match_the_docs() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/wasm-types.d.ts");
        let generated = generated();
        if std::env::var_os("UPDATE_DECLARATIONS").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let expected = std::fs::read_to_string(path).unwrap_or_default();
        if generated != expected {
            println!("{generated}");
        }
        assert_eq!(generated, expected, "regenerate docs/wasm-types.d.ts");
    }

    /// `prepareTypedData` signs what `typedDataDigest` gives, and its JSON has the declared
    /// shape (the bridge serializes with serde-wasm-bindgen's json_compatible serializer,
    /// which writes the same keys and `null`s as serde_json).
    #[test]
    fn prepared_typed_data_digest_and_shape() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/vectors/eip712.json"
        ))
        .unwrap();
        let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut typed = vectors["spec"]["typedData"].clone();
        typed["message"]["note"] = "not signed".into();
        let text = typed.to_string();
        let prepared = prepare(&text, "v4").unwrap();
        assert_eq!(prepared.digest, vectors["spec"]["digest"]);
        let digest = TypedData::from_json(&text)
            .unwrap()
            .signing_hash(TypedDataVersion::V4)
            .unwrap();
        assert_eq!(prepared.digest, format!("{digest:#x}"));
        let json = serde_json::to_value(&prepared).unwrap();
        assert_eq!(json["version"], "v4");
        assert_eq!(json["primaryType"], "Mail");
        assert_eq!(json["chainId"], "1");
        assert_eq!(
            json["verifyingContract"],
            "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"
        );
        assert_eq!(json["undeclared"], serde_json::json!(["message.note"]));
        assert_eq!(json["domain"]["kind"], "struct");
        assert_eq!(json["domain"]["type"], "EIP712Domain");
        let from = &json["message"]["fields"][0];
        assert_eq!(from["name"], "from");
        assert_eq!(from["type"], "Person");
        assert_eq!(from["value"]["fields"][1]["value"]["kind"], "address");
        assert!(matches!(prepare(&text, "v5"), Err(BridgeError::Core(_))));
        let only_domain = serde_json::json!({
            "types": {"EIP712Domain": []}, "primaryType": "EIP712Domain", "domain": {}, "message": {}
        });
        let json = serde_json::to_value(prepare(&only_domain.to_string(), "v3").unwrap()).unwrap();
        assert!(json["message"].is_null() && json["chainId"].is_null());
    }
}
