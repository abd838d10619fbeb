//! No import cycles between source files (ARCHITECTURE.md): files that import each other,
//! directly or through others, can only be read, tested and changed as one.
//!
//! `cargo modules dependencies --acyclic` would check it, but it builds for minutes on CI
//! and reports cycles between a type and its own methods, not between files. So this test
//! parses each crate with `syn`, maps every file to its module, and draws an edge from file
//! A to file B for every path in A that names B's module or an item of it: `use` trees and
//! the paths of expressions, types, patterns and macro arguments. A path is resolved to the
//! longest prefix that is a module of the crate, so `crate::Error`, an item that `lib.rs`
//! re-exports, makes an edge to `lib.rs`: re-exports are code of the file that writes them.
//! `mod x;` makes no edge: it says where a module is, it imports nothing.
//!
//! Test-only code (`#[cfg(test)]`) is left out: unit tests import what they test and may
//! reach back, and they are not part of the product whose structure the rule is about.

mod paths;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use syn::Item;

use paths::{ModulePath, Reference, ident, path_attribute, test_only};

/// A package's source folder and the crates built from it.
struct Package {
    /// From the repository root.
    dir: &'static str,
    /// The library's root file, and the name the package's binaries call it by.
    lib: Option<(&'static str, &'static str)>,
    /// The binaries' root files.
    bins: &'static [&'static str],
}

const CHECKED: &[Package] = &[
    Package {
        dir: "codegen/src",
        lib: Some(("lib.rs", "codegen")),
        bins: &["main.rs"],
    },
    Package {
        dir: "codegen/runtime/src",
        lib: Some(("lib.rs", "schema_runtime")),
        bins: &[],
    },
    Package {
        dir: "validate/src",
        lib: None,
        bins: &["main.rs"],
    },
    // With its generated `schemas/`: they are the generator's output on the project's own
    // schema, read and compiled like the hand-written files, so a cycle there is a generator
    // bug this should catch, not noise to leave out.
    Package {
        dir: "generated/src",
        lib: Some(("lib.rs", "models")),
        bins: &[],
    },
];

/// For each pair of files (from, to) where the first uses the second, the paths that do.
type Edges = BTreeMap<(String, String), BTreeSet<String>>;

/// The names a module's `use` items bind to modules, in (module, name) → (crate, module).
type Aliases = BTreeMap<(ModulePath, String), (usize, ModulePath)>;

#[test]
fn no_source_files_import_each_other() {
    let root = integration_tests::repo_root();
    let report = cycle_report(&Crates::load(&root, CHECKED).edges());
    assert!(
        report.is_empty(),
        "import cycles between source files (ARCHITECTURE.md). In each, every file reaches \
         every other through the edges listed, each with the paths that make it; break one \
         edge of each, e.g. by importing an item from the file that defines it rather than \
         from a parent that re-exports it:\n{report}"
    );
}

/// Two files that use each other, one by a `use`, the other by a path in its code.
#[test]
fn a_cycle_is_reported_with_the_paths_that_make_it() {
    let tree = write_tree(&[
        ("src/lib.rs", "mod a;\nmod b;\n"),
        ("src/a.rs", "use crate::b::B;\npub struct A(B);\n"),
        (
            "src/b.rs",
            "pub struct B;\npub fn make() -> super::a::A {\n    super::a::A(B)\n}\n",
        ),
        ("src/main.rs", "fn main() {}\n"),
    ]);
    let report = cycle_report(&Crates::load(tree.path(), DEMO).edges());
    assert_eq!(
        report,
        "cycle 1 of 1: src/a.rs, src/b.rs\n  \
         src/a.rs -> src/b.rs (use crate::b::B)\n  \
         src/b.rs -> src/a.rs (super::a::A)\n"
    );
}

/// Every kind of path the analysis reads, in a tree without cycles.
#[test]
fn every_kind_of_path_is_an_edge_and_nothing_else_is() {
    let tree = write_tree(&[
        (
            "src/lib.rs",
            "pub mod model;\nmod parse;\nmod render;\n#[path = \"extra/tools.rs\"]\nmod tools;\npub use parse::parse;\n",
        ),
        (
            "src/model.rs",
            "pub struct Doc;\npub enum Kind { A, B }\n\
             #[cfg(test)]\nmod tests {\n    use crate::parse::parse;\n}\n\
             impl Doc {\n    #[cfg(all(test, unix))]\n    fn sample() -> Self { crate::parse() }\n}\n",
        ),
        (
            "src/parse.rs",
            "use crate::model::{self, Doc as D};\n\
             pub fn parse() -> D {\n    let _ = vec![model::Kind::A; 1];\n    D\n}\n",
        ),
        (
            "src/render/mod.rs",
            "mod html;\nuse self::html as page;\n\
             pub fn render(doc: &crate::model::Doc) -> String {\n    \
             assert!(matches!(super::model::Kind::A, crate::model::Kind::B if true));\n    \
             page::write(doc)\n}\n",
        ),
        (
            "src/render/html.rs",
            "pub(in crate::render) fn write(_: &crate::model::Doc) -> String {\n    \
             let _ = quote! { crate::render::render };\n    String::new()\n}\n",
        ),
        ("src/extra/tools.rs", "use crate::model::*;\n"),
        ("src/main.rs", "fn main() {\n    demo::parse();\n}\n"),
    ]);
    let edges = Crates::load(tree.path(), DEMO).edges();
    let expected: Edges = [
        (
            "src/extra/tools.rs",
            "src/model.rs",
            &["use crate::model::*"][..],
        ),
        ("src/lib.rs", "src/parse.rs", &["use parse::parse"]),
        ("src/main.rs", "src/lib.rs", &["demo::parse"]),
        (
            "src/parse.rs",
            "src/model.rs",
            &[
                "model::Kind::A",
                "use crate::model::Doc as D",
                "use crate::model::{self}",
            ],
        ),
        ("src/render/html.rs", "src/model.rs", &["crate::model::Doc"]),
        (
            "src/render/mod.rs",
            "src/model.rs",
            &[
                "crate::model::Doc",
                "crate::model::Kind::B",
                "super::model::Kind::A",
            ],
        ),
        (
            "src/render/mod.rs",
            "src/render/html.rs",
            &["page::write", "use self::html as page"],
        ),
    ]
    .into_iter()
    .map(|(from, to, paths)| {
        let paths = paths.iter().map(|path| path.to_string()).collect();
        ((from.to_string(), to.to_string()), paths)
    })
    .collect();
    assert_eq!(edges, expected);
    assert_eq!(cycle_report(&edges), "");
}

/// The fixtures' package: a library `demo` and a binary.
const DEMO: &[Package] = &[Package {
    dir: "src",
    lib: Some(("lib.rs", "demo")),
    bins: &["main.rs"],
}];

fn write_tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tree = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        let path = tree.path().join(path);
        let folder = path.parent().expect("a file is in a folder");
        std::fs::create_dir_all(folder).expect("the folder is writable");
        std::fs::write(&path, text).expect("the file is writable");
    }
    tree
}

/// The crates of some packages: their modules and their parsed files.
struct Crates {
    /// What file names in the report are relative to.
    root: PathBuf,
    /// For each crate, every module and the file it is written in (from the root, with `/`).
    modules: Vec<BTreeMap<ModulePath, String>>,
    /// For each crate, the other crate its paths may start with: a binary's library.
    library: Vec<Option<(String, usize)>>,
    files: Vec<SourceFile>,
}

struct SourceFile {
    krate: usize,
    name: String,
    module: ModulePath,
    syntax: syn::File,
}

impl Crates {
    fn load(root: &Path, packages: &[Package]) -> Crates {
        let mut crates = Crates {
            root: root.to_path_buf(),
            modules: Vec::new(),
            library: Vec::new(),
            files: Vec::new(),
        };
        for package in packages {
            let dir = root.join(package.dir);
            let library = package.lib.map(|(file, name)| {
                let krate = crates.add_crate(&dir.join(file), None);
                (name.to_string(), krate)
            });
            for bin in package.bins {
                crates.add_crate(&dir.join(bin), library.clone());
            }
        }
        crates
    }

    fn add_crate(&mut self, file: &Path, library: Option<(String, usize)>) -> usize {
        let krate = self.modules.len();
        self.modules.push(BTreeMap::new());
        self.library.push(library);
        self.add_file(krate, Vec::new(), file, true);
        krate
    }

    /// Reads a module's file and the files of the modules it declares. `owns_folder`: its
    /// submodules sit beside it (a crate root, `mod.rs`, a `#[path]` file), not in a folder
    /// named after it (`emit.rs` and `emit/`).
    fn add_file(&mut self, krate: usize, module: ModulePath, file: &Path, owns_folder: bool) {
        let text = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("{} (a declared module) is readable: {e}", file.display()));
        let syntax =
            syn::parse_file(&text).unwrap_or_else(|e| panic!("{} parses: {e}", file.display()));
        let name = file
            .strip_prefix(&self.root)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        let beside = file.parent().expect("a file is in a folder").to_path_buf();
        let folder = if owns_folder {
            beside.clone()
        } else {
            let stem = file.file_stem().expect("a .rs file has a stem");
            beside.join(stem)
        };
        self.modules[krate].insert(module.clone(), name.clone());
        self.declare(krate, &module, &name, &beside, &folder, &syntax.items);
        self.files.push(SourceFile {
            krate,
            name,
            module,
            syntax,
        });
    }

    /// Registers the modules that `items` declare, inline ones as part of `file`.
    /// `beside` is where a `#[path]` is relative to, `folder` where `mod x;` looks for `x`.
    fn declare(
        &mut self,
        krate: usize,
        module: &ModulePath,
        file: &str,
        beside: &Path,
        folder: &Path,
        items: &[Item],
    ) {
        for item in items {
            let Item::Mod(declaration) = item else {
                continue;
            };
            if test_only(&declaration.attrs) {
                continue;
            }
            let name = ident(&declaration.ident);
            let mut child = module.clone();
            child.push(name.clone());
            let path = path_attribute(&declaration.attrs);
            match &declaration.content {
                Some((_, items)) => {
                    self.modules[krate].insert(child.clone(), file.to_string());
                    let inner = folder.join(path.as_deref().unwrap_or(Path::new(&name)));
                    self.declare(krate, &child, file, &inner, &inner, items);
                }
                None => {
                    let (path, owns_folder) = match path {
                        Some(path) => (beside.join(path), true),
                        None => {
                            let flat = folder.join(format!("{name}.rs"));
                            if flat.exists() {
                                (flat, false)
                            } else {
                                (folder.join(&name).join("mod.rs"), true)
                            }
                        }
                    };
                    self.add_file(krate, child, &path, owns_folder);
                }
            }
        }
    }

    /// Every edge between two different files of the crates.
    fn edges(&self) -> Edges {
        let mut edges = Edges::new();
        for file in &self.files {
            let references = paths::references(&file.syntax, &file.module);
            let aliases = self.aliases(file.krate, &references);
            for reference in &references {
                let Some((krate, module, _)) = self.resolve(file.krate, &aliases, reference) else {
                    continue;
                };
                let target = &self.modules[krate][&module];
                if *target != file.name {
                    edges
                        .entry((file.name.clone(), target.clone()))
                        .or_default()
                        .insert(reference.text.clone());
                }
            }
        }
        edges
    }

    /// The modules that a file's `use` items bind names to, so that `use crate::emit;` then
    /// `emit::types::X` reaches `emit/types/`.
    fn aliases(&self, krate: usize, references: &[Reference]) -> Aliases {
        let mut aliases = Aliases::new();
        // An import may go through another (`use crate::emit; use emit::types;`).
        loop {
            let known = aliases.len();
            for reference in references {
                let Some(name) = &reference.binds else {
                    continue;
                };
                if let Some((target, module, true)) = self.resolve(krate, &aliases, reference) {
                    aliases.insert((reference.scope.clone(), name.clone()), (target, module));
                }
            }
            if aliases.len() == known {
                return aliases;
            }
        }
    }

    /// The innermost module that a path names or names an item of, and whether the path is
    /// that module itself. `None` for paths outside the crates: `std::`, locals, prelude.
    fn resolve(
        &self,
        krate: usize,
        aliases: &Aliases,
        reference: &Reference,
    ) -> Option<(usize, ModulePath, bool)> {
        let (first, rest) = reference.segments.split_first()?;
        let library = self.library[krate]
            .as_ref()
            .filter(|(name, _)| name == first)
            .map(|(_, library)| *library);
        let child = [reference.scope.clone(), vec![first.clone()]].concat();
        let (krate, mut module, rest) = if reference.global {
            (library?, Vec::new(), rest)
        } else if first == "crate" {
            (krate, Vec::new(), rest)
        } else if first == "self" || first == "super" {
            let mut module = reference.scope.clone();
            let mut rest = reference.segments.as_slice();
            if first == "self" {
                rest = &rest[1..];
            }
            while let Some((_, after)) = rest.split_first().filter(|(s, _)| *s == "super") {
                module.pop()?;
                rest = after;
            }
            (krate, module, rest)
        } else if self.modules[krate].contains_key(&child) {
            (krate, child, rest)
        } else if let Some((target, module)) =
            aliases.get(&(reference.scope.clone(), first.clone()))
        {
            (*target, module.clone(), rest)
        } else {
            (library?, Vec::new(), rest)
        };
        let rest = match rest.split_last() {
            Some((_, modules)) if reference.ends_in_item => modules,
            _ => rest,
        };
        let mut whole = true;
        for segment in rest {
            module.push(segment.clone());
            if !self.modules[krate].contains_key(&module) {
                module.pop();
                whole = false;
                break;
            }
        }
        Some((krate, module, whole))
    }
}

/// The groups of files that import each other, with the edges between them.
fn cycle_report(edges: &Edges) -> String {
    let mut graph = DiGraph::<&str, ()>::new();
    let mut nodes = BTreeMap::new();
    for (from, to) in edges.keys() {
        let from = *nodes.entry(from).or_insert_with(|| graph.add_node(from));
        let to = *nodes.entry(to).or_insert_with(|| graph.add_node(to));
        graph.add_edge(from, to, ());
    }
    let mut cycles: Vec<Vec<&str>> = tarjan_scc(&graph)
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| {
            let mut files: Vec<&str> = component.into_iter().map(|node| graph[node]).collect();
            files.sort_unstable();
            files
        })
        .collect();
    cycles.sort();
    let mut report = String::new();
    for (number, files) in cycles.iter().enumerate() {
        let count = cycles.len();
        writeln!(
            report,
            "cycle {} of {count}: {}",
            number + 1,
            files.join(", ")
        )
        .expect("a String takes any text");
        for ((from, to), paths) in edges {
            if files.contains(&from.as_str()) && files.contains(&to.as_str()) {
                let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
                writeln!(report, "  {from} -> {to} ({})", paths.join("; "))
                    .expect("a String takes any text");
            }
        }
    }
    report
}
