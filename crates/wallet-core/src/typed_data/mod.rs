//! EIP-712 typed data, `eth_signTypedData_v3` and `_v4`, as MetaMask's eth-sig-util defines
//! them: nested structs, arrays (v4), recursive types (v4: a missing or `null` struct value
//! encodes as 32 zero bytes), the `EIP712Domain` hashed with the fields the dApp *declares*
//! (in its order). The input is the JSON a dApp sends, as text or as an object (or as a JSON
//! string containing the object).
//!
//! [`TypedData::prepare`] is what the approval window shows: the digest and, built by the same
//! traversal, the domain and message exactly as hashed, with the values that are not.
//! Hostile input is bounded ([`limits`]).

mod display;
mod encode;
pub mod limits;
mod types;

pub use display::{DisplayField, DisplayNode, PreparedTypedData};

use crate::address::Address;
use crate::error::{Error, Result};
use crate::keys::PrivateKey;
use crate::sign::{Signature, recover_digest};
use alloy_primitives::{B256, U256, keccak256};
use encode::Encoder;
use serde::Serialize;
use serde_json::{Map, Value};
use types::{FieldType, Types};

/// Which `eth_signTypedData` variant. Serialized as `"v3"` / `"v4"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
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
    ///
    /// Checks the [`limits`] first (nesting, number of values, sizes of `types`).
    pub fn from_value(value: Value) -> Result<Self> {
        let value = match value {
            Value::String(text) => {
                serde_json::from_str(&text).map_err(|_| Error::typed("not valid JSON"))?
            }
            other => other,
        };
        if let Err(error) = limits::check_json_depth(&value) {
            limits::dismantle(value);
            return Err(error);
        }
        let Value::Object(mut object) = value else {
            return Err(Error::typed("expected a JSON object"));
        };
        limits::check_value_count(
            ["domain", "message"]
                .into_iter()
                .filter_map(|k| object.get(k)),
        )?;
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
        let message = self.message_object()?;
        Encoder::new(&self.types, version)
            .encode_root("message", &self.primary_type, message)
            .map(|encoded| encoded.data)
    }

    /// `hashStruct(primaryType, message)`.
    pub fn struct_hash(&self, version: TypedDataVersion) -> Result<B256> {
        self.encode_data(version).map(keccak256)
    }

    /// `hashStruct(EIP712Domain, domain)` with the domain fields as declared in `types`.
    pub fn domain_separator(&self, version: TypedDataVersion) -> Result<B256> {
        Encoder::new(&self.types, version)
            .encode_root("domain", DOMAIN_TYPE, &self.domain)
            .map(|encoded| keccak256(&encoded.data))
    }

    /// The digest that is signed: `keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message))`
    /// (without the struct hash when the primary type is `EIP712Domain`).
    ///
    /// Computed by the same code as [`TypedData::prepare`]'s digest and display tree.
    pub fn signing_hash(&self, version: TypedDataVersion) -> Result<B256> {
        self.encode(version).map(|encoded| encoded.digest)
    }

    /// The request as the approval window must show it: the digest (as [`signing_hash`]
    /// computes it), and from the same traversal the domain and the message as display trees
    /// of exactly the fields that are hashed, the chain id and verifying contract the
    /// signature is bound to, and the paths of the values that are present but not signed.
    ///
    /// Stricter than [`signing_hash`] in one respect: a domain that declares `chainId` with a
    /// type other than `uintN`, or `verifyingContract` with a type other than `address`, is
    /// refused, since the window could not say which chain or contract it is bound to.
    ///
    /// [`signing_hash`]: TypedData::signing_hash
    pub fn prepare(&self, version: TypedDataVersion) -> Result<PreparedTypedData> {
        for (field, wanted) in [
            ("chainId", "an unsigned integer type (uint256)"),
            ("verifyingContract", "the type `address`"),
        ] {
            let Some(declared) = self.types.field(DOMAIN_TYPE, field) else {
                continue;
            };
            let fits = match declared.ty {
                FieldType::Int(_, signed) => field == "chainId" && !signed,
                FieldType::Address => field == "verifyingContract",
                _ => false,
            };
            if !fits {
                return Err(Error::typed(format!(
                    "`EIP712Domain.{field}` must have {wanted}"
                )));
            }
        }
        let encoded = self.encode(version)?;
        let domain_value = |name: &str| match encoded.domain.field(name) {
            Some(DisplayNode::Int { value, .. } | DisplayNode::Address { value, .. }) => {
                Some(value.clone())
            }
            _ => None,
        };
        Ok(PreparedTypedData {
            version,
            digest: format!("{:#x}", encoded.digest),
            primary_type: self.primary_type.clone(),
            chain_id: domain_value("chainId"),
            verifying_contract: domain_value("verifyingContract"),
            domain: encoded.domain,
            message: encoded.message,
            undeclared: encoded.undeclared,
        })
    }

    fn message_object(&self) -> Result<&Map<String, Value>> {
        self.message
            .as_object()
            .ok_or_else(|| Error::typed("`message` must be an object"))
    }

    /// The one traversal behind [`TypedData::signing_hash`] and [`TypedData::prepare`].
    fn encode(&self, version: TypedDataVersion) -> Result<Encoded> {
        let mut encoder = Encoder::new(&self.types, version);
        let domain = encoder.encode_root("domain", DOMAIN_TYPE, &self.domain)?;
        let mut signed = Vec::with_capacity(66);
        signed.extend_from_slice(&[0x19, 0x01]);
        signed.extend_from_slice(keccak256(&domain.data).as_slice());
        let message = if self.primary_type == DOMAIN_TYPE {
            // Only the domain is signed: whatever the message holds is not.
            match &self.message {
                Value::Null => {}
                Value::Object(map) => {
                    let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
                    keys.sort_unstable();
                    encoder.set_path("message");
                    for key in keys {
                        encoder.undeclared(Some(key))?;
                    }
                }
                _ => {
                    encoder.set_path("message");
                    encoder.undeclared(None)?;
                }
            }
            None
        } else {
            let message =
                encoder.encode_root("message", &self.primary_type, self.message_object()?)?;
            signed.extend_from_slice(keccak256(&message.data).as_slice());
            Some(message.node)
        };
        Ok(Encoded {
            digest: keccak256(&signed),
            domain: domain.node,
            message,
            undeclared: encoder.into_undeclared(),
        })
    }
}

/// The result of the one traversal.
struct Encoded {
    digest: B256,
    domain: DisplayNode,
    message: Option<DisplayNode>,
    undeclared: Vec<String>,
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
