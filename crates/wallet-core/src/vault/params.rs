//! scrypt parameters and their accepted range.

use crate::error::{Error, Result};

/// scrypt cost parameters.
///
/// # Accepted range
/// One range for creating and for opening a vault, checked before any work:
/// `log_n` in [`ScryptParams::MIN_LOG_N`]`..=`[`ScryptParams::MAX_LOG_N`] (2^10 to 2^20),
/// `r` in `1..=16`, `p` in `1..=4`, memory `128·r·2^log_n` ≤ 256 MiB (twice the default) and
/// work `p·r·2^log_n` ≤ 2^23 (eight times the default).
///
/// The floor (2^10) is low so that tests can build vaults cheaply through the public API,
/// and high enough to reject a nonsensical stored value. The wallet itself always creates
/// vaults (and re-encrypts on a password change) at [`ScryptParams::DEFAULT`], and keeps the
/// stored parameters when it only re-encrypts with an existing key. Because the parameters
/// are authenticated (AES-GCM associated data), lowering them in a stored vault makes it
/// fail to open rather than weakening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScryptParams {
    log_n: u8,
    r: u32,
    p: u32,
}

impl ScryptParams {
    /// N = 2^17, r = 8, p = 1 (128 MiB).
    pub const DEFAULT: Self = Self {
        log_n: 17,
        r: 8,
        p: 1,
    };
    /// Smallest accepted `log_n`.
    pub const MIN_LOG_N: u8 = 10;
    /// Largest accepted `log_n`.
    pub const MAX_LOG_N: u8 = 20;
    /// Largest accepted memory use in bytes (128·r·N).
    pub const MAX_MEMORY: u64 = 256 * 1024 * 1024;
    /// Largest accepted work (p·r·N).
    pub const MAX_WORK: u64 = 1 << 23;

    /// Validated parameters (see the accepted range above).
    pub fn new(log_n: u64, r: u64, p: u64) -> Result<Self> {
        if !(u64::from(Self::MIN_LOG_N)..=u64::from(Self::MAX_LOG_N)).contains(&log_n) {
            return Err(Error::VaultParams {
                reason: format!("logN must be in {}..={}", Self::MIN_LOG_N, Self::MAX_LOG_N),
            });
        }
        if !(1..=16).contains(&r) {
            return Err(Error::VaultParams {
                reason: "r must be in 1..=16".into(),
            });
        }
        if !(1..=4).contains(&p) {
            return Err(Error::VaultParams {
                reason: "p must be in 1..=4".into(),
            });
        }
        let n = 1u64 << log_n;
        if 128 * r * n > Self::MAX_MEMORY {
            return Err(Error::VaultParams {
                reason: "more than 256 MiB of memory (128·r·N)".into(),
            });
        }
        if p * r * n > Self::MAX_WORK {
            return Err(Error::VaultParams {
                reason: "more than 2^23 work (p·r·N)".into(),
            });
        }
        let (log_n, r, p) = (log_n as u8, r as u32, p as u32);
        Ok(Self { log_n, r, p })
    }

    /// log2(N).
    pub fn log_n(&self) -> u8 {
        self.log_n
    }

    /// Block size.
    pub fn r(&self) -> u32 {
        self.r
    }

    /// Parallelism.
    pub fn p(&self) -> u32 {
        self.p
    }
}

impl Default for ScryptParams {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The raw scrypt KDF the vault uses, with no range check of its own: the vault only calls it
/// with a validated [`ScryptParams`]. Exposed so the RFC 7914 vectors test this very function.
pub fn scrypt(
    password: &[u8],
    salt: &[u8],
    log_n: u8,
    r: u32,
    p: u32,
    out: &mut [u8],
) -> Result<()> {
    // The length given to `Params` only matters for the PHC string format, unused here.
    let params = ::scrypt::Params::new(log_n, r, p, 32).map_err(|_| Error::VaultParams {
        reason: "rejected by scrypt".into(),
    })?;
    ::scrypt::scrypt(password, salt, &params, out)
        .map_err(|_| Error::Internal("scrypt output length"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert!(ScryptParams::new(17, 8, 1).is_ok());
        assert!(ScryptParams::new(10, 1, 1).is_ok());
        assert!(ScryptParams::new(20, 1, 1).is_ok());
        assert!(ScryptParams::new(9, 8, 1).is_err());
        assert!(ScryptParams::new(21, 1, 1).is_err());
        assert!(ScryptParams::new(40, 8, 1).is_err());
        assert!(ScryptParams::new(20, 8, 1).is_err()); // 1 GiB
        assert!(ScryptParams::new(17, 17, 1).is_err());
        assert!(ScryptParams::new(17, 8, 5).is_err());
        assert!(ScryptParams::new(17, 0, 1).is_err());
        assert!(ScryptParams::new(17, 8, 0).is_err());
        assert!(ScryptParams::new(u64::MAX, u64::MAX, u64::MAX).is_err());
    }
}
