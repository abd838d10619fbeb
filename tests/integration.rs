//! The integration tests of the generator and the checked-in models, in one binary.

mod architecture;
mod build_time;
mod compat;
mod dependencies;
mod differential;
mod docs_links;
mod drift;
mod examples;
pub mod fixtures;
mod fuzz_regressions;
mod hostile;
mod import_cycles;
mod round_trip;
mod validation;
