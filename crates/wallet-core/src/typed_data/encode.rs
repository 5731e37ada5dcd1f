//! `encodeData`: values to 32-byte words, as eth-sig-util encodes them.

use super::TypedDataVersion;
use super::types::{FieldType, Types, clip};
use crate::encoding::{MAX_SAFE_INTEGER, decode_digits, parse_decimal, parse_hex_quantity};
use crate::error::{Error, Result};
use alloy_primitives::{B256, U256, keccak256};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Deeper nesting than this (structs in structs, arrays in arrays) is rejected.
const MAX_DEPTH: usize = 64;

pub(crate) struct Encoder<'a> {
    types: &'a Types,
    version: TypedDataVersion,
    type_hashes: BTreeMap<&'a str, B256>,
}

impl<'a> Encoder<'a> {
    pub(crate) fn new(types: &'a Types, version: TypedDataVersion) -> Self {
        Self {
            types,
            version,
            type_hashes: BTreeMap::new(),
        }
    }

    fn type_hash(&mut self, name: &'a str) -> Result<B256> {
        if let Some(hash) = self.type_hashes.get(name) {
            return Ok(*hash);
        }
        let hash = keccak256(self.types.encode_type(name)?);
        self.type_hashes.insert(name, hash);
        Ok(hash)
    }

    /// The type hash followed by one word per field.
    pub(crate) fn encode_data(
        &mut self,
        name: &'a str,
        data: &Map<String, Value>,
        depth: usize,
    ) -> Result<Vec<u8>> {
        if depth > MAX_DEPTH {
            return Err(Error::typed("nested too deeply"));
        }
        let types = self.types;
        let fields = types.fields(name)?;
        let mut out = Vec::with_capacity(32 * (fields.len() + 1));
        out.extend_from_slice(self.type_hash(name)?.as_slice());
        for field in fields {
            let value = data.get(&field.name);
            if self.version == TypedDataVersion::V3 && value.is_none() {
                continue;
            }
            let word = self
                .encode_field(&field.ty, value, depth)
                .map_err(|e| in_field(e, name, &field.name))?;
            out.extend_from_slice(word.as_slice());
        }
        Ok(out)
    }

    fn encode_field(
        &mut self,
        ty: &'a FieldType,
        value: Option<&Value>,
        depth: usize,
    ) -> Result<B256> {
        if let FieldType::Struct(name) = ty {
            return match value {
                None | Some(Value::Null) if self.version == TypedDataVersion::V4 => Ok(B256::ZERO),
                Some(Value::Object(map)) => {
                    Ok(keccak256(self.encode_data(name, map, depth + 1)?))
                }
                _ => Err(Error::typed("expected an object")),
            };
        }
        let value = value.ok_or_else(|| Error::typed("missing value"))?;
        match ty {
            FieldType::Array(inner, len) => {
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
                    && items.len() != *len
                {
                    return Err(Error::typed(format!(
                        "expected {len} array items, got {}",
                        items.len()
                    )));
                }
                let mut words = Vec::with_capacity(32 * items.len());
                for item in items {
                    words.extend_from_slice(
                        self.encode_field(inner, Some(item), depth + 1)?.as_slice(),
                    );
                }
                Ok(keccak256(&words))
            }
            FieldType::Bytes => Ok(keccak256(dynamic_bytes(value)?)),
            FieldType::String => match value {
                Value::String(s) => Ok(keccak256(s.as_bytes())),
                _ => Err(Error::typed("expected a string")),
            },
            FieldType::Address => address_word(value),
            FieldType::Bool => bool_word(value),
            FieldType::FixedBytes(n) => fixed_bytes_word(value, *n),
            FieldType::Int(bits, signed) => int_word(value, *bits, *signed),
            FieldType::Struct(_) => Err(Error::Internal("struct handled above")),
        }
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

fn address_word(value: &Value) -> Result<B256> {
    let bytes = match value {
        Value::String(s) => s
            .strip_prefix("0x")
            .filter(|d| d.len() == 40)
            .and_then(decode_digits),
        _ => None,
    }
    .ok_or_else(|| Error::typed("expected an address (0x + 40 hex digits)"))?;
    let mut word = B256::ZERO;
    word.0[12..].copy_from_slice(&bytes);
    Ok(word)
}

fn bool_word(value: &Value) -> Result<B256> {
    let b = match value {
        Value::Bool(b) => *b,
        Value::Number(n) if n.as_u64() == Some(0) => false,
        Value::Number(n) if n.as_u64() == Some(1) => true,
        Value::String(s) if s == "true" => true,
        Value::String(s) if s == "false" => false,
        _ => return Err(Error::typed("expected a boolean")),
    };
    Ok(B256::from(U256::from(u8::from(b))))
}

fn fixed_bytes_word(value: &Value, n: usize) -> Result<B256> {
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
    Ok(word)
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

fn int_word(value: &Value, bits: usize, signed: bool) -> Result<B256> {
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
        return Ok(B256::from(magnitude));
    }
    let limit = U256::from(1u8) << (bits - 1);
    if negative {
        if magnitude > limit {
            return Err(out_of_range());
        }
        Ok(B256::from(U256::ZERO.wrapping_sub(magnitude)))
    } else {
        if magnitude >= limit {
            return Err(out_of_range());
        }
        Ok(B256::from(magnitude))
    }
}
