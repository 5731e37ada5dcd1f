//! Structure-aware inputs: libFuzzer's bytes turned (with `arbitrary`) into JSON shaped like
//! what each parser expects, mostly valid and sometimes not, so that the fuzzer spends its
//! time past the first syntax check.
//!
//! Every target takes its first byte as a mode: even, the rest is the parser's text as is
//! (seed corpora from `tests/vectors/` are in this form); odd, the rest drives a generator
//! here. Shared source: the fuzz targets and `tests/fuzz_regressions.rs` include this file.

use arbitrary::{Result, Unstructured};
use serde_json::{Map, Value, json};

/// What a target is given.
pub enum Input {
    /// The parser's text, as is.
    Text(String),
    /// A generated JSON value.
    Json(Value),
}

/// Splits `data` by its mode byte and runs `generate` on the rest for odd modes.
pub fn input(data: &[u8], generate: fn(&mut Unstructured) -> Result<Value>) -> Option<Input> {
    let (&mode, rest) = data.split_first()?;
    if mode % 2 == 0 {
        return Some(Input::Text(String::from_utf8_lossy(rest).into_owned()));
    }
    generate(&mut Unstructured::new(rest)).ok().map(Input::Json)
}

/// The mode-0 form of `text` (what the seed corpora hold).
pub fn as_text_input(text: &str) -> Vec<u8> {
    let mut out = vec![0];
    out.extend_from_slice(text.as_bytes());
    out
}

fn pick<'a>(u: &mut Unstructured, options: &[&'a str]) -> Result<&'a str> {
    u.choose(options).copied()
}

/// Some JSON value of any kind, small.
pub fn any_json(u: &mut Unstructured, depth: u32) -> Result<Value> {
    let kind = if depth == 0 {
        u.int_in_range(0..=5)?
    } else {
        u.int_in_range(0..=7)?
    };
    Ok(match kind {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => json!(u.arbitrary::<i64>()?),
        3 => json!(u.arbitrary::<f64>()?),
        4 => Value::String(hexish(u)?),
        5 => Value::String(u.arbitrary()?),
        6 => {
            let n = u.int_in_range(0..=3)?;
            Value::Array(
                (0..n)
                    .map(|_| any_json(u, depth - 1))
                    .collect::<Result<_>>()?,
            )
        }
        _ => {
            let n = u.int_in_range(0..=3)?;
            let mut map = Map::new();
            for _ in 0..n {
                map.insert(key(u)?, any_json(u, depth - 1)?);
            }
            Value::Object(map)
        }
    })
}

/// A string that is often a quantity or hex: `0x…`, a decimal, a negative one.
fn hexish(u: &mut Unstructured) -> Result<String> {
    let bytes: Vec<u8> = {
        let n = u.int_in_range(0..=40)?;
        (0..n).map(|_| u.arbitrary()).collect::<Result<_>>()?
    };
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(match u.int_in_range(0..=6)? {
        0 => format!("0x{hex}"),
        1 => format!("0x{}", hex.get(1..).unwrap_or("")),
        2 => format!("0x{}", hex.to_uppercase()),
        3 => u.arbitrary::<u128>()?.to_string(),
        4 => format!("-{}", u.arbitrary::<u64>()?),
        5 => format!("-0x{hex}"),
        _ => hex,
    })
}

fn key(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=4)? {
        0 => u.arbitrary()?,
        _ => pick(
            u,
            &[
                "a", "b", "name", "to", "from", "note", "x.y", "", "$", "wallet", "items",
            ],
        )?
        .to_owned(),
    })
}

const ATOMIC: &[&str] = &[
    "address", "bool", "string", "bytes", "bytes1", "bytes20", "bytes32", "uint8", "uint16",
    "uint64", "uint256", "int8", "int64", "int256", "uint", "int",
];
const STRUCT_NAMES: &[&str] = &["Mail", "Person", "Group", "Order", "Item", "A", "B"];
const FIELD_NAMES: &[&str] = &[
    "from", "to", "name", "wallet", "contents", "items", "amount", "x", "y", "next", "data",
];

/// Typed data: a few struct types referring to each other (arrays, recursion), a domain type
/// with some of the usual fields, and a message mostly of the declared types, with extra
/// undeclared keys here and there.
pub fn typed_data(u: &mut Unstructured) -> Result<Value> {
    let count = u.int_in_range(1..=5)?;
    let mut names: Vec<String> = Vec::new();
    for _ in 0..count {
        let name = match u.int_in_range(0..=15)? {
            0 => u.arbitrary()?,
            _ => pick(u, STRUCT_NAMES)?.to_owned(),
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let mut types = Map::new();
    for name in &names {
        let n = u.int_in_range(0..=5)?;
        let mut fields = Vec::new();
        for _ in 0..n {
            let ty = field_type(u, &names)?;
            let field_name = match u.int_in_range(0..=20)? {
                0 => u.arbitrary()?,
                _ => pick(u, FIELD_NAMES)?.to_owned(),
            };
            fields.push(json!({"name": field_name, "type": ty}));
        }
        types.insert(name.clone(), Value::Array(fields));
    }
    let mut domain_fields = Vec::new();
    for (field, ty) in [
        ("name", "string"),
        ("version", "string"),
        ("chainId", "uint256"),
        ("verifyingContract", "address"),
        ("salt", "bytes32"),
    ] {
        if u.ratio(1, 2)? {
            let ty = if u.ratio(1, 20)? {
                field_type(u, &names)?
            } else {
                ty.to_owned()
            };
            domain_fields.push(json!({"name": field, "type": ty}));
        }
    }
    if u.ratio(7, 8)? {
        types.insert("EIP712Domain".into(), Value::Array(domain_fields));
    }
    let primary = match u.int_in_range(0..=10)? {
        0 => "EIP712Domain".to_owned(),
        1 => u.arbitrary()?,
        _ => u.choose(&names)?.clone(),
    };
    let types_value = Value::Object(types);
    let mut generator = Values {
        types: &types_value,
        budget: 400,
    };
    let domain = generator.value_of(u, "EIP712Domain", 0)?;
    let message = if u.ratio(1, 30)? {
        any_json(u, 2)?
    } else {
        generator.value_of(u, &primary, 0)?
    };
    let mut doc =
        json!({"types": types_value, "primaryType": primary, "domain": domain, "message": message});
    if u.ratio(1, 20)? {
        // As some dApps send it: the object as a JSON string.
        doc = Value::String(doc.to_string());
    }
    Ok(doc)
}

fn field_type(u: &mut Unstructured, names: &[String]) -> Result<String> {
    let base = match u.int_in_range(0..=9)? {
        0..=5 => pick(u, ATOMIC)?.to_owned(),
        6..=8 => u.choose(names)?.clone(),
        _ => u.arbitrary()?,
    };
    let mut ty = base;
    // Bounded loops only: an exhausted `Unstructured` answers `ratio` with true for ever.
    for _ in 0..u.int_in_range(0..=3)? {
        if u.ratio(1, 2)? {
            break;
        }
        if u.ratio(1, 2)? {
            ty.push_str("[]");
        } else {
            ty.push_str(&format!("[{}]", u.int_in_range(0..=3)?));
        }
    }
    Ok(ty)
}

/// Values for declared types.
struct Values<'a> {
    types: &'a Value,
    /// Values left to make (keeps inputs small whatever the recursion in the types).
    budget: u32,
}

impl Values<'_> {
    fn value_of(&mut self, u: &mut Unstructured, ty: &str, depth: u32) -> Result<Value> {
        if self.budget == 0 || depth > 8 || u.ratio(1, 25)? {
            return any_json(u, 1);
        }
        self.budget -= 1;
        if let Some(inner) = ty.strip_suffix(']') {
            let open = inner.rfind('[').unwrap_or(0);
            let element = inner.get(..open).unwrap_or("");
            // At most 8 items, whatever length the type asks for: `T[999999999]` would
            // otherwise make the generator itself build a billion values.
            let len = inner
                .get(open + 1..)
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(u.int_in_range(0..=3)?)
                .min(8);
            let len = if u.ratio(1, 10)? { len + 1 } else { len };
            let items = (0..len)
                .map(|_| self.value_of(u, element, depth + 1))
                .collect::<Result<_>>()?;
            return Ok(Value::Array(items));
        }
        if let Some(fields) = self.types.get(ty).and_then(Value::as_array) {
            let fields: Vec<(String, String)> = fields
                .iter()
                .filter_map(|f| {
                    Some((
                        f["name"].as_str()?.to_owned(),
                        f["type"].as_str()?.to_owned(),
                    ))
                })
                .collect();
            let mut map = Map::new();
            for (name, field_ty) in fields {
                if u.ratio(1, 10)? {
                    continue; // missing
                }
                let value = if u.ratio(1, 12)? {
                    Value::Null
                } else {
                    self.value_of(u, &field_ty, depth + 1)?
                };
                map.insert(name, value);
            }
            for _ in 0..u.int_in_range(0..=6)? {
                if !u.ratio(1, 3)? {
                    continue;
                }
                map.insert(key(u)?, any_json(u, 2)?);
            }
            return Ok(Value::Object(map));
        }
        atomic_value(u, ty)
    }
}

fn atomic_value(u: &mut Unstructured, ty: &str) -> Result<Value> {
    let bytes = |u: &mut Unstructured, n: usize| -> Result<String> {
        let bytes: Vec<u8> = (0..n).map(|_| u.arbitrary()).collect::<Result<_>>()?;
        Ok(format!(
            "0x{}",
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        ))
    };
    Ok(match ty {
        "address" => Value::String(bytes(u, 20)?),
        "bool" => match u.int_in_range(0..=3)? {
            0 => json!("true"),
            1 => json!(1),
            _ => Value::Bool(u.arbitrary()?),
        },
        "string" => Value::String(u.arbitrary()?),
        "bytes" => {
            if u.ratio(1, 3)? {
                Value::String(u.arbitrary()?)
            } else {
                let n = u.int_in_range(0..=40)?;
                Value::String(bytes(u, n)?)
            }
        }
        _ => {
            if let Some(n) = ty
                .strip_prefix("bytes")
                .and_then(|n| n.parse::<usize>().ok())
            {
                return Ok(Value::String(bytes(u, n)?));
            }
            match u.int_in_range(0..=4)? {
                0 => json!(u.int_in_range(-9_007_199_254_740_991i64..=9_007_199_254_740_991)?),
                1 => json!(u.arbitrary::<u8>()?),
                2 => Value::String(u.arbitrary::<u128>()?.to_string()),
                3 => Value::String(format!("-{}", u.arbitrary::<u16>()?)),
                _ => Value::String(hexish(u)?),
            }
        }
    })
}

/// A transaction's JSON-RPC fields, each of a plausible or odd shape.
pub fn transaction(u: &mut Unstructured) -> Result<Value> {
    let mut map = Map::new();
    for field in [
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
        "from",
        "accessList",
    ] {
        if !u.ratio(1, 2)? {
            continue;
        }
        let value = match field {
            "to" | "from" => match u.int_in_range(0..=5)? {
                0 => Value::Null,
                1 => Value::String(hexish(u)?),
                _ => Value::String(format!(
                    "0x{}",
                    (0..20)
                        .map(|_| u.arbitrary::<u8>().map(|b| format!("{b:02x}")))
                        .collect::<Result<String>>()?
                )),
            },
            "accessList" => {
                let n = u.int_in_range(0..=3)?;
                let mut items = Vec::new();
                for _ in 0..n {
                    let keys: Vec<Value> = (0..u.int_in_range(0..=2)?)
                        .map(|_| hexish(u).map(Value::String))
                        .collect::<Result<_>>()?;
                    items.push(json!({"address": hexish(u)?, "storageKeys": keys}));
                }
                if u.ratio(1, 8)? {
                    any_json(u, 2)?
                } else {
                    Value::Array(items)
                }
            }
            "type" => json!(pick(u, &["0x0", "0x1", "0x2", "0x3", "0x00", "2", "0x"])?),
            _ => {
                if u.ratio(1, 8)? {
                    any_json(u, 1)?
                } else if u.ratio(1, 6)? {
                    json!(u.arbitrary::<u32>()?)
                } else {
                    Value::String(hexish(u)?)
                }
            }
        };
        map.insert(field.to_owned(), value);
    }
    for _ in 0..u.int_in_range(0..=3)? {
        if !u.ratio(1, 4)? {
            continue;
        }
        map.insert(key(u)?, any_json(u, 1)?);
    }
    Ok(Value::Object(map))
}
