//! `TypedData::prepare`: what the approval window shows is what is signed.
//!
//! - Public vectors through the prepare path: the EIP-712 example and ethers' 100 random cases
//!   (v4), and eth-sig-util's v3 digests with fields left out (`eip712-v3.json`).
//! - A property over generated typed data (struct graphs with atomic fields, arrays, nested
//!   structs, and undeclared keys in the domain, the message and nested objects): the tree
//!   lists exactly the hashed fields, every undeclared value is in `undeclared` and none is in
//!   the tree, and the digest is `signing_hash`'s and the one the tree itself hashes to
//!   (`fuzz/src/oracle.rs`, shared with the fuzz targets).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code
)]

mod common;
#[path = "../fuzz/src/oracle.rs"]
mod oracle;

use common::{s, vectors};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use wallet_core::typed_data::{DisplayNode, PreparedTypedData, TypedData, TypedDataVersion as V};

/// Prepares `doc` and checks it against the oracle; returns the prepared value.
fn prepare_checked(doc: &Value, version: V) -> PreparedTypedData {
    let td = TypedData::from_value(doc.clone()).unwrap();
    let prepared = td.prepare(version).unwrap();
    let hash = td.signing_hash(version).unwrap();
    assert_eq!(prepared.digest, format!("{hash:#x}"));
    assert_eq!(oracle::digest_from_tree(&td, &prepared).unwrap(), hash);
    oracle::check_coverage(doc, &prepared).unwrap();
    prepared
}

#[test]
fn spec_example() {
    let data = vectors("eip712.json");
    let spec = &data["spec"];
    for version in [V::V3, V::V4] {
        let prepared = prepare_checked(&spec["typedData"], version);
        assert_eq!(prepared.digest, s(spec, "digest"));
        assert_eq!(prepared.chain_id.as_deref(), Some("1"));
        assert_eq!(
            prepared.verifying_contract.as_deref(),
            Some("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC")
        );
        assert!(prepared.undeclared.is_empty());
        let message = prepared.message.unwrap();
        let from = message.field("from").unwrap();
        assert_eq!(
            from.field("wallet"),
            Some(&DisplayNode::Address {
                type_name: "address".into(),
                value: "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826".into()
            })
        );
    }
}

#[test]
fn random_vectors_digest_through_prepare() {
    let data = vectors("eip712.json");
    for case in data["random"].as_array().unwrap() {
        let prepared = prepare_checked(&case["typedData"], V::V4);
        assert_eq!(prepared.digest, s(case, "digest"), "{}", s(case, "name"));
    }
}

/// eth-sig-util's own v3 digests: a missing field is not hashed, so it is not in the tree.
#[test]
fn v3_vectors_from_eth_sig_util() {
    let data = vectors("eip712-v3.json");
    let cases = data["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 7);
    for case in cases {
        let name = s(case, "name");
        let prepared = prepare_checked(&case["typedData"], V::V3);
        assert_eq!(prepared.digest, s(case, "digest"), "{name}");
        for missing in case["missing"].as_array().unwrap() {
            let path = missing.as_str().unwrap();
            let mut segments = path.split('.');
            let mut node = match segments.next() {
                Some("domain") => Some(&prepared.domain),
                _ => prepared.message.as_ref(),
            };
            for segment in segments {
                node = node.and_then(|n| n.field(segment));
            }
            assert!(node.is_none(), "{name}: {path} is shown but not hashed");
        }
        // The signature recovers to the key's address through the v3 digest.
        let td = TypedData::from_value(case["typedData"].clone()).unwrap();
        let signature = wallet_core::Signature::from_hex(s(case, "signature")).unwrap();
        let signer = wallet_core::recover_typed_data(&td, V::V3, &signature).unwrap();
        assert_eq!(
            format!("{signer:#x}"),
            s(&vectors("eip712.json")["spec"], "address"),
            "{name}"
        );
    }
    // The undeclared case lists what it ignored.
    let undeclared = &cases[4];
    let prepared = prepare_checked(&undeclared["typedData"], V::V3);
    assert_eq!(
        prepared.undeclared,
        ["domain.salt", "message.note", "message.to.extra"]
    );
}

#[test]
fn v3_refuses_arrays_v4_shows_them() {
    let doc = json!({
        "types": {"EIP712Domain": [], "M": [{"name": "xs", "type": "uint8[2][]"}]},
        "primaryType": "M", "domain": {}, "message": {"xs": [[1, "0x02"], ["3", 4]]}
    });
    let td = TypedData::from_value(doc.clone()).unwrap();
    assert!(td.prepare(V::V3).is_err());
    let prepared = prepare_checked(&doc, V::V4);
    let xs = prepared.message.unwrap().field("xs").unwrap().clone();
    let DisplayNode::Array { type_name, items } = xs else {
        panic!("{xs:?}")
    };
    assert_eq!(type_name, "uint8[2][]");
    assert_eq!(items[1].type_name(), "uint8[2]");
    let DisplayNode::Array { items: inner, .. } = &items[1] else {
        panic!()
    };
    assert_eq!(
        inner[0],
        DisplayNode::Int {
            type_name: "uint8".into(),
            value: "3".into()
        }
    );
}

#[test]
fn values_are_shown_as_hashed() {
    let doc = json!({
        "types": {
            "EIP712Domain": [{"name": "chainId", "type": "uint256"}],
            "M": [
                {"name": "i", "type": "int16"}, {"name": "u", "type": "uint256"},
                {"name": "b", "type": "bytes"}, {"name": "t", "type": "bytes"},
                {"name": "f", "type": "bytes2"}, {"name": "ok", "type": "bool"},
                {"name": "who", "type": "address"}, {"name": "next", "type": "M"}
            ]
        },
        "primaryType": "M",
        "domain": {"chainId": "0x0a"},
        "message": {
            "i": "-0x10", "u": "115792089237316195423570985008687907853269984665640564039457584007913129639935",
            "b": "0xabc", "t": "hi", "f": "0xABCD", "ok": "true",
            "who": "0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826", "next": null
        }
    });
    let prepared = prepare_checked(&doc, V::V4);
    assert_eq!(prepared.chain_id.as_deref(), Some("10"));
    let message = prepared.message.unwrap();
    let value = |name: &str| serde_json::to_value(message.field(name).unwrap()).unwrap();
    assert_eq!(value("i")["value"], "-16");
    assert_eq!(
        value("u")["value"],
        "115792089237316195423570985008687907853269984665640564039457584007913129639935"
    );
    assert_eq!(value("b")["value"], "0x0abc");
    assert_eq!(value("t")["value"], "0x6869");
    assert_eq!(value("f")["value"], "0xabcd");
    assert_eq!(
        value("ok"),
        json!({"kind": "bool", "type": "bool", "value": true})
    );
    assert_eq!(
        value("who")["value"],
        "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"
    );
    assert_eq!(value("next"), json!({"kind": "null", "type": "M"}));
}

#[test]
fn only_the_domain_is_signed_for_eip712domain() {
    let doc = json!({
        "types": {"EIP712Domain": [{"name": "name", "type": "string"}]},
        "primaryType": "EIP712Domain",
        "domain": {"name": "x", "chainId": 1},
        "message": {"b": 1, "a": {"deep": true}}
    });
    for version in [V::V3, V::V4] {
        let prepared = prepare_checked(&doc, version);
        assert!(prepared.message.is_none());
        assert_eq!(prepared.chain_id, None, "chainId is not declared");
        assert_eq!(
            prepared.undeclared,
            ["domain.chainId", "message.a", "message.b"]
        );
    }
}

#[test]
fn odd_keys_are_quoted_in_paths() {
    let doc = json!({
        "types": {"EIP712Domain": [], "M": [{"name": "p", "type": "P[]"}], "P": []},
        "primaryType": "M", "domain": {},
        "message": {"p": [{}, {"a.b": 1, "": 2, "ok_1": 3}], "x\"y": 0}
    });
    let prepared = prepare_checked(&doc, V::V4);
    assert_eq!(
        prepared.undeclared,
        [
            r#"message["x\"y"]"#,
            r#"message.p[1][""]"#,
            r#"message.p[1]["a.b"]"#,
            "message.p[1].ok_1"
        ]
    );
}

#[test]
fn domain_fields_must_have_their_eip712_types() {
    for (field, ty) in [
        ("chainId", "string"),
        ("chainId", "int256"),
        ("verifyingContract", "string"),
    ] {
        let doc = json!({
            "types": {"EIP712Domain": [{"name": field, "type": ty}]},
            "primaryType": "EIP712Domain", "domain": {field: "1"}
        });
        let td = TypedData::from_value(doc).unwrap();
        assert!(td.signing_hash(V::V4).is_ok(), "the digest is unchanged");
        let error = td.prepare(V::V4).unwrap_err();
        assert!(error.to_string().contains("`EIP712Domain."), "{error}");
    }
}

// ---- the property ----

/// splitmix64: the generator's choices from one proptest seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[self.below(options.len() as u64) as usize]
    }
}

const ATOMIC: &[&str] = &[
    "address", "bool", "string", "bytes", "bytes4", "bytes32", "uint8", "uint256", "int16",
    "int256",
];
/// Undeclared keys, and their path form.
const EXTRA: &[(&str, &str)] = &[
    ("note", ".note"),
    ("extra", ".extra"),
    ("odd key", "[\"odd key\"]"),
    ("a.b", "[\"a.b\"]"),
];

struct Generated {
    doc: Value,
    /// The undeclared paths put in.
    undeclared: Vec<String>,
}

struct Builder<'a> {
    rng: &'a mut Rng,
    types: &'a Map<String, Value>,
    version: V,
    undeclared: Vec<String>,
}

impl Builder<'_> {
    fn extras(&mut self, path: &str, map: &mut Map<String, Value>) {
        for (key, suffix) in EXTRA {
            if self.rng.chance(4) && !map.contains_key(*key) {
                map.insert((*key).into(), json!({"not": ["signed", 1]}));
                self.undeclared.push(format!("{path}{suffix}"));
            }
        }
    }

    fn object(&mut self, path: &str, name: &str) -> Value {
        let fields = self.types[name].as_array().unwrap().clone();
        let mut map = Map::new();
        for field in fields {
            let (field_name, ty) = (s(&field, "name"), s(&field, "type"));
            let is_struct = self.types.contains_key(ty);
            // v3 leaves missing fields out; v4 encodes a missing struct as zero.
            let omit = match self.version {
                V::V3 => self.rng.chance(5),
                V::V4 => is_struct && self.rng.chance(4),
            };
            if !omit {
                let value = self.value(&format!("{path}.{field_name}"), ty);
                map.insert(field_name.to_owned(), value);
            }
        }
        self.extras(path, &mut map);
        Value::Object(map)
    }

    fn value(&mut self, path: &str, ty: &str) -> Value {
        if let Some(rest) = ty.strip_suffix(']') {
            let open = rest.rfind('[').unwrap();
            let element = &rest[..open];
            let len = rest[open + 1..]
                .parse()
                .unwrap_or_else(|_| self.rng.below(3) as usize);
            return Value::Array(
                (0..len)
                    .map(|i| self.value(&format!("{path}[{i}]"), element))
                    .collect(),
            );
        }
        if self.types.contains_key(ty) {
            return self.object(path, ty);
        }
        let hex = |rng: &mut Rng, n: usize| {
            let bytes: String = (0..n).map(|_| format!("{:02x}", rng.below(256))).collect();
            format!("0x{bytes}")
        };
        match ty {
            "address" => json!(hex(self.rng, 20)),
            "bool" => json!(self.rng.chance(2)),
            "string" => json!(format!("text {}", self.rng.next())),
            "bytes" => {
                let n = self.rng.below(40) as usize;
                json!(hex(self.rng, n))
            }
            "bytes4" => json!(hex(self.rng, 4)),
            "bytes32" => json!(hex(self.rng, 32)),
            "uint8" => json!(self.rng.below(256)),
            "uint256" => json!(format!("0x{:x}", self.rng.next())),
            "int16" => json!(self.rng.below(65536) as i64 - 32768),
            _ => json!(format!("-{}", self.rng.next() >> 1)),
        }
    }
}

fn generate(seed: u64, version: V) -> Generated {
    let mut rng = Rng(seed);
    let count = 1 + rng.below(4) as usize;
    let mut types = Map::new();
    for i in 0..count {
        let mut fields = Vec::new();
        for f in 0..rng.below(5) {
            // Structs refer only to later ones: every value is finite.
            let mut ty = if i + 1 < count && rng.chance(3) {
                format!("S{}", i + 1 + rng.below((count - i - 1) as u64) as usize)
            } else {
                rng.pick(ATOMIC).to_owned()
            };
            if version == V::V4 && rng.chance(4) {
                ty.push_str(if rng.chance(2) { "[]" } else { "[2]" });
            }
            fields.push(json!({"name": format!("f{f}"), "type": ty}));
        }
        types.insert(format!("S{i}"), Value::Array(fields));
    }
    let mut domain_fields = Vec::new();
    for (name, ty) in [
        ("name", "string"),
        ("version", "string"),
        ("chainId", "uint256"),
        ("verifyingContract", "address"),
        ("salt", "bytes32"),
    ] {
        if rng.chance(2) {
            domain_fields.push(json!({"name": name, "type": ty}));
        }
    }
    types.insert("EIP712Domain".into(), Value::Array(domain_fields));
    let mut builder = Builder {
        rng: &mut rng,
        types: &types,
        version,
        undeclared: Vec::new(),
    };
    let mut domain = builder.object("domain", "EIP712Domain");
    // A domain value of a field the dApp did not declare: shown as undeclared, not hashed.
    if let Some(map) = domain.as_object_mut()
        && !types["EIP712Domain"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "chainId")
        && builder.rng.chance(2)
    {
        map.insert("chainId".into(), json!(1));
        builder.undeclared.push("domain.chainId".into());
    }
    let message = builder.object("message", "S0");
    let undeclared = builder.undeclared;
    Generated {
        doc: json!({"types": types, "primaryType": "S0", "domain": domain, "message": message}),
        undeclared,
    }
}

/// Every field name anywhere in the tree.
fn shown_names(node: &DisplayNode, into: &mut Vec<String>) {
    match node {
        DisplayNode::Struct { fields, .. } => {
            for field in fields {
                into.push(field.name.clone());
                shown_names(&field.value, into);
            }
        }
        DisplayNode::Array { items, .. } => items.iter().for_each(|i| shown_names(i, into)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_tree_is_what_is_hashed(seed in any::<u64>(), v4 in any::<bool>()) {
        let version = if v4 { V::V4 } else { V::V3 };
        let generated = generate(seed, version);
        let prepared = prepare_checked(&generated.doc, version);
        // Exactly the undeclared values put in, and none of them in the tree.
        let mut expected = generated.undeclared.clone();
        let mut got = prepared.undeclared.clone();
        expected.sort();
        got.sort();
        prop_assert_eq!(got, expected);
        let mut names = Vec::new();
        shown_names(&prepared.domain, &mut names);
        if let Some(message) = &prepared.message {
            shown_names(message, &mut names);
        }
        for (key, _) in EXTRA {
            prop_assert!(!names.iter().any(|n| n == key), "{} is shown", key);
        }
        // As text, the same.
        let td = TypedData::from_json(&generated.doc.to_string()).unwrap();
        prop_assert_eq!(td.prepare(version).unwrap(), prepared);
    }
}
