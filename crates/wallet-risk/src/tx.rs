//! Transactions: the call decoded for display, and the approval rules.
//!
//! A curated set of calls, decoded with `alloy-sol-types` (`sol!`), not hand-written ABI
//! code: ERC-20 `approve`, `increaseAllowance`, `transfer`, `transferFrom`; ERC-721/1155
//! `setApprovalForAll`; Permit2's `approve(token, spender, amount, expiration)`.

use crate::error::{Error, Result};
use crate::facts::{Facts, FactsNeeded, Known, parse_uint};
use crate::warning::{AddressInfo, Severity, TokenAmount, Warning, Width};
use alloy_primitives::{Address, U256};
use alloy_sol_types::{SolCall, sol};
use serde::{Deserialize, Serialize};
use wallet_core::{Transaction, parse_address, to_checksum};

mod erc20 {
    alloy_sol_types::sol! {
        function approve(address spender, uint256 amount) returns (bool);
        function increaseAllowance(address spender, uint256 addedValue) returns (bool);
        function transfer(address to, uint256 amount) returns (bool);
        function transferFrom(address from, address to, uint256 amount) returns (bool);
    }
}

mod nft {
    alloy_sol_types::sol! {
        function setApprovalForAll(address operator, bool approved);
    }
}

sol! {
    /// Permit2's `AllowanceTransfer.approve`.
    interface Permit2 {
        function approve(address token, address spender, uint160 amount, uint48 expiration);
    }
}

/// The part of a transaction the rules read. The approval window has it before the nonce
/// and the fees are chosen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TxCall {
    /// The chain id, decimal or 0x-hex.
    pub chain_id: String,
    /// The called contract; absent or `null` for a contract creation.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub to: Option<String>,
    /// The call data, 0x-hex.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub data: Option<String>,
    /// The value in wei, decimal or 0x-hex.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub value: Option<String>,
}

/// [`TxCall`], parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The chain.
    pub chain_id: u64,
    /// The called contract (`None`: creation).
    pub to: Option<Address>,
    /// Wei sent.
    pub value: U256,
    /// Call data.
    pub data: Vec<u8>,
}

impl Call {
    /// Parses the fields.
    pub fn parse(call: &TxCall) -> Result<Self> {
        let chain = parse_uint(&call.chain_id, "chainId")?;
        let chain_id = u64::try_from(chain).map_err(|_| Error::input("chainId", "too large"))?;
        let to = call
            .to
            .as_deref()
            .map(|t| parse_address(t).map_err(|e| Error::input("to", e.to_string())))
            .transpose()?;
        let value = call
            .value
            .as_deref()
            .map(|v| parse_uint(v, "value"))
            .transpose()?
            .unwrap_or_default();
        let data = match call.data.as_deref() {
            None | Some("") | Some("0x") => Vec::new(),
            Some(hex) => alloy_primitives::hex::decode(
                hex.strip_prefix("0x")
                    .ok_or_else(|| Error::input("data", "expected 0x-hex"))?,
            )
            .map_err(|_| Error::input("data", "expected an even number of hex digits"))?,
        };
        Ok(Self {
            chain_id,
            to,
            value,
            data,
        })
    }

    /// The same fields of a validated core transaction.
    pub fn from_transaction(tx: &Transaction) -> Self {
        Self {
            chain_id: tx.chain_id(),
            to: tx.to(),
            value: tx.value(),
            data: tx.input().to_vec(),
        }
    }
}

/// One argument of a decoded call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct DecodedArg {
    /// Its name in the function's signature.
    pub name: String,
    /// Its Solidity type.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Its value: EIP-55 for an address, decimal for an integer, `true`/`false`.
    pub value: String,
    /// For an address argument: contract, no code, known name.
    pub account: Option<AddressInfo>,
    /// For an amount argument: in the token's units, when known.
    pub amount: Option<TokenAmount>,
}

/// A call the wallet knows, decoded for the approval window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct DecodedCall {
    /// The called contract (EIP-55), with its known name.
    pub contract: AddressInfo,
    /// The function's name (`approve`).
    pub function: String,
    /// Its signature (`approve(address,uint256)`).
    pub signature: String,
    /// Its 4-byte selector, 0x-hex.
    pub selector: String,
    /// The arguments, in order.
    pub args: Vec<DecodedArg>,
}

/// What `describe_call` found: the decoded call, if the wallet knows it, and the facts its
/// judgement needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct TransactionDescription {
    /// The decoded call; `null` for a plain transfer, a creation, or a call the wallet does
    /// not decode.
    pub call: Option<DecodedCall>,
    /// The facts to fetch before `assess_call`.
    pub needs: FactsNeeded,
}

/// What `assess_call` found: the call decoded with the facts applied, and the warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct TransactionAssessment {
    /// As in [`TransactionDescription`], with `account` and `amount` filled from the facts.
    pub call: Option<DecodedCall>,
    /// The warnings, high first.
    pub warnings: Vec<Warning>,
}

/// What kind of call it is, for the rules.
enum Kind {
    Approve {
        spender: Address,
        amount: U256,
    },
    Permit2Approve {
        token: Address,
        spender: Address,
        amount: U256,
    },
    ApprovalForAll {
        operator: Address,
        approved: bool,
    },
    Transfer,
}

struct Decoded {
    kind: Kind,
    function: &'static str,
    signature: &'static str,
    selector: [u8; 4],
    /// (name, type, value)
    args: Vec<(&'static str, &'static str, Value)>,
}

enum Value {
    Address(Address),
    /// An amount of the called token (`Some(token)`) or of a token given as an argument.
    Amount(U256, Option<Address>, Width),
    Uint(U256),
    Bool(bool),
}

fn decode(to: &Address, data: &[u8]) -> Option<Decoded> {
    let selector: [u8; 4] = data.get(..4)?.try_into().ok()?;
    macro_rules! meta {
        ($t:ty, $name:literal) => {
            ($name, <$t>::SIGNATURE, <$t>::SELECTOR)
        };
    }
    if selector == erc20::approveCall::SELECTOR {
        let c = erc20::approveCall::abi_decode(data).ok()?;
        let (function, signature, selector) = meta!(erc20::approveCall, "approve");
        return Some(Decoded {
            kind: Kind::Approve {
                spender: c.spender,
                amount: c.amount,
            },
            function,
            signature,
            selector,
            args: vec![
                ("spender", "address", Value::Address(c.spender)),
                (
                    "amount",
                    "uint256",
                    Value::Amount(c.amount, Some(*to), Width::Bits256),
                ),
            ],
        });
    }
    if selector == erc20::increaseAllowanceCall::SELECTOR {
        let c = erc20::increaseAllowanceCall::abi_decode(data).ok()?;
        let (function, signature, selector) =
            meta!(erc20::increaseAllowanceCall, "increaseAllowance");
        return Some(Decoded {
            kind: Kind::Approve {
                spender: c.spender,
                amount: c.addedValue,
            },
            function,
            signature,
            selector,
            args: vec![
                ("spender", "address", Value::Address(c.spender)),
                (
                    "addedValue",
                    "uint256",
                    Value::Amount(c.addedValue, Some(*to), Width::Bits256),
                ),
            ],
        });
    }
    if selector == erc20::transferCall::SELECTOR {
        let c = erc20::transferCall::abi_decode(data).ok()?;
        let (function, signature, selector) = meta!(erc20::transferCall, "transfer");
        return Some(Decoded {
            kind: Kind::Transfer,
            function,
            signature,
            selector,
            args: vec![
                ("to", "address", Value::Address(c.to)),
                (
                    "amount",
                    "uint256",
                    Value::Amount(c.amount, Some(*to), Width::Bits256),
                ),
            ],
        });
    }
    if selector == erc20::transferFromCall::SELECTOR {
        let c = erc20::transferFromCall::abi_decode(data).ok()?;
        let (function, signature, selector) = meta!(erc20::transferFromCall, "transferFrom");
        return Some(Decoded {
            kind: Kind::Transfer,
            function,
            signature,
            selector,
            args: vec![
                ("from", "address", Value::Address(c.from)),
                ("to", "address", Value::Address(c.to)),
                (
                    "amount",
                    "uint256",
                    Value::Amount(c.amount, Some(*to), Width::Bits256),
                ),
            ],
        });
    }
    if selector == nft::setApprovalForAllCall::SELECTOR {
        let c = nft::setApprovalForAllCall::abi_decode(data).ok()?;
        let (function, signature, selector) =
            meta!(nft::setApprovalForAllCall, "setApprovalForAll");
        return Some(Decoded {
            kind: Kind::ApprovalForAll {
                operator: c.operator,
                approved: c.approved,
            },
            function,
            signature,
            selector,
            args: vec![
                ("operator", "address", Value::Address(c.operator)),
                ("approved", "bool", Value::Bool(c.approved)),
            ],
        });
    }
    if selector == Permit2::approveCall::SELECTOR {
        let c = Permit2::approveCall::abi_decode(data).ok()?;
        let (function, signature, selector) = meta!(Permit2::approveCall, "approve");
        let amount = U256::from(c.amount);
        let expiration = U256::from(c.expiration);
        return Some(Decoded {
            kind: Kind::Permit2Approve {
                token: c.token,
                spender: c.spender,
                amount,
            },
            function,
            signature,
            selector,
            args: vec![
                ("token", "address", Value::Address(c.token)),
                ("spender", "address", Value::Address(c.spender)),
                (
                    "amount",
                    "uint160",
                    Value::Amount(amount, Some(c.token), Width::Bits160),
                ),
                ("expiration", "uint48", Value::Uint(expiration)),
            ],
        });
    }
    None
}

/// Whether the called contract is known not to be an ERC-20 (a token fact without
/// decimals): then `approve`'s second argument is an NFT's id, not an amount.
fn not_erc20(known: Option<&Known>, token: &Address) -> bool {
    known
        .and_then(|k| k.token(token))
        .is_some_and(|t| t.decimals.is_none())
}

fn render(call: &Call, to: &Address, decoded: &Decoded, known: Option<&Known>) -> DecodedCall {
    let args = decoded
        .args
        .iter()
        .map(|(name, type_name, value)| {
            let (value, account, amount) = match value {
                Value::Address(a) => (
                    to_checksum(a),
                    Some(AddressInfo::new(a, call.chain_id, known)),
                    None,
                ),
                Value::Amount(v, token, width) => {
                    let is_amount = !token.as_ref().is_some_and(|t| not_erc20(known, t));
                    (
                        v.to_string(),
                        None,
                        is_amount.then(|| TokenAmount::new(token.as_ref(), *v, *width, known)),
                    )
                }
                Value::Uint(v) => (v.to_string(), None, None),
                Value::Bool(b) => (b.to_string(), None, None),
            };
            DecodedArg {
                name: (*name).to_owned(),
                type_name: (*type_name).to_owned(),
                value,
                account,
                amount,
            }
        })
        .collect();
    DecodedCall {
        contract: AddressInfo::new(to, call.chain_id, known),
        function: decoded.function.to_owned(),
        signature: decoded.signature.to_owned(),
        selector: format!("0x{}", alloy_primitives::hex::encode(decoded.selector)),
        args,
    }
}

/// Decodes the call for display and lists the facts its judgement needs: the code of the
/// spender or operator, and the token's metadata for an amount.
pub fn describe_call(call: &Call) -> TransactionDescription {
    let mut needs = FactsNeeded::default();
    let Some(to) = call.to else {
        return TransactionDescription { call: None, needs };
    };
    let Some(decoded) = decode(&to, &call.data) else {
        return TransactionDescription { call: None, needs };
    };
    match &decoded.kind {
        Kind::Approve { spender, .. } => {
            needs.code(spender);
            needs.token(&to);
        }
        Kind::Permit2Approve { token, spender, .. } => {
            needs.code(spender);
            needs.token(token);
        }
        Kind::ApprovalForAll { operator, .. } => needs.code(operator),
        Kind::Transfer => needs.token(&to),
    }
    TransactionDescription {
        call: Some(render(call, &to, &decoded, None)),
        needs,
    }
}

/// Judges the call with the facts:
///
/// * `approve` / `increaseAllowance` (ERC-20) and Permit2's `approve` of an effectively
///   unlimited amount (≥ 2^255, ≥ 2^159 for Permit2's `uint160`, or ≥ the token's total
///   supply when known) → `unlimited-approval`; an exact amount is not warned, to a
///   well-known spender or not;
/// * any of those, or `setApprovalForAll(operator, true)`, whose spender or operator is
///   known to have no code → `eoa-spender`;
/// * `setApprovalForAll(operator, true)` → `approval-for-all`.
///
/// An approval of 0 and `setApprovalForAll(operator, false)` revoke: no warning.
pub fn assess_call(call: &Call, facts: &Facts) -> Result<TransactionAssessment> {
    let known = Known::new(facts)?;
    let Some(to) = call.to else {
        return Ok(TransactionAssessment {
            call: None,
            warnings: Vec::new(),
        });
    };
    let Some(decoded) = decode(&to, &call.data) else {
        return Ok(TransactionAssessment {
            call: None,
            warnings: Vec::new(),
        });
    };
    let mut warnings = Vec::new();
    let eoa = |spender: &Address, token: &Address, warnings: &mut Vec<Warning>| {
        if known.has_code(spender) == Some(false) {
            warnings.push(Warning::EoaSpender {
                severity: Severity::High,
                spender: AddressInfo::new(spender, call.chain_id, Some(&known)),
                token: Some(to_checksum(token)),
            });
        }
    };
    match decoded.kind {
        Kind::Approve {
            spender, amount, ..
        } if !amount.is_zero() => {
            let amount = (!not_erc20(Some(&known), &to))
                .then(|| TokenAmount::new(Some(&to), amount, Width::Bits256, Some(&known)));
            if let Some(amount) = amount.filter(|a| a.unlimited) {
                warnings.push(Warning::UnlimitedApproval {
                    severity: Severity::High,
                    amount,
                    spender: AddressInfo::new(&spender, call.chain_id, Some(&known)),
                });
            }
            eoa(&spender, &to, &mut warnings);
        }
        Kind::Permit2Approve {
            token,
            spender,
            amount,
        } if !amount.is_zero() => {
            let amount = TokenAmount::new(Some(&token), amount, Width::Bits160, Some(&known));
            if amount.unlimited {
                warnings.push(Warning::UnlimitedApproval {
                    severity: Severity::High,
                    amount,
                    spender: AddressInfo::new(&spender, call.chain_id, Some(&known)),
                });
            }
            eoa(&spender, &token, &mut warnings);
        }
        Kind::ApprovalForAll {
            operator,
            approved: true,
        } => {
            warnings.push(Warning::ApprovalForAll {
                severity: Severity::High,
                collection: to_checksum(&to),
                operator: AddressInfo::new(&operator, call.chain_id, Some(&known)),
            });
            eoa(&operator, &to, &mut warnings);
        }
        _ => {}
    }
    Ok(TransactionAssessment {
        call: Some(render(call, &to, &decoded, Some(&known))),
        warnings,
    })
}
