//! The committed plan files of every schema version (`tests/fixtures/v<N>/q4-growth.salesplan`
//! at the repo root). Every build must open each of them and find the template plan in it:
//! this catches a schema change that forgot its migration, and a reader that stopped
//! understanding old files.
//!
//! The fixture of a shipped version is never rewritten (v1 predates the dimensions, v2 the
//! section-1 drivers and v3 section 2 and the orders, so they open by migration with those
//! empty). To create the fixture of a NEW schema version, add a generator like
//! `regenerate_v4_fixture` for it and run it once:
//! `SALESPLAN_REGENERATE_FIXTURES=1 cargo test -p salesplan-core --test store -- --ignored fixture::regenerate`.
//! The generator of the latest version also refreshes the app's bundled sample
//! (`samples/q4-growth.salesplan`).

use crate::common::{clock, template_plan, Env};
use salesplan_core::clock::Clock;
use salesplan_core::model::{Dimensions, Drivers, OrderBook, Plan, PlanMeta, Support};
use salesplan_core::store::{self, SCHEMA_VERSION};
use std::fs;
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(version: i32) -> PathBuf {
    repo_root().join(format!("tests/fixtures/v{version}/q4-growth.salesplan"))
}

fn sample() -> PathBuf {
    repo_root().join("samples/q4-growth.salesplan")
}

/// The metadata an old fixture was written with: its template drew `ids` ids from the test
/// clock before the metadata's (v1: 24 baseline months and 2 goals; v2: also 28 dimension
/// members; v3: also 120 history rows per member and 7 drivers); today's template draws more.
fn meta_after(ids: usize) -> PlanMeta {
    let clock = clock();
    for _ in 0..ids {
        clock.new_id();
    }
    PlanMeta {
        document_id: clock.new_id(),
        revision_id: clock.new_id(),
        parent_revision: None,
        app_version: "0.1.0".into(),
        saved_at: clock.now(),
        author: "王磊".into(),
    }
}

/// The template plan without section 2 and orders (what a v3 file held).
fn template_before_v4() -> Plan {
    let (_, mut plan) = template_plan();
    plan.support = Support::default();
    plan.orders = OrderBook::default();
    plan
}

#[test]
fn the_v1_fixture_opens_by_migration_with_empty_dimensions() {
    let env = Env::new();
    let before = fs::read(fixture(1)).unwrap();
    let loaded = store::read_plan_file(&fixture(1), &env.scratch()).unwrap();
    let mut plan = template_before_v4();
    plan.dimensions = Dimensions::default();
    plan.baseline_splits.clear();
    plan.drivers = Drivers::default();
    assert_eq!(loaded.schema_version, 1);
    assert!(!loaded.newer_version);
    assert_eq!(loaded.meta, meta_after(26));
    assert_eq!(loaded.plan, plan);
    assert_eq!(
        fs::read(fixture(1)).unwrap(),
        before,
        "the migration ran on a private copy"
    );
}

#[test]
fn the_v2_fixture_opens_by_migration_with_no_drivers() {
    let env = Env::new();
    let before = fs::read(fixture(2)).unwrap();
    let loaded = store::read_plan_file(&fixture(2), &env.scratch()).unwrap();
    let mut plan = template_before_v4();
    plan.baseline_splits.clear();
    plan.drivers = Drivers::default();
    assert_eq!(loaded.schema_version, 2);
    assert!(!loaded.newer_version);
    assert_eq!(loaded.meta, meta_after(54));
    assert!(!loaded.plan.dimensions.is_empty());
    assert_eq!(loaded.plan, plan);
    assert_eq!(
        fs::read(fixture(2)).unwrap(),
        before,
        "the migration ran on a private copy"
    );
}

#[test]
fn the_v3_fixture_opens_by_migration_with_an_empty_section_two() {
    let env = Env::new();
    let before = fs::read(fixture(3)).unwrap();
    let loaded = store::read_plan_file(&fixture(3), &env.scratch()).unwrap();
    assert_eq!(loaded.schema_version, 3);
    assert!(!loaded.newer_version);
    assert_eq!(loaded.meta, meta_after(181));
    assert!(!loaded.plan.drivers.decompositions.is_empty());
    assert_eq!(loaded.plan.support.rfm, Default::default(), "the default RFM settings");
    assert_eq!(loaded.plan, template_before_v4());
    assert_eq!(
        fs::read(fixture(3)).unwrap(),
        before,
        "the migration ran on a private copy"
    );
}

#[test]
fn the_v4_fixture_opens_as_the_template_plan_with_its_orders() {
    let env = Env::new();
    let loaded = store::read_plan_file(&fixture(4), &env.scratch()).unwrap();
    let (meta, plan) = template_plan();
    assert_eq!(loaded.schema_version, 4);
    assert!(!loaded.newer_version);
    assert_eq!(loaded.meta, meta);
    assert_eq!(loaded.plan.orders.len(), 302);
    assert!(!loaded.plan.support.market_items.is_empty());
    assert_eq!(loaded.plan, plan);
}

#[test]
fn every_shipped_version_has_a_fixture() {
    for version in 1..=SCHEMA_VERSION {
        assert!(fixture(version).is_file(), "no fixture for schema version {version}");
    }
}

#[test]
fn the_bundled_sample_is_the_latest_fixture() {
    assert_eq!(fs::read(sample()).unwrap(), fs::read(fixture(SCHEMA_VERSION)).unwrap());
}

#[test]
fn a_file_written_today_has_the_latest_fixtures_schema() {
    // Rows aside, a new file and the latest fixture must hold the same schema objects, or this
    // build writes a format that has no version number of its own.
    let env = Env::new();
    let path = env.valid_file("today.salesplan");
    let schema = |p: &Path| -> Vec<(String, String, Option<String>)> {
        let conn = rusqlite::Connection::open_with_flags(p, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let mut stmt = conn
            .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
            .unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let copy = env.path("fixture-copy.salesplan");
    fs::copy(fixture(SCHEMA_VERSION), &copy).unwrap();
    assert_eq!(schema(&path), schema(&copy));
}

/// Writes the v4 fixture and the bundled sample (see the module docs before running it).
#[test]
#[ignore = "generator; run only to create a fixture (SALESPLAN_REGENERATE_FIXTURES=1)"]
fn regenerate_v4_fixture() {
    if std::env::var_os("SALESPLAN_REGENERATE_FIXTURES").is_none() {
        return;
    }
    assert_eq!(SCHEMA_VERSION, 4, "write the fixture of the new version instead");
    let path = fixture(4);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let _ = fs::remove_file(&path);
    let (meta, plan) = template_plan();
    store::write_plan_file(&path, &meta, &plan).unwrap();
    fs::create_dir_all(sample().parent().unwrap()).unwrap();
    fs::copy(&path, sample()).unwrap();
}
