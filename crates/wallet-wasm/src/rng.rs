//! The browser's CSPRNG (`crypto.getRandomValues`, through getrandom's `wasm_js` backend) as the
//! `CryptoRng` the core asks for.

use wallet_core::rand_core::{self, CryptoRng, RngCore};

/// `crypto.getRandomValues` (the OS generator natively).
#[derive(Debug, Default, Clone, Copy)]
pub struct JsRng;

impl RngCore for JsRng {
    fn next_u32(&mut self) -> u32 {
        rand_core::impls::next_u32_via_fill(self)
    }

    fn next_u64(&mut self) -> u64 {
        rand_core::impls::next_u64_via_fill(self)
    }

    /// The core only calls `try_fill_bytes`. This infallible form cannot report a failure
    /// and must never hand out unfilled bytes, so it aborts (traps) instead.
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        if getrandom::fill(dest).is_err() {
            std::process::abort();
        }
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        getrandom::fill(dest).map_err(|e| {
            let code =
                core::num::NonZeroU32::new(e.raw_os_error().map_or(1, i32::unsigned_abs).max(1))
                    .unwrap_or(core::num::NonZeroU32::MIN);
            rand_core::Error::from(code)
        })
    }
}

impl CryptoRng for JsRng {}
