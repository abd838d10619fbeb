//! A temporary copy of the repository's `schema/` and `generated/`, and the `codegen`
//! binary run in it, for end-to-end tests of the generator.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_codegen");

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ sits in the repository root")
        .to_path_buf()
}

/// A copy of `schema/`, `generated/` and `codegen.toml` in a temporary folder.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = repo_root();
        copy_tree(&root.join("schema"), &dir.path().join("schema"));
        copy_tree(&root.join("generated"), &dir.path().join("generated"));
        std::fs::copy(root.join("codegen.toml"), dir.path().join("codegen.toml")).unwrap();
        Sandbox { dir }
    }

    /// Writes `settings` as `codegen.toml`, followed by the repository's own settings, which
    /// the checked-in Credentials model and its hand-written lifecycle rely on (so the
    /// settings' line numbers in errors are the test's own).
    pub fn write_config(&self, settings: &str) {
        let own = std::fs::read_to_string(repo_root().join("codegen.toml")).unwrap();
        std::fs::write(self.path("codegen.toml"), format!("{settings}\n{own}")).unwrap();
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn codegen(&self, args: &[&str]) -> Run {
        let output = Command::new(BIN)
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        Run::from(output)
    }

    /// The Credentials schema as the generator reads it (its refinement of `vault.yml`
    /// merged), so that a test can edit it and write it back as a standalone schema.
    pub fn schema(&self) -> serde_json::Value {
        let text = std::fs::read(self.path("generated/schema/credentials.json")).unwrap();
        let mut schema: serde_json::Value = serde_json::from_slice(&text).unwrap();
        schema.as_object_mut().unwrap().remove("$comment");
        schema
    }

    pub fn write_schema(&self, text: &str) {
        std::fs::write(self.path("schema/credentials.json"), text).unwrap();
    }

    /// `cargo <args>` in the sandbox, as a user builds the generated crate: offline, under
    /// `-D warnings`, in `target/user-build`. Every user build shares that folder: each
    /// sandbox's `models` is another package (its path differs), so their artifacts never
    /// mix, and the dependencies are compiled once for all. It is not the workspace's
    /// target, which the outer `cargo test` holds.
    pub fn cargo(&self, args: &[&str]) -> Output {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        // Right after the subcommand, so that arguments after `--` stay the program's.
        let (command, rest) = args.split_first().expect("a cargo subcommand");
        Command::new(cargo)
            .arg(command)
            .args(["--offline", "--quiet"])
            .args(rest)
            .env("CARGO_TARGET_DIR", repo_root().join("target/user-build"))
            .env("RUSTFLAGS", "-D warnings")
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    /// Writes `source` as the generated crate's binary `name` (a user's program on the
    /// models), runs it and returns its standard output; fails the test if it fails.
    pub fn run_program(&self, name: &str, source: &str) -> String {
        let bin = self.path("generated/src/bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::write(bin.join(format!("{name}.rs")), source).unwrap();
        let output = self.cargo(&["run", "-p", "models", "--bin", name]);
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            output.status.success(),
            "the user's program `{name}` fails:\n{}{stdout}",
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
    }

    /// Every file under `generated/`, by relative path.
    pub fn generated(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        snapshot(&self.path("generated"), Path::new(""), &mut files);
        files
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code().expect("codegen exited by a signal"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn snapshot(dir: &Path, relative: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let rel = relative.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            snapshot(&entry.path(), &rel, files);
        } else {
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
}
