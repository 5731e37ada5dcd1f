//! Benchmark-only entry points, behind the `bench` feature (never in a shipped build).
//!
//! The wallet itself never signs a digest it did not compute (no `eth_sign`) and has no use
//! for a bare keccak-256; the benchmark compares exactly those primitives with the JavaScript
//! libraries, so they are exposed here and nowhere else.

use crate::error::Result;
use crate::hd::EthereumAccounts;
use crate::keys::PrivateKey;
use crate::secret::Seed;
use crate::sign::Signature;
use alloy_primitives::B256;

/// Signs a 32-byte digest (RFC 6979, low-s), as every signing path of the wallet does.
pub fn sign_digest(key: &PrivateKey, digest: &[u8; 32]) -> Result<Signature> {
    key.sign_digest(&B256::from(*digest))
}

/// keccak-256 of `data`.
pub fn keccak256(data: &[u8]) -> [u8; 32] {
    alloy_primitives::keccak256(data).0
}

/// The EIP-55 addresses of `m/44'/60'/0'/0/0..count` from `seed`: what the wallet does to
/// discover accounts.
pub fn derive_addresses(seed: &Seed, count: u32) -> Result<Vec<String>> {
    let node = EthereumAccounts::from_seed(seed)?;
    (0..count)
        .map(|i| Ok(crate::to_checksum(&node.key(i)?.address())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Phrase;

    #[test]
    fn primitives_match_known_values() -> Result<()> {
        // keccak256("") is well known.
        assert_eq!(
            crate::encoding::encode_0x(keccak256(b"")),
            "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        );
        let phrase = Phrase::parse("test test test test test test test test test test test junk")?;
        let addresses = derive_addresses(&phrase.to_seed(""), 2)?;
        assert_eq!(
            addresses,
            [
                "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
            ]
        );
        let key = PrivateKey::from_hex(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        )?;
        let digest = keccak256(b"kura");
        let sig = sign_digest(&key, &digest)?;
        assert_eq!(
            crate::sign::recover_digest(&B256::from(digest), &sig)?,
            key.address()
        );
        Ok(())
    }
}
