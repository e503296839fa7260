//! Matches the objects of two parsed dumps and builds the per-object differences.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::{Arc, OnceLock};

pub(crate) mod change;

use self::change::{
    Change, ChangeKind, Lexed, LineRange, SchemaDiff, Snippet, sort_changes, sort_details,
};
use crate::classify::object::{
    ObjectKey, ObjectKind, PartKey, name_matches, names_schema, schema_part,
};
use crate::classify::{Entry, Parent, Shown};
use crate::fast::common::common_statements;
use crate::fast::handoff::Threads;
use crate::fast::hash::{FastHashMap as HashMap, FastHashSet as HashSet};
use crate::normalize::cmp_canon;
use crate::parse::Parsed;
use crate::tokenize::{Tok, render, write_tokens};

/// What a comparison leaves out or holds significant: the settings of a `Comparer`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Options {
    pub strict_enum_order: bool,
    pub strict_column_order: bool,
    pub ignore_owners: bool,
    pub ignore_privileges: bool,
    pub ignore_comments: bool,
    pub compare_settings: bool,
    pub ignore_data: bool,
    pub exclude: Vec<String>,
    pub schemas: Vec<String>,
}

/// An object's entries (their numbers in their side's list), sorted by part, then by
/// number: 4 bytes an entry (a changed object of a million entries a side, as a dump of
/// `SELECT 1;` lines has, keeps them all).
type Parts = Vec<u32>;

/// One side, with every entry outside the statements both sides have attached to a resolved
/// object.
struct SideObjects<'p, 'a> {
    parsed: &'p Parsed<'a>,
    objects: HashMap<Cow<'p, ObjectKey>, Parts>,
}

/// The table of each index of either side, found when first asked for: only statements that
/// name an index without its table (`ALTER INDEX`, `COMMENT ON INDEX`) need it, and a large
/// dump has many indexes.
struct IndexTables<'p> {
    sides: [&'p Parsed<'p>; 2],
    map: OnceLock<HashMap<&'p str, &'p ObjectKey>>,
}

impl<'p> IndexTables<'p> {
    fn new(left: &'p Parsed<'_>, right: &'p Parsed<'_>) -> Self {
        IndexTables {
            sides: [left, right],
            map: OnceLock::new(),
        }
    }

    fn get(&self, index: &str) -> Option<&'p ObjectKey> {
        let map = self.map.get_or_init(|| {
            let mut map: HashMap<&str, &ObjectKey> = HashMap::default();
            for (idx, table) in self.sides.iter().flat_map(|p| &p.facts.index_tables) {
                // The smallest candidate, so that the result does not depend on which side
                // is left.
                let slot = map.entry(idx.as_str()).or_insert(table);
                if table < *slot {
                    *slot = table;
                }
            }
            map
        });
        map.get(index).copied()
    }
}

/// The object an entry belongs to.
fn key_of<'p>(e: &'p Entry, index_tables: &IndexTables<'p>) -> Cow<'p, ObjectKey> {
    match &e.parent {
        Parent::Key(k) => Cow::Borrowed(k),
        Parent::IndexOf(idx) => match index_tables.get(idx) {
            Some(table) => Cow::Borrowed(table),
            None => Cow::Owned(ObjectKey {
                ns: ObjectKind::Table,
                name: (**idx).into(),
            }),
        },
    }
}

fn resolve<'p, 'a>(
    parsed: &'p Parsed<'a>,
    common: &[bool],
    index_tables: &IndexTables<'p>,
    opts: &Options,
    excluded_sequences: &HashSet<&ObjectKey>,
) -> SideObjects<'p, 'a> {
    let mut objects: HashMap<Cow<'p, ObjectKey>, Parts> = HashMap::default();
    for (i, e) in parsed.entries.iter().enumerate() {
        if common[e.stmt as usize] {
            continue;
        }
        let key = key_of(e, index_tables);
        if !keep(e, &key, opts, excluded_sequences) {
            continue;
        }
        objects.entry(key).or_default().push(i as u32);
    }
    for parts in objects.values_mut() {
        // Stable: a part's entries stay in input order.
        parts.sort_by(|&a, &b| part_of(parsed, a).cmp(part_of(parsed, b)));
    }
    SideObjects { parsed, objects }
}

fn keep(e: &Entry, key: &ObjectKey, o: &Options, excluded_sequences: &HashSet<&ObjectKey>) -> bool {
    use ObjectKind::*;
    match e.part.kind {
        Owner if o.ignore_owners => return false,
        Privileges if o.ignore_privileges => return false,
        Comment if o.ignore_comments => return false,
        Setting if !o.compare_settings => return false,
        Data if o.ignore_data => return false,
        _ => {}
    }
    if !o.schemas.is_empty() && !in_schemas(key, &o.schemas) {
        return false;
    }
    if key.ns == DefaultPrivileges && o.ignore_privileges {
        return false;
    }
    // plpgsql is built in since PostgreSQL 9.0; pg_dump 9.x still wrote it out.
    if key.ns == Extension && &*key.name == "plpgsql" {
        return false;
    }
    if excluded_sequences.contains(key) {
        return false;
    }
    !o.exclude.iter().any(|p| name_matches(p, &key.name))
}

/// Whether an object lies in one of `schemas` (a schema itself counts as in its own name).
/// Unqualified names are taken to be in `public`; objects outside any schema (extensions,
/// settings, roles…) are in none.
fn in_schemas(key: &ObjectKey, schemas: &[String]) -> bool {
    use ObjectKind::*;
    if key.ns == Schema {
        return schemas.iter().any(|s| name_matches(s, &key.name));
    }
    if matches!(
        key.ns,
        Extension
            | Setting
            | Role
            | Database
            | DefaultPrivileges
            | EventTrigger
            | Publication
            | Subscription
            | ForeignDataWrapper
            | Server
            | UserMapping
            | Cast
            | Language
            | AccessMethod
            | Transform
            | Other
    ) {
        return false;
    }
    let schema = schema_part(&key.name).unwrap_or("public");
    schemas.iter().any(|s| name_matches(s, schema))
}

/// Compares two parsed dumps.
pub(crate) fn diff(
    left: &Parsed<'_>,
    right: &Parsed<'_>,
    opts: &Options,
    threads: Threads,
) -> SchemaDiff {
    let (lcommon, rcommon) = common_statements(left, right);
    diff_apart_from(left, &lcommon, right, &rcommon, opts, threads)
}

/// Compares two parsed dumps, their common statements (see `fast::common`) set aside: the objects
/// of the other statements are compared; those that differ and have entries in common
/// statements too are then compared again with all their entries, for a report equal to
/// that of comparing every statement (with `lcommon` and `rcommon` all false).
fn diff_apart_from(
    left: &Parsed<'_>,
    lcommon: &[bool],
    right: &Parsed<'_>,
    rcommon: &[bool],
    opts: &Options,
    threads: Threads,
) -> SchemaDiff {
    let index_tables = IndexTables::new(left, right);
    // Sequences owned by an excluded table go with it.
    let excluded_sequences: HashSet<&ObjectKey> = left
        .facts
        .owned_by
        .iter()
        .chain(&right.facts.owned_by)
        .filter(|(_, table)| opts.exclude.iter().any(|p| name_matches(p, &table.name)))
        .map(|(seq, _)| seq)
        .collect();
    let (l, r) = threads.both(
        || resolve(left, lcommon, &index_tables, opts, &excluded_sequences),
        || resolve(right, rcommon, &index_tables, opts, &excluded_sequences),
    );

    // The left side's objects, half on each thread; the objects only on the right, on one.
    // Compared as if the common statements said nothing of them.
    let objects: Vec<_> = l.objects.iter().map(|(k, p)| (&**k, p)).collect();
    let (first, second) = objects.split_at(objects.len() / 2);
    let none = Parts::new();
    let (mut found, rest) = threads.both(
        || compare(&l, &r, first),
        || {
            let mut changes = compare(&l, &r, second);
            for (key, rparts) in &r.objects {
                if !l.objects.contains_key(key) {
                    let change = changed_object(&l, &r, key, &none, rparts);
                    changes.extend(change.map(|c| (&**key, c)));
                }
            }
            changes
        },
    );
    found.extend(rest);

    // The common statements change no object's differences (their entries cancel out), but
    // those of an object that differs say which of its parts are on both sides and what kind
    // it is; and each side may have several equal entries, of which the report shows those
    // that the whole comparison leaves unmatched. So an object that differs and has entries
    // in common statements is compared again, whole.
    // Each such object's entries in the common statements of each side.
    let mut common: HashMap<&ObjectKey, [Parts; 2]> = found
        .iter()
        .map(|&(key, _)| (key, Default::default()))
        .collect();
    let sides = [(left, lcommon), (right, rcommon)];
    for (side, (parsed, flags)) in sides.into_iter().enumerate() {
        if common.is_empty() {
            break;
        }
        for (i, e) in parsed.entries.iter().enumerate() {
            if !flags[e.stmt as usize] {
                continue;
            }
            let key = key_of(e, &index_tables);
            let Some(parts) = common.get_mut(&*key) else {
                continue;
            };
            if keep(e, &key, opts, &excluded_sequences) {
                parts[side].push(i as u32);
            }
        }
    }
    let mut changes: Vec<Change> = found
        .into_iter()
        .filter_map(|(key, change)| match common.remove(key) {
            Some([lmore, rmore]) if !lmore.is_empty() || !rmore.is_empty() => {
                let lparts = all_parts(left, l.objects.get(key), lmore);
                let rparts = all_parts(right, r.objects.get(key), rmore);
                changed_object(&l, &r, key, &lparts, &rparts)
            }
            _ => Some(change),
        })
        .collect();
    sort_changes(&mut changes);
    SchemaDiff {
        changes,
        ..SchemaDiff::default()
    }
}

/// An object's entries outside the common statements and `more` in them, in the order
/// `resolve` gives: by part, then by entry.
fn all_parts(side: &Parsed<'_>, parts: Option<&Parts>, mut more: Parts) -> Parts {
    more.extend(parts.into_iter().flatten());
    more.sort_unstable_by(|&a, &b| (part_of(side, a), a).cmp(&(part_of(side, b), b)));
    more
}

/// The part of entry `i`.
fn part_of<'p>(side: &'p Parsed<'_>, i: u32) -> &'p PartKey {
    &side.entries[i as usize].part
}

/// How `objects` of the left side differ from the right side's, their entries in common
/// statements left out.
fn compare<'s>(
    l: &SideObjects<'_, '_>,
    r: &SideObjects<'_, '_>,
    objects: &[(&'s ObjectKey, &Parts)],
) -> Vec<(&'s ObjectKey, Change)> {
    let none = Parts::new();
    let mut changes = Vec::new();
    for &(key, lparts) in objects {
        let rparts = r.objects.get(key).unwrap_or(&none);
        changes.extend(changed_object(l, r, key, lparts, rparts).map(|c| (key, c)));
    }
    changes
}

/// The kind to show for an object: from the statements that create it, else from any.
fn object_kind<'x>(entries: impl Iterator<Item = &'x Entry> + Clone) -> ObjectKind {
    let defining = entries.clone().filter(|e| e.defines).map(|e| e.kind).min();
    defining
        .or_else(|| entries.map(|e| e.kind).min())
        .unwrap_or(ObjectKind::Other)
}

/// The entries of `parts`, read in place (gathered, they would take 8 bytes an entry: 16 MB
/// for an object of a million entries a side).
fn entries_of<'p>(
    side: &'p SideObjects<'_, '_>,
    parts: &'p Parts,
) -> impl Iterator<Item = &'p Entry> + Clone {
    parts.iter().map(|&i| &side.parsed.entries[i as usize])
}

fn whole_object(
    side: &SideObjects<'_, '_>,
    key: &ObjectKey,
    parts: &Parts,
    change: ChangeKind,
) -> Change {
    let entries = entries_of(side, parts);
    let kind = object_kind(entries.clone());
    let mut stmts: Vec<u32> = entries.clone().map(|e| e.stmt).collect();
    stmts.sort_unstable();
    stmts.dedup();
    let mut snippets: Vec<Snippet> = stmts
        .iter()
        .map(|&s| statement_snippet(side.parsed, s))
        .collect();
    // COPY rows are not part of their statement's text.
    for e in entries {
        if let Shown::Row(_) = e.shown.get() {
            snippets.push(snippet(side.parsed, e));
        }
    }
    snippets.sort();
    let (left, right) = match change {
        ChangeKind::Removed => (snippets, Vec::new()),
        _ => (Vec::new(), snippets),
    };
    Change {
        change,
        kind,
        name: key.name.to_string(),
        left,
        right,
        details: Vec::new(),
    }
}

/// How `key` differs, from its entries on each side: `None` if it does not. An object with
/// no entries on one side is added or removed whole.
fn changed_object(
    l: &SideObjects<'_, '_>,
    r: &SideObjects<'_, '_>,
    key: &ObjectKey,
    lparts: &Parts,
    rparts: &Parts,
) -> Option<Change> {
    if rparts.is_empty() {
        return Some(whole_object(l, key, lparts, ChangeKind::Removed));
    }
    if lparts.is_empty() {
        return Some(whole_object(r, key, rparts, ChangeKind::Added));
    }
    // Names in an object's statements compare relative to the object's schema.
    let schema = names_schema(key);
    let mut details = Vec::new();
    // Both lists are sorted by part: walk them together, one part at a time.
    let (mut i, mut j) = (0, 0);
    let (mut le, mut re) = (Vec::new(), Vec::new());
    loop {
        let (lpart, rpart) = (|&e| part_of(l.parsed, e), |&e| part_of(r.parsed, e));
        let pk = match (lparts.get(i).map(lpart), rparts.get(j).map(rpart)) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => break,
        };
        le.clear();
        re.clear();
        while let Some(&e) = lparts.get(i).filter(|&e| lpart(e) == pk) {
            le.push(e);
            i += 1;
        }
        while let Some(&e) = rparts.get(j).filter(|&e| rpart(e) == pk) {
            re.push(e);
            j += 1;
        }
        let (lonly, ronly) = unmatched(l.parsed, &mut le, r.parsed, &mut re, &schema);
        if lonly.is_empty() && ronly.is_empty() {
            continue;
        }
        let change = if le.is_empty() {
            ChangeKind::Added
        } else if re.is_empty() {
            ChangeKind::Removed
        } else {
            ChangeKind::Changed
        };
        let mut left: Vec<Snippet> = lonly
            .iter()
            .map(|&i| snippet(l.parsed, &l.parsed.entries[i as usize]))
            .collect();
        let mut right: Vec<Snippet> = ronly
            .iter()
            .map(|&i| snippet(r.parsed, &r.parsed.entries[i as usize]))
            .collect();
        left.sort();
        right.sort();
        details.push(Change {
            change,
            kind: pk.kind,
            name: if pk.name.is_empty() {
                key.name.to_string()
            } else {
                pk.name.to_string()
            },
            left,
            right,
            details: Vec::new(),
        });
    }
    if details.is_empty() {
        return None;
    }
    sort_details(&mut details);
    let kind = object_kind(entries_of(l, lparts).chain(entries_of(r, rparts)));
    Some(Change {
        change: ChangeKind::Changed,
        kind,
        name: key.name.to_string(),
        left: Vec::new(),
        right: Vec::new(),
        details,
    })
}

/// The entries of each side that have no equal on the other (multiset difference); `le` and
/// `re` are sorted in place (entry numbers of 4 bytes, not copied: a part of a million
/// entries a side, as `SELECT 1;` lines are, takes 8 MB).
fn unmatched(
    lp: &Parsed<'_>,
    le: &mut [u32],
    rp: &Parsed<'_>,
    re: &mut [u32],
    schema: &str,
) -> (Vec<u32>, Vec<u32>) {
    let cmp = |a: (&Parsed<'_>, u32), b: (&Parsed<'_>, u32)| {
        let (ea, eb) = (&a.0.entries[a.1 as usize], &b.0.entries[b.1 as usize]);
        let (ta, tb) = (
            &a.0.stmts[ea.stmt as usize].tokens,
            &b.0.stmts[eb.stmt as usize].tokens,
        );
        // The same pieces of the same tokens (a statement text both sides share): equal
        // without reading them.
        if Arc::ptr_eq(ta, tb) && ea.canon == eb.canon {
            return Ordering::Equal;
        }
        cmp_canon(&ea.canon, &ta.toks, &eb.canon, &tb.toks, schema)
    };
    if le.len() == 1 && re.len() == 1 {
        return if cmp((lp, le[0]), (rp, re[0])) == Ordering::Equal {
            (Vec::new(), Vec::new())
        } else {
            (le.to_vec(), re.to_vec())
        };
    }
    let (ls, rs) = (le, re);
    ls.sort_by(|&a, &b| cmp((lp, a), (lp, b)));
    rs.sort_by(|&a, &b| cmp((rp, a), (rp, b)));
    let (mut i, mut j) = (0, 0);
    let (mut lo, mut ro) = (Vec::new(), Vec::new());
    while i < ls.len() && j < rs.len() {
        match cmp((lp, ls[i]), (rp, rs[j])) {
            Ordering::Less => {
                lo.push(ls[i]);
                i += 1;
            }
            Ordering::Greater => {
                ro.push(rs[j]);
                j += 1;
            }
            Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    lo.extend_from_slice(&ls[i..]);
    ro.extend_from_slice(&rs[j..]);
    (lo, ro)
}

fn statement_snippet(p: &Parsed<'_>, stmt: u32) -> Snippet {
    let s = p.stmt(stmt);
    Snippet::with_tokens(
        LineRange::new(s.start.line, s.end_line()),
        s.text.trim_end().to_string(),
        Lexed::statement(&s),
    )
}

fn snippet(p: &Parsed<'_>, e: &Entry) -> Snippet {
    let s = p.stmt(e.stmt);
    let toks: &[Tok] = &s.tokens.toks;
    match e.shown.get() {
        Shown::Statement => statement_snippet(p, e.stmt),
        Shown::Tokens(range) => {
            let line = s.line(range.start as usize).unwrap_or(s.start.line);
            let from = s.offset(range.start as usize).unwrap_or(0);
            let to = s.offset(range.end as usize).unwrap_or(s.text.len());
            let text = s.text[from..to.max(from)]
                .trim_end()
                .trim_end_matches(',')
                .trim_end();
            let end = line + text.matches('\n').count() as u32;
            let range = range.start as usize..range.end as usize;
            let lexed = Lexed::part(&s, range, from, text.len());
            Snippet::with_tokens(LineRange::new(line, end), text.to_string(), lexed)
        }
        // A `COPY` data row is no SQL, and a list is text the comparison writes: neither
        // has tokens of its own (a draft tokenizes a list's text if it reads it).
        Shown::Row(k) => {
            let line = s.line(k as usize).unwrap_or(s.start.line);
            let text = match &toks[k as usize] {
                Tok::Str(_, row) => row.to_string(),
                other => render(std::iter::once(other)),
            };
            Snippet::new(LineRange::new(line, line), text)
        }
        Shown::List => {
            let mut text = String::from("(");
            for (k, t) in e.canon.tokens(toks).enumerate() {
                if k > 0 {
                    text.push_str(", ");
                }
                let _ = write_tokens(&mut text, std::iter::once(&*t));
            }
            text.push(')');
            Snippet::new(LineRange::new(s.start.line, s.end_line()), text)
        }
    }
}

#[cfg(test)]
mod tests;
