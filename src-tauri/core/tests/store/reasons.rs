//! Every file-level refusal carries a machine-readable reason (key and params) that the UI
//! translates; the English message stays as the fallback.

use crate::common::{other_revision, tamper, template_plan, Env};
use salesplan_core::error::{Error, ErrorCode};
use salesplan_core::store::{self, SCHEMA_VERSION};
use std::fs;
use std::path::Path;

/// Checks the reason key of `err`, and that each of `params` is set as given.
fn check(err: &Error, key: &str, params: &[(&str, &str)]) {
    let reason = err.reason().unwrap_or_else(|| panic!("no reason on {err}"));
    assert_eq!(reason.key, key, "{err}");
    for (name, value) in params {
        assert_eq!(
            reason.params.get(*name).map(String::as_str),
            Some(*value),
            "{name} of {err}"
        );
    }
    assert!(!err.detail().is_empty(), "the English fallback stays");
}

/// A file's name, its bytes, the expected reason key and params.
type Case<'a> = (&'a str, &'a [u8], &'a str, &'a [(&'a str, &'a str)]);

fn open_err(env: &Env, path: &Path) -> Error {
    store::read_plan_file(path, &env.scratch()).expect_err("the file must be refused")
}

#[test]
fn byte_level_refusals_name_their_reason() {
    let env = Env::new();
    let cases: [Case; 5] = [
        ("empty", b"", "file.empty", &[]),
        (
            "pdf",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n",
            "file.not_a_plan",
            &[("type", "pdf")],
        ),
        (
            "zip",
            b"PK\x03\x04\x14\x00\x06\x00",
            "file.not_a_plan",
            &[("type", "zip")],
        ),
        ("text", "Q4 计划\n".as_bytes(), "file.not_a_plan", &[("type", "text")]),
        (
            "json",
            b"{\"format\": \"salesplan\"}",
            "file.not_a_plan",
            &[("type", "json")],
        ),
    ];
    for (name, bytes, key, params) in cases {
        let path = env.path(&format!("{name}.salesplan"));
        fs::write(&path, bytes).unwrap();
        check(&open_err(&env, &path), key, params);
    }
}

#[test]
fn sqlite_level_refusals_name_their_reason() {
    let env = Env::new();
    let other = env.path("contacts.salesplan");
    tamper(&other, "CREATE TABLE contact (name TEXT);");
    check(&open_err(&env, &other), "file.other_sqlite", &[]);

    let cut = env.valid_file("cut.salesplan");
    let bytes = fs::read(&cut).unwrap();
    fs::write(&cut, &bytes[..bytes.len() / 2 + 7]).unwrap();
    check(&open_err(&env, &cut), "file.truncated", &[]);

    let hostile = env.valid_file("hostile.salesplan");
    tamper(
        &hostile,
        "CREATE TRIGGER steal AFTER UPDATE ON goal BEGIN SELECT 1; END;",
    );
    check(
        &open_err(&env, &hostile),
        "file.unsafe_object",
        &[("kind", "trigger"), ("name", "steal")],
    );

    let future = env.valid_file("future.salesplan");
    let newer = SCHEMA_VERSION + 1;
    tamper(
        &future,
        &format!("ALTER TABLE goal RENAME COLUMN target TO t2; PRAGMA user_version = {newer};"),
    );
    let err = open_err(&env, &future);
    assert_eq!(err.code(), ErrorCode::NewerVersion);
    check(
        &err,
        "file.newer_version",
        &[("version", &newer.to_string()), ("known", &SCHEMA_VERSION.to_string())],
    );
}

#[test]
fn path_refusals_name_their_reason() {
    let env = Env::new();
    check(&open_err(&env, &env.path("missing.salesplan")), "file.not_found", &[]);
    let folder = env.path("folder.salesplan");
    fs::create_dir(&folder).unwrap();
    check(&open_err(&env, &folder), "file.folder", &[]);
    let big = env.path("big.salesplan");
    let file = fs::File::create(&big).unwrap();
    file.set_len(store::MAX_FILE_BYTES + 1).unwrap();
    check(&open_err(&env, &big), "file.too_large", &[]);
    let (meta, plan) = template_plan();
    let err = store::save_atomic(&folder, &meta, &plan, None, &env.scratch()).unwrap_err();
    check(&err, "file.folder_save", &[]);
}

#[test]
fn a_conflicting_save_names_its_reason() {
    let env = Env::new();
    let target = env.valid_file("q4.salesplan");
    let (meta, plan) = template_plan();
    let (theirs_meta, theirs_plan) = other_revision(&meta, &plan, "Their edit");
    let theirs = env.path("theirs.salesplan");
    store::write_plan_file(&theirs, &theirs_meta, &theirs_plan).unwrap();
    fs::rename(&theirs, &target).unwrap();
    let err = store::save_atomic(&target, &meta, &plan, Some(meta.revision_id), &env.scratch()).unwrap_err();
    check(&err, "file.conflict_changed", &[]);
    fs::write(&target, b"%PDF-1.4 someone saved a PDF here").unwrap();
    let err = store::save_atomic(&target, &meta, &plan, Some(meta.revision_id), &env.scratch()).unwrap_err();
    check(&err, "file.conflict_unreadable", &[]);
}

#[test]
fn io_errors_map_to_reasons() {
    use std::io::{Error as IoError, ErrorKind as K};
    let p = Path::new("/x/plan.salesplan");
    for (kind, key) in [
        (K::NotFound, "file.not_found"),
        (K::PermissionDenied, "file.permission"),
        (K::StorageFull, "file.disk_full"),
        (K::IsADirectory, "file.folder"),
    ] {
        check(&Error::io(p, &IoError::from(kind)), key, &[]);
    }
    assert!(Error::io(p, &IoError::other("boom")).reason().is_none());
}
