//! The schema allowlist against real SQLite schemas.

use super::check::found;
use super::*;
use crate::error::ErrorCode;
use crate::store::SCHEMA_VERSION;
use rusqlite::Connection;

#[test]
fn a_fresh_schema_matches_the_allowlist_exactly() {
    let conn = Connection::open_in_memory().unwrap();
    for sql in CREATE {
        conn.execute_batch(sql).unwrap();
    }
    assert_eq!(found(&conn).unwrap(), expected(SCHEMA_VERSION).unwrap());
    check_exact(&conn, SCHEMA_VERSION).unwrap();
}

#[test]
fn the_v1_allowlist_still_matches_a_v1_schema_and_only_that() {
    let conn = Connection::open_in_memory().unwrap();
    for sql in CREATE_V1 {
        conn.execute_batch(sql).unwrap();
    }
    check_exact(&conn, 1).unwrap();
    assert_eq!(
        check_exact(&conn, 2).unwrap_err().code(),
        ErrorCode::Corrupt,
        "v2 needs its table"
    );
    conn.execute_batch(DIMENSION_MEMBER).unwrap();
    check_exact(&conn, 2).unwrap();
    assert_eq!(check_exact(&conn, 1).unwrap_err().code(), ErrorCode::UnsafeSchema);
}

#[test]
fn extra_objects_are_named_in_the_refusal() {
    let conn = Connection::open_in_memory().unwrap();
    for sql in CREATE_V1 {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch("CREATE INDEX sneaky ON goal(owner)").unwrap();
    let err = check_exact(&conn, 1).unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnsafeSchema);
    assert!(err.detail().contains("index named \"sneaky\""), "{err}");
    // A newer app may add indexes and tables, but not triggers.
    check_newer(&conn).unwrap();
    conn.execute_batch("CREATE TRIGGER t AFTER INSERT ON goal BEGIN SELECT 1; END")
        .unwrap();
    assert_eq!(check_newer(&conn).unwrap_err().code(), ErrorCode::UnsafeSchema);
}

#[test]
fn unknown_versions_have_no_schema() {
    assert!(expected(0).is_none());
    assert!(expected(SCHEMA_VERSION + 1).is_none());
}

#[test]
fn money_is_never_stored_as_a_number() {
    for sql in CREATE {
        let upper = sql.to_uppercase();
        assert!(upper.ends_with("STRICT"), "{sql}");
        for bad in ["REAL", "NUMERIC", "DECIMAL", "FLOAT", "DOUBLE"] {
            assert!(!upper.contains(bad), "{sql} declares {bad}");
        }
    }
}
