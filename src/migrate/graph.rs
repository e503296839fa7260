//! The objects of each side of a migration and what each depends on, read from the dumps'
//! statements by the names they contain.
//!
//! The graph is built from what the comparison parsed (`Sources`, kept in the diff when the
//! dumps differ: tokens, entries, facts and the statements' texts), never by parsing the
//! dumps again. The only text it tokenizes is the body of a `LANGUAGE sql` routine, which
//! the comparison read as one string token.
//!
//! A node is an object or a part of one, as the comparison names them (a table, one of its
//! columns, constraints, indexes, triggers…); an `ALTER INDEX … ATTACH PARTITION` is a node of
//! its own. A node depends on its object, and on every object or part whose name its tokens
//! write: qualified names (`public.t`, `public.t.c`, `public.f(…)`), unqualified ones read in
//! `public` or the object's schema, and `'name'::regclass` literals (`nextval('public.s'…)`).
//! On top of the names:
//! - a foreign key depends on the primary keys, unique constraints and unique indexes of the
//!   table it references, and a view on those of the relations it reads (a `GROUP BY` of a
//!   primary key lets it select the table's other columns);
//! - a view or materialized view depends on the columns, of the relations it reads, whose
//!   names it writes;
//! - an index's `ATTACH PARTITION` depends on the parent index, the partition's index and the
//!   partition's place in its parent (`ALTER TABLE … ATTACH PARTITION`);
//! - a `LANGUAGE sql` routine depends on what the names in its body name.
//!
//! An edge too many only constrains the order of the draft.

use std::sync::Arc;

use crate::classify::object::{ObjectKey, ObjectKind, unquote_ident, unquoted_schema};
use crate::classify::{Entry, Parent};
use crate::diff::change::Sources;
use crate::fast::hash::{FastHashMap as HashMap, FastHashSet as HashSet};
use crate::parse::Kept;
use crate::tokenize::{Tok, tokenize};

/// An object or a part of one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Node {
    pub ns: ObjectKind,
    pub object: Arc<str>,
    pub kind: ObjectKind,
    pub part: Box<str>,
    /// An `ALTER INDEX … ATTACH PARTITION` of the index part, apart from its `CREATE INDEX`.
    pub attach: bool,
}

impl Node {
    /// The node of a whole object (its definition), which its parts' nodes belong to.
    fn whole(ns: ObjectKind, object: Arc<str>) -> Self {
        Node {
            ns,
            object,
            kind: ObjectKind::Definition,
            part: "".into(),
            attach: false,
        }
    }
}

pub(super) type Id = u32;

/// The text of a part inside its statement ([`Side::part_text`]), where the dump has it: as
/// `&str`, it takes the comparison's tokens (see `known`).
#[derive(Debug, Clone, Copy)]
pub(super) struct PartText<'a>(&'a str);

impl std::ops::Deref for PartText<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.0
    }
}

impl std::fmt::Display for PartText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// The nodes of both sides (one numbering) and each side's edges.
pub(super) struct Graph<'a> {
    pub nodes: Vec<Node>,
    ids: HashMap<Node, Id>,
    /// Left, then right.
    pub sides: [Side<'a>; 2],
}

/// One side's objects, their statements and edges.
pub(super) struct Side<'a> {
    /// The side as the comparison parsed it.
    pub parsed: &'a Kept,
    /// The statement that starts at each line.
    line_stmt: HashMap<u32, u32>,
    /// What each node depends on.
    deps: HashMap<Id, Vec<Id>>,
    /// What depends on each node.
    rdeps: HashMap<Id, Vec<Id>>,
    /// Each object's statements, in dump order, by the object's node.
    pub object_stmts: HashMap<Id, Vec<u32>>,
    /// Each object's nodes, itself first, by the object's node.
    pub object_nodes: HashMap<Id, Vec<Id>>,
    /// Each statement's nodes.
    stmt_nodes: HashMap<u32, Vec<Id>>,
    /// Each node's statements, in dump order.
    node_stmts: HashMap<Id, Vec<u32>>,
    /// Each object's kind, from the statement that creates it.
    kinds: HashMap<Id, ObjectKind>,
    /// The first entry of each node.
    node_entry: HashMap<Id, u32>,
}

const NONE: &[Id] = &[];

impl<'a> Side<'a> {
    pub fn deps(&self, n: Id) -> &[Id] {
        self.deps.get(&n).map_or(NONE, Vec::as_slice)
    }

    pub fn dependents(&self, n: Id) -> &[Id] {
        self.rdeps.get(&n).map_or(NONE, Vec::as_slice)
    }

    pub fn has(&self, n: Id) -> bool {
        self.deps.contains_key(&n)
    }

    /// The statement that starts at `line`.
    pub fn stmt_at(&self, line: u32) -> Option<u32> {
        self.line_stmt.get(&line).copied()
    }

    /// The nodes a statement speaks of.
    pub fn stmt_nodes(&self, stmt: u32) -> &[Id] {
        self.stmt_nodes.get(&stmt).map_or(NONE, Vec::as_slice)
    }

    /// The kind of an object, by its node.
    pub fn kind(&self, object: Id) -> Option<ObjectKind> {
        self.kinds.get(&object).copied()
    }

    /// The text of a node inside a statement of several (a constraint inside `CREATE
    /// TABLE`), and its first line; none when the node is its statement.
    pub fn part_text(&self, n: Id) -> Option<(PartText<'a>, u32)> {
        let e = &self.parsed.entries[*self.node_entry.get(&n)? as usize];
        let crate::classify::Shown::Tokens(range) = e.shown.get() else {
            return None;
        };
        let s = self.parsed.stmt(e.stmt);
        let from = s.offset(range.start as usize)?;
        let to = s.offset(range.end as usize).unwrap_or(s.text.len());
        let text = s.text.get(from..to.max(from))?;
        let text = text.trim_end().trim_end_matches(',').trim_end();
        let line = s.line(range.start as usize)?;
        Some((PartText(text), line))
    }

    /// The statements of a node, in dump order.
    pub fn node_stmts(&self, n: Id) -> &[u32] {
        self.node_stmts.get(&n).map_or(&[], Vec::as_slice)
    }

    /// A statement's text and first line.
    pub fn stmt_text(&self, stmt: u32) -> (&str, u32) {
        let s = self.parsed.stmt(stmt);
        (s.text.trim_end(), s.start.line)
    }
}

impl<'a> Graph<'a> {
    /// Both sides' graphs, from what the comparison parsed (see `Comparer::run`).
    pub fn new(sources: &'a Sources) -> Self {
        let (l, r) = (sources.side(0), sources.side(1));
        let mut nodes = Vec::new();
        let mut ids = HashMap::default();
        let left = side(l, &mut nodes, &mut ids);
        let right = side(r, &mut nodes, &mut ids);
        Graph {
            nodes,
            ids,
            sides: [left, right],
        }
    }

    /// The id of a node of either side.
    pub fn id(&self, node: &Node) -> Option<Id> {
        self.ids.get(node).copied()
    }

    /// The node of an object.
    pub fn object(&self, ns: ObjectKind, name: &str) -> Option<Id> {
        self.id(&Node::whole(ns, name.into()))
    }

    /// The object a node is a part of.
    pub fn object_of(&self, n: Id) -> Option<Id> {
        let node = &self.nodes[n as usize];
        self.object(node.ns, &node.object)
    }
}

fn intern(nodes: &mut Vec<Node>, ids: &mut HashMap<Node, Id>, node: Node) -> Id {
    if let Some(&id) = ids.get(&node) {
        return id;
    }
    let id = nodes.len() as Id;
    nodes.push(node.clone());
    ids.insert(node, id);
    id
}

/// What the names of one side stand for.
#[derive(Default)]
struct Names {
    /// A qualified name (a routine's without its arguments; see `name_key`) → the nodes of
    /// that name.
    names: HashMap<String, Vec<Id>>,
    /// A relation's node → its columns: (name as PostgreSQL reads it, node).
    columns: HashMap<Id, Vec<(String, Id)>>,
    /// A relation's node → its primary key, unique constraints and unique indexes.
    uniques: HashMap<Id, Vec<Id>>,
    /// A table's node → its places as a partition.
    partitions: HashMap<Id, Vec<Id>>,
    /// An index's qualified name → its table's node.
    index_table: HashMap<String, Id>,
}

impl Names {
    fn add(&mut self, name: String, id: Id) {
        let v = self.names.entry(name).or_default();
        if !v.contains(&id) {
            v.push(id);
        }
    }
}

fn key_of(e: &Entry, index_tables: &HashMap<&str, &ObjectKey>) -> ObjectKey {
    match &e.parent {
        Parent::Key(k) => k.clone(),
        Parent::IndexOf(idx) => match index_tables.get(&**idx) {
            Some(k) => (*k).clone(),
            None => ObjectKey {
                ns: ObjectKind::Table,
                name: (**idx).into(),
            },
        },
    }
}

/// The tokens of an entry, in its canonical pieces.
fn entry_toks<'t>(p: &'t Kept, e: &Entry) -> Vec<&'t [Tok]> {
    let toks = &p.stmts[e.stmt as usize].tokens.toks;
    e.canon
        .ranges()
        .filter_map(|r| toks.get(r.start as usize..r.end as usize))
        .collect()
}

fn side<'a>(parsed: &'a Kept, nodes: &mut Vec<Node>, ids: &mut HashMap<Node, Id>) -> Side<'a> {
    use ObjectKind::*;
    let index_tables: HashMap<&str, &ObjectKey> = parsed
        .facts
        .index_tables
        .iter()
        .map(|(i, t)| (i.as_str(), t))
        .collect();
    let mut names = Names::default();
    let mut entry_node = Vec::with_capacity(parsed.entries.len());
    let mut object_stmts: HashMap<Id, Vec<u32>> = HashMap::default();
    let mut object_nodes: HashMap<Id, Vec<Id>> = HashMap::default();
    let mut stmt_nodes: HashMap<u32, Vec<Id>> = HashMap::default();
    let mut node_stmts: HashMap<Id, Vec<u32>> = HashMap::default();
    let mut kinds: HashMap<Id, ObjectKind> = HashMap::default();
    let mut node_entry: HashMap<Id, u32> = HashMap::default();
    let mut entry_object = Vec::with_capacity(parsed.entries.len());
    for e in &parsed.entries {
        let key = key_of(e, &index_tables);
        let toks = &parsed.stmts[e.stmt as usize].tokens.toks;
        let attach = e.part.kind == Index
            && toks.first().is_some_and(|t| t.is_word("alter"))
            && toks.iter().any(|t| t.is_word("attach"));
        let object = intern(nodes, ids, Node::whole(key.ns, Arc::clone(&key.name)));
        let id = intern(
            nodes,
            ids,
            Node {
                ns: key.ns,
                object: Arc::clone(&key.name),
                kind: e.part.kind,
                part: e.part.name.clone(),
                attach,
            },
        );
        node_entry.entry(id).or_insert(entry_node.len() as u32);
        entry_node.push(id);
        entry_object.push(object);
        if e.defines {
            let k = kinds.entry(object).or_insert(e.kind);
            *k = (*k).min(e.kind);
        }
        let on = object_nodes.entry(object).or_insert_with(|| vec![object]);
        if !on.contains(&id) {
            on.push(id);
        }
        let os = object_stmts.entry(object).or_default();
        if os.last() != Some(&e.stmt) {
            os.push(e.stmt);
        }
        let ns = node_stmts.entry(id).or_default();
        if ns.last() != Some(&e.stmt) {
            ns.push(e.stmt);
        }
        let sn = stmt_nodes.entry(e.stmt).or_default();
        if !sn.contains(&id) {
            sn.push(id);
        }
        // What names stand for.
        if id == object && key.ns != Other {
            names.add(name_key(&key.name), object);
        }
        match e.part.kind {
            Column => {
                names.add(name_key(&e.part.name), id);
                let local = e
                    .part
                    .name
                    .strip_prefix(&*key.name)
                    .and_then(|n| n.strip_prefix('.'))
                    .unwrap_or(&e.part.name);
                let cols = names.columns.entry(object).or_default();
                if !cols.iter().any(|&(_, c)| c == id) {
                    cols.push((unquote_ident(local).into_owned(), id));
                }
            }
            Index if !attach => {
                names.add(name_key(&e.part.name), id);
                names.index_table.insert(e.part.name.to_string(), object);
                if toks.get(1).is_some_and(|t| t.is_word("unique")) {
                    names.uniques.entry(object).or_default().push(id);
                }
            }
            Constraint => {
                let qualified = match crate::classify::object::schema_part(&key.name) {
                    Some(s) => format!("{s}.{}", e.part.name),
                    None => e.part.name.to_string(),
                };
                names.add(name_key(&qualified), id);
                let own = entry_toks(parsed, e);
                let has = |w: &str| own.iter().any(|p| p.iter().any(|t| t.is_word(w)));
                if (has("primary") || has("unique") || has("exclude")) && !has("references") {
                    names.uniques.entry(object).or_default().push(id);
                    names.index_table.insert(qualified, object);
                }
            }
            Partition => names.partitions.entry(object).or_default().push(id),
            _ => {}
        }
    }
    let mut deps: HashMap<Id, Vec<Id>> = HashMap::default();
    let mut found = Vec::new();
    for (k, e) in parsed.entries.iter().enumerate() {
        let (id, object) = (entry_node[k], entry_object[k]);
        let key = key_of(e, &index_tables);
        let d = deps.entry(id).or_default();
        if id != object {
            d.push(object);
        }
        if e.part.kind == Privileges || e.part.kind == Owner || e.part.kind == Data {
            continue;
        }
        let schema = unquoted_schema(&key.name);
        let pieces = entry_toks(parsed, e);
        found.clear();
        let mut words: HashSet<&str> = HashSet::default();
        let is_view = e.part.kind == Definition && matches!(e.kind, View | MaterializedView);
        let sql_routine = e.part.kind == Definition
            && matches!(e.kind, Function | Procedure)
            && pieces.iter().any(|p| {
                p.windows(2)
                    .any(|w| w[0].is_word("language") && w[1].is_word("sql"))
            });
        let mut bodies = Vec::new();
        for p in &pieces {
            references(p, &schema, &names, &mut found);
            if is_view {
                words.extend(p.iter().filter_map(Tok::ident));
            }
            if sql_routine {
                bodies.extend(p.iter().filter_map(|t| match t {
                    Tok::Dollar(b) | Tok::Str(_, b) => Some(b),
                    _ => None,
                }));
            }
        }
        // A body is one string token to the comparison: its statements are read here, the
        // only input the graph tokenizes.
        for body in bodies {
            for raw in crate::split::split(body).unwrap_or_default() {
                if let Ok(t) = tokenize(&raw) {
                    references(&t.toks, &schema, &names, &mut found);
                }
            }
        }
        let d = deps.entry(id).or_default();
        let references_kw = pieces
            .iter()
            .any(|p| p.iter().any(|t| t.is_word("references")));
        for &n in &found {
            if n == id || n == object {
                continue;
            }
            d.push(n);
            if is_view && let Some(cols) = names.columns.get(&n) {
                d.extend(
                    cols.iter()
                        .filter(|(c, _)| words.contains(c.as_str()))
                        .map(|&(_, c)| c),
                );
            }
            // A view's `GROUP BY` may lean on a primary key (functional dependency).
            if (references_kw || is_view)
                && let Some(u) = names.uniques.get(&n)
            {
                d.extend(u.iter().copied());
            }
        }
        if nodes[id as usize].attach {
            // The partition's index (this node's own part) and its table's place as a
            // partition.
            let part = &nodes[id as usize];
            let index = Node {
                attach: false,
                ..part.clone()
            };
            if let Some(&i) = ids.get(&index) {
                d.push(i);
            }
            if let Some(table) = names.index_table.get(&*part.part)
                && let Some(p) = names.partitions.get(table)
            {
                d.extend(p.iter().copied());
            }
        }
    }
    let mut rdeps: HashMap<Id, Vec<Id>> = HashMap::default();
    for (&n, d) in deps.iter_mut() {
        d.sort_unstable();
        d.dedup();
        d.retain(|&x| x != n);
        for &x in d.iter() {
            rdeps.entry(x).or_default().push(n);
        }
    }
    for r in rdeps.values_mut() {
        r.sort_unstable();
    }
    let line_stmt = (0..parsed.len())
        .map(|i| (parsed.stmt(i).start.line, i))
        .collect();
    Side {
        parsed,
        line_stmt,
        deps,
        rdeps,
        object_stmts,
        object_nodes,
        stmt_nodes,
        node_stmts,
        kinds,
        node_entry,
    }
}

/// The separator of a name's parts in the keys of [`Names`]: no identifier holds it.
const SEP: char = '\u{0}';

/// A qualified name as written (`public."A b".c`, a routine's arguments left out) as a key of
/// [`Names`]: its parts as PostgreSQL reads them, apart.
fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut quoted = false;
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                key.push('"');
            }
            '"' => quoted = !quoted,
            '.' if !quoted => key.push(SEP),
            '(' if !quoted => break,
            c => key.push(c),
        }
    }
    key
}

/// Whether the unqualified name at `t[i]` stands where an object's name goes: before `(` (a
/// call, `REFERENCES t(…)`), after `FROM`, `JOIN`, `REFERENCES`, `ON`, `TABLE`, `INTO`,
/// `UPDATE`, `SETOF`, `RETURNS`, `AS`, `ONLY`, `OF`, `INHERITS (`, `::`, or as the type of a
/// column (`(a t`, `, b t`, or the second token of a column's definition).
fn names_object(t: &[Tok], i: usize) -> bool {
    const BEFORE: &[&str] = &[
        "from",
        "join",
        "references",
        "on",
        "table",
        "into",
        "update",
        "setof",
        "returns",
        "as",
        "only",
        "of",
        "inherits",
        "type",
        "domain",
    ];
    if t.get(i + 1).is_some_and(|x| x.is_punct('(')) {
        return true;
    }
    let Some(prev) = i.checked_sub(1).map(|p| &t[p]) else {
        return false;
    };
    if prev.is_punct(':') || BEFORE.iter().any(|w| prev.is_word(w)) {
        return true;
    }
    if i == 1 && prev.ident().is_some() {
        return true;
    }
    prev.ident().is_some()
        && i >= 2
        && (t[i - 2].is_punct('(') || t[i - 2].is_punct(','))
        && (i < 3 || !t[i - 3].is_punct('.'))
}

/// The nodes that the names in `t` stand for, added to `found`: each run of identifiers
/// joined by dots, as it is, in the object's schema and in `public` (one or two parts), and
/// its first two parts (three); each `'name'::regclass` literal the same way.
fn references(t: &[Tok], schema: &str, names: &Names, found: &mut Vec<Id>) {
    let mut key = String::new();
    let mut look =
        |prefix: Option<&str>, parts: &mut dyn Iterator<Item = &str>, found: &mut Vec<Id>| {
            key.clear();
            if let Some(p) = prefix {
                key.push_str(p);
                key.push(SEP);
            }
            for (k, part) in parts.enumerate() {
                if k > 0 {
                    key.push(SEP);
                }
                key.push_str(part);
            }
            if let Some(ns) = names.names.get(key.as_str()) {
                found.extend(ns.iter().copied());
            }
        };
    let mut parts: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let tok = &t[i];
        if let Tok::Str(_, s) = tok {
            // `'name'::regclass`, as `nextval` takes it.
            if t.get(i + 1).is_some_and(|x| x.is_punct(':'))
                && t.get(i + 2).is_some_and(|x| x.is_word("regclass"))
            {
                let written = name_key(s);
                let parts: Vec<&str> = written.split(SEP).collect();
                look(None, &mut parts.iter().copied(), found);
                if parts.len() == 1 {
                    look(Some(schema), &mut parts.iter().copied(), found);
                    look(Some("public"), &mut parts.iter().copied(), found);
                }
            }
            i += 1;
            continue;
        }
        if tok.ident().is_none() || (i > 0 && t[i - 1].is_punct('.')) {
            i += 1;
            continue;
        }
        parts.clear();
        let mut k = i;
        while let Some(part) = t.get(k).and_then(Tok::ident) {
            parts.push(part);
            if !(t.get(k + 1).is_some_and(|x| x.is_punct('.'))
                && t.get(k + 2).and_then(Tok::ident).is_some())
            {
                break;
            }
            k += 2;
        }
        // An unqualified name is one where a name of an object goes: a call, after the
        // keywords that introduce a relation or type, a cast, or a column's type.
        if parts.len() == 1 && !names_object(t, i) {
            i = k + 1;
            continue;
        }
        look(None, &mut parts.iter().copied(), found);
        if parts.len() <= 2 {
            look(Some(schema), &mut parts.iter().copied(), found);
            if schema != "public" {
                look(Some("public"), &mut parts.iter().copied(), found);
            }
        }
        if parts.len() == 3 {
            look(None, &mut parts[..2].iter().copied(), found);
        }
        i = k + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The graph is built from what the comparison parsed: with the kept texts blanked, it
    /// still finds every object and what depends on what (parsed again, the blank texts
    /// would give none).
    #[test]
    fn the_graph_reads_the_parse_not_the_texts() {
        let left =
            "CREATE TABLE t (a int PRIMARY KEY, b text);\nCREATE VIEW v AS SELECT a FROM t;\n";
        let right =
            "CREATE TABLE t (a bigint PRIMARY KEY, b text);\nCREATE VIEW v AS SELECT a FROM t;\n";
        let mut diff = crate::Comparer::new().diff(left, right).unwrap();
        let mut sources = diff.sources.take().unwrap();
        for side in sources.sides_mut().unwrap() {
            side.blank_text();
        }
        let graph = Graph::new(&sources);
        let relation = ObjectKind::Table.namespace();
        let (t, v) = (
            graph.object(relation, "public.t").unwrap(),
            graph.object(relation, "public.v").unwrap(),
        );
        for side in &graph.sides {
            assert!(side.deps(v).contains(&t), "the view depends on its table");
            assert_eq!(side.kind(v), Some(ObjectKind::View));
            assert!(side.stmt_text(1).0.trim().is_empty(), "the text is blank");
        }
        let a = graph
            .id(&Node {
                ns: relation,
                object: "public.t".into(),
                kind: ObjectKind::Column,
                part: "public.t.a".into(),
                attach: false,
            })
            .unwrap();
        assert!(
            graph.sides[0].deps(v).contains(&a),
            "and on the column it reads"
        );
    }
}
