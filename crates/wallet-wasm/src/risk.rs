//! The risk engine (`wallet-risk`) for the background: describe a request (which facts to
//! fetch), assess it with the facts, and `PhishingGuard` for sites.
//!
//! Inputs the background builds itself (`TxCall`, `Facts`, `SiteFacts`) are plain JS objects;
//! typed data is the page's JSON text, prepared by the core exactly as `prepareTypedData`
//! does, so the rules judge the same tree the window shows.

use crate::error::{BridgeError, Result};
use crate::{prepare, to_js};
use serde::de::DeserializeOwned;
use wallet_risk::{
    Call, Facts, SiteFacts, TransactionAssessment, TransactionDescription, TxCall,
    TypedDataAssessment, TypedDataDescription,
};
use wasm_bindgen::prelude::*;

fn from_js<T: DeserializeOwned>(value: JsValue, field: &'static str) -> Result<T> {
    serde_wasm_bindgen::from_value(value).map_err(|_| BridgeError::Input {
        field,
        reason: "not of the declared shape",
    })
}

pub(crate) fn describe_tx(call: &TxCall) -> Result<TransactionDescription> {
    Ok(wallet_risk::describe_call(&Call::parse(call)?))
}

pub(crate) fn assess_tx(call: &TxCall, facts: &Facts) -> Result<TransactionAssessment> {
    let mut assessed = wallet_risk::assess_call(&Call::parse(call)?, facts)?;
    wallet_risk::sort_warnings(&mut assessed.warnings);
    Ok(assessed)
}

pub(crate) fn describe_typed(typed_data: &str, version: &str) -> Result<TypedDataDescription> {
    Ok(wallet_risk::describe_typed_data(&prepare(
        typed_data, version,
    )?))
}

pub(crate) fn assess_typed(
    typed_data: &str,
    version: &str,
    facts: &Facts,
) -> Result<TypedDataAssessment> {
    let mut assessed = wallet_risk::assess_typed_data(&prepare(typed_data, version)?, facts)?;
    wallet_risk::sort_warnings(&mut assessed.warnings);
    Ok(assessed)
}

/// The call decoded for the approval window (`call`, or `null` when the wallet does not
/// decode it) and the facts to fetch (`needs`) before `assessTransaction`.
#[wasm_bindgen(js_name = describeTransaction, unchecked_return_type = "TransactionDescription")]
pub fn describe_transaction(
    #[wasm_bindgen(unchecked_param_type = "TxCall")] call: JsValue,
) -> core::result::Result<JsValue, JsValue> {
    let run = || -> Result<JsValue> { to_js(&describe_tx(&from_js(call, "call")?)?) };
    run().map_err(JsValue::from)
}

/// The call decoded with the facts applied, and its warnings (high first).
#[wasm_bindgen(js_name = assessTransaction, unchecked_return_type = "TransactionAssessment")]
pub fn assess_transaction(
    #[wasm_bindgen(unchecked_param_type = "TxCall")] call: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Facts")] facts: JsValue,
) -> core::result::Result<JsValue, JsValue> {
    let run = || -> Result<JsValue> {
        to_js(&assess_tx(
            &from_js(call, "call")?,
            &from_js(facts, "facts")?,
        )?)
    };
    run().map_err(JsValue::from)
}

/// What the typed data is (`kind`) and the facts to fetch (`needs`) before
/// `assessTypedData`. `typedData` is JSON text; `version` `"v3"` or `"v4"`.
#[wasm_bindgen(js_name = describeTypedData, unchecked_return_type = "TypedDataDescription")]
pub fn describe_typed_data(
    #[wasm_bindgen(js_name = typedData)] typed_data: &str,
    #[wasm_bindgen(unchecked_param_type = "\"v3\" | \"v4\"")] version: &str,
) -> core::result::Result<JsValue, JsValue> {
    let run = || -> Result<JsValue> { to_js(&describe_typed(typed_data, version)?) };
    run().map_err(JsValue::from)
}

/// The typed data's warnings (high first), judged on the prepared tree with the facts.
#[wasm_bindgen(js_name = assessTypedData, unchecked_return_type = "TypedDataAssessment")]
pub fn assess_typed_data(
    #[wasm_bindgen(js_name = typedData)] typed_data: &str,
    #[wasm_bindgen(unchecked_param_type = "\"v3\" | \"v4\"")] version: &str,
    #[wasm_bindgen(unchecked_param_type = "Facts")] facts: JsValue,
) -> core::result::Result<JsValue, JsValue> {
    let run = || -> Result<JsValue> {
        to_js(&assess_typed(
            typed_data,
            version,
            &from_js(facts, "facts")?,
        )?)
    };
    run().map_err(JsValue::from)
}

/// The phishing list, the Public Suffix List and the well-known sites, built once (about
/// 14,000 hosts and 10,000 suffix rules are parsed: build it once per worker start, not per
/// request).
#[wasm_bindgen]
pub struct PhishingGuard {
    inner: wallet_risk::PhishingGuard,
}

impl core::fmt::Debug for PhishingGuard {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PhishingGuard")
            .field("list", self.inner.list_info())
            .finish()
    }
}

#[wasm_bindgen]
impl PhishingGuard {
    /// From the text of eth-phishing-detect's `config.json` and of `public_suffix_list.dat`.
    /// Throws `RISK_LIST_INVALID` when either fails its checks.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = phishingList)] phishing_list: &str,
        #[wasm_bindgen(js_name = suffixList)] suffix_list: &str,
    ) -> core::result::Result<PhishingGuard, JsValue> {
        wallet_risk::PhishingGuard::new(phishing_list, suffix_list)
            .map(|inner| Self { inner })
            .map_err(|e| BridgeError::from(e).into())
    }

    /// The judgement of a host (`URL.hostname`).
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn check(&self, host: &str) -> core::result::Result<JsValue, JsValue> {
        to_js(&self.inner.check(host)).map_err(JsValue::from)
    }

    /// `phishing-origin` when the origin's host is judged a phishing site, `new-site` for a
    /// first request.
    #[wasm_bindgen(js_name = assessSite, unchecked_return_type = "Warning[]")]
    pub fn assess_site(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SiteFacts")] site: JsValue,
    ) -> core::result::Result<JsValue, JsValue> {
        let run = || -> Result<JsValue> {
            let site: SiteFacts = from_js(site, "site")?;
            to_js(&self.inner.assess_site(&site))
        };
        run().map_err(JsValue::from)
    }

    /// Replaces the phishing list with a downloaded one if it passes the same checks as the
    /// bundled one; otherwise throws `RISK_LIST_INVALID` and keeps the current list.
    #[wasm_bindgen(js_name = replaceList, unchecked_return_type = "PhishingListInfo")]
    pub fn replace_list(
        &mut self,
        #[wasm_bindgen(js_name = phishingList)] phishing_list: &str,
    ) -> core::result::Result<JsValue, JsValue> {
        let info = self
            .inner
            .replace_list(phishing_list)
            .map_err(BridgeError::from)?;
        to_js(info).map_err(JsValue::from)
    }

    /// The phishing list's counts.
    #[wasm_bindgen(js_name = listInfo, unchecked_return_type = "PhishingListInfo")]
    pub fn list_info(&self) -> core::result::Result<JsValue, JsValue> {
        to_js(self.inner.list_info()).map_err(JsValue::from)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn vectors(name: &str) -> serde_json::Value {
        let path = format!(
            "{}/../../tests/vectors/risk/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// The shapes the JavaScript reads: camelCase keys, the code tag, `null` for unknowns.
    #[test]
    fn transaction_shapes() {
        let case = &vectors("transactions.json")["cases"][0];
        let call: TxCall = serde_json::from_value(case["call"].clone()).unwrap();
        let described = serde_json::to_value(describe_tx(&call).unwrap()).unwrap();
        assert_eq!(
            described["needs"]["codeOf"],
            serde_json::json!(["0x000000000022D473030F116dDEE9F6B43aC78BA3"])
        );
        assert_eq!(
            described["call"]["args"][1]["amount"]["decimals"],
            serde_json::Value::Null
        );
        let facts: Facts = serde_json::from_value(case["facts"].clone()).unwrap();
        let assessed = serde_json::to_value(assess_tx(&call, &facts).unwrap()).unwrap();
        let warning = &assessed["warnings"][0];
        assert_eq!(warning["code"], "unlimited-approval");
        assert_eq!(warning["severity"], "high");
        assert_eq!(warning["spender"]["name"], "Uniswap Permit2");
        assert_eq!(warning["spender"]["code"], "contract");
        assert_eq!(warning["amount"]["symbol"], "USDe");
        assert_eq!(warning["amount"]["unlimited"], true);
        let bad = TxCall {
            chain_id: "0x1".into(),
            to: Some("0xa0b86991c6218b36C1d19D4a2e9Eb0cE3606eB48".into()),
            data: None,
            value: None,
        };
        assert!(matches!(describe_tx(&bad), Err(BridgeError::Risk(_))));
    }

    #[test]
    fn typed_data_shapes() {
        let case = &vectors("typed-data.json")["cases"][0];
        let text = case["typedData"].to_string();
        let described = serde_json::to_value(describe_typed(&text, "v4").unwrap()).unwrap();
        assert_eq!(described["kind"], "permit");
        let facts: Facts = serde_json::from_value(case["facts"].clone()).unwrap();
        let assessed = serde_json::to_value(assess_typed(&text, "v4", &facts).unwrap()).unwrap();
        assert_eq!(assessed["warnings"][0]["code"], "permit-signature");
        assert_eq!(assessed["warnings"][0]["style"], "eip2612");
        assert_eq!(assessed["warnings"][1]["code"], "eoa-spender");
        assert!(matches!(
            describe_typed("{}", "v4"),
            Err(BridgeError::Core(_))
        ));
    }
}
