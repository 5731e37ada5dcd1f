//! What the approval window shows: the typed data as the encoder hashed it.
//!
//! Built in the same traversal that computes the digest (`encode.rs`), so a field is in the
//! tree exactly when it is hashed, with the value that is hashed.

use super::TypedDataVersion;
use serde::Serialize;

/// A typed-data request prepared for approval: the digest that would be signed and, built by
/// the same code, the domain and message exactly as they are hashed. What
/// `TypedData::prepare` returns, and (serialized, camelCase) the bridge's `prepareTypedData`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct PreparedTypedData {
    /// The rules it was encoded with.
    pub version: TypedDataVersion,
    /// What `signTypedData` signs: `keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message))`
    /// (without the struct hash when the primary type is `EIP712Domain`), 0x-hex.
    pub digest: String,
    /// The primary type's name.
    pub primary_type: String,
    /// The domain: a `struct` node of type `EIP712Domain` with the declared domain fields, in
    /// declared order.
    pub domain: DisplayNode,
    /// The message: a `struct` node of the primary type; `null` when the primary type is
    /// `EIP712Domain` (then only the domain is signed).
    pub message: Option<DisplayNode>,
    /// The domain's `chainId` as a decimal string, when `EIP712Domain` declares a `chainId`
    /// field and it is hashed; else `null`.
    pub chain_id: Option<String>,
    /// The domain's `verifyingContract` (EIP-55), when declared and hashed; else `null`.
    pub verifying_contract: Option<String>,
    /// Paths of the values present in the input that no struct type declares, which are
    /// therefore not signed: `domain.chainId`, `message.note`, `message.cc[1].name`, or
    /// `message["odd key"]` for a key that is not a plain identifier. In the order the
    /// traversal meets them (the domain, then the message; each object's own undeclared keys,
    /// sorted, before its fields). When the primary type is `EIP712Domain`, every key of the
    /// message.
    pub undeclared: Vec<String>,
}

/// One value of the display tree, with its declared type (`type`). Serialized internally
/// tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum DisplayNode {
    /// A struct: the fields that are hashed, in declared order.
    Struct {
        /// The struct type's name.
        #[serde(rename = "type")]
        type_name: String,
        /// Its hashed fields.
        fields: Vec<DisplayField>,
    },
    /// An array (v4).
    Array {
        /// The array type as declared (`Person[]`, `uint8[3]`).
        #[serde(rename = "type")]
        type_name: String,
        /// The items, each with the element type.
        items: Vec<DisplayNode>,
    },
    /// v4: a missing or `null` struct value, hashed as 32 zero bytes.
    Null {
        /// The struct type's name.
        #[serde(rename = "type")]
        type_name: String,
    },
    /// An address.
    Address {
        /// Always `address`.
        #[serde(rename = "type")]
        #[cfg_attr(feature = "tsify", tsify(type = "\"address\""))]
        type_name: String,
        /// EIP-55.
        value: String,
    },
    /// `uintN` / `intN`.
    Int {
        /// The type as declared.
        #[serde(rename = "type")]
        type_name: String,
        /// The exact decimal value, `-` before a negative one.
        value: String,
    },
    /// A boolean.
    Bool {
        /// Always `bool`.
        #[serde(rename = "type")]
        #[cfg_attr(feature = "tsify", tsify(type = "\"bool\""))]
        type_name: String,
        /// The value.
        value: bool,
    },
    /// A string.
    String {
        /// Always `string`.
        #[serde(rename = "type")]
        #[cfg_attr(feature = "tsify", tsify(type = "\"string\""))]
        type_name: String,
        /// The value.
        value: String,
    },
    /// `bytes` or `bytesN`.
    Bytes {
        /// `bytes` or `bytesN`.
        #[serde(rename = "type")]
        type_name: String,
        /// `0x` + lowercase hex of the bytes that are hashed (for `bytes` given as text that
        /// is not hex: its UTF-8 bytes).
        value: String,
    },
}

/// A hashed field of a struct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct DisplayField {
    /// The field's name.
    pub name: String,
    /// The field's type as declared.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Its value.
    pub value: DisplayNode,
}

impl DisplayNode {
    /// The declared type.
    pub fn type_name(&self) -> &str {
        match self {
            Self::Struct { type_name, .. }
            | Self::Array { type_name, .. }
            | Self::Null { type_name }
            | Self::Address { type_name, .. }
            | Self::Int { type_name, .. }
            | Self::Bool { type_name, .. }
            | Self::String { type_name, .. }
            | Self::Bytes { type_name, .. } => type_name,
        }
    }

    /// A struct's field by name (`None` for other kinds, or when not hashed).
    pub fn field(&self, name: &str) -> Option<&DisplayNode> {
        match self {
            Self::Struct { fields, .. } => fields.iter().find(|f| f.name == name).map(|f| &f.value),
            _ => None,
        }
    }
}

impl TypedDataVersion {
    /// `"v3"` or `"v4"`.
    pub fn code(self) -> &'static str {
        match self {
            Self::V3 => "v3",
            Self::V4 => "v4",
        }
    }
}
