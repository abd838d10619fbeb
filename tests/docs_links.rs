//! The README is a front door to the guide in `docs/`, and the pages link to each other and
//! into the repository. Every relative link or image of the README, `ARCHITECTURE.md` and
//! every `docs/*.md` page must reach a file, and every `#fragment` a heading of the page it
//! names, by GitHub's slug of the heading. The guide's pages are all reachable from the
//! README, and every page with Rust examples is compiled as doctests of the model crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// What a page holds that other pages rely on.
#[derive(Default)]
struct Page {
    /// Every link and image target, with the line it is on.
    links: Vec<(usize, String)>,
    /// GitHub's anchor of every heading, in order, duplicates numbered as GitHub does.
    anchors: BTreeSet<String>,
    /// The info string of every code block; `None` for an indented block.
    code_blocks: Vec<Option<String>>,
}

/// The anchor GitHub gives a heading: its text in lower case, every character that is not a
/// letter, a digit, a space, `-` or `_` removed, and each space turned into `-`.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

fn parse(text: &str) -> Page {
    let mut page = Page::default();
    let mut heading: Option<String> = None;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                page.links
                    .push((line_of(range.start), dest_url.to_string()));
            }
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(part) | Event::Code(part) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&part);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let base = slug(&heading.take().unwrap_or_default());
                // GitHub numbers a repeated anchor: `notes`, `notes-1`, `notes-2`.
                let count = seen.entry(base.clone()).or_insert(0);
                let anchor = if *count == 0 {
                    base.clone()
                } else {
                    format!("{base}-{count}")
                };
                *count += 1;
                page.anchors.insert(anchor);
            }
            Event::Start(Tag::CodeBlock(kind)) => page.code_blocks.push(match kind {
                CodeBlockKind::Fenced(info) => Some(info.to_string()),
                CodeBlockKind::Indented => None,
            }),
            _ => {}
        }
    }
    page
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The guide's pages, `docs/*.md`, sorted.
fn guide(root: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ is readable")
        .map(|entry| entry.expect("docs/ is readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    pages.sort();
    pages
}

/// The pages whose links are checked.
fn pages(root: &Path) -> Vec<PathBuf> {
    let mut pages = vec![root.join("README.md"), root.join("ARCHITECTURE.md")];
    pages.extend(guide(root));
    pages
}

/// A path from the repository root, with `.` and `..` resolved, for messages and comparisons.
fn relative(root: &Path, path: &Path) -> String {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
        .strip_prefix(root)
        .unwrap_or(&normal)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Whether a link leaves the repository: those are not checked.
fn is_external(target: &str) -> bool {
    ["http:", "https:", "mailto:"]
        .iter()
        .any(|scheme| target.starts_with(scheme))
}

/// Every broken relative link of the pages, as `page:line: target (why)`.
fn broken_links(root: &Path) -> Vec<String> {
    let mut parsed: BTreeMap<PathBuf, Page> = BTreeMap::new();
    let mut broken = Vec::new();
    for page_path in pages(root) {
        let page = parse(&read(&page_path));
        let dir = page_path.parent().expect("a page is in a folder");
        for (line, target) in &page.links {
            if is_external(target) {
                continue;
            }
            let (path, fragment) = match target.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (target.as_str(), None),
            };
            let resolved = if path.is_empty() {
                page_path.clone()
            } else if let Some(from_root) = path.strip_prefix('/') {
                root.join(from_root)
            } else {
                dir.join(path)
            };
            let at = format!("{}:{line}: {target}", relative(root, &page_path));
            if !resolved.exists() {
                broken.push(format!("{at} (no such file)"));
                continue;
            }
            let Some(fragment) = fragment else { continue };
            if resolved.extension().is_none_or(|ext| ext != "md") {
                continue;
            }
            let anchors = &parsed
                .entry(resolved.clone())
                .or_insert_with(|| parse(&read(&resolved)))
                .anchors;
            if !anchors.contains(fragment) {
                broken.push(format!(
                    "{at} (no heading of {} has the anchor `{fragment}`)",
                    relative(root, &resolved)
                ));
            }
        }
    }
    broken
}

#[test]
fn every_relative_link_reaches_a_file_and_a_heading() {
    let broken = broken_links(&integration_tests::repo_root());
    assert!(
        broken.is_empty(),
        "broken links (page:line: target):\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_guide_page_is_linked_from_the_readme_and_the_index() {
    let root = integration_tests::repo_root();
    let targets = |page: &Path| -> BTreeSet<String> {
        let dir = page.parent().expect("a page is in a folder");
        parse(&read(page))
            .links
            .into_iter()
            .filter(|(_, target)| !is_external(target))
            .map(|(_, target)| {
                let path = target.split('#').next().unwrap_or_default().to_string();
                relative(&root, &dir.join(path))
            })
            .collect()
    };
    let readme = targets(&root.join("README.md"));
    let index = targets(&root.join("docs/README.md"));
    let mut unlinked = Vec::new();
    for page in guide(&root) {
        let page = relative(&root, &page);
        if !readme.contains(&page) {
            unlinked.push(format!("README.md does not link to {page}"));
        }
        if page != "docs/README.md" && !index.contains(&page) {
            unlinked.push(format!("docs/README.md does not link to {page}"));
        }
    }
    assert!(unlinked.is_empty(), "{}", unlinked.join("\n"));
}

/// rustdoc compiles a code block of an included page as Rust unless its info string names
/// another language, so every block names its language, and every page with Rust blocks is
/// included as doctests of the model crate (`generated/src/lib.rs`).
#[test]
fn every_rust_example_is_a_doctest() {
    let root = integration_tests::repo_root();
    let lib = read(&root.join("generated/src/lib.rs"));
    let mut problems = Vec::new();
    let mut pages = vec![root.join("README.md")];
    pages.extend(guide(&root));
    for page_path in pages {
        let page = relative(&root, &page_path);
        let mut has_rust = false;
        for info in parse(&read(&page_path)).code_blocks {
            let language = info
                .as_deref()
                .and_then(|info| info.split([',', ' ']).next())
                .unwrap_or_default();
            if language.is_empty() {
                problems.push(format!(
                    "{page}: a code block names no language (rustdoc would compile it as Rust)"
                ));
            }
            has_rust |= language == "rust";
        }
        let include = format!("include_str!(\"../../{page}\")");
        if has_rust && !lib.contains(&include) {
            problems.push(format!(
                "{page} has Rust examples, but generated/src/lib.rs has no `#[doc = {include}]`"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn slugs_are_githubs() {
    assert_eq!(
        slug("What a change means: `codegen diff`"),
        "what-a-change-means-codegen-diff"
    );
    assert_eq!(
        slug("Several files, and what turns into which type"),
        "several-files-and-what-turns-into-which-type"
    );
    assert_eq!(
        slug("Upstream: Credentials from the published API"),
        "upstream-credentials-from-the-published-api"
    );
    assert_eq!(
        slug("In your own OpenAPI documents: `schemars`"),
        "in-your-own-openapi-documents-schemars"
    );
    assert_eq!(
        slug("snake_case and kebab-case"),
        "snake_case-and-kebab-case"
    );
    assert_eq!(slug("Größe (µs)"), "größe-µs");
}

#[test]
fn headings_are_found_with_their_markup_and_repeats_numbered() {
    let page = parse(
        "# Title\n\n## What a change means: `codegen diff`\n\n## Notes\n\n## Notes\n\n\
         ```text\n# not a heading\n```\n\n[a](b.md#c) ![i](img.png) `[not](a-link.md)`\n",
    );
    let anchors: Vec<&str> = page.anchors.iter().map(String::as_str).collect();
    assert_eq!(
        anchors,
        [
            "notes",
            "notes-1",
            "title",
            "what-a-change-means-codegen-diff"
        ]
    );
    let links: Vec<&str> = page.links.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(links, ["b.md#c", "img.png"]);
    assert_eq!(page.code_blocks, [Some("text".to_string())]);
}
