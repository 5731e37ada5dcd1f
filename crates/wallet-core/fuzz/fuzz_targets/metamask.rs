#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wallet_core_fuzz::targets::metamask(data));
