//! `assert_schema_eq!`: passes, fails with the exact report, cuts long reports, reports
//! parse errors with side, line and column, and takes options and messages.

use sql_compare::{Comparer, assert_schema_eq};

const MODELS: &str = "CREATE TABLE public.orders (\n    id bigint NOT NULL,\n    note text,\n    total numeric(12,2)\n);\nALTER TABLE public.orders OWNER TO shop;\n";
const MIGRATED: &str = "CREATE TABLE public.orders (\n    id bigint NOT NULL,\n    total numeric(12,2),\n    note text\n);\nALTER TABLE public.orders OWNER TO app;\n";
const WRONG_TYPE: &str = "CREATE TABLE public.orders (\n    id bigint NOT NULL,\n    total numeric(10,2),\n    note text\n);\nALTER TABLE public.orders OWNER TO shop;\n";

#[test]
fn passes_when_only_order_differs() {
    let owned: String = MIGRATED.replace("app", "shop");
    assert_schema_eq!(MODELS, owned);
    assert_schema_eq!(MODELS.to_string(), &owned, "with a message {}", 1);
    assert_schema_eq!(
        MODELS,
        MIGRATED,
        options = Comparer::new().ignore_owners(true)
    );
    assert_schema_eq!(
        MODELS,
        MIGRATED,
        options = Comparer::new().ignore_owners(true),
        "msg {}",
        2,
    );
}

#[test]
#[should_panic(expected = "assertion failed: the schemas differ
changed table public.orders
  changed column public.orders.total
    - 4: total numeric(12,2)
    + 3: total numeric(10,2)
1 object differs: 0 added, 0 removed, 1 changed
")]
fn fails_with_the_report() {
    assert_schema_eq!(MODELS, WRONG_TYPE);
}

#[test]
#[should_panic(expected = "assertion failed: the schemas differ: after migration 002
changed table public.orders
  changed owner public.orders
    - 6: ALTER TABLE public.orders OWNER TO shop;
    + 6: ALTER TABLE public.orders OWNER TO app;
1 object differs: 0 added, 0 removed, 1 changed
")]
fn fails_with_the_message_first() {
    assert_schema_eq!(MODELS, MIGRATED, "after migration {:03}", 2);
}

#[test]
#[should_panic(expected = "assertion failed: the schemas differ: strict
changed table public.orders
  changed column order public.orders
    - 1: (id, note, total)
    + 1: (id, total, note)
")]
fn options_and_message() {
    let strict = Comparer::new()
        .strict_column_order(true)
        .ignore_owners(true);
    assert_schema_eq!(MODELS, MIGRATED, options = strict, "strict");
}

#[test]
#[should_panic(
    expected = "assertion failed: the right dump does not parse at 2:23: unterminated quoted string"
)]
fn a_dump_that_does_not_parse_says_which_side_and_where() {
    assert_schema_eq!("SELECT 1;", "SELECT 1;\nCOMMENT ON TABLE t IS 'x");
}

#[test]
#[should_panic(expected = "… 140 more lines not shown
100 objects differ: 100 added, 0 removed, 0 changed")]
fn long_reports_are_cut() {
    let many: String = (0..100)
        .map(|i| format!("CREATE TABLE t{i:03} (a int);\n"))
        .collect();
    assert_schema_eq!("", many);
}

#[test]
fn the_failure_points_at_the_caller() {
    // #[track_caller] makes the panic location the macro call; seen through a panic hook.
    let location = std::sync::Arc::new(std::sync::Mutex::new(None));
    let seen = location.clone();
    let previous = std::panic::take_hook();
    // The hook is the process's: other tests that panic meanwhile, on their own threads, must
    // not overwrite what this one sees.
    let this_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == this_thread {
            *seen.lock().unwrap() = info.location().map(|l| (l.file().to_string(), l.line()));
        }
    }));
    let expected_line = line!() + 2;
    let result = std::panic::catch_unwind(|| {
        assert_schema_eq!("CREATE TABLE a (x int);", "");
    });
    std::panic::set_hook(previous);
    assert!(result.is_err());
    let (file, line) = location.lock().unwrap().clone().unwrap();
    assert!(file.ends_with("assert_macro.rs"), "{file}");
    assert_eq!(line, expected_line);
}
