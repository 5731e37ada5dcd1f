//! Warnings: a stable code (TESTIDS `risk-warning` `data-risk`), a severity, and the values
//! the text needs. The extension maps each code to its text and help article.

use crate::facts::Known;
use crate::spenders;
use alloy_primitives::{Address, U256};
use serde::Serialize;
use wallet_core::to_checksum;

/// How serious. Matches TESTIDS `data-severity`; a `high` one needs `risk-acknowledge`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Look twice.
    Medium,
    /// Can cost the person their assets; needs acknowledging.
    High,
}

/// Whether an address has code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum CodeKind {
    /// A contract ("contract").
    Contract,
    /// No code: a person's account, or nothing yet ("no code").
    NoCode,
    /// Not among the facts.
    Unknown,
}

/// An address as the approval window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct AddressInfo {
    /// EIP-55.
    pub address: String,
    /// Contract, no code, or unknown.
    pub code: CodeKind,
    /// Its name when it is a well-known contract of this chain (`data/spenders/<chain>.json`).
    pub name: Option<String>,
}

impl AddressInfo {
    pub(crate) fn new(address: &Address, chain_id: u64, known: Option<&Known>) -> Self {
        let code = match known.and_then(|k| k.has_code(address)) {
            Some(true) => CodeKind::Contract,
            Some(false) => CodeKind::NoCode,
            None => CodeKind::Unknown,
        };
        Self {
            address: to_checksum(address),
            code,
            name: spenders::name(chain_id, address).map(str::to_owned),
        }
    }
}

/// An amount of a token: exact, in the smallest unit, and in the token's units when its
/// decimals are known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct TokenAmount {
    /// The token contract (EIP-55), when the amount is of one token.
    pub token: Option<String>,
    /// The exact amount in the smallest unit, decimal.
    pub value: String,
    /// The token's `decimals()`, when known.
    pub decimals: Option<u8>,
    /// The token's `symbol()`, when known.
    pub symbol: Option<String>,
    /// `value` in the token's units, exact (`"4.56"`), when `decimals` is known.
    pub formatted: Option<String>,
    /// Effectively unlimited: at least 2^255 (2^159 for Permit2's 160-bit amounts), or at
    /// least the token's total supply when that is known.
    pub unlimited: bool,
}

/// `value` / 10^decimals as an exact decimal string, without trailing zeros.
pub(crate) fn format_units(value: U256, decimals: u8) -> String {
    let digits = value.to_string();
    let decimals = usize::from(decimals);
    if decimals == 0 {
        return digits;
    }
    let padded = format!("{digits:0>width$}", width = decimals + 1);
    let (int, frac) = padded.split_at(padded.len() - decimals);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_owned()
    } else {
        format!("{int}.{frac}")
    }
}

/// How many bits the amount field has (the threshold is half its range).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Width {
    Bits256,
    Bits160,
}

impl TokenAmount {
    pub(crate) fn new(
        token: Option<&Address>,
        value: U256,
        width: Width,
        known: Option<&Known>,
    ) -> Self {
        let facts = token.and_then(|t| known.and_then(|k| k.token(t)));
        let decimals = facts.and_then(|t| t.decimals);
        let threshold = match width {
            Width::Bits256 => U256::from(1u8) << 255,
            Width::Bits160 => U256::from(1u8) << 159,
        };
        let supply = facts.and_then(|t| t.total_supply).filter(|s| !s.is_zero());
        let unlimited = value >= threshold || supply.is_some_and(|s| value >= s);
        Self {
            token: token.map(to_checksum),
            value: value.to_string(),
            decimals,
            symbol: facts.and_then(|t| t.symbol.clone()),
            formatted: decimals.map(|d| format_units(value, d)),
            unlimited,
        }
    }
}

/// One warning. Serialized tagged by `code`, the TESTIDS risk code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "code",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum Warning {
    /// `approve` / `increaseAllowance` / Permit2 `approve` / a permit of an effectively
    /// unlimited amount.
    UnlimitedApproval {
        /// Always high.
        severity: Severity,
        /// The amount (its `token`, and `unlimited: true`).
        amount: TokenAmount,
        /// Who may spend it.
        spender: AddressInfo,
    },
    /// The spender or operator of an approval or permit has no code.
    EoaSpender {
        /// Always high.
        severity: Severity,
        /// The spender (`code: "no-code"`).
        spender: AddressInfo,
        /// The token or collection approved, EIP-55.
        token: Option<String>,
    },
    /// `setApprovalForAll(operator, true)`.
    ApprovalForAll {
        /// Always high.
        severity: Severity,
        /// The collection (the called contract), EIP-55.
        collection: String,
        /// Who may move every item of it.
        operator: AddressInfo,
    },
    /// An EIP-2612 or DAI-style `Permit` to sign.
    PermitSignature {
        /// Always high.
        severity: Severity,
        /// `eip2612` or `dai`.
        style: PermitStyle,
        /// The amount (`token` is the domain's `verifyingContract`); for a DAI permit the
        /// unlimited allowance it grants.
        amount: TokenAmount,
        /// Who may spend it.
        spender: AddressInfo,
        /// The permit's `deadline` / `expiry`, unix seconds (decimal), when given.
        deadline: Option<String>,
    },
    /// Permit2 typed data to sign.
    Permit2Signature {
        /// Always high.
        severity: Severity,
        /// The primary type (`PermitSingle`, `PermitWitnessTransferFrom`...).
        primary_type: String,
        /// What it lets the spender take.
        permits: Vec<Permit2Item>,
        /// Who may take it.
        spender: AddressInfo,
        /// `sigDeadline` / `deadline`, unix seconds (decimal).
        deadline: Option<String>,
        /// The witness type of a `...WitnessTransferFrom` (`ExclusiveDutchOrder`...).
        witness_type: Option<String>,
    },
    /// A marketplace order in which the signer gives assets and receives nothing, or whose
    /// proceeds go to someone else.
    OrderGivesAway {
        /// Always high.
        severity: Severity,
        /// `seaport` or `blur`.
        marketplace: Marketplace,
        /// The account whose assets the order gives (EIP-55).
        offerer: String,
        /// What it gives.
        offer: Vec<OrderItem>,
        /// Who receives what the order asks for in return (EIP-55), the offerer excluded.
        recipients: Vec<String>,
    },
    /// The first request of this origin.
    NewSite {
        /// Always info.
        severity: Severity,
        /// The origin.
        origin: String,
    },
    /// The requesting site is on the phishing list or imitates a well-known site.
    PhishingOrigin {
        /// Always high.
        severity: Severity,
        /// The origin.
        origin: String,
        /// `listed`, `lookalike` or `homograph`.
        reason: crate::phishing::PhishingReason,
        /// The well-known site it imitates, when known.
        imitates: Option<String>,
    },
}

impl Warning {
    /// The TESTIDS code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnlimitedApproval { .. } => "unlimited-approval",
            Self::EoaSpender { .. } => "eoa-spender",
            Self::ApprovalForAll { .. } => "approval-for-all",
            Self::PermitSignature { .. } => "permit-signature",
            Self::Permit2Signature { .. } => "permit2-signature",
            Self::OrderGivesAway { .. } => "order-gives-away",
            Self::NewSite { .. } => "new-site",
            Self::PhishingOrigin { .. } => "phishing-origin",
        }
    }

    /// Its severity.
    pub fn severity(&self) -> Severity {
        match self {
            Self::UnlimitedApproval { severity, .. }
            | Self::EoaSpender { severity, .. }
            | Self::ApprovalForAll { severity, .. }
            | Self::PermitSignature { severity, .. }
            | Self::Permit2Signature { severity, .. }
            | Self::OrderGivesAway { severity, .. }
            | Self::NewSite { severity, .. }
            | Self::PhishingOrigin { severity, .. } => *severity,
        }
    }
}

/// Which permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum PermitStyle {
    /// `Permit(owner, spender, value, nonce, deadline)`.
    Eip2612,
    /// `Permit(holder, spender, nonce, expiry, allowed)`.
    Dai,
}

/// One token a Permit2 signature lets the spender take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Permit2Item {
    /// The amount (with its `token`).
    pub amount: TokenAmount,
    /// When the allowance ends (`PermitDetails.expiration`), unix seconds; `null` for the
    /// one-time transfer permits.
    pub expiration: Option<String>,
}

/// Which marketplace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum Marketplace {
    /// OpenSea's Seaport (`OrderComponents`, `BulkOrder`).
    Seaport,
    /// Blur's exchange (`Order` with `side` and `price`).
    Blur,
}

/// One asset an order gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct OrderItem {
    /// `native`, `erc20`, `erc721`, `erc1155` (Seaport's `*_WITH_CRITERIA` items as
    /// `erc721-criteria`, `erc1155-criteria`).
    pub kind: String,
    /// The token or collection, EIP-55.
    pub token: String,
    /// The token id (or criteria root), decimal.
    pub identifier: String,
    /// The amount at the start (Seaport's `startAmount`), decimal.
    pub amount: String,
}
