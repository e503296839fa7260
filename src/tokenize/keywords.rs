//! Which words are keywords: PostgreSQL's, for when a quoted identifier means the bare word,
//! and sqlparser's, for the one static spelling every keyword token shares.

use std::sync::OnceLock;

use sqlparser::keywords::{ALL_KEYWORDS, ALL_KEYWORDS_INDEX, Keyword};

/// Keywords that PostgreSQL does not accept as a bare identifier everywhere (its reserved,
/// column-name and type/function-name keywords): a quoted identifier spelled like one of them
/// is a different thing from the bare word, so it stays quoted.
const NON_UNRESERVED_KEYWORDS: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "json",
    "json_array",
    "json_arrayagg",
    "json_exists",
    "json_object",
    "json_objectagg",
    "json_query",
    "json_scalar",
    "json_serialize",
    "json_table",
    "json_value",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "merge_action",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

/// Whether a quoted identifier means the same as the bare word: no upper-case letter, the
/// characters of an unquoted identifier, and not a keyword that would be read as one.
pub(crate) fn quoted_equals_bare(value: &str) -> bool {
    let mut chars = value.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let start_ok = first.is_ascii_lowercase() || first == '_' || !first.is_ascii();
    start_ok
        && chars.all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$' || !c.is_ascii()
        })
        && NON_UNRESERVED_KEYWORDS.binary_search(&value).is_err()
}

/// Whether an identifier must be quoted to be read back as itself, by the rule of
/// PostgreSQL's `quote_ident` (and pg_dump's): it may stay bare only when it is lower-case
/// ASCII letters, digits and underscores, does not start with a digit, and is not a keyword
/// other than an unreserved one. (PostgreSQL also reads some other bare words as themselves,
/// such as `é` or `a$b`; they are quoted all the same, as `quote_ident` quotes them.)
pub(crate) fn needs_quotes(ident: &str) -> bool {
    let mut bytes = ident.bytes();
    let Some(first) = bytes.next() else {
        return true;
    };
    let safe = (first.is_ascii_lowercase() || first == b'_')
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    !safe || NON_UNRESERVED_KEYWORDS.binary_search(&ident).is_ok()
}

/// The lower-case spelling of a keyword that sqlparser recognised, shared by every token of
/// it: an unquoted word is a keyword only if it spells one, ignoring ASCII case.
pub(crate) fn keyword_text(keyword: Keyword) -> Option<&'static str> {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    if keyword == Keyword::NoKeyword {
        return None;
    }
    let texts = TEXTS.get_or_init(|| {
        let mut texts = vec![String::new(); ALL_KEYWORDS_INDEX.len() + 1];
        for (&k, text) in ALL_KEYWORDS_INDEX.iter().zip(ALL_KEYWORDS) {
            if let Some(slot) = texts.get_mut(k as usize) {
                *slot = text.to_ascii_lowercase();
            }
        }
        texts
    });
    texts
        .get(keyword as usize)
        .map(String::as_str)
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted_as_quote_ident_quotes_them() {
        for bare in ["a", "_a", "a1", "actor_id", "action", "name", "a_b_c"] {
            assert!(!needs_quotes(bare), "{bare}");
        }
        for quoted in [
            "", "A", "Actor", "1a", "a b", "a\"b", "a'b", "a;b", "a\nb", "a$b", "a-b", "é",
            "straße", "αβγ", "select", "user", "order", "position", "left",
        ] {
            assert!(needs_quotes(quoted), "{quoted}");
        }
    }

    #[test]
    fn keyword_list_is_sorted_for_binary_search() {
        assert!(NON_UNRESERVED_KEYWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn every_keyword_has_its_spelling() {
        for (&k, text) in ALL_KEYWORDS_INDEX.iter().zip(ALL_KEYWORDS) {
            assert_eq!(keyword_text(k), Some(text.to_ascii_lowercase().as_str()));
        }
        assert_eq!(keyword_text(Keyword::NoKeyword), None);
    }
}
