//! The committed plan file of schema v1 (`tests/fixtures/v1/q4-growth.salesplan` at the repo
//! root). Every build must open it and find the template plan in it: this catches a schema
//! change that forgot its migration, and a reader that stopped understanding old files.
//!
//! The fixture of a shipped version is never rewritten. To create the fixture of a NEW schema
//! version, add a generator like `regenerate_v1_fixture` for it and run it once:
//! `SALESPLAN_REGENERATE_FIXTURES=1 cargo test -p salesplan-core --test store -- --ignored fixture::regenerate`.
//! The v1 generator also refreshes the app's bundled sample (`samples/q4-growth.salesplan`).

use crate::common::{template_plan, Env};
use salesplan_core::store;
use std::fs;
use std::path::PathBuf;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn v1_fixture() -> PathBuf {
    repo_root().join("tests/fixtures/v1/q4-growth.salesplan")
}

fn sample() -> PathBuf {
    repo_root().join("samples/q4-growth.salesplan")
}

#[test]
fn the_v1_fixture_opens_as_the_template_plan() {
    let env = Env::new();
    let loaded = store::read_plan_file(&v1_fixture(), &env.scratch()).unwrap();
    let (meta, plan) = template_plan();
    assert_eq!(loaded.schema_version, 1);
    assert!(!loaded.newer_version);
    assert_eq!(loaded.meta, meta);
    assert_eq!(loaded.plan, plan);
}

#[test]
fn the_bundled_sample_is_the_v1_fixture() {
    assert_eq!(fs::read(sample()).unwrap(), fs::read(v1_fixture()).unwrap());
}

#[test]
fn a_file_written_today_has_the_fixtures_schema() {
    // Rows aside, a new file and the v1 fixture must hold the same schema objects, or this
    // build writes a format that has no version number of its own.
    let env = Env::new();
    let path = env.valid_file("today.salesplan");
    let schema = |p: &std::path::Path| -> Vec<(String, String, Option<String>)> {
        let conn = rusqlite::Connection::open_with_flags(p, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let mut stmt = conn
            .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
            .unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let copy = env.path("fixture-copy.salesplan");
    fs::copy(v1_fixture(), &copy).unwrap();
    assert_eq!(schema(&path), schema(&copy));
}

/// Writes the v1 fixture and the bundled sample (see the module docs before running it).
#[test]
#[ignore = "generator; run only to create a fixture (SALESPLAN_REGENERATE_FIXTURES=1)"]
fn regenerate_v1_fixture() {
    if std::env::var_os("SALESPLAN_REGENERATE_FIXTURES").is_none() {
        return;
    }
    let path = v1_fixture();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let _ = fs::remove_file(&path);
    let (meta, plan) = template_plan();
    store::write_plan_file(&path, &meta, &plan).unwrap();
    fs::create_dir_all(sample().parent().unwrap()).unwrap();
    fs::copy(&path, sample()).unwrap();
}
