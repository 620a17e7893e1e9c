//! No import cycles: within each crate, the top-level modules (and the page's components)
//! depend on each other in one direction only, so each can be read, tested and moved on
//! its own. Reads the sources' `crate::…` and `super::…` paths; a cycle fails with its path.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

pub(crate) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The identifiers that follow `prefix` in `text` (`crate::` → `sim` in `crate::sim::X`).
fn after(text: &str, prefix: &str) -> BTreeSet<String> {
    text.match_indices(prefix)
        .map(|(i, _)| {
            text[i + prefix.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Module → the sibling modules it names, for the modules directly under `root`.
fn graph(root: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let mut g = Graph::new();
    for f in files {
        let rel = f.strip_prefix(root).unwrap().with_extension("");
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let top = parts[0].clone();
        if ["lib", "main", "mod"].contains(&top.as_str()) {
            continue; // the root declares every module; it is not one of them
        }
        let text = fs::read_to_string(&f).unwrap();
        let mut deps = after(&text, "crate::");
        if parts.len() == 1 {
            deps.extend(after(&text, "super::")); // a sibling, seen from a top-level file
        }
        deps.remove(&top);
        g.entry(top).or_default().extend(deps);
    }
    g
}

fn find_cycle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut cycle = path[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in g
            .get(n)
            .into_iter()
            .flatten()
            .filter(|m| g.contains_key(*m))
        {
            if let Some(c) = visit(m, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|n| visit(n, g, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        "crates/sim/src",
        "crates/model/src",
        "src/ui",
        "src/ui/components",
    ] {
        let g = graph(&root.join(dir));
        assert!(g.len() > 3, "{dir}: only {} modules found", g.len());
        if let Some(cycle) = find_cycle(&g) {
            panic!("{dir}: import cycle {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut g = Graph::new();
    for (a, b) in [
        ("state", "diagram"),
        ("diagram", "ring"),
        ("ring", "state"),
        ("x", "state"),
    ] {
        g.entry(a.into()).or_default().insert(b.into());
    }
    g.entry("x".into()).or_default();
    let cycle = find_cycle(&g).expect("a cycle");
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 4);
    g.get_mut("ring").unwrap().clear();
    assert_eq!(find_cycle(&g), None);
}
