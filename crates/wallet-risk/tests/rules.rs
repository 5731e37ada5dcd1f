//! The approval, permit and order rules against `tests/vectors/risk/transactions.json` and
//! `tests/vectors/risk/typed-data.json`: every high warning on real data, and its benign
//! look-alike without it.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::expect_used)]

use serde_json::Value;
use wallet_core::typed_data::{TypedData, TypedDataVersion};
use wallet_core::{Signature, parse_address, recover_typed_data};
use wallet_risk::{
    Call, Facts, TxCall, assess_call, assess_typed_data, describe_call, describe_typed_data,
};

fn vectors(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/vectors/risk/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn codes(warnings: &Value) -> Vec<String> {
    warnings
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn transactions() {
    let file = vectors("transactions.json");
    let cases = file["cases"].as_array().unwrap();
    assert_eq!(file["count"], cases.len());
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let call: TxCall = serde_json::from_value(case["call"].clone()).unwrap();
        let call = Call::parse(&call).unwrap();
        if let Some(raw) = case.get("raw") {
            let tx = raw["tx"].as_str().unwrap();
            let bytes = alloy_primitives::hex::decode(tx).unwrap();
            assert_eq!(
                format!("{:#x}", alloy_primitives::keccak256(&bytes)),
                raw["hash"].as_str().unwrap(),
                "{name}: the raw transaction is the one named"
            );
            let hex = tx.to_lowercase();
            let data = case["call"]["data"].as_str().unwrap().to_lowercase();
            let to = case["call"]["to"].as_str().unwrap().to_lowercase();
            assert!(hex.contains(&data[2..]) && hex.contains(&to[2..]), "{name}");
        }
        let described = serde_json::to_value(describe_call(&call)).unwrap();
        let facts: Facts = serde_json::from_value(case["facts"].clone()).unwrap();
        let assessed = serde_json::to_value(assess_call(&call, &facts).unwrap()).unwrap();
        assert_eq!(
            codes(&assessed["warnings"]),
            codes(
                &case["warnings"]
                    .as_array()
                    .map(|a| Value::Array(
                        a.iter().map(|c| serde_json::json!({"code": c})).collect()
                    ))
                    .unwrap()
            ),
            "{name}: {assessed}"
        );
        for w in assessed["warnings"].as_array().unwrap() {
            assert_eq!(w["severity"], "high", "{name}");
        }
        let expect = &case["expect"];
        assert_eq!(assessed["call"]["function"], expect["function"], "{name}");
        assert_eq!(described["call"]["function"], expect["function"], "{name}");
        let args = assessed["call"]["args"].as_array().unwrap();
        if let Some(formatted) = expect.get("amountFormatted") {
            let amount = args
                .iter()
                .find(|a| {
                    a["type"].as_str().unwrap().starts_with("uint") && a["name"] != "expiration"
                })
                .unwrap();
            assert_eq!(
                &amount["amount"]["formatted"], formatted,
                "{name}: {amount}"
            );
        }
        if let Some(spender) = expect.get("spenderName") {
            let arg = args.iter().find(|a| a["name"] == "spender").unwrap();
            assert_eq!(&arg["account"]["name"], spender, "{name}");
        }
        if let Some(contract) = expect.get("contractName") {
            assert_eq!(&assessed["call"]["contract"]["name"], contract, "{name}");
        }
        // What describe asks for is what assess used: every code fact's address is needed.
        let needs = &described["needs"]["codeOf"];
        for fact in case["facts"]["code"].as_array().into_iter().flatten() {
            if expect["kind"] == "other" {
                break;
            }
            let wanted = parse_address(fact["address"].as_str().unwrap()).unwrap();
            assert!(
                needs
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|n| parse_address(n.as_str().unwrap()).unwrap() == wanted),
                "{name}: describe does not ask for the code of {wanted}"
            );
        }
    }
}

#[test]
fn typed_data() {
    let file = vectors("typed-data.json");
    let cases = file["cases"].as_array().unwrap();
    assert_eq!(file["count"], cases.len());
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let data = TypedData::from_value(case["typedData"].clone()).unwrap();
        let prepared = data.prepare(TypedDataVersion::V4).unwrap();
        if let Some(digest) = case.get("digest") {
            assert_eq!(
                prepared.digest,
                digest.as_str().unwrap(),
                "{name}: not the source's typed data"
            );
        }
        if let Some(recover) = case.get("recover") {
            let signature = Signature::from_hex(recover["signature"].as_str().unwrap()).unwrap();
            let address = recover_typed_data(&data, TypedDataVersion::V4, &signature).unwrap();
            assert_eq!(
                wallet_core::to_checksum(&address),
                recover["address"].as_str().unwrap(),
                "{name}: not the typed data that was signed"
            );
        }
        let described = serde_json::to_value(describe_typed_data(&prepared)).unwrap();
        let facts: Facts = serde_json::from_value(case["facts"].clone()).unwrap();
        let assessed = serde_json::to_value(assess_typed_data(&prepared, &facts).unwrap()).unwrap();
        let got: Vec<&str> = assessed["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["code"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = case["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        assert_eq!(got, want, "{name}: {assessed}");
        let expect = &case["expect"];
        assert_eq!(assessed["kind"], expect["kind"], "{name}");
        assert_eq!(described["kind"], expect["kind"], "{name}");
        let first = &assessed["warnings"][0];
        if let Some(formatted) = expect.get("amountFormatted") {
            assert_eq!(&first["amount"]["formatted"], formatted, "{name}");
        }
        if let Some(deadline) = expect.get("deadline") {
            assert_eq!(&first["deadline"], deadline, "{name}");
        }
        if let Some(spender) = expect.get("spenderName") {
            assert_eq!(&first["spender"]["name"], spender, "{name}");
        }
        if let Some(expirations) = expect.get("expirations") {
            let got: Vec<Value> = first["permits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["expiration"].clone())
                .collect();
            assert_eq!(&Value::Array(got), expirations, "{name}");
        }
        if let Some(witness) = expect.get("witnessType") {
            assert_eq!(&first["witnessType"], witness, "{name}");
        }
        if let Some(recipients) = expect.get("recipients") {
            assert_eq!(&first["recipients"], recipients, "{name}");
        }
        if let Some(n) = expect.get("offerItems") {
            assert_eq!(
                first["offer"].as_array().unwrap().len(),
                n.as_u64().unwrap() as usize,
                "{name}"
            );
        }
        let needs = &described["needs"]["codeOf"];
        for fact in case["facts"]["code"].as_array().into_iter().flatten() {
            if expect["kind"] == "other" {
                break;
            }
            let wanted = parse_address(fact["address"].as_str().unwrap()).unwrap();
            assert!(
                needs
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|n| parse_address(n.as_str().unwrap()).unwrap() == wanted),
                "{name}: describe does not ask for the code of {wanted}"
            );
        }
    }
}
