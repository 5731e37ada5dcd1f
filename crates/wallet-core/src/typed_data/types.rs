//! The `types` section: struct definitions, field types, `encodeType`.

use super::limits::{
    MAX_ARRAY_DIMENSIONS, MAX_FIELDS_PER_STRUCT, MAX_STRUCT_TYPES, MAX_TYPE_NAME_LEN, MAX_TYPES_LEN,
};
use crate::error::{Error, Result};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A field's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FieldType {
    Address,
    Bool,
    String,
    Bytes,
    /// `bytesN`, N in 1..=32.
    FixedBytes(usize),
    /// `uintN` / `intN` (bits, signed).
    Int(usize, bool),
    Struct(String),
    /// `T[]` (None) or `T[N]`.
    Array(Box<FieldType>, Option<usize>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    pub(crate) name: String,
    /// The type as written (used verbatim in `encodeType`).
    pub(crate) type_name: String,
    pub(crate) ty: FieldType,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Types(BTreeMap<String, Vec<Field>>);

/// Shortens user-supplied names quoted in error messages.
pub(crate) fn clip(s: &str) -> String {
    if s.chars().count() <= 48 {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(48).collect::<String>())
    }
}

fn valid_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_TYPE_NAME_LEN
        && !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '(' | ')' | ',' | '[' | ']')
        })
}

fn atomic(name: &str) -> Option<FieldType> {
    Some(match name {
        "address" => FieldType::Address,
        "bool" => FieldType::Bool,
        "string" => FieldType::String,
        "bytes" => FieldType::Bytes,
        "uint" => FieldType::Int(256, false),
        "int" => FieldType::Int(256, true),
        _ => {
            if let Some(n) = name.strip_prefix("bytes") {
                let n = decimal(n)?;
                return (1..=32).contains(&n).then_some(FieldType::FixedBytes(n));
            }
            let (bits, signed) = match name.strip_prefix("uint") {
                Some(bits) => (bits, false),
                None => (name.strip_prefix("int")?, true),
            };
            let bits = decimal(bits)?;
            return (bits % 8 == 0 && (8..=256).contains(&bits))
                .then_some(FieldType::Int(bits, signed));
        }
    })
}

fn decimal(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 9 || s.starts_with('0') || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Types {
    pub(crate) fn parse(value: Value) -> Result<Self> {
        let Value::Object(map) = value else {
            return Err(Error::typed("`types` must be an object"));
        };
        // The sizes first, before anything is parsed or copied.
        if map.len() > MAX_STRUCT_TYPES {
            return Err(Error::typed(format!(
                "more than {MAX_STRUCT_TYPES} struct types"
            )));
        }
        let too_long = |what: &str, text: &str| {
            Error::typed(format!(
                "the {what} `{}` is longer than {MAX_TYPE_NAME_LEN} bytes",
                clip(text)
            ))
        };
        let mut total_len = 0usize;
        for (name, fields) in &map {
            if name.len() > MAX_TYPE_NAME_LEN {
                return Err(too_long("struct name", name));
            }
            total_len += name.len();
            let Value::Array(fields) = fields else {
                return Err(Error::typed(format!(
                    "`types.{}` must be an array",
                    clip(name)
                )));
            };
            if fields.len() > MAX_FIELDS_PER_STRUCT {
                return Err(Error::typed(format!(
                    "`{}` has more than {MAX_FIELDS_PER_STRUCT} fields",
                    clip(name)
                )));
            }
            for field in fields {
                for (key, what) in [("name", "field name"), ("type", "type")] {
                    let text = field.get(key).and_then(Value::as_str).unwrap_or_default();
                    if text.len() > MAX_TYPE_NAME_LEN {
                        return Err(too_long(what, text));
                    }
                    total_len += text.len();
                }
            }
        }
        if total_len > MAX_TYPES_LEN {
            return Err(Error::typed(format!(
                "the struct, field and type names in `types` add up to more than {MAX_TYPES_LEN} bytes"
            )));
        }
        let names: BTreeSet<String> = map.keys().cloned().collect();
        for name in &names {
            if !valid_name(name) || atomic(name).is_some() {
                return Err(Error::typed(format!(
                    "`{}` is not a valid struct name",
                    clip(name)
                )));
            }
        }
        let mut structs = BTreeMap::new();
        for (name, fields) in map {
            let Value::Array(fields) = fields else {
                return Err(Error::Internal("struct fields checked above"));
            };
            let mut parsed: Vec<Field> = Vec::with_capacity(fields.len());
            for field in fields {
                let (field_name, type_name) = match (field.get("name"), field.get("type")) {
                    (Some(Value::String(n)), Some(Value::String(t))) => (n.clone(), t.clone()),
                    _ => {
                        return Err(Error::typed(format!(
                            "each field of `{}` needs a string `name` and `type`",
                            clip(&name)
                        )));
                    }
                };
                if !valid_name(&field_name) {
                    return Err(Error::typed(format!(
                        "`{}` has an invalid field name",
                        clip(&name)
                    )));
                }
                if parsed.iter().any(|f| f.name == field_name) {
                    return Err(Error::typed(format!(
                        "`{}` has two fields named `{}`",
                        clip(&name),
                        clip(&field_name)
                    )));
                }
                let ty = parse_type(&type_name, &names)?;
                parsed.push(Field {
                    name: field_name,
                    type_name,
                    ty,
                });
            }
            structs.insert(name, parsed);
        }
        // eth-sig-util adds an empty domain type when a dApp leaves it out.
        structs.entry(super::DOMAIN_TYPE.to_owned()).or_default();
        Ok(Self(structs))
    }

    pub(crate) fn is_struct(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    pub(crate) fn fields(&self, name: &str) -> Result<&[Field]> {
        self.0
            .get(name)
            .map(Vec::as_slice)
            .ok_or_else(|| Error::typed(format!("type `{}` is not defined", clip(name))))
    }

    pub(crate) fn has_field(&self, struct_name: &str, field: &str) -> bool {
        self.field(struct_name, field).is_some()
    }

    pub(crate) fn field(&self, struct_name: &str, field: &str) -> Option<&Field> {
        self.0.get(struct_name)?.iter().find(|f| f.name == field)
    }

    /// `encodeType`: the struct itself, then every struct it references (transitively,
    /// through arrays too), sorted by name.
    pub(crate) fn encode_type(&self, name: &str) -> Result<String> {
        let mut deps = BTreeSet::new();
        let mut stack = vec![name];
        while let Some(current) = stack.pop() {
            for field in self.fields(current)? {
                if let Some(dep) = struct_of(&field.ty)
                    && dep != name
                    && deps.insert(dep)
                {
                    stack.push(dep);
                }
            }
        }
        let mut out = String::new();
        for current in core::iter::once(name).chain(deps) {
            out.push_str(current);
            out.push('(');
            for (i, field) in self.fields(current)?.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&field.type_name);
                out.push(' ');
                out.push_str(&field.name);
            }
            out.push(')');
        }
        Ok(out)
    }
}

fn struct_of(mut ty: &FieldType) -> Option<&str> {
    loop {
        match ty {
            FieldType::Struct(name) => return Some(name),
            FieldType::Array(inner, _) => ty = inner,
            _ => return None,
        }
    }
}

/// The type of an array's items: `Person[2][]` → `Person[2]`.
pub(crate) fn element_type_name(type_name: &str) -> &str {
    type_name
        .rfind('[')
        .and_then(|open| type_name.get(..open))
        .unwrap_or(type_name)
}

/// Parses a field's type without recursion: `T`, `T[]`, `T[N]`, to at most
/// [`MAX_ARRAY_DIMENSIONS`] dimensions and [`MAX_TYPE_NAME_LEN`] bytes.
fn parse_type(type_name: &str, structs: &BTreeSet<String>) -> Result<FieldType> {
    if type_name.len() > MAX_TYPE_NAME_LEN {
        return Err(Error::typed(format!(
            "the type `{}` is longer than {MAX_TYPE_NAME_LEN} bytes",
            clip(type_name)
        )));
    }
    // The dimensions from the outermost (the last suffix) inwards.
    let mut dimensions: Vec<Option<usize>> = Vec::new();
    let mut base = type_name;
    while let Some(rest) = base.strip_suffix(']') {
        if dimensions.len() == MAX_ARRAY_DIMENSIONS {
            return Err(Error::typed(format!(
                "the type `{}` has more than {MAX_ARRAY_DIMENSIONS} array dimensions",
                clip(type_name)
            )));
        }
        let open = rest
            .rfind('[')
            .ok_or_else(|| Error::typed(format!("bad type `{}`", clip(type_name))))?;
        let (inner, len) = rest.split_at(open);
        let len = len.get(1..).unwrap_or_default();
        dimensions.push(if len.is_empty() {
            None
        } else {
            Some(decimal(len).ok_or_else(|| {
                Error::typed(format!("bad array length in `{}`", clip(type_name)))
            })?)
        });
        base = inner;
    }
    let mut ty = if let Some(ty) = atomic(base) {
        ty
    } else if structs.contains(base) {
        FieldType::Struct(base.to_owned())
    } else {
        return Err(Error::typed(format!("unknown type `{}`", clip(base))));
    };
    for len in dimensions.into_iter().rev() {
        ty = FieldType::Array(Box::new(ty), len);
    }
    Ok(ty)
}
