//! The `codegen` binary end to end, as a user drives it, on temporary copies of the
//! repository: the command line, and schema evolution.

mod cli;
mod evolution;
mod sandbox;
