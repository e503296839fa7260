//! Sequences in a migration draft: `ALTER SEQUENCE` with every option the right dump's
//! `CREATE SEQUENCE` sets, and the default of every option it leaves out, so that an option
//! the left side set and the right one does not (`CYCLE`, `CACHE 20`, a `MINVALUE`…) goes
//! back to its default.

use super::*;
use crate::classify::cursor::Cursor;

const OPTION: &[&str] = &[
    "as",
    "increment",
    "minvalue",
    "maxvalue",
    "no",
    "start",
    "cache",
    "cycle",
    "owned",
];

/// Whether a `CREATE SEQUENCE` makes an unlogged sequence.
pub(super) fn unlogged(t: &[Tok]) -> bool {
    t.get(1).is_some_and(|w| w.is_word("unlogged"))
}

/// The options of a `CREATE SEQUENCE name …`, all of them, as `ALTER SEQUENCE` takes them:
/// `AS bigint INCREMENT BY 1 NO MINVALUE NO MAXVALUE START WITH 1 CACHE 1 NO CYCLE` for a
/// sequence created without options. None for a statement of another form or an option
/// `ALTER SEQUENCE` does not take here (`OWNED BY` is a part of its own).
pub(super) fn alter_options(t: &[Tok]) -> Option<String> {
    let mut c = Cursor::new(t);
    if !c.eat("create") {
        return None;
    }
    let _ = c.eat("unlogged") || c.eat("temporary") || c.eat("temp");
    if !c.eat("sequence") {
        return None;
    }
    c.eat_all(&["if", "not", "exists"]);
    c.name()?;
    let value = |c: &mut Cursor| {
        let from = c.i;
        while !c.done() && !OPTION.iter().any(|w| c.at(w)) {
            c.i += 1;
        }
        (c.i > from).then(|| render(&t[from..c.i]))
    };
    let (mut ty, mut increment, mut start, mut cache) = (None, None, None, None);
    let (mut min, mut max, mut cycle) = (None, None, false);
    while !c.done() {
        if c.eat("as") {
            ty = Some(value(&mut c)?);
        } else if c.eat("increment") {
            c.eat("by");
            increment = Some(value(&mut c)?);
        } else if c.eat("minvalue") {
            min = Some(value(&mut c)?);
        } else if c.eat("maxvalue") {
            max = Some(value(&mut c)?);
        } else if c.eat_all(&["no", "minvalue"]) {
            min = None;
        } else if c.eat_all(&["no", "maxvalue"]) {
            max = None;
        } else if c.eat_all(&["no", "cycle"]) {
            cycle = false;
        } else if c.eat("cycle") {
            cycle = true;
        } else if c.eat("start") {
            c.eat("with");
            start = Some(value(&mut c)?);
        } else if c.eat("cache") {
            cache = Some(value(&mut c)?);
        } else {
            return None;
        }
    }
    let increment = increment.unwrap_or_else(|| "1".into());
    let descending = increment.starts_with('-');
    // PostgreSQL starts an ascending sequence at its minimum, a descending one at its maximum.
    let start = start.unwrap_or_else(|| match (descending, &min, &max) {
        (false, Some(m), _) | (true, _, Some(m)) => m.clone(),
        (false, None, _) => "1".into(),
        (true, _, None) => "-1".into(),
    });
    // `NO MAXVALUE` of a descending sequence is written -1: with `AS`, PostgreSQL resets a
    // maximum that was its type's to the type's maximum, whatever the direction.
    let max = max.or_else(|| descending.then(|| "-1".to_string()));
    let bound = |name: &str, v: &Option<String>| match v {
        Some(v) => format!("{name} {v}"),
        None => format!("NO {name}"),
    };
    Some(format!(
        "AS {} INCREMENT BY {increment} {} {} START WITH {start} CACHE {} {}",
        ty.as_deref().unwrap_or("bigint"),
        bound("MINVALUE", &min),
        bound("MAXVALUE", &max),
        cache.as_deref().unwrap_or("1"),
        if cycle { "CYCLE" } else { "NO CYCLE" },
    ))
}
