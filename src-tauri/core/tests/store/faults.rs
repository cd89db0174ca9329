//! Opening bad files: every fault gets its own code and a message naming the file, and the
//! user's file is never changed.

use crate::common::{tamper, template_plan, Env};
use salesplan_core::error::ErrorCode;
use salesplan_core::store::{self, APPLICATION_ID, SCHEMA_VERSION};
use std::fs;

#[test]
fn a_valid_file_round_trips_and_is_left_untouched() {
    let env = Env::new();
    let path = env.valid_file("q4.salesplan");
    let before = fs::read(&path).unwrap();
    let loaded = store::read_plan_file(&path, &env.scratch()).unwrap();
    let (meta, plan) = template_plan();
    assert_eq!((loaded.meta, loaded.plan), (meta, plan));
    assert_eq!((loaded.schema_version, loaded.newer_version), (SCHEMA_VERSION, false));
    assert_eq!(fs::read(&path).unwrap(), before, "reading never writes");
    assert_eq!(
        env.files(),
        ["q4.salesplan"],
        "no -journal, -wal or -shm beside the file"
    );
    crate::common::assert_no_private_copies(&env.scratch());
}

#[test]
fn the_header_says_what_the_file_is() {
    let env = Env::new();
    let bytes = fs::read(env.valid_file("q4.salesplan")).unwrap();
    assert_eq!(&bytes[..16], b"SQLite format 3\0");
    assert_eq!(&bytes[18..20], &[1, 1], "rollback journal, not WAL");
    assert_eq!(i32::from_be_bytes(bytes[60..64].try_into().unwrap()), SCHEMA_VERSION);
    assert_eq!(i32::from_be_bytes(bytes[68..72].try_into().unwrap()), APPLICATION_ID);
}

#[test]
fn zero_byte_file_is_empty() {
    let env = Env::new();
    let path = env.path("empty.salesplan");
    fs::write(&path, b"").unwrap();
    env.expect_err(&path, ErrorCode::EmptyFile);
}

#[test]
fn a_renamed_pdf_is_not_a_plan_and_says_pdf() {
    let env = Env::new();
    let path = env.path("invoice.salesplan");
    fs::write(
        &path,
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    )
    .unwrap();
    let err = env.expect_err(&path, ErrorCode::NotAPlan);
    assert!(err.detail().contains("PDF"), "{err}");
}

#[test]
fn a_renamed_spreadsheet_is_not_a_plan_and_says_zip() {
    let env = Env::new();
    let path = env.path("budget.salesplan");
    fs::write(&path, b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml").unwrap();
    let err = env.expect_err(&path, ErrorCode::NotAPlan);
    assert!(err.detail().contains("ZIP"), "{err}");
}

#[test]
fn random_bytes_are_not_a_plan() {
    let env = Env::new();
    let path = env.path("noise.salesplan");
    let mut rng = crate::common::XorShift(0x9e37_79b9_7f4a_7c15);
    let noise: Vec<u8> = (0..10_000).map(|_| rng.next() as u8).collect();
    fs::write(&path, noise).unwrap();
    env.expect_err(&path, ErrorCode::NotAPlan);
}

#[test]
fn another_apps_sqlite_database_is_not_a_plan() {
    let env = Env::new();
    let path = env.path("contacts.salesplan");
    tamper(
        &path,
        "CREATE TABLE contact (name TEXT); INSERT INTO contact VALUES ('x');",
    );
    let err = env.expect_err(&path, ErrorCode::NotAPlan);
    assert!(err.detail().contains("another program's SQLite database"), "{err}");
}

#[test]
fn our_application_id_without_a_schema_version_is_not_a_plan() {
    let env = Env::new();
    let path = env.path("half.salesplan");
    tamper(
        &path,
        &format!("PRAGMA application_id = {APPLICATION_ID}; CREATE TABLE t (a TEXT);"),
    );
    env.expect_err(&path, ErrorCode::NotAPlan);
}

#[test]
fn a_newer_version_with_a_superset_schema_opens_read_only() {
    let env = Env::new();
    let path = env.valid_file("future.salesplan");
    let newer = SCHEMA_VERSION + 1;
    tamper(
        &path,
        &format!(
            "ALTER TABLE goal ADD COLUMN weight TEXT;
             CREATE TABLE snapshot (id TEXT PRIMARY KEY, body TEXT) STRICT;
             CREATE INDEX goal_by_owner ON goal(owner);
             PRAGMA user_version = {newer};"
        ),
    );
    let loaded = store::read_plan_file(&path, &env.scratch()).unwrap();
    assert!(loaded.newer_version);
    assert_eq!(loaded.schema_version, newer);
    assert_eq!(loaded.plan, template_plan().1);
}

#[test]
fn a_newer_version_we_cannot_read_says_newer_version() {
    let env = Env::new();
    let path = env.valid_file("future.salesplan");
    tamper(
        &path,
        &format!(
            "ALTER TABLE goal RENAME COLUMN target TO target_minor_units; PRAGMA user_version = {};",
            SCHEMA_VERSION + 1
        ),
    );
    let err = env.expect_err(&path, ErrorCode::NewerVersion);
    assert!(err.detail().contains("newer version"), "{err}");
}

#[test]
fn a_newer_version_still_may_not_carry_triggers() {
    let env = Env::new();
    let path = env.valid_file("future.salesplan");
    tamper(
        &path,
        &format!(
            "CREATE TRIGGER wipe AFTER INSERT ON goal BEGIN DELETE FROM goal; END; PRAGMA user_version = {};",
            SCHEMA_VERSION + 1
        ),
    );
    env.expect_err(&path, ErrorCode::UnsafeSchema);
}

#[test]
fn a_file_cut_in_half_is_corrupt() {
    let env = Env::new();
    let path = env.valid_file("cut.salesplan");
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() / 2 + 7]).unwrap();
    let err = env.expect_err(&path, ErrorCode::Corrupt);
    assert!(err.detail().contains("truncated"), "{err}");
}

#[test]
fn a_file_cut_at_a_page_boundary_is_corrupt() {
    let env = Env::new();
    let path = env.valid_file("cut.salesplan");
    let bytes = fs::read(&path).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    assert!(bytes.len() > 2 * page, "the fixture has several pages");
    fs::write(&path, &bytes[..2 * page]).unwrap();
    let err = env.expect_err(&path, ErrorCode::Corrupt);
    assert!(err.detail().contains("truncated"), "{err}");
}

#[test]
fn a_damaged_page_fails_the_integrity_check() {
    let env = Env::new();
    let path = env.valid_file("damaged.salesplan");
    let mut bytes = fs::read(&path).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    // Scribble over the b-tree header of the last page (goal data), keeping the file header.
    let last = bytes.len() - page;
    bytes[last..last + 12].copy_from_slice(&[0xFF; 12]);
    fs::write(&path, &bytes).unwrap();
    env.expect_err(&path, ErrorCode::Corrupt);
}

/// An object a plan never has is refused, and the message names it.
fn check_unsafe(sql: &str, name: &str) {
    let env = Env::new();
    let path = env.valid_file("hostile.salesplan");
    tamper(&path, sql);
    let err = env.expect_err(&path, ErrorCode::UnsafeSchema);
    assert!(err.detail().contains(name), "{err}");
}

#[test]
fn an_extra_trigger_is_unsafe() {
    check_unsafe(
        "CREATE TRIGGER steal AFTER UPDATE ON goal BEGIN UPDATE meta SET author = 'x'; END;",
        "\"steal\"",
    );
}

#[test]
fn an_extra_view_is_unsafe() {
    check_unsafe("CREATE VIEW peek AS SELECT * FROM goal;", "\"peek\"");
}

#[test]
fn an_extra_table_is_unsafe() {
    check_unsafe("CREATE TABLE payload (blob BLOB);", "\"payload\"");
}

#[test]
fn an_extra_index_is_unsafe() {
    check_unsafe("CREATE INDEX by_owner ON goal(owner);", "\"by_owner\"");
}

#[test]
fn a_redefined_table_is_unsafe() {
    check_unsafe(
        "DROP TABLE settings; CREATE TABLE settings (id INTEGER PRIMARY KEY, stretch_from REAL, aggressive_from REAL, \
         achievable_min REAL, achievable_max REAL); INSERT INTO settings VALUES (1, 0.05, 0.4, 0, 0.6);",
        "\"settings\"",
    );
}

/// A malformed value is refused with `InvalidValue`, naming the table, the field and the value.
fn check_bad_value(sql: &str, needles: &[&str]) {
    let env = Env::new();
    let path = env.valid_file("bad.salesplan");
    tamper(&path, sql);
    let err = env.expect_err(&path, ErrorCode::InvalidValue);
    for needle in needles {
        assert!(err.detail().contains(needle), "{needle:?} missing from: {err}");
    }
}

#[test]
fn an_exponent_is_refused() {
    check_bad_value(
        "UPDATE goal SET target = '1e400' WHERE position = 0;",
        &["goal row 1", "field target", "1e400"],
    );
}

#[test]
fn nan_is_refused() {
    check_bad_value(
        "UPDATE baseline_month SET bookings = 'NaN' WHERE position = 3;",
        &["baseline_month row 4", "field bookings", "NaN"],
    );
}

#[test]
fn too_many_decimals_are_refused() {
    check_bad_value(
        "UPDATE settings SET stretch_from = '1.12345678901';",
        &["settings", "field stretch_from", "decimal places"],
    );
}

#[test]
fn letters_in_a_number_are_refused() {
    check_bad_value(
        "UPDATE goal SET baseline = 'abc' WHERE position = 1;",
        &["goal row 2", "field baseline", "abc"],
    );
}

#[test]
fn a_huge_number_is_refused() {
    check_bad_value(
        "UPDATE baseline_month SET cash_in = '99999999999999999999999' WHERE position = 0;",
        &["cash_in", "too large"],
    );
}

#[test]
fn a_malformed_id_is_refused() {
    check_bad_value(
        "UPDATE goal SET parent_id = 'not-a-uuid' WHERE position = 1;",
        &["field parent_id", "not-a-uuid"],
    );
}

#[test]
fn an_impossible_date_is_refused() {
    check_bad_value(
        "UPDATE goal SET deadline = '2026-02-30' WHERE position = 0;",
        &["field deadline", "2026-02-30"],
    );
}

#[test]
fn an_unknown_goal_kind_is_refused() {
    check_bad_value("UPDATE goal SET kind = 'Bookings' WHERE position = 0;", &["field kind"]);
}

#[test]
fn meta_must_hold_exactly_one_row() {
    let env = Env::new();
    let path = env.valid_file("two.salesplan");
    tamper(
        &path,
        "DROP TABLE meta; CREATE TABLE meta (
        id INTEGER PRIMARY KEY CHECK (id >= 1),
        document_id TEXT NOT NULL, revision_id TEXT NOT NULL, parent_revision TEXT,
        app_version TEXT NOT NULL, saved_at TEXT NOT NULL, author TEXT NOT NULL) STRICT;",
    );
    // The redefined table is caught before its rows are read.
    env.expect_err(&path, ErrorCode::UnsafeSchema);
    let path = env.valid_file("empty-meta.salesplan");
    tamper(&path, "DELETE FROM meta;");
    let err = env.expect_err(&path, ErrorCode::Corrupt);
    assert!(err.detail().contains("exactly one row"), "{err}");
}

#[test]
fn duplicate_baseline_months_fail_validation() {
    check_bad_value(
        "UPDATE baseline_month SET month = '2024-10-01' WHERE position = 1;",
        &["month appears twice"],
    );
}

#[test]
fn a_dangling_parent_reference_opens() {
    // A goal whose parent is gone is something the user fixes in the app (the health check
    // reports it); refusing the whole file would lose their work.
    let env = Env::new();
    let path = env.valid_file("dangling.salesplan");
    let ghost = "0b5e0000-0000-4000-8000-00000000dead";
    tamper(
        &path,
        &format!("UPDATE goal SET parent_id = '{ghost}', layer = 'unit' WHERE position = 1;"),
    );
    let loaded = store::read_plan_file(&path, &env.scratch()).unwrap();
    assert_eq!(loaded.plan.goals[1].parent_id, Some(ghost.parse().unwrap()));
    assert!(loaded.plan.goal(ghost.parse().unwrap()).is_none());
}

#[test]
fn malicious_text_comes_back_as_the_same_text() {
    let env = Env::new();
    let path = env.path("hostile-text.salesplan");
    let (meta, mut plan) = template_plan();
    plan.header.title = "<script>alert('pwned')</script>".into();
    plan.header.company = "'; DROP TABLE goal; --".into();
    plan.goals[0].owner = "Robert\"); DELETE FROM meta; --".into();
    plan.goals[0].rationale = "<img src=x onerror=alert(1)> 😀 \u{202E}gnp.exe 零宽\u{200B}字符".into();
    store::write_plan_file(&path, &meta, &plan).unwrap();
    let loaded = store::read_plan_file(&path, &env.scratch()).unwrap();
    assert_eq!(loaded.plan, plan);
}

#[test]
fn a_missing_path_is_not_found_and_nothing_is_created() {
    let env = Env::new();
    let path = env.path("nowhere/q4.salesplan");
    env.expect_err(&path, ErrorCode::NotFound);
    assert!(
        !path.exists() && !env.path("nowhere").exists(),
        "a failed open created something"
    );
    let path = env.path("q4.salesplan");
    env.expect_err(&path, ErrorCode::NotFound);
    assert!(!path.exists(), "a failed open created the file");
    assert_eq!(env.files(), Vec::<String>::new());
}

#[test]
fn a_folder_is_not_a_plan_file() {
    let env = Env::new();
    let path = env.path("plans.salesplan");
    fs::create_dir(&path).unwrap();
    env.expect_err(&path, ErrorCode::IsDirectory);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let env = Env::new();
    let path = env.path("pipe.salesplan");
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo has no other preconditions.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    env.expect_err(&path, ErrorCode::NotAPlan);
}

#[test]
fn an_oversized_file_is_refused_before_reading() {
    let env = Env::new();
    let path = env.path("huge.salesplan");
    let f = fs::File::create(&path).unwrap();
    // A sparse file: no disk space used, but its size is over the cap.
    f.set_len(store::MAX_FILE_BYTES + 1).unwrap();
    env.expect_err(&path, ErrorCode::TooLarge);
}
