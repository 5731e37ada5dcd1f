//! Hostile typed data: each bound of `typed_data::limits` gives a clear TYPED_DATA_INVALID
//! error, on the default test thread (2 MiB of stack: nothing recurses past a bound).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Map, Value, json};
use wallet_core::Error;
use wallet_core::typed_data::limits::{
    MAX_ARRAY_DIMENSIONS, MAX_FIELDS_PER_STRUCT, MAX_STRUCT_TYPES, MAX_TYPE_NAME_LEN, MAX_VALUES,
};
use wallet_core::typed_data::{TypedData, TypedDataVersion as V};

/// The reason of the TYPED_DATA_INVALID error that parsing or preparing `value` gives.
fn reason(value: Value) -> String {
    let result = TypedData::from_value(value).and_then(|td| td.prepare(V::V4));
    match result {
        Err(error @ Error::TypedDataInvalid { .. }) => {
            assert_eq!(error.code(), "TYPED_DATA_INVALID");
            let Error::TypedDataInvalid { reason } = error else {
                unreachable!()
            };
            reason
        }
        other => panic!("expected TYPED_DATA_INVALID, got {other:?}"),
    }
}

fn reason_from_text(text: &str) -> String {
    match TypedData::from_json(text).and_then(|td| td.prepare(V::V4)) {
        Err(Error::TypedDataInvalid { reason }) => reason,
        other => panic!("expected TYPED_DATA_INVALID, got {other:?}"),
    }
}

fn with_field_type(type_name: &str) -> Value {
    json!({
        "types": {"EIP712Domain": [], "M": [{"name": "x", "type": type_name}]},
        "primaryType": "M", "domain": {}, "message": {"x": []}
    })
}

#[test]
fn a_hundred_thousand_array_dimensions() {
    let type_name = format!("uint8{}", "[]".repeat(100_000));
    let why = reason(with_field_type(&type_name));
    assert!(why.contains("longer than 256 bytes"), "{why}");
    // Within the length, the dimensions are counted.
    let type_name = format!("uint8{}", "[]".repeat(MAX_ARRAY_DIMENSIONS + 1));
    let why = reason(with_field_type(&type_name));
    assert!(why.contains("more than 8 array dimensions"), "{why}");
    // As text too (the same path through serde_json).
    let text = with_field_type(&format!("uint8{}", "[]".repeat(100_000))).to_string();
    assert!(reason_from_text(&text).contains("longer than"));
}

#[test]
fn eight_dimensions_are_accepted() {
    let type_name = format!("uint8{}", "[]".repeat(MAX_ARRAY_DIMENSIONS));
    let td = TypedData::from_value(with_field_type(&type_name)).unwrap();
    td.prepare(V::V4).unwrap();
}

#[test]
fn a_one_mebibyte_type_name() {
    let long = "A".repeat(1024 * 1024);
    let why = reason(with_field_type(&long));
    assert!(why.contains("longer than 256 bytes"), "{why}");
    assert!(why.len() < 200, "the name is clipped in the message");
    // As a struct name, and as a field name.
    let why = reason(json!({
        "types": {"EIP712Domain": [], &long: []}, "primaryType": "EIP712Domain", "domain": {}
    }));
    assert!(why.contains("struct name `AAA"), "{why}");
    assert!(why.contains("longer than 256 bytes"), "{why}");
    let why = reason(json!({
        "types": {"EIP712Domain": [], "M": [{"name": "x".repeat(MAX_TYPE_NAME_LEN + 1), "type": "bool"}]},
        "primaryType": "M", "domain": {}, "message": {}
    }));
    assert!(why.contains("field name `xxx"), "{why}");
}

/// 10,000 struct types, each with a field of the next: refused by their number, before any
/// is parsed (and so before any `encodeType`).
#[test]
fn ten_thousand_nested_struct_types() {
    let mut types = Map::new();
    types.insert("EIP712Domain".into(), json!([]));
    for i in 0..10_000 {
        types.insert(
            format!("A{i}"),
            json!([{"name": "next", "type": format!("A{}", i + 1)}, {"name": "v", "type": "uint8"}]),
        );
    }
    types.insert("A10000".into(), json!([{"name": "v", "type": "uint8"}]));
    let td = json!({"types": types, "primaryType": "A0", "domain": {}, "message": {"v": 1}});
    let why = reason(td.clone());
    assert!(why.contains("more than 256 struct types"), "{why}");
    assert!(reason_from_text(&td.to_string()).contains("struct types"));
}

/// Within the number of types, a chain of them as deep as a message can go: the values are
/// refused at the nesting bound (64).
#[test]
fn a_chain_of_struct_types_with_a_message_as_deep() {
    let n = MAX_STRUCT_TYPES - 1;
    let mut types = Map::new();
    types.insert("EIP712Domain".into(), json!([]));
    for i in 0..n {
        let next = if i + 1 < n {
            json!([{"name": "next", "type": format!("A{}", i + 1)}, {"name": "v", "type": "uint8"}])
        } else {
            json!([{"name": "v", "type": "uint8"}])
        };
        types.insert(format!("A{i}"), next);
    }
    let mut message = json!({"v": 1});
    for _ in 0..100 {
        message = json!({"v": 1, "next": message});
    }
    let td = json!({"types": types, "primaryType": "A0", "domain": {}, "message": message});
    assert!(reason(td).contains("nested too deeply"));
}

#[test]
fn too_many_fields() {
    let fields: Vec<Value> = (0..=MAX_FIELDS_PER_STRUCT)
        .map(|i| json!({"name": format!("f{i}"), "type": "bool"}))
        .collect();
    let why = reason(json!({
        "types": {"EIP712Domain": [], "M": fields}, "primaryType": "M", "domain": {}, "message": {}
    }));
    assert!(why.contains("more than 256 fields"), "{why}");
}

/// 10,000 nested objects: as text serde_json stops at 128 levels; as a `Value` built by the
/// caller, the depth is measured without recursion and the value is taken apart without
/// recursion (serde_json's own `Drop` would overflow the stack here).
#[test]
fn a_message_with_ten_thousand_nested_objects() {
    let types = json!({"EIP712Domain": [], "M": [{"name": "v", "type": "uint8"}]});
    let text = format!(
        r#"{{"types":{types},"primaryType":"M","domain":{{}},"message":{}{}}}"#,
        r#"{"next":"#.repeat(10_000),
        "}".repeat(10_000)
    );
    assert_eq!(reason_from_text(&text), "not valid JSON");

    let mut message = json!({"v": 1});
    for _ in 0..10_000 {
        let mut outer = Map::new();
        outer.insert("next".into(), message);
        message = Value::Object(outer);
    }
    // Not `json!`: it would serialize (recursively) what it is given.
    let mut td = json!({"types": types, "primaryType": "M", "domain": {}});
    td.as_object_mut()
        .unwrap()
        .insert("message".into(), message);
    let why = reason(td);
    assert!(why.contains("nested deeper than 128 levels"), "{why}");
}

#[test]
fn too_many_values() {
    let types = json!({"EIP712Domain": [], "M": [{"name": "v", "type": "uint8[]"}]});
    let ok = vec![json!(1); MAX_VALUES - 2];
    let td = json!({"types": types, "primaryType": "M", "domain": {}, "message": {"v": ok}});
    // domain, message, the array: 3 values, plus the items.
    assert!(reason(td).contains("more than 20000 values"));
    let ok = vec![json!(1); MAX_VALUES - 3];
    let td = json!({"types": types, "primaryType": "M", "domain": {}, "message": {"v": ok}});
    let prepared = TypedData::from_value(td).unwrap().prepare(V::V4).unwrap();
    assert_eq!(prepared.message.unwrap().type_name(), "M");
    // Undeclared values count too: they are in the input.
    let extra: Map<String, Value> = (0..MAX_VALUES)
        .map(|i| (format!("k{i}"), json!(0)))
        .collect();
    let td = json!({"types": types, "primaryType": "M", "domain": {}, "message": extra});
    assert!(reason(td).contains("more than 20000 values"));
}

/// Missing struct values cost no input but each is a node: counted against the same bound.
#[test]
fn too_many_missing_structs() {
    let fields: Vec<Value> = (0..MAX_FIELDS_PER_STRUCT)
        .map(|i| json!({"name": format!("f{i}"), "type": "E"}))
        .collect();
    let items = vec![json!({}); 100];
    let td = json!({
        "types": {"EIP712Domain": [], "E": [], "W": fields, "M": [{"name": "w", "type": "W[]"}]},
        "primaryType": "M", "domain": {}, "message": {"w": items}
    });
    assert!(reason(td).contains("values to hash"));
}

#[test]
fn long_type_definitions_in_all() {
    // 256 types of 256 fields of 256-byte names would make 33 MB encodeType strings.
    let mut types = Map::new();
    types.insert("EIP712Domain".into(), json!([]));
    for t in 0..4 {
        let fields: Vec<Value> = (0..100)
            .map(|i| json!({"name": format!("{i}{}", "n".repeat(200)), "type": "bool"}))
            .collect();
        types.insert(format!("T{t}"), Value::Array(fields));
    }
    let why = reason(json!({"types": types, "primaryType": "T0", "domain": {}, "message": {}}));
    assert!(why.contains("more than 65536 bytes"), "{why}");
}
