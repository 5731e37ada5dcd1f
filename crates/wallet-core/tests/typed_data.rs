//! EIP-712 input handling beyond the vectors: v3 vs v4 rules, malformed input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{s, vectors};
use serde_json::{Value, json};
use wallet_core::Error;
use wallet_core::typed_data::{TypedData, TypedDataVersion as V};

fn spec() -> Value {
    vectors("eip712.json")["spec"]["typedData"].clone()
}

fn spec_digest() -> String {
    s(&vectors("eip712.json")["spec"], "digest").to_owned()
}

fn invalid(value: Value, version: V) -> String {
    match TypedData::from_value(value).and_then(|td| td.signing_hash(version)) {
        Err(Error::TypedDataInvalid { reason }) => reason,
        other => panic!("expected TypedDataInvalid, got {other:?}"),
    }
}

#[test]
fn arrays_are_v4_only() {
    let mut td = spec();
    td["types"]["Mail"] = json!([
        {"name": "from", "type": "Person"}, {"name": "to", "type": "Person[]"}, {"name": "contents", "type": "string"}
    ]);
    td["message"]["to"] = json!([td["message"]["to"].clone()]);
    assert!(invalid(td.clone(), V::V3).contains("arrays are not supported"));
    let parsed = TypedData::from_value(td.clone()).unwrap();
    assert!(parsed.signing_hash(V::V4).is_ok());
    assert_eq!(
        parsed.encode_type("Mail").unwrap(),
        "Mail(Person from,Person[] to,string contents)Person(string name,address wallet)"
    );
    td["types"]["Mail"][1]["type"] = json!("Person[2]");
    assert!(invalid(td, V::V4).contains("expected 2 array items, got 1"));
}

#[test]
fn missing_fields_v3_skips_v4_rejects() {
    let mut td = spec();
    td["message"].as_object_mut().unwrap().remove("contents");
    assert!(invalid(td.clone(), V::V4).contains("missing value"));
    let v3 = TypedData::from_value(td)
        .unwrap()
        .signing_hash(V::V3)
        .unwrap();
    assert_ne!(format!("{v3:#x}"), spec_digest());
}

#[test]
fn malformed_input() {
    assert!(matches!(
        TypedData::from_json("{"),
        Err(Error::TypedDataInvalid { .. })
    ));
    assert!(matches!(
        TypedData::from_json("[]"),
        Err(Error::TypedDataInvalid { .. })
    ));
    let mut td = spec();
    td["primaryType"] = json!("Nope");
    assert!(invalid(td, V::V4).contains("not defined"));
    let mut td = spec();
    td["types"]["Person"][1]["type"] = json!("adress");
    assert!(invalid(td, V::V4).contains("unknown type `adress`"));
    let mut td = spec();
    td["types"]["Person"][1]["type"] = json!("uint7");
    assert!(invalid(td, V::V4).contains("unknown type"));
    let mut td = spec();
    td["message"]["from"]["wallet"] = json!("0x1234");
    assert!(invalid(td, V::V4).contains("address"));
    let mut td = spec();
    td["domain"]["chainId"] = json!("-1");
    assert!(invalid(td, V::V4).contains("out of range"));
    let mut td = spec();
    td["domain"]["chainId"] = json!(1.5);
    assert!(invalid(td, V::V4).contains("number"));
    let mut td = spec();
    td["types"]["Person"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "name", "type": "string"}));
    assert!(invalid(td, V::V4).contains("two fields"));
    let mut td = spec();
    td["types"]["uint256"] = json!([]);
    assert!(invalid(td, V::V4).contains("not a valid struct name"));
    let mut td = spec();
    td["message"]["from"] = json!("Cow");
    assert!(invalid(td, V::V4).contains("expected an object"));
}

#[test]
fn integers_in_every_accepted_spelling_hash_alike() {
    let digest = spec_digest();
    for chain_id in [json!(1), json!("1"), json!("0x1"), json!("0x01")] {
        let mut td = spec();
        td["domain"]["chainId"] = chain_id.clone();
        let hash = TypedData::from_value(td)
            .unwrap()
            .signing_hash(V::V4)
            .unwrap();
        assert_eq!(format!("{hash:#x}"), digest, "{chain_id}");
    }
}

#[test]
fn domain_fields_follow_the_declared_type() {
    // A domain value the dApp does not declare is not hashed (as eth-sig-util does).
    let mut td = spec();
    td["domain"]["salt"] = json!(format!("0x{}", "00".repeat(32)));
    let hash = TypedData::from_value(td)
        .unwrap()
        .signing_hash(V::V4)
        .unwrap();
    assert_eq!(format!("{hash:#x}"), spec_digest());
}

#[test]
fn deep_nesting_is_rejected_not_overflowing() {
    let mut types = serde_json::Map::new();
    types.insert("EIP712Domain".into(), json!([]));
    types.insert(
        "Node".into(),
        json!([{"name": "next", "type": "Node"}, {"name": "v", "type": "uint8"}]),
    );
    let mut message = json!({"v": 1});
    for _ in 0..100 {
        message = json!({"v": 1, "next": message});
    }
    let td = json!({"types": types, "primaryType": "Node", "domain": {}, "message": message});
    // serde_json's own recursion limit may stop it first when given as text.
    assert!(
        TypedData::from_value(td)
            .unwrap()
            .signing_hash(V::V4)
            .is_err()
    );
}
