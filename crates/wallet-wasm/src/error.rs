//! Errors as JavaScript `Error`s: `name` "WalletError", a stable `code`, a lowercase `message`
//! without secrets, and `data` where docs/wasm-api.md says.

use js_sys::{Array, Object, Reflect};
use wallet_core::Error;
use wasm_bindgen::JsValue;

/// A bridge error, converted to a JS `Error` at the boundary.
#[derive(Debug)]
pub enum BridgeError {
    /// From the core.
    Core(Error),
    /// The wallet is locked.
    Locked,
    /// A malformed argument caught by the bridge itself.
    Input {
        field: &'static str,
        reason: &'static str,
    },
    /// No MetaMask vault in what was given.
    MetaMaskNotFound,
    /// The password opens none of the MetaMask vaults found.
    MetaMaskPassword,
    /// A path that is none of the schemes' the path finder searches.
    PathUnsupported,
    /// The wallet holds no phrase (imported keys only).
    NoPhrase,
    /// Serialization of a result failed (a bug).
    Internal(&'static str),
    /// From the risk engine.
    #[cfg(feature = "risk")]
    Risk(wallet_risk::Error),
}

#[cfg(feature = "risk")]
impl From<wallet_risk::Error> for BridgeError {
    fn from(e: wallet_risk::Error) -> Self {
        Self::Risk(e)
    }
}

impl From<Error> for BridgeError {
    fn from(e: Error) -> Self {
        Self::Core(e)
    }
}

impl BridgeError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Core(e) => e.code(),
            Self::Locked => "LOCKED",
            Self::Input { .. } => "INVALID_INPUT",
            Self::MetaMaskNotFound => "METAMASK_VAULT_NOT_FOUND",
            Self::MetaMaskPassword => "METAMASK_PASSWORD",
            Self::PathUnsupported => "PATH_UNSUPPORTED",
            Self::NoPhrase => "NO_PHRASE",
            Self::Internal(_) => "INTERNAL",
            #[cfg(feature = "risk")]
            Self::Risk(e) => e.code(),
        }
    }

    /// The message.
    pub fn message(&self) -> String {
        match self {
            Self::Core(e) => e.to_string(),
            Self::Locked => "the wallet is locked".into(),
            Self::Input { field, reason } => format!("invalid {field}: {reason}"),
            Self::MetaMaskNotFound => "no metamask vault found in what was given".into(),
            Self::MetaMaskPassword => "the password opens none of the metamask vaults found".into(),
            Self::PathUnsupported => "the path is not one of the standard (m/44'/60'/0'/0/i), ledger live (m/44'/60'/i'/0/0) or legacy (m/44'/60'/0'/i) paths".into(),
            Self::NoPhrase => "the wallet has no secret phrase (it holds imported keys only)".into(),
            Self::Internal(what) => format!("internal error: {what}"),
            #[cfg(feature = "risk")]
            Self::Risk(e) => e.to_string(),
        }
    }

    fn data(&self) -> Option<JsValue> {
        let object = Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = Reflect::set(&object, &JsValue::from_str(key), &value);
        };
        match self {
            Self::Input { field, .. } | Self::Core(Error::InvalidInput { field, .. }) => {
                set("field", (*field).into())
            }
            Self::Core(Error::InvalidPath { .. }) | Self::PathUnsupported => {
                set("field", "path".into())
            }
            Self::Core(Error::TxInvalid { field, .. }) => set("field", field.as_str().into()),
            #[cfg(feature = "risk")]
            Self::Risk(wallet_risk::Error::InvalidInput { field, .. }) => {
                set("field", field.as_str().into())
            }
            Self::Core(Error::PhraseWordCount { count }) => {
                set("count", JsValue::from_f64(*count as f64))
            }
            Self::Core(Error::PhraseUnknownWord {
                position,
                suggestions,
                ..
            }) => {
                set("position", JsValue::from_f64(*position as f64));
                let list: Array = suggestions.iter().map(|s| JsValue::from_str(s)).collect();
                set("suggestions", list.into());
            }
            _ => return None,
        }
        Some(object.into())
    }
}

impl From<BridgeError> for JsValue {
    fn from(error: BridgeError) -> Self {
        let js = js_sys::Error::new(&error.message());
        js.set_name("WalletError");
        let _ = Reflect::set(
            &js,
            &JsValue::from_str("code"),
            &JsValue::from_str(error.code()),
        );
        if let Some(data) = error.data() {
            let _ = Reflect::set(&js, &JsValue::from_str("data"), &data);
        }
        js.into()
    }
}

/// `Result` of the bridge.
pub type Result<T> = core::result::Result<T, BridgeError>;
