#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

#[cfg(feature = "bench")]
mod bench;
mod error;
mod rng;
mod wallet;

pub use error::{BridgeError, Result};
pub use rng::JsRng;
pub use wallet::Wallet;

use serde::Serialize;
use wallet_core::typed_data::{TypedData, TypedDataVersion};
use wallet_core::{Language, Phrase, Signature, WordCount};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** An account of the wallet. */
export interface Account {
  address: string;
  name: string;
  kind: "hd" | "imported";
  index?: number;
  path?: string;
}
/** What `checkPhrase` found. */
export interface PhraseInfo {
  language: "en" | "ja";
  words: number;
}
/** A signed transaction. */
export interface SignedTransaction {
  raw: string;
  hash: string;
}
/** The result of `changePassword`. */
export interface PasswordChange {
  vault: string;
  key: string;
}
"#;

/// The core's version.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    wallet_core::VERSION.to_owned()
}

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

#[derive(Serialize)]
struct PhraseInfo {
    language: &'static str,
    words: usize,
}

/// Validates a phrase (English or Japanese): `{ language, words }`, or throws
/// PHRASE_UNKNOWN_WORD / PHRASE_WORD_COUNT / PHRASE_CHECKSUM.
#[wasm_bindgen(js_name = checkPhrase, unchecked_return_type = "PhraseInfo")]
pub fn check_phrase(phrase: String) -> core::result::Result<JsValue, JsValue> {
    let phrase = zeroize::Zeroizing::new(phrase);
    let run = || -> Result<JsValue> {
        let parsed = Phrase::parse(&phrase)?;
        to_js(&PhraseInfo {
            language: parsed.language().code(),
            words: parsed.word_count(),
        })
    };
    run().map_err(JsValue::from)
}

/// The EIP-55 form of an address; throws ADDRESS_INVALID / ADDRESS_CHECKSUM.
#[wasm_bindgen(js_name = toChecksumAddress)]
pub fn to_checksum_address(address: &str) -> core::result::Result<String, JsValue> {
    wallet_core::to_checksum_address(address).map_err(|e| BridgeError::from(e).into())
}

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

/// `0x`-hex to bytes, as an INVALID_INPUT on `field` otherwise.
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
