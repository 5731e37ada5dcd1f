//! Small strict hex helpers shared by the modules.

use alloy_primitives::U256;

/// Decodes a `0x`-prefixed hex string of any case with an even number of digits.
pub(crate) fn decode_0x(s: &str) -> Option<Vec<u8>> {
    let digits = s.strip_prefix("0x")?;
    decode_digits(digits)
}

/// Decodes bare hex digits of any case (even length).
pub(crate) fn decode_digits(digits: &str) -> Option<Vec<u8>> {
    if !digits.len().is_multiple_of(2) || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    alloy_primitives::hex::decode(digits).ok()
}

/// Decodes bare lowercase hex digits only (the vault's stored form: one spelling per value).
pub(crate) fn decode_lower(digits: &str) -> Option<Vec<u8>> {
    if !digits
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return None;
    }
    decode_digits(digits)
}

/// `0x` + lowercase hex.
pub(crate) fn encode_0x(bytes: impl AsRef<[u8]>) -> String {
    alloy_primitives::hex::encode_prefixed(bytes)
}

/// Why a hex quantity was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuantityError {
    NoPrefix,
    Empty,
    NotHex,
    TooLarge,
}

impl QuantityError {
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Self::NoPrefix => "a hex quantity must start with 0x",
            Self::Empty => "a hex quantity needs at least one digit (0x0 for zero)",
            Self::NotHex => "not a hex quantity: only 0-9, a-f, A-F may follow 0x",
            Self::TooLarge => "value exceeds 2^256-1",
        }
    }
}

/// Parses a `0x`-hex quantity (leading zeros tolerated, as dApps send them) into a `U256`.
pub(crate) fn parse_hex_quantity(s: &str) -> Result<U256, QuantityError> {
    let digits = s.strip_prefix("0x").ok_or(QuantityError::NoPrefix)?;
    if digits.is_empty() {
        return Err(QuantityError::Empty);
    }
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(QuantityError::NotHex);
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > 64 {
        return Err(QuantityError::TooLarge);
    }
    if significant.is_empty() {
        return Ok(U256::ZERO);
    }
    U256::from_str_radix(significant, 16).map_err(|_| QuantityError::TooLarge)
}

/// Parses a non-negative decimal integer string into a `U256`.
pub(crate) fn parse_decimal(s: &str) -> Option<U256> {
    if s.is_empty() || s.len() > 78 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    U256::from_str_radix(s, 10).ok()
}

/// The largest integer a JavaScript number holds exactly (2^53 - 1).
pub(crate) const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities() {
        assert_eq!(parse_hex_quantity("0x0"), Ok(U256::ZERO));
        assert_eq!(parse_hex_quantity("0x0123"), Ok(U256::from(0x123)));
        assert_eq!(parse_hex_quantity("0x"), Err(QuantityError::Empty));
        assert_eq!(parse_hex_quantity("12"), Err(QuantityError::NoPrefix));
        assert_eq!(parse_hex_quantity("0xg"), Err(QuantityError::NotHex));
        let max = format!("0x{}", "f".repeat(64));
        assert_eq!(parse_hex_quantity(&max), Ok(U256::MAX));
        assert_eq!(
            parse_hex_quantity(&format!("0x1{}", "0".repeat(64))),
            Err(QuantityError::TooLarge)
        );
        assert_eq!(
            parse_hex_quantity(&format!("0x000{}", "f".repeat(64))),
            Ok(U256::MAX)
        );
    }

    #[test]
    fn lower_hex_is_strict() {
        assert_eq!(decode_lower("0aff"), Some(vec![0x0a, 0xff]));
        assert_eq!(decode_lower("0AFF"), None);
        assert_eq!(decode_lower("0af"), None);
        assert_eq!(decode_0x("0xAbCd"), Some(vec![0xab, 0xcd]));
        assert_eq!(decode_0x("abcd"), None);
    }
}
