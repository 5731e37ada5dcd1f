//! What the caller knows about the chain: the facts the assess functions judge with.
//!
//! The describe functions say which facts a request needs ([`FactsNeeded`]); the caller
//! (the extension's background) fetches them (`eth_getCode`, an ERC-20's `symbol`,
//! `decimals`, `totalSupply`) and passes them as [`Facts`]. A fact left out is unknown, and a
//! rule that needs it does not fire (it never guesses).

use crate::error::{Error, Result};
use alloy_primitives::{Address, U256};
use serde::{Deserialize, Serialize};
use wallet_core::{parse_address, to_checksum};

/// Which facts a request's judgement needs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct FactsNeeded {
    /// Addresses whose code (`eth_getCode`) tells a contract from an account without code
    /// (EIP-55).
    pub code_of: Vec<String>,
    /// ERC-20 contracts whose `symbol`, `decimals` and `totalSupply` are needed (EIP-55).
    pub token_info: Vec<String>,
}

impl FactsNeeded {
    pub(crate) fn code(&mut self, address: &Address) {
        let a = to_checksum(address);
        if !self.code_of.contains(&a) {
            self.code_of.push(a);
        }
    }

    pub(crate) fn token(&mut self, address: &Address) {
        let a = to_checksum(address);
        if !self.token_info.contains(&a) {
            self.token_info.push(a);
        }
    }
}

/// Whether an address has code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct CodeFact {
    /// The address (any accepted spelling; a mixed-case one must match EIP-55).
    pub address: String,
    /// `eth_getCode` returned more than `0x`.
    pub has_code: bool,
}

/// An ERC-20 token's metadata, as far as the calls answered.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TokenFact {
    /// The token contract.
    pub address: String,
    /// `symbol()`, if it answered.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub symbol: Option<String>,
    /// `decimals()`, if it answered. A token fact without decimals says the contract is not
    /// an ERC-20 (an ERC-721's `approve(to, tokenId)` has the same selector): its second
    /// argument is then not judged as an amount.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub decimals: Option<u8>,
    /// `totalSupply()` as a decimal or 0x-hex string, if it answered.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub total_supply: Option<String>,
}

/// Everything the caller gathered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Facts {
    /// Code facts.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub code: Vec<CodeFact>,
    /// Token facts.
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub tokens: Vec<TokenFact>,
    /// The account that would sign (typed data: whose assets an order gives).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub signer: Option<String>,
}

/// A token's metadata, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) symbol: Option<String>,
    pub(crate) decimals: Option<u8>,
    pub(crate) total_supply: Option<U256>,
}

/// [`Facts`] checked and indexed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Known {
    code: Vec<(Address, bool)>,
    tokens: Vec<(Address, Token)>,
    pub(crate) signer: Option<Address>,
}

fn address(text: &str, field: &str) -> Result<Address> {
    parse_address(text).map_err(|e| Error::input(field, e.to_string()))
}

/// A decimal or 0x-hex unsigned integer.
pub(crate) fn parse_uint(text: &str, field: &str) -> Result<U256> {
    let parsed = match text.strip_prefix("0x") {
        Some(hex) => U256::from_str_radix(hex, 16),
        None => U256::from_str_radix(text, 10),
    };
    parsed.map_err(|_| Error::input(field, "expected a decimal or 0x-hex integer"))
}

impl Known {
    pub(crate) fn new(facts: &Facts) -> Result<Self> {
        let mut known = Self::default();
        for fact in &facts.code {
            known
                .code
                .push((address(&fact.address, "facts.code.address")?, fact.has_code));
        }
        for fact in &facts.tokens {
            let total_supply = fact
                .total_supply
                .as_deref()
                .map(|t| parse_uint(t, "facts.tokens.totalSupply"))
                .transpose()?;
            known.tokens.push((
                address(&fact.address, "facts.tokens.address")?,
                Token {
                    symbol: fact.symbol.clone(),
                    decimals: fact.decimals,
                    total_supply,
                },
            ));
        }
        known.signer = facts
            .signer
            .as_deref()
            .map(|s| address(s, "facts.signer"))
            .transpose()?;
        Ok(known)
    }

    /// Whether `address` has code, if known.
    pub(crate) fn has_code(&self, address: &Address) -> Option<bool> {
        self.code
            .iter()
            .find(|(a, _)| a == address)
            .map(|(_, c)| *c)
    }

    /// The token's metadata, if known.
    pub(crate) fn token(&self, address: &Address) -> Option<&Token> {
        self.tokens
            .iter()
            .find(|(a, _)| a == address)
            .map(|(_, t)| t)
    }
}
