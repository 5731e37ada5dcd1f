//! Ethereum addresses: strict EIP-55 parsing and checksummed formatting.

use crate::error::{Error, Result};
pub use alloy_primitives::Address;

/// Parses `0x` + 40 hex digits.
///
/// All-lowercase and all-uppercase addresses carry no checksum and are accepted; a mixed-case
/// address must match its EIP-55 checksum exactly ([`Error::AddressChecksum`] otherwise).
pub fn parse_address(s: &str) -> Result<Address> {
    let digits = s.strip_prefix("0x").ok_or_else(|| Error::AddressInvalid {
        reason: "an address must start with 0x".into(),
    })?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::AddressInvalid {
            reason: "not hex: only 0-9, a-f, A-F may follow 0x".into(),
        });
    }
    if digits.len() != 40 {
        return Err(Error::AddressInvalid {
            reason: format!(
                "expected 20 bytes (40 hex digits), got {} hex digits",
                digits.len()
            ),
        });
    }
    let bytes = crate::encoding::decode_digits(digits).ok_or_else(|| Error::AddressInvalid {
        reason: "not hex".into(),
    })?;
    let address = Address::from_slice(&bytes);
    let has_lower = digits.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = digits.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper && to_checksum(&address) != s {
        return Err(Error::AddressChecksum);
    }
    Ok(address)
}

/// The EIP-55 checksummed form (`0x` + mixed-case hex).
pub fn to_checksum(address: &Address) -> String {
    address.to_checksum(None)
}

/// Normalizes any accepted spelling (see [`parse_address`]) to its EIP-55 form.
pub fn to_checksum_address(s: &str) -> Result<String> {
    parse_address(s).map(|a| to_checksum(&a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_shapes() {
        assert!(matches!(
            parse_address("52908400098527886E0F7030069857D2E4169EE7"),
            Err(Error::AddressInvalid { .. })
        ));
        assert!(matches!(
            parse_address("0x52908400098527886E0F7030069857D2E4169E"),
            Err(Error::AddressInvalid { .. })
        ));
        assert!(matches!(
            parse_address("0x52908400098527886E0F7030069857D2E4169EEz"),
            Err(Error::AddressInvalid { .. })
        ));
        assert!(parse_address("0x52908400098527886e0f7030069857d2e4169ee7").is_ok());
    }
}
