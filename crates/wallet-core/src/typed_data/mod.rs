//! EIP-712 typed data, `eth_signTypedData_v3` and `_v4`, as MetaMask's eth-sig-util defines
//! them: nested structs, arrays (v4), recursive types (v4: a missing or `null` struct value
//! encodes as 32 zero bytes), the `EIP712Domain` hashed with the fields the dApp *declares*
//! (in its order). The input is the JSON a dApp sends, as text or as an object (or as a JSON
//! string containing the object).

mod encode;
mod types;

use crate::address::Address;
use crate::error::{Error, Result};
use crate::keys::PrivateKey;
use crate::sign::{Signature, recover_digest};
use alloy_primitives::{B256, U256, keccak256};
use serde_json::{Map, Value};
use types::Types;

/// Which `eth_signTypedData` variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedDataVersion {
    /// v3: no arrays; fields missing from the message are left out of the encoding.
    V3,
    /// v4: arrays; a missing or `null` struct value encodes as zero (recursive types).
    V4,
}

impl TypedDataVersion {
    /// `"v3"` or `"v4"`.
    pub fn from_code(code: &str) -> Result<Self> {
        match code {
            "v3" | "V3" => Ok(Self::V3),
            "v4" | "V4" => Ok(Self::V4),
            _ => Err(Error::InvalidInput {
                field: "version",
                reason: "expected \"v3\" or \"v4\"",
            }),
        }
    }
}

/// Parsed and structurally validated typed data.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedData {
    types: Types,
    primary_type: String,
    domain: Map<String, Value>,
    message: Value,
}

/// The name of the domain struct.
pub const DOMAIN_TYPE: &str = "EIP712Domain";

impl TypedData {
    /// Parses typed data from JSON text (an object, or a JSON string holding one).
    pub fn from_json(json: &str) -> Result<Self> {
        let value: Value =
            serde_json::from_str(json).map_err(|_| Error::typed("not valid JSON"))?;
        Self::from_value(value)
    }

    /// From a JSON value: the object itself, or a string holding it (as some dApps send).
    pub fn from_value(value: Value) -> Result<Self> {
        let value = match value {
            Value::String(text) => {
                serde_json::from_str(&text).map_err(|_| Error::typed("not valid JSON"))?
            }
            other => other,
        };
        let Value::Object(mut object) = value else {
            return Err(Error::typed("expected a JSON object"));
        };
        let types = Types::parse(
            object
                .remove("types")
                .ok_or_else(|| Error::typed("missing `types`"))?,
        )?;
        let primary_type = match object.remove("primaryType") {
            Some(Value::String(s)) => s,
            _ => return Err(Error::typed("`primaryType` must be a string")),
        };
        if !types.is_struct(&primary_type) {
            return Err(Error::typed(format!(
                "primary type `{}` is not defined in `types`",
                types::clip(&primary_type)
            )));
        }
        let domain = match object.remove("domain") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(map)) => map,
            Some(_) => return Err(Error::typed("`domain` must be an object")),
        };
        let message = object.remove("message").unwrap_or(Value::Null);
        Ok(Self {
            types,
            primary_type,
            domain,
            message,
        })
    }

    /// The primary type's name.
    pub fn primary_type(&self) -> &str {
        &self.primary_type
    }

    /// The domain's `chainId`, if it declares and gives one (for the approval screen's check
    /// against the current chain).
    pub fn domain_chain_id(&self) -> Option<U256> {
        if !self.types.has_field(DOMAIN_TYPE, "chainId") {
            return None;
        }
        encode::parse_integer(self.domain.get("chainId")?)
            .ok()
            .and_then(|(neg, v)| (!neg).then_some(v))
    }

    /// `encodeType` of a struct: `Name(type name,…)` followed by its dependencies sorted by name.
    pub fn encode_type(&self, name: &str) -> Result<String> {
        self.types.encode_type(name)
    }

    /// `keccak256(encodeType(name))`.
    pub fn type_hash(&self, name: &str) -> Result<B256> {
        self.encode_type(name).map(keccak256)
    }

    /// `encodeData(primaryType, message)`: the type hash followed by the encoded fields.
    pub fn encode_data(&self, version: TypedDataVersion) -> Result<Vec<u8>> {
        let message = self
            .message
            .as_object()
            .ok_or_else(|| Error::typed("`message` must be an object"))?;
        encode::Encoder::new(&self.types, version).encode_data(&self.primary_type, message, 0)
    }

    /// `hashStruct(primaryType, message)`.
    pub fn struct_hash(&self, version: TypedDataVersion) -> Result<B256> {
        self.encode_data(version).map(keccak256)
    }

    /// `hashStruct(EIP712Domain, domain)` with the domain fields as declared in `types`.
    pub fn domain_separator(&self, version: TypedDataVersion) -> Result<B256> {
        encode::Encoder::new(&self.types, version)
            .encode_data(DOMAIN_TYPE, &self.domain, 0)
            .map(keccak256)
    }

    /// The digest that is signed: `keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message))`
    /// (without the struct hash when the primary type is `EIP712Domain`).
    pub fn signing_hash(&self, version: TypedDataVersion) -> Result<B256> {
        let mut buf = Vec::with_capacity(66);
        buf.extend_from_slice(&[0x19, 0x01]);
        buf.extend_from_slice(self.domain_separator(version)?.as_slice());
        if self.primary_type != DOMAIN_TYPE {
            buf.extend_from_slice(self.struct_hash(version)?.as_slice());
        }
        Ok(keccak256(&buf))
    }
}

/// Signs typed data (`eth_signTypedData_v3` / `_v4`).
pub fn sign_typed_data(
    key: &PrivateKey,
    data: &TypedData,
    version: TypedDataVersion,
) -> Result<Signature> {
    key.sign_digest(&data.signing_hash(version)?)
}

/// The address that signed `data` with `signature`.
pub fn recover_typed_data(
    data: &TypedData,
    version: TypedDataVersion,
    signature: &Signature,
) -> Result<Address> {
    recover_digest(&data.signing_hash(version)?, signature)
}
