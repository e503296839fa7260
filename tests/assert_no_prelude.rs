//! `assert_schema_eq!` needs nothing imported: it works in a crate without the prelude.
#![no_implicit_prelude]

extern crate sql_compare;
extern crate std;

#[test]
fn works_without_the_prelude() {
    let left = "CREATE TABLE t (a int, b text);";
    let right = &*std::borrow::ToOwned::to_owned("CREATE TABLE t (b text, a int);");
    let right: std::string::String = std::string::ToString::to_string(right);
    sql_compare::assert_schema_eq!(left, right);
    sql_compare::assert_schema_eq!(left, &right, "message {}", 1);
    sql_compare::assert_schema_eq!(left, right, options = sql_compare::Comparer::new());
    sql_compare::assert_schema_eq!(left, right, options = sql_compare::Comparer::new(), "m");
}

#[test]
#[should_panic(expected = "assertion failed: the schemas differ: no prelude")]
fn fails_without_the_prelude() {
    sql_compare::assert_schema_eq!("CREATE TABLE t (a int);", "", "no prelude");
}
