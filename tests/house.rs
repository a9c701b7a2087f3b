//! The shape of the application core: no file of `src/app/` imports,
//! directly or through others, a file that imports it back. Read from the
//! `use super::…` lines (and `super::name::` paths) of each file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each file of `src/app/` (by module name) and the sibling modules it uses.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let mut modules = BTreeMap::new();
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("src/app")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".rs").map(str::to_string))
        .filter(|n| n != "mod")
        .collect();
    for name in &names {
        let text = std::fs::read_to_string(dir.join(format!("{name}.rs"))).expect("a module");
        // Tests inside a module may use anything; they are not the house.
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut uses = BTreeSet::new();
        for (i, _) in code.match_indices("super::") {
            let rest = &code[i + "super::".len()..];
            let mut candidates: Vec<&str> = vec![];
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                candidates.extend(group.split(',').map(|s| s.trim()));
            } else {
                candidates.push(rest);
            }
            for c in candidates {
                let module: String = c
                    .chars()
                    .take_while(|ch| ch.is_alphanumeric() || *ch == '_')
                    .collect();
                if names.contains(&module) && &module != name {
                    uses.insert(module);
                }
            }
        }
        modules.insert(name.clone(), uses);
    }
    modules
}

#[test]
fn no_file_of_the_app_core_imports_itself_back() {
    let graph = imports();
    assert!(graph.len() > 10, "read the app's files: {graph:?}");
    assert!(graph["update"].contains("save"), "the reader sees imports");
    // Depth-first search for a cycle, naming it when found.
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node);
        for next in &graph[node] {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut vec![], &mut done) {
            panic!("a circle of imports in src/app: {}", cycle.join(" → "));
        }
    }
}
