//! An independent check of `TypedData::prepare`, from the input JSON and the prepared value
//! alone (no code of the encoder):
//!
//! - `digest_from_tree` hashes the display tree by the EIP-712 rules: if the tree left out a
//!   hashed field, showed one that is not hashed, or showed another value than the one hashed,
//!   it would not give the digest.
//! - `check_coverage` walks the input beside the tree: each struct node has exactly the
//!   declared fields (v4) or the declared fields present (v3), in declared order, with the
//!   declared types; every other key of the input is in `undeclared`, and `undeclared` holds
//!   nothing else.
//!
//! Shared source: the fuzz targets (`crates/wallet-core/fuzz`) and the tests of
//! `crates/wallet-core/tests` include this file.

use alloy_primitives::{B256, U256, keccak256};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use wallet_core::typed_data::{DisplayNode, PreparedTypedData, TypedData, TypedDataVersion};

/// Why the oracle disagrees.
pub type Verdict = Result<(), String>;

/// The digest recomputed from the tree (type hashes from `TypedData::type_hash`).
pub fn digest_from_tree(td: &TypedData, prepared: &PreparedTypedData) -> Result<B256, String> {
    let mut signed = vec![0x19, 0x01];
    signed.extend_from_slice(hash_struct(td, &prepared.domain)?.as_slice());
    if let Some(message) = &prepared.message {
        signed.extend_from_slice(hash_struct(td, message)?.as_slice());
    }
    Ok(keccak256(&signed))
}

fn hash_struct(td: &TypedData, node: &DisplayNode) -> Result<B256, String> {
    let DisplayNode::Struct { type_name, fields } = node else {
        return Err(format!("expected a struct node, got {node:?}"));
    };
    let mut data = td.type_hash(type_name).map_err(|e| e.to_string())?.to_vec();
    for field in fields {
        if field.type_name != field.value.type_name() {
            return Err(format!("field `{}` has two types", field.name));
        }
        data.extend_from_slice(word(td, &field.value)?.as_slice());
    }
    Ok(keccak256(&data))
}

fn unhex(text: &str) -> Result<Vec<u8>, String> {
    let digits = text
        .strip_prefix("0x")
        .ok_or_else(|| format!("`{text}` has no 0x"))?;
    if digits.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(format!("`{text}` is not lowercase"));
    }
    alloy_primitives::hex::decode(digits).map_err(|e| e.to_string())
}

fn word(td: &TypedData, node: &DisplayNode) -> Result<B256, String> {
    Ok(match node {
        DisplayNode::Struct { .. } => hash_struct(td, node)?,
        DisplayNode::Null { .. } => B256::ZERO,
        DisplayNode::Array { type_name, items } => {
            let element = type_name
                .rfind('[')
                .map_or("", |open| type_name.get(..open).unwrap_or(""));
            let mut words = Vec::new();
            for item in items {
                if item.type_name() != element {
                    return Err(format!(
                        "an item of `{type_name}` is a `{}`",
                        item.type_name()
                    ));
                }
                words.extend_from_slice(word(td, item)?.as_slice());
            }
            keccak256(&words)
        }
        DisplayNode::Address { type_name, value } => {
            if type_name != "address" {
                return Err(format!("an address of type `{type_name}`"));
            }
            let address: alloy_primitives::Address = value
                .parse()
                .map_err(|_| format!("`{value}` is not an address"))?;
            if address.to_checksum(None) != *value {
                return Err(format!("`{value}` is not EIP-55"));
            }
            address.into_word()
        }
        DisplayNode::Int { type_name, value } => {
            let (negative, digits) = match value.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, value.as_str()),
            };
            if digits.is_empty()
                || !digits.bytes().all(|b| b.is_ascii_digit())
                || (digits.len() > 1 && digits.starts_with('0'))
                || (negative && digits == "0")
            {
                return Err(format!("`{value}` is not a canonical decimal"));
            }
            if negative && !type_name.starts_with("int") {
                return Err(format!("a negative `{type_name}`"));
            }
            let magnitude = U256::from_str_radix(digits, 10).map_err(|e| e.to_string())?;
            B256::from(if negative {
                U256::ZERO.wrapping_sub(magnitude)
            } else {
                magnitude
            })
        }
        DisplayNode::Bool { value, .. } => B256::from(U256::from(u8::from(*value))),
        DisplayNode::String { value, .. } => keccak256(value.as_bytes()),
        DisplayNode::Bytes { type_name, value } => {
            let bytes = unhex(value)?;
            if type_name == "bytes" {
                keccak256(&bytes)
            } else {
                let n: usize = type_name
                    .strip_prefix("bytes")
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| format!("bytes of type `{type_name}`"))?;
                if bytes.len() != n {
                    return Err(format!("{} bytes shown for `{type_name}`", bytes.len()));
                }
                let mut out = B256::ZERO;
                out.0
                    .get_mut(..n)
                    .ok_or("bytesN longer than 32")?
                    .copy_from_slice(&bytes);
                out
            }
        }
    })
}

/// The input document as the wallet reads it: a JSON object, or a string holding one.
pub fn document(input: &Value) -> Option<Value> {
    match input {
        Value::String(text) => serde_json::from_str(text).ok(),
        other => Some(other.clone()),
    }
}

/// The path syntax of `undeclared`, written again: `.key`, or `["key"]` (JSON string) when the
/// key is not made of ASCII letters, digits, `_` and `$`.
fn join(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        format!("{path}.{key}")
    } else {
        format!("{path}[{}]", Value::String(key.to_owned()))
    }
}

struct Coverage<'a> {
    types: &'a Map<String, Value>,
    version: TypedDataVersion,
    /// The undeclared paths the input has, as found by this walk.
    expected: Vec<String>,
}

/// See the module documentation. `doc` is the typed data as given (see [`document`]).
pub fn check_coverage(doc: &Value, prepared: &PreparedTypedData) -> Verdict {
    let empty = Map::new();
    let types = doc
        .get("types")
        .and_then(Value::as_object)
        .ok_or("no types")?;
    let mut walk = Coverage {
        types,
        version: prepared.version,
        expected: Vec::new(),
    };
    let domain = match doc.get("domain") {
        Some(Value::Object(map)) => map,
        _ => &empty,
    };
    walk.check_struct("domain", "EIP712Domain", domain, &prepared.domain)?;
    let message = doc.get("message").unwrap_or(&Value::Null);
    if prepared.primary_type == "EIP712Domain" {
        if prepared.message.is_some() {
            return Err("a message tree for EIP712Domain".into());
        }
        match message {
            Value::Null => {}
            Value::Object(map) => walk.expected.extend(map.keys().map(|k| join("message", k))),
            _ => walk.expected.push("message".into()),
        }
    } else {
        let tree = prepared.message.as_ref().ok_or("no message tree")?;
        let object = message.as_object().ok_or("message is not an object")?;
        walk.check_struct("message", &prepared.primary_type, object, tree)?;
    }
    let mut expected = walk.expected;
    let mut got = prepared.undeclared.clone();
    expected.sort();
    got.sort();
    if expected != got {
        return Err(format!(
            "undeclared: expected {expected:?}, prepared {got:?}"
        ));
    }
    Ok(())
}

impl Coverage<'_> {
    fn declared(&self, name: &str) -> Vec<(String, String)> {
        self.types
            .get(name)
            .and_then(Value::as_array)
            .map(|fields| {
                fields
                    .iter()
                    .filter_map(|f| {
                        Some((
                            f.get("name")?.as_str()?.to_owned(),
                            f.get("type")?.as_str()?.to_owned(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn check_struct(
        &mut self,
        path: &str,
        name: &str,
        input: &Map<String, Value>,
        node: &DisplayNode,
    ) -> Verdict {
        let DisplayNode::Struct { type_name, fields } = node else {
            return Err(format!("{path}: not a struct node"));
        };
        if type_name != name {
            return Err(format!("{path}: struct `{type_name}` shown for `{name}`"));
        }
        let declared = self.declared(name);
        let hashed: Vec<&(String, String)> = declared
            .iter()
            .filter(|(field, _)| {
                self.version == TypedDataVersion::V4 || input.contains_key(field.as_str())
            })
            .collect();
        if hashed.len() != fields.len() {
            return Err(format!(
                "{path}: {} fields shown, {} hashed",
                fields.len(),
                hashed.len()
            ));
        }
        let declared_names: BTreeMap<&str, ()> =
            declared.iter().map(|(n, _)| (n.as_str(), ())).collect();
        for key in input.keys() {
            if !declared_names.contains_key(key.as_str()) {
                self.expected.push(join(path, key));
            }
        }
        for ((field_name, field_type), shown) in hashed.into_iter().zip(fields) {
            if shown.name != *field_name || shown.type_name != *field_type {
                return Err(format!(
                    "{path}: `{} {}` shown where `{field_type} {field_name}` is declared",
                    shown.type_name, shown.name
                ));
            }
            let field_path = join(path, field_name);
            self.check_value(&field_path, field_type, input.get(field_name), &shown.value)?;
        }
        Ok(())
    }

    fn check_value(
        &mut self,
        path: &str,
        type_name: &str,
        input: Option<&Value>,
        node: &DisplayNode,
    ) -> Verdict {
        if node.type_name() != type_name {
            return Err(format!(
                "{path}: `{}` shown for `{type_name}`",
                node.type_name()
            ));
        }
        match node {
            DisplayNode::Null { .. } => match input {
                None | Some(Value::Null) if self.version == TypedDataVersion::V4 => Ok(()),
                _ => Err(format!("{path}: null shown for {input:?}")),
            },
            DisplayNode::Struct { .. } => {
                let object = input
                    .and_then(Value::as_object)
                    .ok_or_else(|| format!("{path}: a struct shown for {input:?}"))?;
                self.check_struct(path, type_name, object, node)
            }
            DisplayNode::Array { items, .. } => {
                let array = input
                    .and_then(Value::as_array)
                    .ok_or_else(|| format!("{path}: an array shown for {input:?}"))?;
                if array.len() != items.len() {
                    return Err(format!(
                        "{path}: {} items shown of {}",
                        items.len(),
                        array.len()
                    ));
                }
                let element = type_name
                    .rfind('[')
                    .map_or("", |open| type_name.get(..open).unwrap_or(""));
                for (i, (value, item)) in array.iter().zip(items).enumerate() {
                    self.check_value(&format!("{path}[{i}]"), element, Some(value), item)?;
                }
                Ok(())
            }
            DisplayNode::String { value, .. } => match input {
                Some(Value::String(s)) if s == value => Ok(()),
                _ => Err(format!("{path}: string {value:?} shown for {input:?}")),
            },
            _ => match input {
                None | Some(Value::Null | Value::Array(_) | Value::Object(_)) => {
                    Err(format!("{path}: an atomic value shown for {input:?}"))
                }
                Some(_) => Ok(()),
            },
        }
    }
}
