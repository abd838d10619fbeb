//! The generator on arbitrary bytes taken as a schema: it returns `Ok` or `Err`, never panics.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| integration_tests::fuzzing::generator(data));
