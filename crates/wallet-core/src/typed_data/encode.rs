//! `encodeData`: values to 32-byte words, as eth-sig-util encodes them, and in the same
//! traversal the display tree of exactly what is hashed (see `display.rs`).

use super::TypedDataVersion;
use super::display::{DisplayField, DisplayNode};
use super::limits::{MAX_DEPTH, MAX_UNDECLARED_LEN, MAX_VALUES};
use super::types::{FieldType, Types, clip, element_type_name};
use crate::address::{Address, to_checksum};
use crate::encoding::{
    MAX_SAFE_INTEGER, decode_digits, encode_0x, parse_decimal, parse_hex_quantity,
};
use crate::error::{Error, Result};
use alloy_primitives::{B256, U256, keccak256};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub(crate) struct Encoder<'a> {
    types: &'a Types,
    version: TypedDataVersion,
    type_hashes: BTreeMap<&'a str, B256>,
    /// Display nodes made so far (bounded by `MAX_VALUES`).
    nodes: usize,
    /// The path of the value being encoded (`message.cc[1]`), for naming undeclared values.
    path: String,
    undeclared: Vec<String>,
    undeclared_len: usize,
}

/// A struct value encoded: its `encodeData` bytes and its display node.
pub(crate) struct EncodedStruct {
    pub(crate) data: Vec<u8>,
    pub(crate) node: DisplayNode,
}

impl<'a> Encoder<'a> {
    pub(crate) fn new(types: &'a Types, version: TypedDataVersion) -> Self {
        Self {
            types,
            version,
            type_hashes: BTreeMap::new(),
            nodes: 0,
            path: String::new(),
            undeclared: Vec::new(),
            undeclared_len: 0,
        }
    }

    /// The undeclared values met so far.
    pub(crate) fn into_undeclared(self) -> Vec<String> {
        self.undeclared
    }

    fn type_hash(&mut self, name: &'a str) -> Result<B256> {
        if let Some(hash) = self.type_hashes.get(name) {
            return Ok(*hash);
        }
        let hash = keccak256(self.types.encode_type(name)?);
        self.type_hashes.insert(name, hash);
        Ok(hash)
    }

    /// Counts one display node against the budget.
    fn node(&mut self) -> Result<()> {
        self.nodes += 1;
        if self.nodes > MAX_VALUES {
            return Err(Error::typed(format!(
                "more than {MAX_VALUES} values to hash (a missing struct counts as one)"
            )));
        }
        Ok(())
    }

    /// Records `key` (under the current path) as present but not declared.
    pub(crate) fn undeclared(&mut self, key: Option<&str>) -> Result<()> {
        let mut path = self.path.clone();
        if let Some(key) = key {
            push_key(&mut path, key);
        }
        self.undeclared_len += path.len();
        if self.undeclared_len > MAX_UNDECLARED_LEN {
            return Err(Error::typed(format!(
                "the paths of the undeclared values add up to more than {MAX_UNDECLARED_LEN} bytes"
            )));
        }
        self.undeclared.push(path);
        Ok(())
    }

    /// Sets the path to a top-level value (`domain`, `message`).
    pub(crate) fn set_path(&mut self, root: &str) {
        self.path.clear();
        self.path.push_str(root);
    }

    /// `encodeData` of a top-level object (`domain` or `message`, named by `root`).
    pub(crate) fn encode_root(
        &mut self,
        root: &str,
        name: &'a str,
        data: &Map<String, Value>,
    ) -> Result<EncodedStruct> {
        self.set_path(root);
        self.encode_struct(name, data, 0)
    }

    /// The type hash followed by one word per field, and the struct's display node: its
    /// fields are the ones hashed, in the same order. Keys of `data` that `name` does not
    /// declare are recorded as undeclared.
    fn encode_struct(
        &mut self,
        name: &'a str,
        data: &Map<String, Value>,
        depth: usize,
    ) -> Result<EncodedStruct> {
        if depth > MAX_DEPTH {
            return Err(Error::typed("nested too deeply"));
        }
        self.node()?;
        let types = self.types;
        let fields = types.fields(name)?;
        let mut extra: Vec<&str> = data
            .keys()
            .map(String::as_str)
            .filter(|key| !fields.iter().any(|f| f.name == *key))
            .collect();
        extra.sort_unstable();
        for key in extra {
            self.undeclared(Some(key))?;
        }
        let mut out = Vec::with_capacity(32 * (fields.len() + 1));
        out.extend_from_slice(self.type_hash(name)?.as_slice());
        let mut shown = Vec::with_capacity(fields.len());
        for field in fields {
            let value = data.get(&field.name);
            if self.version == TypedDataVersion::V3 && value.is_none() {
                continue;
            }
            let at = self.path.len();
            push_key(&mut self.path, &field.name);
            let encoded = self.encode_field(&field.ty, &field.type_name, value, depth);
            self.path.truncate(at);
            let (word, node) = encoded.map_err(|e| in_field(e, name, &field.name))?;
            out.extend_from_slice(word.as_slice());
            shown.push(DisplayField {
                name: field.name.clone(),
                type_name: field.type_name.clone(),
                value: node,
            });
        }
        Ok(EncodedStruct {
            data: out,
            node: DisplayNode::Struct {
                type_name: name.to_owned(),
                fields: shown,
            },
        })
    }

    /// One field's word and display node; `type_name` is `ty` as declared.
    fn encode_field(
        &mut self,
        ty: &'a FieldType,
        type_name: &str,
        value: Option<&Value>,
        depth: usize,
    ) -> Result<(B256, DisplayNode)> {
        if let FieldType::Struct(name) = ty {
            return match value {
                None | Some(Value::Null) if self.version == TypedDataVersion::V4 => {
                    self.node()?;
                    Ok((
                        B256::ZERO,
                        DisplayNode::Null {
                            type_name: type_name.to_owned(),
                        },
                    ))
                }
                Some(Value::Object(map)) => {
                    let encoded = self.encode_struct(name, map, depth + 1)?;
                    Ok((keccak256(&encoded.data), encoded.node))
                }
                _ => Err(Error::typed("expected an object")),
            };
        }
        let value = value.ok_or_else(|| Error::typed("missing value"))?;
        if let FieldType::Array(inner, len) = ty {
            return self.encode_array(inner, *len, type_name, value, depth);
        }
        self.node()?;
        let type_name = type_name.to_owned();
        let (word, node) = match ty {
            FieldType::Bytes => {
                let bytes = dynamic_bytes(value)?;
                (
                    keccak256(&bytes),
                    DisplayNode::Bytes {
                        type_name,
                        value: encode_0x(&bytes),
                    },
                )
            }
            FieldType::String => match value {
                Value::String(s) => (
                    keccak256(s.as_bytes()),
                    DisplayNode::String {
                        type_name,
                        value: s.clone(),
                    },
                ),
                _ => return Err(Error::typed("expected a string")),
            },
            FieldType::Address => {
                let address = address_value(value)?;
                let mut word = B256::ZERO;
                word.0[12..].copy_from_slice(address.as_slice());
                (
                    word,
                    DisplayNode::Address {
                        type_name,
                        value: to_checksum(&address),
                    },
                )
            }
            FieldType::Bool => {
                let b = bool_value(value)?;
                (
                    B256::from(U256::from(u8::from(b))),
                    DisplayNode::Bool {
                        type_name,
                        value: b,
                    },
                )
            }
            FieldType::FixedBytes(n) => {
                let (word, bytes) = fixed_bytes_word(value, *n)?;
                (
                    word,
                    DisplayNode::Bytes {
                        type_name,
                        value: encode_0x(bytes),
                    },
                )
            }
            FieldType::Int(bits, signed) => {
                let (word, negative, magnitude) = int_word(value, *bits, *signed)?;
                let value = if negative {
                    format!("-{magnitude}")
                } else {
                    magnitude.to_string()
                };
                (word, DisplayNode::Int { type_name, value })
            }
            FieldType::Struct(_) | FieldType::Array(..) => {
                return Err(Error::Internal("structs and arrays handled above"));
            }
        };
        Ok((word, node))
    }

    fn encode_array(
        &mut self,
        inner: &'a FieldType,
        len: Option<usize>,
        type_name: &str,
        value: &Value,
        depth: usize,
    ) -> Result<(B256, DisplayNode)> {
        if self.version == TypedDataVersion::V3 {
            return Err(Error::typed(
                "arrays are not supported by eth_signTypedData_v3; use v4",
            ));
        }
        if depth > MAX_DEPTH {
            return Err(Error::typed("nested too deeply"));
        }
        let Value::Array(items) = value else {
            return Err(Error::typed("expected an array"));
        };
        if let Some(len) = len
            && items.len() != len
        {
            return Err(Error::typed(format!(
                "expected {len} array items, got {}",
                items.len()
            )));
        }
        self.node()?;
        let item_type = element_type_name(type_name);
        let mut words = Vec::with_capacity(32 * items.len());
        let mut shown = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let at = self.path.len();
            self.path.push_str(&format!("[{index}]"));
            let encoded = self.encode_field(inner, item_type, Some(item), depth + 1);
            self.path.truncate(at);
            let (word, node) = encoded?;
            words.extend_from_slice(word.as_slice());
            shown.push(node);
        }
        Ok((
            keccak256(&words),
            DisplayNode::Array {
                type_name: type_name.to_owned(),
                items: shown,
            },
        ))
    }
}

/// Appends `.key`, or `["key"]` (JSON-quoted) for a key that is not a plain identifier, so
/// that a path can be read back unambiguously.
fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&Value::String(key.to_owned()).to_string());
        path.push(']');
    }
}

fn in_field(error: Error, struct_name: &str, field: &str) -> Error {
    match error {
        Error::TypedDataInvalid { reason } if !reason.starts_with("field `") => {
            Error::typed(format!(
                "field `{}` of `{}`: {reason}",
                clip(field),
                clip(struct_name)
            ))
        }
        other => other,
    }
}

/// `bytes`: `0x`-hex (an odd digit count gets a leading 0) or else the string's UTF-8 bytes,
/// as eth-sig-util does.
fn dynamic_bytes(value: &Value) -> Result<Vec<u8>> {
    let Value::String(s) = value else {
        return Err(Error::typed("expected a 0x-hex string"));
    };
    if let Some(digits) = s.strip_prefix("0x")
        && digits.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let padded = if digits.len().is_multiple_of(2) {
            digits.to_owned()
        } else {
            format!("0{digits}")
        };
        return decode_digits(&padded).ok_or_else(|| Error::typed("bad hex"));
    }
    Ok(s.as_bytes().to_vec())
}

fn address_value(value: &Value) -> Result<Address> {
    match value {
        Value::String(s) => s
            .strip_prefix("0x")
            .filter(|d| d.len() == 40)
            .and_then(decode_digits)
            .map(|bytes| Address::from_slice(&bytes)),
        _ => None,
    }
    .ok_or_else(|| Error::typed("expected an address (0x + 40 hex digits)"))
}

fn bool_value(value: &Value) -> Result<bool> {
    Ok(match value {
        Value::Bool(b) => *b,
        Value::Number(n) if n.as_u64() == Some(0) => false,
        Value::Number(n) if n.as_u64() == Some(1) => true,
        Value::String(s) if s == "true" => true,
        Value::String(s) if s == "false" => false,
        _ => return Err(Error::typed("expected a boolean")),
    })
}

/// The word (the bytes left-aligned) and the bytes.
fn fixed_bytes_word(value: &Value, n: usize) -> Result<(B256, Vec<u8>)> {
    let bytes = match value {
        Value::String(s) => s.strip_prefix("0x").and_then(decode_digits),
        _ => None,
    }
    .ok_or_else(|| Error::typed(format!("expected bytes{n} as 0x-hex")))?;
    if bytes.len() != n {
        return Err(Error::typed(format!(
            "expected {n} bytes, got {}",
            bytes.len()
        )));
    }
    let mut word = B256::ZERO;
    word.0
        .get_mut(..n)
        .ok_or(Error::Internal("bytesN length"))?
        .copy_from_slice(&bytes);
    Ok((word, bytes))
}

/// An integer given as a JSON number (an exact integer within ±(2^53-1)), a decimal string or a
/// `0x`-hex string, optionally negative (`-`). Returns (negative, magnitude).
pub(crate) fn parse_integer(value: &Value) -> Result<(bool, U256)> {
    match value {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                if u <= MAX_SAFE_INTEGER {
                    return Ok((false, U256::from(u)));
                }
            } else if let Some(i) = n.as_i64()
                && i.unsigned_abs() <= MAX_SAFE_INTEGER
            {
                return Ok((true, U256::from(i.unsigned_abs())));
            }
            Err(Error::typed(
                "a number outside ±(2^53-1) or with a fraction; send it as a string",
            ))
        }
        Value::String(s) => {
            let (negative, digits) = match s.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, s.as_str()),
            };
            let magnitude = if digits.starts_with("0x") {
                parse_hex_quantity(digits).map_err(|e| Error::typed(e.reason()))?
            } else {
                parse_decimal(digits).ok_or_else(|| Error::typed("not an integer"))?
            };
            Ok((negative && !magnitude.is_zero(), magnitude))
        }
        _ => Err(Error::typed("expected an integer")),
    }
}

/// The word (two's complement for a negative value), and the value as (negative, magnitude).
fn int_word(value: &Value, bits: usize, signed: bool) -> Result<(B256, bool, U256)> {
    let (negative, magnitude) = parse_integer(value)?;
    let out_of_range = || {
        Error::typed(format!(
            "value out of range for {}int{bits}",
            if signed { "" } else { "u" }
        ))
    };
    if !signed {
        if negative || magnitude.bit_len() > bits {
            return Err(out_of_range());
        }
        return Ok((B256::from(magnitude), false, magnitude));
    }
    let limit = U256::from(1u8) << (bits - 1);
    if negative {
        if magnitude > limit {
            return Err(out_of_range());
        }
        Ok((
            B256::from(U256::ZERO.wrapping_sub(magnitude)),
            true,
            magnitude,
        ))
    } else {
        if magnitude >= limit {
            return Err(out_of_range());
        }
        Ok((B256::from(magnitude), false, magnitude))
    }
}
