//! A table whose partitioning changed (`PARTITION BY` added, removed or changed), which
//! PostgreSQL cannot alter: the old table is renamed out of the way and kept with its rows,
//! the right one created, and a manual note says how to move the rows and drop the old one.

use super::enums::split_name;
use super::*;

/// A `CREATE TABLE`'s tokens without its top-level `PARTITION BY …` clause, and that clause.
fn without_partitioning(text: &str) -> (Vec<Tok>, Vec<Tok>) {
    let t = toks(text);
    let top = top_level(&t);
    let at = top.iter().copied().find(|&i| {
        t[i].is_word("partition")
            && t.get(i + 1).is_some_and(|x| x.is_word("by"))
            && i > 0
            && t[i - 1].is_punct(')')
    });
    match at {
        Some(i) => {
            // The clause runs to the next top-level keyword of CREATE TABLE's tail.
            let end = top
                .iter()
                .copied()
                .find(|&k| {
                    k > i + 2
                        && ["using", "with", "without", "tablespace", "on"]
                            .iter()
                            .any(|w| t[k].is_word(w))
                })
                .unwrap_or(t.len());
            let clause = t[i..end].to_vec();
            let mut rest = t[..i].to_vec();
            rest.extend_from_slice(&t[end..]);
            (rest, clause)
        }
        None => (t, Vec::new()),
    }
}

/// Writes the recreation when only the partitioning of a table's `CREATE TABLE` changed, and
/// returns whether it did.
pub(super) fn repartition(
    plan: &mut Plan,
    part: &Change,
    name: &str,
    left: &Snippet,
    right: &Snippet,
) -> bool {
    let (a, a_by) = without_partitioning(left.text());
    let (b, b_by) = without_partitioning(right.text());
    let schema = crate::classify::object::unquoted_schema(name);
    if a.is_empty()
        || !a.first().is_some_and(|w| w.is_word("create"))
        || a_by == b_by
        || !crate::normalize::same_relative_to(&a, &b, &schema)
    {
        return false;
    }
    let Some((old, old_bare)) =
        split_name(name).and_then(|(schema, local)| plan.free_name(schema, &local, "__old"))
    else {
        return false;
    };
    let shown = |by: &[Tok]| {
        if by.is_empty() {
            "no partitioning".to_string()
        } else {
            render(by)
        }
    };
    // After the left side's partitions and constraints are detached and dropped by name, before
    // the right table is created.
    plan.drop(
        Phase::DropRelation,
        left.lines().start(),
        format!("ALTER TABLE {name} RENAME TO {old_bare}"),
    );
    plan.create(
        Phase::CreateTable,
        right.lines().start(),
        right.text().to_string(),
    );
    plan.manual(
        part,
        &format!(
            "its partitioning changed ({} → {}), which PostgreSQL cannot alter: the draft renames \
             the table to {old} and creates {name} anew; its indexes, constraints, triggers, \
             policies, privileges, comments and owner, the foreign keys that reference it and \
             the partitions still attached to {old} stay with {old}: create them on {name}; \
             then move the rows with INSERT INTO {name} SELECT * FROM {old}; and drop the old \
             table with DROP TABLE {old};",
            shown(&a_by),
            shown(&b_by)
        ),
    );
    true
}
