//! Typed data: the core's [`PreparedTypedData`] (exactly what is hashed) judged, never a
//! second parse of the request.
//!
//! Recognised by primary type and the declared fields (the display tree carries each
//! field's declared type):
//!
//! * EIP-2612 `Permit(owner, spender, value, nonce, deadline)` and DAI's
//!   `Permit(holder, spender, nonce, expiry, allowed)` → `permit-signature`;
//! * Permit2 (domain name `Permit2`): `PermitSingle`, `PermitBatch`, `PermitTransferFrom`,
//!   `PermitBatchTransferFrom`, `PermitWitnessTransferFrom`,
//!   `PermitBatchWitnessTransferFrom` → `permit2-signature`;
//! * Seaport `OrderComponents` and `BulkOrder` (every order of its tree), Blur's `Order`
//!   with `side` and `price` → `order-gives-away` when the offerer gives something and no
//!   consideration goes to the offerer (or the signer), or a Blur sell order asks price 0;
//! * `unlimited-approval` for unlimited permit amounts (DAI's `allowed: true` always is),
//!   `eoa-spender` for a permit whose spender has no code.
//!
//! A permit of value 0 (EIP-2612) or `allowed: false` (DAI) revokes: no warning.

use crate::error::Result;
use crate::facts::{Facts, FactsNeeded, Known};
use crate::warning::{
    AddressInfo, Marketplace, OrderItem, Permit2Item, PermitStyle, Severity, TokenAmount, Warning,
    Width,
};
use alloy_primitives::{Address, U256};
use serde::Serialize;
use wallet_core::typed_data::{DisplayField, DisplayNode, PreparedTypedData};
use wallet_core::{parse_address, to_checksum};

/// What the typed data is, as far as the rules know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum TypedDataKind {
    /// EIP-2612 permit.
    Permit,
    /// DAI-style permit.
    DaiPermit,
    /// Permit2.
    Permit2,
    /// A Seaport order (or bulk order).
    SeaportOrder,
    /// A Blur order.
    BlurOrder,
    /// None of these.
    Other,
}

/// What `describe_typed_data` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TypedDataDescription {
    /// What it is.
    pub kind: TypedDataKind,
    /// The facts to fetch before `assess_typed_data`.
    pub needs: FactsNeeded,
}

/// What `assess_typed_data` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TypedDataAssessment {
    /// What it is.
    pub kind: TypedDataKind,
    /// The warnings, high first.
    pub warnings: Vec<Warning>,
}

/// The struct's fields as (name, declared type, value).
fn fields(node: &DisplayNode) -> Option<&[DisplayField]> {
    match node {
        DisplayNode::Struct { fields, .. } => Some(fields),
        _ => None,
    }
}

/// Whether `node` is a struct with exactly these (name, type) fields, in any order.
fn shaped(node: &DisplayNode, shape: &[(&str, &str)]) -> bool {
    fields(node).is_some_and(|f| {
        f.len() == shape.len()
            && shape
                .iter()
                .all(|(n, t)| f.iter().any(|x| x.name == *n && x.type_name == *t))
    })
}

fn address(node: Option<&DisplayNode>) -> Option<Address> {
    match node? {
        DisplayNode::Address { value, .. } => parse_address(value).ok(),
        _ => None,
    }
}

fn uint(node: Option<&DisplayNode>) -> Option<U256> {
    match node? {
        DisplayNode::Int { value, .. } => U256::from_str_radix(value, 10).ok(),
        _ => None,
    }
}

fn int_text(node: Option<&DisplayNode>) -> Option<String> {
    match node? {
        DisplayNode::Int { value, .. } => Some(value.clone()),
        _ => None,
    }
}

fn boolean(node: Option<&DisplayNode>) -> Option<bool> {
    match node? {
        DisplayNode::Bool { value, .. } => Some(*value),
        _ => None,
    }
}

fn items(node: Option<&DisplayNode>) -> &[DisplayNode] {
    match node {
        Some(DisplayNode::Array { items, .. }) => items,
        _ => &[],
    }
}

fn domain_name(data: &PreparedTypedData) -> Option<&str> {
    match data.domain.field("name")? {
        DisplayNode::String { value, .. } => Some(value),
        _ => None,
    }
}

const EIP2612: [(&str, &str); 5] = [
    ("owner", "address"),
    ("spender", "address"),
    ("value", "uint256"),
    ("nonce", "uint256"),
    ("deadline", "uint256"),
];

const DAI: [(&str, &str); 5] = [
    ("holder", "address"),
    ("spender", "address"),
    ("nonce", "uint256"),
    ("expiry", "uint256"),
    ("allowed", "bool"),
];

const PERMIT2_TYPES: [&str; 6] = [
    "PermitSingle",
    "PermitBatch",
    "PermitTransferFrom",
    "PermitBatchTransferFrom",
    "PermitWitnessTransferFrom",
    "PermitBatchWitnessTransferFrom",
];

/// What kind it is.
pub fn kind(data: &PreparedTypedData) -> TypedDataKind {
    let Some(message) = &data.message else {
        return TypedDataKind::Other;
    };
    let primary = data.primary_type.as_str();
    if primary == "Permit" && shaped(message, &EIP2612) {
        return TypedDataKind::Permit;
    }
    if primary == "Permit" && shaped(message, &DAI) {
        return TypedDataKind::DaiPermit;
    }
    if PERMIT2_TYPES.contains(&primary) && domain_name(data) == Some("Permit2") {
        return TypedDataKind::Permit2;
    }
    if primary == "OrderComponents" && is_seaport_order(message) {
        return TypedDataKind::SeaportOrder;
    }
    if primary == "BulkOrder" {
        let mut orders = Vec::new();
        collect_orders(message.field("tree"), &mut orders);
        if !orders.is_empty() {
            return TypedDataKind::SeaportOrder;
        }
    }
    if primary == "Order" && is_blur_order(message) {
        return TypedDataKind::BlurOrder;
    }
    TypedDataKind::Other
}

fn is_seaport_order(node: &DisplayNode) -> bool {
    matches!(node.field("offerer"), Some(DisplayNode::Address { .. }))
        && matches!(node.field("offer"), Some(DisplayNode::Array { .. }))
        && matches!(node.field("consideration"), Some(DisplayNode::Array { .. }))
}

fn is_blur_order(node: &DisplayNode) -> bool {
    matches!(node.field("trader"), Some(DisplayNode::Address { .. }))
        && matches!(node.field("side"), Some(DisplayNode::Int { .. }))
        && matches!(node.field("price"), Some(DisplayNode::Int { .. }))
        && matches!(node.field("collection"), Some(DisplayNode::Address { .. }))
}

/// Every `OrderComponents` in a bulk order's tree (nested arrays), iteratively.
fn collect_orders<'a>(tree: Option<&'a DisplayNode>, out: &mut Vec<&'a DisplayNode>) {
    let mut stack: Vec<&DisplayNode> = tree.into_iter().collect();
    while let Some(node) = stack.pop() {
        match node {
            DisplayNode::Array { items, .. } => stack.extend(items.iter().rev()),
            n @ DisplayNode::Struct { .. } if is_seaport_order(n) => out.push(n),
            _ => {}
        }
    }
}

/// Permit2's token/amount/expiration entries and spender, whatever the primary type.
struct Permit2Parts<'a> {
    /// (token, amount, expiration)
    entries: Vec<(Option<Address>, Option<U256>, Option<String>)>,
    spender: Option<Address>,
    deadline: Option<String>,
    witness: Option<&'a str>,
    allowance: bool,
}

fn permit2_parts<'a>(data: &'a PreparedTypedData, message: &'a DisplayNode) -> Permit2Parts<'a> {
    let primary = data.primary_type.as_str();
    let allowance = matches!(primary, "PermitSingle" | "PermitBatch");
    let entry = |node: &DisplayNode, expiration: bool| {
        (
            address(node.field("token")),
            uint(node.field("amount")),
            if expiration {
                int_text(node.field("expiration"))
            } else {
                None
            },
        )
    };
    let mut entries = Vec::new();
    let list_or_one = |name: &str| -> Vec<&DisplayNode> {
        match message.field(name) {
            Some(DisplayNode::Array { items, .. }) => items.iter().collect(),
            Some(n @ DisplayNode::Struct { .. }) => vec![n],
            _ => Vec::new(),
        }
    };
    if allowance {
        for d in list_or_one("details") {
            entries.push(entry(d, true));
        }
    } else {
        for p in list_or_one("permitted") {
            entries.push(entry(p, false));
        }
    }
    let witness = if primary.contains("Witness") {
        message.field("witness").map(DisplayNode::type_name)
    } else {
        None
    };
    Permit2Parts {
        entries,
        spender: address(message.field("spender")),
        deadline: int_text(message.field("sigDeadline"))
            .or_else(|| int_text(message.field("deadline"))),
        witness,
        allowance,
    }
}

/// The facts the typed data's judgement needs.
pub fn describe_typed_data(data: &PreparedTypedData) -> TypedDataDescription {
    let kind = kind(data);
    let mut needs = FactsNeeded::default();
    let token = data
        .verifying_contract
        .as_deref()
        .and_then(|v| parse_address(v).ok());
    if let Some(message) = &data.message {
        match kind {
            TypedDataKind::Permit | TypedDataKind::DaiPermit => {
                if let Some(spender) = address(message.field("spender")) {
                    needs.code(&spender);
                }
                if let Some(token) = &token {
                    needs.token(token);
                }
            }
            TypedDataKind::Permit2 => {
                let parts = permit2_parts(data, message);
                if let Some(spender) = &parts.spender {
                    needs.code(spender);
                }
                for (token, _, _) in &parts.entries {
                    if let Some(token) = token {
                        needs.token(token);
                    }
                }
            }
            _ => {}
        }
    }
    TypedDataDescription { kind, needs }
}

fn chain(data: &PreparedTypedData) -> u64 {
    data.chain_id
        .as_deref()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// Judges the typed data with the facts (see the module's rules).
pub fn assess_typed_data(data: &PreparedTypedData, facts: &Facts) -> Result<TypedDataAssessment> {
    let known = Known::new(facts)?;
    let kind = kind(data);
    let chain_id = chain(data);
    let mut warnings = Vec::new();
    let Some(message) = &data.message else {
        return Ok(TypedDataAssessment { kind, warnings });
    };
    let token = data
        .verifying_contract
        .as_deref()
        .and_then(|v| parse_address(v).ok());
    let spender_info = |a: &Address| AddressInfo::new(a, chain_id, Some(&known));
    let eoa = |spender: &Address, token: Option<&Address>, warnings: &mut Vec<Warning>| {
        if known.has_code(spender) == Some(false) {
            warnings.push(Warning::EoaSpender {
                severity: Severity::High,
                spender: AddressInfo::new(spender, chain_id, Some(&known)),
                token: token.map(to_checksum),
            });
        }
    };
    match kind {
        TypedDataKind::Permit => {
            let spender = address(message.field("spender"));
            let value = uint(message.field("value")).unwrap_or_default();
            if let (Some(spender), false) = (spender, value.is_zero()) {
                let amount = TokenAmount::new(token.as_ref(), value, Width::Bits256, Some(&known));
                warnings.push(Warning::PermitSignature {
                    severity: Severity::High,
                    style: PermitStyle::Eip2612,
                    amount: amount.clone(),
                    spender: spender_info(&spender),
                    deadline: int_text(message.field("deadline")),
                });
                if amount.unlimited {
                    warnings.push(Warning::UnlimitedApproval {
                        severity: Severity::High,
                        amount,
                        spender: spender_info(&spender),
                    });
                }
                eoa(&spender, token.as_ref(), &mut warnings);
            }
        }
        TypedDataKind::DaiPermit => {
            let spender = address(message.field("spender"));
            if let (Some(spender), Some(true)) = (spender, boolean(message.field("allowed"))) {
                // DAI's permit sets the allowance to 2^256 - 1.
                let amount =
                    TokenAmount::new(token.as_ref(), U256::MAX, Width::Bits256, Some(&known));
                warnings.push(Warning::PermitSignature {
                    severity: Severity::High,
                    style: PermitStyle::Dai,
                    amount: amount.clone(),
                    spender: spender_info(&spender),
                    deadline: int_text(message.field("expiry")),
                });
                warnings.push(Warning::UnlimitedApproval {
                    severity: Severity::High,
                    amount,
                    spender: spender_info(&spender),
                });
                eoa(&spender, token.as_ref(), &mut warnings);
            }
        }
        TypedDataKind::Permit2 => {
            let parts = permit2_parts(data, message);
            let width = if parts.allowance {
                Width::Bits160
            } else {
                Width::Bits256
            };
            let permits: Vec<Permit2Item> = parts
                .entries
                .iter()
                .map(|(token, amount, expiration)| Permit2Item {
                    amount: TokenAmount::new(
                        token.as_ref(),
                        amount.unwrap_or_default(),
                        width,
                        Some(&known),
                    ),
                    expiration: expiration.clone(),
                })
                .collect();
            if let Some(spender) = parts.spender {
                let unlimited: Vec<TokenAmount> = permits
                    .iter()
                    .filter(|p| p.amount.unlimited)
                    .map(|p| p.amount.clone())
                    .collect();
                warnings.push(Warning::Permit2Signature {
                    severity: Severity::High,
                    primary_type: data.primary_type.clone(),
                    permits,
                    spender: spender_info(&spender),
                    deadline: parts.deadline.clone(),
                    witness_type: parts.witness.map(str::to_owned),
                });
                for amount in unlimited {
                    warnings.push(Warning::UnlimitedApproval {
                        severity: Severity::High,
                        amount,
                        spender: spender_info(&spender),
                    });
                }
                let first_token = parts.entries.iter().find_map(|(t, _, _)| *t);
                eoa(&spender, first_token.as_ref(), &mut warnings);
            }
        }
        TypedDataKind::SeaportOrder => {
            let mut orders = Vec::new();
            if data.primary_type == "BulkOrder" {
                collect_orders(message.field("tree"), &mut orders);
            } else {
                orders.push(message);
            }
            for order in orders {
                if let Some(w) = seaport_gives_away(order, known.signer.as_ref()) {
                    warnings.push(w);
                }
            }
        }
        TypedDataKind::BlurOrder => {
            if let Some(w) = blur_gives_away(message) {
                warnings.push(w);
            }
        }
        TypedDataKind::Other => {}
    }
    Ok(TypedDataAssessment { kind, warnings })
}

fn item_kind(code: Option<U256>) -> &'static str {
    match code.and_then(|c| u8::try_from(c).ok()) {
        Some(0) => "native",
        Some(1) => "erc20",
        Some(2) => "erc721",
        Some(3) => "erc1155",
        Some(4) => "erc721-criteria",
        Some(5) => "erc1155-criteria",
        _ => "unknown",
    }
}

fn seaport_gives_away(order: &DisplayNode, signer: Option<&Address>) -> Option<Warning> {
    let offerer = address(order.field("offerer"))?;
    let offer: Vec<OrderItem> = items(order.field("offer"))
        .iter()
        .filter(|i| {
            uint(i.field("startAmount")).is_some_and(|a| !a.is_zero())
                || uint(i.field("endAmount")).is_some_and(|a| !a.is_zero())
        })
        .map(|i| OrderItem {
            kind: item_kind(uint(i.field("itemType"))).to_owned(),
            token: address(i.field("token"))
                .map(|a| to_checksum(&a))
                .unwrap_or_default(),
            identifier: int_text(i.field("identifierOrCriteria")).unwrap_or_default(),
            amount: int_text(i.field("startAmount")).unwrap_or_default(),
        })
        .collect();
    if offer.is_empty() {
        return None;
    }
    let mut to_offerer = false;
    let mut recipients: Vec<String> = Vec::new();
    for item in items(order.field("consideration")) {
        let Some(recipient) = address(item.field("recipient")) else {
            continue;
        };
        let gets = uint(item.field("startAmount")).is_some_and(|a| !a.is_zero())
            || uint(item.field("endAmount")).is_some_and(|a| !a.is_zero());
        if recipient == offerer || Some(&recipient) == signer {
            to_offerer |= gets;
        } else {
            let r = to_checksum(&recipient);
            if !recipients.contains(&r) {
                recipients.push(r);
            }
        }
    }
    (!to_offerer).then(|| Warning::OrderGivesAway {
        severity: Severity::High,
        marketplace: Marketplace::Seaport,
        offerer: to_checksum(&offerer),
        offer,
        recipients,
    })
}

fn blur_gives_away(order: &DisplayNode) -> Option<Warning> {
    let trader = address(order.field("trader"))?;
    // Blur's Side: 0 = Buy, 1 = Sell.
    let sell = uint(order.field("side")) == Some(U256::from(1u8));
    if !sell || !uint(order.field("price"))?.is_zero() {
        return None;
    }
    let collection = address(order.field("collection"))?;
    let recipients = items(order.field("fees"))
        .iter()
        .filter_map(|f| address(f.field("recipient")))
        .map(|a| to_checksum(&a))
        .collect();
    Some(Warning::OrderGivesAway {
        severity: Severity::High,
        marketplace: Marketplace::Blur,
        offerer: to_checksum(&trader),
        offer: vec![OrderItem {
            kind: "erc721".to_owned(),
            token: to_checksum(&collection),
            identifier: int_text(order.field("tokenId")).unwrap_or_default(),
            amount: int_text(order.field("amount")).unwrap_or_else(|| "1".to_owned()),
        }],
        recipients,
    })
}
