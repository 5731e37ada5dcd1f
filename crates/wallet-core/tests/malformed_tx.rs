//! Every class of malformed transaction input gets a precise error naming the field.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};
use wallet_core::{Error, PrivateKey, Transaction, TxType};

fn base() -> Value {
    json!({
        "chainId": "0x1",
        "nonce": "0x0",
        "gas": "0x5208",
        "maxFeePerGas": "0x3b9aca00",
        "maxPriorityFeePerGas": "0x1",
        "to": "0x3535353535353535353535353535353535353535",
        "value": "0x0",
        "data": "0x"
    })
}

fn with(changes: Value) -> Value {
    let mut tx = base();
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            tx.as_object_mut().unwrap().remove(k);
        } else {
            tx[k] = v.clone();
        }
    }
    tx
}

#[track_caller]
fn rejects(tx: Value, field: &str, reason_contains: &str) {
    match Transaction::from_value(&tx) {
        Err(Error::TxInvalid { field: f, reason }) => {
            assert_eq!(f, field, "wrong field for {tx}: {reason}");
            assert!(
                reason.contains(reason_contains),
                "reason {reason:?} for {tx} lacks {reason_contains:?}"
            );
        }
        other => panic!("expected TxInvalid({field}) for {tx}, got {other:?}"),
    }
}

#[test]
fn the_base_transaction_is_valid() {
    let tx = Transaction::from_value(&base()).unwrap();
    assert_eq!(tx.tx_type(), TxType::DynamicFee);
    assert_eq!(tx.gas_limit(), 21000);
}

#[test]
fn bad_hex_quantities() {
    rejects(with(json!({"value": "12"})), "value", "0x");
    rejects(with(json!({"value": "0x"})), "value", "at least one digit");
    rejects(
        with(json!({"value": "0xg1"})),
        "value",
        "not a hex quantity",
    );
    rejects(with(json!({"value": "0X10"})), "value", "0x");
    rejects(with(json!({"value": " 0x1"})), "value", "0x");
    rejects(with(json!({"value": "-0x1"})), "value", "0x");
    rejects(with(json!({"value": 1.5})), "value", "integer");
    rejects(with(json!({"value": -1})), "value", "integer");
    rejects(
        with(json!({"value": 9007199254740992u64})),
        "value",
        "2^53-1",
    );
    rejects(with(json!({"value": true})), "value", "hex quantity");
    rejects(
        with(json!({"nonce": "0x1 "})),
        "nonce",
        "not a hex quantity",
    );
}

#[test]
fn values_over_2_256_and_nonce_or_gas_over_2_64() {
    let max = format!("0x{}", "f".repeat(64));
    assert!(Transaction::from_value(&with(json!({"value": max, "maxFeePerGas": max}))).is_ok());
    rejects(
        with(json!({"value": format!("0x1{}", "0".repeat(64))})),
        "value",
        "2^256-1",
    );
    rejects(
        with(json!({"maxFeePerGas": format!("0x1{}", "0".repeat(64))})),
        "maxFeePerGas",
        "2^256-1",
    );
    rejects(
        with(json!({"nonce": "0x10000000000000000"})),
        "nonce",
        "2^64-1",
    );
    rejects(with(json!({"gas": "0x10000000000000000"})), "gas", "2^64-1");
    rejects(
        with(json!({"gas": null, "gasLimit": "0x10000000000000000"})),
        "gasLimit",
        "2^64-1",
    );
    rejects(
        with(json!({"chainId": "0x10000000000000000"})),
        "chainId",
        "2^64-1",
    );
    assert!(Transaction::from_value(&with(json!({"nonce": "0xffffffffffffffff"}))).is_ok());
}

#[test]
fn addresses_of_the_wrong_length_or_checksum() {
    rejects(
        with(json!({"to": "0x35353535353535353535353535353535353535"})),
        "to",
        "20 bytes",
    );
    rejects(
        with(json!({"to": "0x353535353535353535353535353535353535353535"})),
        "to",
        "20 bytes",
    );
    rejects(
        with(json!({"to": "3535353535353535353535353535353535353535"})),
        "to",
        "0x",
    );
    rejects(
        with(json!({"to": "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"})),
        "to",
        "checksum",
    );
    rejects(with(json!({"to": 42})), "to", "address");
    rejects(with(json!({"from": "0x1234"})), "from", "20 bytes");
    // null / absent `to` is contract creation.
    assert_eq!(
        Transaction::from_value(&with(json!({"to": Value::Null})))
            .unwrap()
            .to(),
        None
    );
}

#[test]
fn fee_field_mixtures() {
    rejects(
        with(json!({"gasPrice": "0x1"})),
        "gasPrice",
        "cannot be combined",
    );
    rejects(
        with(json!({"maxFeePerGas": null, "gasPrice": "0x1"})),
        "gasPrice",
        "cannot be combined",
    );
    rejects(
        with(json!({"maxPriorityFeePerGas": "0x3b9aca01"})),
        "maxPriorityFeePerGas",
        "greater than maxFeePerGas",
    );
    rejects(
        with(json!({"maxPriorityFeePerGas": null})),
        "maxPriorityFeePerGas",
        "missing",
    );
    rejects(
        with(json!({"maxFeePerGas": null})),
        "maxFeePerGas",
        "missing",
    );
    rejects(
        with(json!({"maxFeePerGas": null, "maxPriorityFeePerGas": null})),
        "gasPrice",
        "missing",
    );
    rejects(with(json!({"type": "0x0"})), "maxFeePerGas", "type 0 or 1");
    rejects(with(json!({"type": "0x1"})), "maxFeePerGas", "type 0 or 1");
    rejects(
        with(
            json!({"type": "0x2", "maxFeePerGas": null, "maxPriorityFeePerGas": null, "gasPrice": "0x1"}),
        ),
        "gasPrice",
        "type 2",
    );
    let legacy =
        with(json!({"maxFeePerGas": null, "maxPriorityFeePerGas": null, "gasPrice": "0x1"}));
    assert_eq!(
        Transaction::from_value(&legacy).unwrap().tx_type(),
        TxType::Legacy
    );
    let mut with_list = legacy.clone();
    with_list["accessList"] = json!([]);
    assert_eq!(
        Transaction::from_value(&with_list).unwrap().tx_type(),
        TxType::AccessList
    );
    with_list["type"] = json!("0x0");
    rejects(with_list, "accessList", "legacy");
}

#[test]
fn types_and_required_fields() {
    rejects(with(json!({"type": "0x3"})), "type", "unsupported");
    rejects(with(json!({"type": "0x4"})), "type", "unsupported");
    rejects(with(json!({"chainId": null})), "chainId", "missing");
    rejects(with(json!({"nonce": null})), "nonce", "missing");
    rejects(with(json!({"gas": null})), "gas", "missing");
    rejects(with(json!({"gasLimit": "0x5209"})), "gasLimit", "differs");
    rejects(with(json!({"input": "0x12"})), "input", "differs");
    rejects(with(json!({"data": "0x123"})), "data", "even number");
    rejects(with(json!({"data": "12"})), "data", "0x");
    rejects(
        with(json!({"authorizationList": []})),
        "authorizationList",
        "not supported",
    );
    rejects(
        with(json!({"maxFeePerBlobGas": "0x1"})),
        "maxFeePerBlobGas",
        "not supported",
    );
    rejects(
        with(json!({"gasprice": "0x1"})),
        "gasprice",
        "unknown field",
    );
    rejects(json!([1, 2]), "tx", "object");
    assert!(matches!(
        Transaction::from_json("{"),
        Err(Error::TxInvalid { .. })
    ));
    let huge_chain = with(
        json!({"type": "0x0", "maxFeePerGas": null, "maxPriorityFeePerGas": null, "gasPrice": "0x1", "chainId": "0xffffffffffffffff"}),
    );
    rejects(huge_chain, "chainId", "EIP-155");
}

#[test]
fn access_list_items() {
    let key = format!("0x{}", "11".repeat(32));
    let ok = with(
        json!({"accessList": [{"address": "0x3535353535353535353535353535353535353535", "storageKeys": [key]}]}),
    );
    assert_eq!(Transaction::from_value(&ok).unwrap().access_list().len(), 1);
    rejects(with(json!({"accessList": {}})), "accessList", "array");
    rejects(with(json!({"accessList": [1]})), "accessList[0]", "object");
    rejects(
        with(json!({"accessList": [{"address": "0x35", "storageKeys": []}]})),
        "accessList[0].address",
        "20 bytes",
    );
    rejects(
        with(
            json!({"accessList": [{"address": "0x3535353535353535353535353535353535353535", "storageKeys": ["0x11"]}]}),
        ),
        "accessList[0].storageKeys[0]",
        "32 bytes",
    );
    rejects(
        with(json!({"accessList": [{"address": "0x3535353535353535353535353535353535353535"}]})),
        "accessList[0].storageKeys",
        "missing",
    );
    rejects(
        with(
            json!({"accessList": [{"address": "0x3535353535353535353535353535353535353535", "storageKeys": [], "x": 1}]}),
        ),
        "accessList[0].x",
        "unknown",
    );
}

#[test]
fn from_must_match_the_signer() {
    let key =
        PrivateKey::from_hex("0x4646464646464646464646464646464646464646464646464646464646464646")
            .unwrap();
    let other = with(json!({"from": "0x3535353535353535353535353535353535353535"}));
    match Transaction::from_value(&other).unwrap().sign(&key) {
        Err(Error::TxInvalid { field, .. }) => assert_eq!(field, "from"),
        other => panic!("{other:?}"),
    }
    let mine = with(json!({"from": format!("{:#x}", key.address())}));
    assert!(Transaction::from_value(&mine).unwrap().sign(&key).is_ok());
}
