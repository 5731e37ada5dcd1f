//! Transactions: legacy (EIP-155), EIP-2930 and EIP-1559, from JSON-RPC-style fields to a
//! signed raw transaction.

mod parse;

use crate::address::Address;
use crate::error::{Error, Result};
use crate::keys::PrivateKey;
use crate::sign::Signature;
use alloy_primitives::{B256, Bytes, TxKind, U256, keccak256};
use alloy_rlp::{BufMut, Encodable, Header};

/// The EIP-2718 transaction type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxType {
    /// Type 0: legacy, signed with EIP-155 replay protection.
    Legacy,
    /// Type 1: EIP-2930 access list.
    AccessList,
    /// Type 2: EIP-1559 dynamic fee.
    DynamicFee,
}

impl TxType {
    /// 0, 1 or 2.
    pub fn as_u8(self) -> u8 {
        match self {
            Self::Legacy => 0,
            Self::AccessList => 1,
            Self::DynamicFee => 2,
        }
    }
}

/// One entry of an EIP-2930 access list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessListItem {
    /// The account.
    pub address: Address,
    /// Its storage slots.
    pub storage_keys: Vec<B256>,
}

impl AccessListItem {
    fn payload_length(&self) -> usize {
        self.address.length() + self.storage_keys.length()
    }
}

impl Encodable for AccessListItem {
    fn encode(&self, out: &mut dyn BufMut) {
        Header {
            list: true,
            payload_length: self.payload_length(),
        }
        .encode(out);
        self.address.encode(out);
        self.storage_keys.encode(out);
    }

    fn length(&self) -> usize {
        let payload = self.payload_length();
        payload + alloy_rlp::length_of_length(payload)
    }
}

/// The fee fields, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fees {
    /// `gasPrice` (types 0 and 1).
    GasPrice(U256),
    /// `maxFeePerGas` and `maxPriorityFeePerGas` (type 2); priority ≤ max is guaranteed.
    Dynamic {
        /// `maxFeePerGas`.
        max_fee_per_gas: U256,
        /// `maxPriorityFeePerGas`.
        max_priority_fee_per_gas: U256,
    },
}

/// A validated unsigned transaction. Built only by [`Transaction::from_json`], so its fields
/// are always consistent with its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    tx_type: TxType,
    chain_id: u64,
    nonce: u64,
    gas_limit: u64,
    fees: Fees,
    to: TxKind,
    value: U256,
    input: Bytes,
    access_list: Vec<AccessListItem>,
    from: Option<Address>,
}

/// A signed transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedTransaction {
    /// The raw transaction, ready for `eth_sendRawTransaction`.
    pub raw: Vec<u8>,
    /// Its hash (`keccak256(raw)`), the transaction id.
    pub hash: B256,
    /// The signature.
    pub signature: Signature,
}

impl Transaction {
    /// Builds a transaction from JSON-RPC fields given as JSON text (see [`Transaction::from_value`]).
    pub fn from_json(json: &str) -> Result<Self> {
        let value = serde_json::from_str(json).map_err(|_| Error::tx("tx", "not valid JSON"))?;
        Self::from_value(&value)
    }

    /// Builds a transaction from a JSON object of JSON-RPC fields: `chainId`, `nonce`, `gas`
    /// (or `gasLimit`) and the fee fields are required; `type` is optional (inferred from the
    /// fee fields); `to` absent or `null` means contract creation; `data` or `input`; `from` is
    /// checked against the signer. Quantities are `0x`-hex strings (JSON integers up to
    /// 2^53-1 are accepted too). Unknown fields are rejected.
    pub fn from_value(value: &serde_json::Value) -> Result<Self> {
        parse::parse(value)
    }

    /// The type.
    pub fn tx_type(&self) -> TxType {
        self.tx_type
    }

    /// The chain id.
    pub fn chain_id(&self) -> u64 {
        self.chain_id
    }

    /// The nonce.
    pub fn nonce(&self) -> u64 {
        self.nonce
    }

    /// The gas limit.
    pub fn gas_limit(&self) -> u64 {
        self.gas_limit
    }

    /// The fee fields.
    pub fn fees(&self) -> Fees {
        self.fees
    }

    /// The recipient; `None` for contract creation.
    pub fn to(&self) -> Option<Address> {
        self.to.to().copied()
    }

    /// The value in wei.
    pub fn value(&self) -> U256 {
        self.value
    }

    /// The call data.
    pub fn input(&self) -> &[u8] {
        &self.input
    }

    /// The access list.
    pub fn access_list(&self) -> &[AccessListItem] {
        &self.access_list
    }

    /// The `from` field, if given.
    pub fn from(&self) -> Option<Address> {
        self.from
    }

    /// The bytes whose keccak256 is signed: `RLP([nonce, gasPrice, gas, to, value, data,
    /// chainId, 0, 0])` for legacy (EIP-155), `type ‖ RLP(fields)` for typed transactions.
    pub fn signing_payload(&self) -> Vec<u8> {
        match self.tx_type {
            TxType::Legacy => {
                let price = self.gas_price();
                let mut fields = self.legacy_fields(&price);
                fields.extend([&self.chain_id as &dyn Encodable, &0u8, &0u8]);
                rlp_list(None, &fields)
            }
            TxType::AccessList | TxType::DynamicFee => {
                rlp_list(Some(self.tx_type.as_u8()), &self.typed_fields())
            }
        }
    }

    /// `keccak256(signing_payload)`.
    pub fn signing_hash(&self) -> B256 {
        keccak256(self.signing_payload())
    }

    /// The signed raw transaction for `signature`.
    pub fn encode_signed(&self, signature: &Signature) -> Result<Vec<u8>> {
        let r = U256::from_be_bytes(signature.r().0);
        let s = U256::from_be_bytes(signature.s().0);
        Ok(match self.tx_type {
            TxType::Legacy => {
                let v = self
                    .chain_id
                    .checked_mul(2)
                    .and_then(|v| v.checked_add(35 + u64::from(signature.y_parity())))
                    .ok_or_else(|| Error::tx("chainId", "too large for EIP-155"))?;
                let price = self.gas_price();
                let mut fields = self.legacy_fields(&price);
                fields.extend([&v as &dyn Encodable, &r, &s]);
                rlp_list(None, &fields)
            }
            TxType::AccessList | TxType::DynamicFee => {
                let parity = signature.y_parity();
                let mut fields = self.typed_fields();
                fields.extend([&parity as &dyn Encodable, &r, &s]);
                rlp_list(Some(self.tx_type.as_u8()), &fields)
            }
        })
    }

    /// Signs with `key`. Fails if the transaction's `from` is another address.
    pub fn sign(&self, key: &PrivateKey) -> Result<SignedTransaction> {
        if let Some(from) = self.from
            && from != key.address()
        {
            return Err(Error::tx("from", "does not match the signing account"));
        }
        let signature = key.sign_digest(&self.signing_hash())?;
        let raw = self.encode_signed(&signature)?;
        let hash = keccak256(&raw);
        Ok(SignedTransaction {
            raw,
            hash,
            signature,
        })
    }

    fn gas_price(&self) -> U256 {
        match self.fees {
            Fees::GasPrice(price) => price,
            Fees::Dynamic {
                max_fee_per_gas, ..
            } => max_fee_per_gas,
        }
    }

    fn legacy_fields<'a>(&'a self, price: &'a U256) -> Vec<&'a dyn Encodable> {
        vec![
            &self.nonce,
            price,
            &self.gas_limit,
            &self.to,
            &self.value,
            &self.input,
        ]
    }

    fn typed_fields(&self) -> Vec<&dyn Encodable> {
        let mut fields: Vec<&dyn Encodable> = vec![&self.chain_id, &self.nonce];
        match &self.fees {
            Fees::GasPrice(price) => fields.push(price),
            Fees::Dynamic {
                max_fee_per_gas,
                max_priority_fee_per_gas,
            } => {
                fields.push(max_priority_fee_per_gas);
                fields.push(max_fee_per_gas);
            }
        }
        fields.extend([
            &self.gas_limit as &dyn Encodable,
            &self.to,
            &self.value,
            &self.input,
            &self.access_list,
        ]);
        fields
    }
}

impl SignedTransaction {
    /// The raw transaction as `0x`-hex.
    pub fn raw_hex(&self) -> String {
        crate::encoding::encode_0x(&self.raw)
    }

    /// The hash as `0x`-hex.
    pub fn hash_hex(&self) -> String {
        crate::encoding::encode_0x(self.hash)
    }
}

fn rlp_list(type_byte: Option<u8>, fields: &[&dyn Encodable]) -> Vec<u8> {
    let payload_length: usize = fields.iter().map(|f| f.length()).sum();
    let mut out = Vec::with_capacity(payload_length + 10);
    if let Some(t) = type_byte {
        out.push(t);
    }
    Header {
        list: true,
        payload_length,
    }
    .encode(&mut out);
    for field in fields {
        field.encode(&mut out);
    }
    out
}
