//! JSON-RPC transaction fields to a [`Transaction`], with a precise error per field.

use super::{AccessListItem, Fees, Transaction, TxType};
use crate::address::{Address, parse_address};
use crate::encoding::{MAX_SAFE_INTEGER, decode_0x, parse_hex_quantity};
use crate::error::{Error, Result};
use alloy_primitives::{B256, Bytes, TxKind, U256};
use serde_json::{Map, Value};

const KNOWN: &[&str] = &[
    "type",
    "chainId",
    "nonce",
    "gas",
    "gasLimit",
    "gasPrice",
    "maxFeePerGas",
    "maxPriorityFeePerGas",
    "to",
    "value",
    "data",
    "input",
    "accessList",
    "from",
];

const UNSUPPORTED: &[&str] = &[
    "authorizationList",
    "blobVersionedHashes",
    "maxFeePerBlobGas",
    "sidecar",
    "blobs",
];

pub(super) fn parse(value: &Value) -> Result<Transaction> {
    let Value::Object(map) = value else {
        return Err(Error::tx(
            "tx",
            "expected a JSON object of transaction fields",
        ));
    };
    for key in map.keys() {
        if UNSUPPORTED.contains(&key.as_str()) {
            return Err(Error::tx(
                clip(key),
                "not supported (only transaction types 0, 1 and 2)",
            ));
        }
        if !KNOWN.contains(&key.as_str()) {
            return Err(Error::tx(clip(key), "unknown field"));
        }
    }
    let f = Fields(map);

    let gas_price = f.quantity("gasPrice")?;
    let max_fee = f.quantity("maxFeePerGas")?;
    let max_priority = f.quantity("maxPriorityFeePerGas")?;
    let has_access_list = f.get("accessList").is_some();
    if gas_price.is_some() && (max_fee.is_some() || max_priority.is_some()) {
        return Err(Error::tx(
            "gasPrice",
            "cannot be combined with maxFeePerGas or maxPriorityFeePerGas",
        ));
    }
    let tx_type = match f.get("type") {
        Some(v) => match quantity(v).map_err(|reason| Error::tx("type", reason))? {
            t if t == U256::ZERO => TxType::Legacy,
            t if t == U256::from(1) => TxType::AccessList,
            t if t == U256::from(2) => TxType::DynamicFee,
            _ => {
                return Err(Error::tx(
                    "type",
                    "unsupported transaction type (supported: 0x0, 0x1, 0x2)",
                ));
            }
        },
        None if max_fee.is_some() || max_priority.is_some() => TxType::DynamicFee,
        None if has_access_list => TxType::AccessList,
        None => TxType::Legacy,
    };

    let fees = match tx_type {
        TxType::Legacy | TxType::AccessList => {
            if max_fee.is_some() {
                return Err(Error::tx(
                    "maxFeePerGas",
                    "not allowed in a type 0 or 1 transaction",
                ));
            }
            if max_priority.is_some() {
                return Err(Error::tx(
                    "maxPriorityFeePerGas",
                    "not allowed in a type 0 or 1 transaction",
                ));
            }
            Fees::GasPrice(gas_price.ok_or_else(|| Error::tx("gasPrice", "missing"))?)
        }
        TxType::DynamicFee => {
            if gas_price.is_some() {
                return Err(Error::tx(
                    "gasPrice",
                    "not allowed in a type 2 transaction; use maxFeePerGas",
                ));
            }
            let max_fee_per_gas = max_fee.ok_or_else(|| Error::tx("maxFeePerGas", "missing"))?;
            let max_priority_fee_per_gas =
                max_priority.ok_or_else(|| Error::tx("maxPriorityFeePerGas", "missing"))?;
            if max_priority_fee_per_gas > max_fee_per_gas {
                return Err(Error::tx(
                    "maxPriorityFeePerGas",
                    "greater than maxFeePerGas",
                ));
            }
            Fees::Dynamic {
                max_fee_per_gas,
                max_priority_fee_per_gas,
            }
        }
    };
    if tx_type == TxType::Legacy && has_access_list {
        return Err(Error::tx(
            "accessList",
            "not allowed in a legacy (type 0) transaction",
        ));
    }

    let chain_id = f
        .u64("chainId")?
        .ok_or_else(|| Error::tx("chainId", "missing"))?;
    if tx_type == TxType::Legacy && chain_id > (u64::MAX - 36) / 2 {
        return Err(Error::tx(
            "chainId",
            "too large for EIP-155 (v = chainId * 2 + 35 must fit 64 bits)",
        ));
    }
    let nonce = f
        .u64("nonce")?
        .ok_or_else(|| Error::tx("nonce", "missing"))?;
    let gas_limit = match (f.u64("gas")?, f.u64("gasLimit")?) {
        (Some(a), Some(b)) if a != b => return Err(Error::tx("gasLimit", "differs from gas")),
        (Some(g), _) | (None, Some(g)) => g,
        (None, None) => return Err(Error::tx("gas", "missing")),
    };
    let to = match f.get("to") {
        None => TxKind::Create,
        Some(v) => TxKind::Call(address(v).map_err(|reason| Error::tx("to", reason))?),
    };
    let from = f
        .get("from")
        .map(|v| address(v).map_err(|reason| Error::tx("from", reason)))
        .transpose()?;
    let value = f.quantity("value")?.unwrap_or_default();
    let input = match (f.bytes("data")?, f.bytes("input")?) {
        (Some(a), Some(b)) if a != b => return Err(Error::tx("input", "differs from data")),
        (Some(d), _) | (None, Some(d)) => d,
        (None, None) => Bytes::new(),
    };
    let access_list = match f.get("accessList") {
        Some(v) => access_list(v)?,
        None => Vec::new(),
    };
    Ok(Transaction {
        tx_type,
        chain_id,
        nonce,
        gas_limit,
        fees,
        to,
        value,
        input,
        access_list,
        from,
    })
}

struct Fields<'a>(&'a Map<String, Value>);

impl Fields<'_> {
    /// A field, with `null` taken as absent.
    fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    fn quantity(&self, name: &'static str) -> Result<Option<U256>> {
        self.get(name)
            .map(|v| quantity(v).map_err(|reason| Error::tx(name, reason)))
            .transpose()
    }

    fn u64(&self, name: &'static str) -> Result<Option<u64>> {
        match self.quantity(name)? {
            None => Ok(None),
            Some(v) => u64::try_from(v)
                .map(Some)
                .map_err(|_| Error::tx(name, "value exceeds 2^64-1")),
        }
    }

    fn bytes(&self, name: &'static str) -> Result<Option<Bytes>> {
        self.get(name)
            .map(|v| match v {
                Value::String(s) => decode_0x(s).map(Bytes::from).ok_or_else(|| {
                    Error::tx(
                        name,
                        "expected 0x-prefixed hex with an even number of digits",
                    )
                }),
                _ => Err(Error::tx(name, "expected a 0x-hex string")),
            })
            .transpose()
    }
}

fn quantity(value: &Value) -> core::result::Result<U256, &'static str> {
    match value {
        Value::String(s) => parse_hex_quantity(s).map_err(|e| e.reason()),
        Value::Number(n) => match n.as_u64() {
            Some(v) if v <= MAX_SAFE_INTEGER => Ok(U256::from(v)),
            _ => Err(
                "a JSON number must be a non-negative integer up to 2^53-1; use a 0x-hex string",
            ),
        },
        _ => Err("expected a 0x-hex quantity"),
    }
}

fn address(value: &Value) -> core::result::Result<Address, String> {
    match value {
        Value::String(s) => parse_address(s).map_err(|e| match e {
            Error::AddressInvalid { reason } => reason,
            other => other.to_string(),
        }),
        _ => Err("expected an address string".into()),
    }
}

fn access_list(value: &Value) -> Result<Vec<AccessListItem>> {
    let Value::Array(items) = value else {
        return Err(Error::tx("accessList", "expected an array"));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let field = |name: &str| format!("accessList[{i}]{name}");
        let Value::Object(map) = item else {
            return Err(Error::tx(
                field(""),
                "expected an object {address, storageKeys}",
            ));
        };
        if let Some(key) = map.keys().find(|k| *k != "address" && *k != "storageKeys") {
            return Err(Error::tx(
                field(&format!(".{}", clip(key))),
                "unknown field",
            ));
        }
        let address = address(map.get("address").unwrap_or(&Value::Null))
            .map_err(|reason| Error::tx(field(".address"), reason))?;
        let keys = match map.get("storageKeys") {
            Some(Value::Array(keys)) => keys,
            None => return Err(Error::tx(field(".storageKeys"), "missing")),
            Some(_) => return Err(Error::tx(field(".storageKeys"), "expected an array")),
        };
        let mut storage_keys = Vec::with_capacity(keys.len());
        for (j, key) in keys.iter().enumerate() {
            let bytes = key
                .as_str()
                .and_then(decode_0x)
                .filter(|b| b.len() == 32)
                .ok_or_else(|| {
                    Error::tx(
                        field(&format!(".storageKeys[{j}]")),
                        "expected 32 bytes of 0x-hex",
                    )
                })?;
            storage_keys.push(B256::from_slice(&bytes));
        }
        out.push(AccessListItem {
            address,
            storage_keys,
        });
    }
    Ok(out)
}

fn clip(s: &str) -> String {
    s.chars().take(64).collect()
}
