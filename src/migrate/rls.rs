//! Row-level security in a migration draft: each of `ENABLE` and `FORCE` compared on its own,
//! so that both removed writes both `NO FORCE` and `DISABLE`, and one removed while the other
//! stays writes only its own.

use super::*;

/// Which switch a row-security statement turns on: `Some(false)` for `ENABLE`, `Some(true)`
/// for `FORCE`; None for one that turns a switch off or is not understood.
fn switch(text: &str) -> Option<bool> {
    let t = toks(text);
    let top = top_level(&t);
    top.iter().find_map(|&i| {
        let rls = ["row", "level", "security"]
            .iter()
            .enumerate()
            .all(|(k, w)| t.get(i + 1 + k).is_some_and(|x| x.is_word(w)));
        let lowered = i > 0 && (t[i - 1].is_word("no"));
        match () {
            _ if !rls || lowered => None,
            _ if t[i].is_word("enable") => Some(false),
            _ if t[i].is_word("force") => Some(true),
            _ => None,
        }
    })
}

pub(super) fn row_security(plan: &mut Plan, part: &Change, l: &[Snippet], r: &[Snippet]) {
    let on_right: Vec<Option<bool>> = r.iter().map(|s| switch(s.text())).collect();
    for s in l {
        let Some(force) = switch(s.text()) else {
            plan.manual(part, "row security statement not understood");
            continue;
        };
        if on_right.contains(&Some(force)) {
            continue;
        }
        match lower_row_security(s.text()) {
            Some(sql) => plan.create(Phase::Owner, s.lines().start(), sql),
            None => plan.manual(part, "row security statement not understood"),
        }
    }
    let on_left: Vec<Option<bool>> = l.iter().map(|s| switch(s.text())).collect();
    for (s, on) in r.iter().zip(&on_right) {
        if on.is_none() || !on_left.contains(on) {
            add_statements(plan, part, std::slice::from_ref(s));
        }
    }
}
