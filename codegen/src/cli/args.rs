//! What the subcommands share: the exit codes, the default folders, the dialects by name,
//! and paths written with `/` on every platform.

use crate::Draft;

/// Exit code when everything is fine.
pub const EXIT_OK: u8 = 0;
/// Exit code of `check` when the generated crate is stale.
pub const EXIT_STALE: u8 = 1;
/// Exit code on any error.
pub const EXIT_ERROR: u8 = 2;

pub const DEFAULT_SCHEMA_DIR: &str = "schema";
pub const DEFAULT_OUT_DIR: &str = "generated";
pub const DEFAULT_CONFIG: &str = crate::config::FILE_NAME;

/// `--default-dialect`'s value.
pub fn parse_dialect(name: &str) -> Result<Draft, String> {
    Draft::from_name(name).ok_or_else(|| {
        format!("unknown dialect `{name}`; use draft-04, draft-06, draft-07, 2019-09 or 2020-12")
    })
}

pub fn slashed(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
