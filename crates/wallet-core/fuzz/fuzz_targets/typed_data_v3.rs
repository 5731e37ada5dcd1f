#![no_main]

use wallet_core::typed_data::TypedDataVersion;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wallet_core_fuzz::targets::typed_data(data, TypedDataVersion::V3)
});
