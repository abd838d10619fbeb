//! `Credentials::from_json` on arbitrary bytes: never panics, and agrees with the `jsonschema`
//! crate as the oracle.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| integration_tests::fuzzing::credentials_from_json(data));
