//! The crate's top-level modules import each other without a cycle, and each stage of the
//! pipeline (split, tokenize, normalize, classify, parse, diff, report and draft) builds on
//! the ones before it only: [`STAGES`] lists them in order, and a module may import only the
//! modules listed before it. Read from the sources: every `crate::name` outside comments
//! and test modules is an import of the module `name`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every top-level module, in the order of the stages: each may import the ones before it.
/// A new module must be added here, at the place of its stage.
const STAGES: &[&str] = &[
    "error",     // the error type every stage returns
    "split",     // text → statements
    "tokenize",  // statement → tokens (the only stage that calls sqlparser's tokenizer)
    "normalize", // tokens → canonical text for comparison
    "classify",  // tokens → the objects a statement defines or changes
    "parse",     // one side: split, tokenize and classify (the reference)
    "fast",      // both sides at once, each giving what `parse` gives
    "diff",      // two parsed sides → the changes
    "report",    // changes → text for people (and notes on them)
    "migrate",   // changes → a draft migration
    "statement", // the public statement list
    "compare",   // the options and the entry that runs the stages in order
    "assert",    // test-suite macros
    "conninfo",  // connection strings (for the PostgreSQL helpers)
    "pg",        // pg_dump and psql
    "scratch",   // throwaway PostgreSQL clusters
];

/// Each top-level module (a file in `src/`, or a directory with its files) and the
/// top-level modules its code names.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            for inner in std::fs::read_dir(&path).unwrap() {
                files.push(inner.unwrap().path());
            }
        } else {
            files.push(path);
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in files {
        let rel = path.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let top = top.strip_suffix(".rs").unwrap_or(top).to_string();
        let name = path.file_name().unwrap().to_str().unwrap();
        if path.extension().is_none_or(|e| e != "rs")
            || matches!(top.as_str(), "lib" | "main")
            || name == "tests.rs"
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let names = graph.entry(top.clone()).or_default();
        for line in text.lines() {
            // A file's test module is its last item.
            if line.trim() == "#[cfg(test)]" {
                break;
            }
            let code = line.split("//").next().unwrap_or_default();
            for (at, _) in code.match_indices("crate::") {
                let rest = &code[at + "crate::".len()..];
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                assert!(
                    end > 0,
                    "{}: a grouped `crate::{{…}}` import",
                    rel.display()
                );
                if rest[..end] != top {
                    names.insert(rest[..end].to_string());
                }
            }
        }
    }
    // Names that are no module (items of the crate's root, such as `crate::diff_files`).
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for names in graph.values_mut() {
        names.retain(|n| modules.contains(n));
    }
    graph
}

/// A cycle through `from`, as the modules along it.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    // Depth-first: the path from `from` to the module on top of the stack.
    let mut path = vec![from.to_string()];
    let mut stack = vec![graph[from].iter()];
    let mut seen = BTreeSet::new();
    while let Some(next) = stack.last_mut() {
        match next.next() {
            Some(m) if m == from => return Some(path),
            Some(m) if seen.insert(m.clone()) => {
                path.push(m.clone());
                stack.push(graph[m].iter());
            }
            Some(_) => {}
            None => {
                stack.pop();
                path.pop();
            }
        }
    }
    None
}

#[test]
fn top_level_modules_import_each_other_without_a_cycle() {
    let graph = imports();
    assert!(graph.len() > 10, "{graph:?}");
    assert!(graph["diff"].contains("classify"), "{:?}", graph["diff"]);
    let cycles: Vec<_> = graph.keys().filter_map(|m| cycle_from(&graph, m)).collect();
    assert!(cycles.is_empty(), "import cycles: {cycles:?}");
}

#[test]
fn no_module_imports_a_later_stage() {
    let graph = imports();
    let modules: BTreeSet<&str> = graph.keys().map(String::as_str).collect();
    let listed: BTreeSet<&str> = STAGES.iter().copied().collect();
    assert_eq!(modules, listed, "add new modules to STAGES at their stage");
    let rank = |m: &str| STAGES.iter().position(|s| *s == m).unwrap();
    let later: Vec<String> = graph
        .iter()
        .flat_map(|(m, names)| {
            names
                .iter()
                .filter(|n| rank(n) > rank(m))
                .map(move |n| format!("{m} imports {n}"))
        })
        .collect();
    assert!(later.is_empty(), "imports from a later stage: {later:?}");
}

#[test]
fn a_cycle_is_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", &["b"][..]),
        ("b", &["c"]),
        ("c", &["a"]),
        ("d", &["a"]),
    ]
    .into_iter()
    .map(|(m, n)| (m.into(), n.iter().map(|s| s.to_string()).collect()))
    .collect();
    assert_eq!(cycle_from(&graph, "a").unwrap(), ["a", "b", "c"]);
    assert_eq!(cycle_from(&graph, "d"), None);
}
