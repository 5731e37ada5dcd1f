//! Bounds on typed data from a web page. Everything is checked before any hashing, and every
//! walk over the input is iterative (or recursive only to a depth bounded here), so hostile
//! input gets a `TYPED_DATA_INVALID` error instead of exhausting the stack or memory of the
//! WebAssembly instance.
//!
//! Real dApps stay below them. The largest typed data in common use, Seaport's bulk orders,
//! has 5 struct types and a tree `OrderComponents[2]…[2]` with one dimension per doubling of
//! the number of orders: 8 dimensions are 256 orders (about 9,000 values). Seaport allows up
//! to 24; beyond 8 (and beyond roughly 550 orders, by the number of values) the wallet refuses.

use crate::error::{Error, Result};
use serde_json::Value;

/// A field's type string (`Person[2][]` included), and every struct and field name: bytes.
pub const MAX_TYPE_NAME_LEN: usize = 256;

/// Array dimensions in one type string (`uint8[][]` has 2). A Seaport bulk order of 256
/// orders needs 8.
pub const MAX_ARRAY_DIMENSIONS: usize = 8;

/// Struct types in `types`, `EIP712Domain` included.
pub const MAX_STRUCT_TYPES: usize = 256;

/// Fields of one struct type.
pub const MAX_FIELDS_PER_STRUCT: usize = 256;

/// The bytes of every struct name, field name and field type in `types`, added up. This bounds
/// each `encodeType` string, which otherwise could reach 256 × 256 × 513 bytes and be hashed
/// once per struct type (gigabytes of hashing for one request).
pub const MAX_TYPES_LEN: usize = 64 * 1024;

/// Nesting of the values that are hashed: each struct and each array level counts one, the
/// `domain` and `message` objects being level 0.
pub const MAX_DEPTH: usize = 64;

/// Nesting of JSON arrays and objects anywhere in the input: serde_json's own limit when it
/// parses text, applied as well to a `serde_json::Value` handed over directly.
pub const MAX_JSON_DEPTH: usize = 128;

/// JSON values in `domain` and `message` together (each object, array, string, number...
/// counts one, undeclared ones too), and values in the prepared display tree (each missing
/// struct that v4 encodes as zero counts one).
pub const MAX_VALUES: usize = 20_000;

/// The paths in [`super::PreparedTypedData::undeclared`], in bytes added up.
pub const MAX_UNDECLARED_LEN: usize = 1024 * 1024;

/// Fails if any array or object in `value` is nested more than [`MAX_JSON_DEPTH`] levels
/// deep (the outermost container is level 1, as serde_json counts).
pub(crate) fn check_json_depth(value: &Value) -> Result<()> {
    let too_deep = || Error::typed(format!("nested deeper than {MAX_JSON_DEPTH} levels"));
    // (value, the number of containers around it)
    let mut stack: Vec<(&Value, usize)> = vec![(value, 0)];
    while let Some((value, outer)) = stack.pop() {
        match value {
            Value::Array(items) if outer < MAX_JSON_DEPTH => {
                stack.extend(items.iter().map(|child| (child, outer + 1)));
            }
            Value::Object(map) if outer < MAX_JSON_DEPTH => {
                stack.extend(map.values().map(|child| (child, outer + 1)));
            }
            Value::Array(_) | Value::Object(_) => return Err(too_deep()),
            _ => {}
        }
    }
    Ok(())
}

/// The number of JSON values in `values`, or an error past [`MAX_VALUES`].
pub(crate) fn check_value_count<'a>(values: impl IntoIterator<Item = &'a Value>) -> Result<()> {
    let mut stack: Vec<&Value> = values.into_iter().collect();
    let mut count = 0usize;
    while let Some(value) = stack.pop() {
        count += 1;
        if count > MAX_VALUES {
            return Err(too_many_values());
        }
        match value {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    Ok(())
}

pub(crate) fn too_many_values() -> Error {
    Error::typed(format!(
        "more than {MAX_VALUES} values in `domain` and `message`"
    ))
}

/// Drops a value without recursion. serde_json's `Value` drops recursively, so dropping one
/// nested thousands of levels deep (which a caller can build without parsing text) would
/// overflow the stack.
pub(crate) fn dismantle(value: Value) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}
