//! Migrations: numbered steps that bring an older plan file up to [`SCHEMA_VERSION`].
//!
//! They run on the private copy only (the user's file is never changed by opening it), one
//! transaction per step, and each step also bumps `user_version`, so a failing step leaves the
//! copy at the last version that worked and the error names the step. Each step has an entry
//! in `schema::expected` for the version it produces, and the committed fixture of the version
//! it starts from (`tests/fixtures/v<from>`) keeps testing it.
//!
//! - v1 → v2: adds the `dimension_member` table (org tree, tiers, products, channels). A v1
//!   plan had no dimensions, so it opens with all four empty.
//! - v2 → v3: adds `baseline_split` and `driver`. A v2 plan opens with no splits, no phasing
//!   rules (history seasonality, as v2 showed it), no funnels and no cash-in plans.
//! - v3 → v4: adds section 2 (`support_item`, `support_settings`, `order_batch`,
//!   `order_chunk`). A v3 plan opens with no market items, factors, survey, competitors or
//!   personas, the default RFM settings (analysis date: the day after the last order; tiers by
//!   score sums A ≥ 12, B ≥ 8) and no orders.

use super::schema::{
    BASELINE_SPLIT, DIMENSION_MEMBER, DRIVER, ORDER_BATCH, ORDER_CHUNK, SUPPORT_ITEM, SUPPORT_SETTINGS,
};
use super::{sql_error, SCHEMA_VERSION};
use crate::error::{Error, ErrorCode, Result};
use rusqlite::{Connection, Transaction};

/// One migration step: from `from` to `from + 1`.
pub(super) struct Step {
    /// The version this step upgrades.
    pub from: i32,
    /// What it does, for error messages.
    pub describe: &'static str,
    /// The change, inside the step's transaction.
    pub apply: fn(&Transaction) -> rusqlite::Result<()>,
}

/// Every step, ordered by `from`.
pub(super) const STEPS: &[Step] = &[
    Step {
        from: 1,
        describe: "add the dimensions table",
        apply: |tx| tx.execute_batch(DIMENSION_MEMBER),
    },
    Step {
        from: 2,
        describe: "add the baseline split and driver tables",
        apply: |tx| {
            tx.execute_batch(BASELINE_SPLIT)?;
            tx.execute_batch(DRIVER)
        },
    },
    Step {
        from: 3,
        describe: "add the section-2 and order tables",
        apply: |tx| {
            for sql in [SUPPORT_ITEM, SUPPORT_SETTINGS, ORDER_BATCH, ORDER_CHUNK] {
                tx.execute_batch(sql)?;
            }
            super::support::insert_settings(tx, &crate::model::Support::default())
        },
    },
];

/// Brings the copy at `from` up to the current schema version.
pub(super) fn run(conn: &mut Connection, from: i32) -> Result<()> {
    run_steps(conn, from, SCHEMA_VERSION, STEPS)
}

/// Applies `steps` from version `from` up to `to`, one transaction per step.
pub(super) fn run_steps(conn: &mut Connection, from: i32, to: i32, steps: &[Step]) -> Result<()> {
    for version in from..to {
        let step = steps.iter().find(|s| s.from == version).ok_or_else(|| {
            Error::plain(
                ErrorCode::Corrupt,
                format!("this app cannot upgrade a plan from schema version {version}"),
            )
            .because("file.cannot_upgrade", &[("version", &version.to_string())])
        })?;
        let fail = |e: rusqlite::Error| {
            let err = sql_error(
                &format!("upgrading from schema version {version} ({})", step.describe),
                &e,
            );
            Error::plain(
                if err.code() == ErrorCode::DiskFull {
                    ErrorCode::DiskFull
                } else {
                    ErrorCode::Corrupt
                },
                err.detail(),
            )
            .because(
                if err.code() == ErrorCode::DiskFull {
                    "file.disk_full"
                } else {
                    "file.damaged"
                },
                &[],
            )
        };
        let tx = conn.transaction().map_err(fail)?;
        (step.apply)(&tx).map_err(fail)?;
        tx.pragma_update(None, "user_version", version + 1).map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i32 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
    }

    const FAKE: &[Step] = &[
        Step {
            from: 1,
            describe: "add notes",
            apply: |tx| tx.execute_batch("CREATE TABLE notes (id TEXT PRIMARY KEY) STRICT"),
        },
        Step {
            from: 2,
            describe: "broken step",
            apply: |tx| tx.execute_batch("CREATE TABLE x (a TEXT) STRICT; SELECT * FROM nowhere"),
        },
    ];

    #[test]
    fn the_shipped_steps_cover_every_older_version() {
        for v in 1..SCHEMA_VERSION {
            assert!(STEPS.iter().any(|s| s.from == v), "no migration step from version {v}");
        }
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn, SCHEMA_VERSION).unwrap();
    }

    #[test]
    fn a_v1_schema_migrates_to_exactly_the_current_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in super::super::schema::CREATE_V1 {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 1).unwrap();
        run(&mut conn, 1).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
        super::super::schema::check_exact(&conn, SCHEMA_VERSION).unwrap();
    }

    #[test]
    fn each_step_commits_alone_and_a_failing_step_rolls_back() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        run_steps(&mut conn, 1, 2, FAKE).unwrap();
        assert_eq!(version(&conn), 2);
        let err = run_steps(&mut conn, 2, 3, FAKE).unwrap_err();
        assert!(err.detail().contains("broken step"), "{err}");
        assert_eq!(version(&conn), 2, "the failed step left the version alone");
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'x'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0, "the failed step's table was rolled back");
        assert!(run_steps(&mut conn, 3, 4, FAKE).is_err(), "no step from 3");
    }
}
