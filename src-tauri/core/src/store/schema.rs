//! The SQL of the plan file and the exact list of schema objects a plan may contain.
//!
//! A plan file is input from a stranger. SQLite runs whatever a file's schema says (triggers on
//! our inserts, views with functions, generated columns), so the reader refuses any file whose
//! `sqlite_schema` is not exactly what this app writes for that version. The allowlist is
//! spelled out here rather than derived at run time, so a change to the SQL that forgets the
//! allowlist (or the other way round) fails the unit test below, and a change to both without a
//! migration fails the committed v1 fixture test.
//!
//! Layout of schema v1 (all tables `STRICT`; money and rates are canonical decimal TEXT, dates
//! are TEXT `YYYY-MM-DD`, ids are lowercase hyphenated UUID TEXT):
//! - `meta`, `header`, `settings`: one row each (`id = 1`).
//! - `calendar_day`: holidays and extra workdays. The model gives calendar days no id (a
//!   holiday *is* its date and name), so they are keyed by `(list, position)`, which also keeps
//!   their order and tolerates the same date listed twice.
//! - `baseline_month`, `goal`: UUID primary keys, plus a unique `position` that keeps the
//!   order of the lists. `goal.parent_id` has no foreign key on purpose: a dangling parent is
//!   a finding the health check reports, not a reason to refuse a file.
//!
//! Schema v2 adds one table (additive only; migrate.rs creates it in a v1 file):
//! - `dimension_member`: the members of the four dimensions (org, tier, product, channel),
//!   UUID primary key, `position` unique within a dimension, `level` for org members only
//!   (region, team, rep) and `parent_id` for teams and reps. Like `goal.parent_id` it has no
//!   foreign key: the reader and `validate` check the tree and name a bad member.
//!
//! Schema v3 adds two tables (additive; migrate.rs creates them in a v2 file):
//! - `baseline_split`: baseline history per member of a dimension, typed columns.
//! - `driver`: the section-1 drivers, one row each, settings as a strictly parsed JSON body.
//!
//! Schema v4 adds section 2 (additive; migrate.rs creates the tables in a v3 file):
//! - `support_item`: market items, strengths and weaknesses, competitive attributes,
//!   competitors and personas, one row each with a UUID, as `driver` (JSON body).
//! - `support_settings`: one row: the NPS survey (JSON or NULL) and the RFM settings (JSON).
//! - `order_batch`: the import the orders came from (at most one row, UUID key) with the
//!   amounts' scale and the number of orders.
//! - `order_chunk`: the orders, 256 a row, each column an encoded BLOB (`model/orders`); the
//!   key is the chunk's position, not a UUID: a chunk is storage, not something a user edits
//!   or a merge compares (the batch's UUID identifies the orders as a whole).

use std::collections::BTreeSet;

const META: &str = "CREATE TABLE meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    document_id TEXT NOT NULL,
    revision_id TEXT NOT NULL,
    parent_revision TEXT,
    app_version TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    author TEXT NOT NULL
) STRICT";

const HEADER: &str = "CREATE TABLE header (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    company TEXT NOT NULL,
    currency TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    weekdays TEXT NOT NULL,
    locale TEXT NOT NULL,
    authors TEXT NOT NULL
) STRICT";

const SETTINGS: &str = "CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    stretch_from TEXT NOT NULL,
    aggressive_from TEXT NOT NULL,
    achievable_min TEXT NOT NULL,
    achievable_max TEXT NOT NULL
) STRICT";

const CALENDAR_DAY: &str = "CREATE TABLE calendar_day (
    list TEXT NOT NULL CHECK (list IN ('holiday', 'extra_workday')),
    position INTEGER NOT NULL,
    date TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (list, position)
) STRICT";

const BASELINE_MONTH: &str = "CREATE TABLE baseline_month (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL UNIQUE,
    month TEXT NOT NULL,
    bookings TEXT NOT NULL,
    cash_in TEXT NOT NULL
) STRICT";

const GOAL: &str = "CREATE TABLE goal (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL UNIQUE,
    layer TEXT NOT NULL,
    kind TEXT NOT NULL,
    statement TEXT NOT NULL,
    metric TEXT NOT NULL,
    unit TEXT NOT NULL,
    baseline TEXT,
    target TEXT,
    deadline TEXT,
    owner TEXT NOT NULL,
    rationale TEXT NOT NULL,
    parent_id TEXT
) STRICT";

/// Added by schema v2 (the v1 → v2 migration runs this same text, so a migrated file and a new
/// file have byte-identical schemas).
pub(super) const DIMENSION_MEMBER: &str = "CREATE TABLE dimension_member (
    id TEXT PRIMARY KEY NOT NULL,
    dimension TEXT NOT NULL CHECK (dimension IN ('org', 'tier', 'product', 'channel')),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    code TEXT,
    level TEXT CHECK (level IN ('region', 'team', 'rep')),
    parent_id TEXT,
    UNIQUE (dimension, position)
) STRICT";

/// Added by schema v3: baseline history per member of a dimension (typed columns: imports
/// can bring thousands of rows).
pub(super) const BASELINE_SPLIT: &str = "CREATE TABLE baseline_split (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL UNIQUE,
    month TEXT NOT NULL,
    dimension TEXT NOT NULL CHECK (dimension IN ('org', 'tier', 'product', 'channel')),
    member_id TEXT NOT NULL,
    bookings TEXT NOT NULL,
    cash_in TEXT NOT NULL
) STRICT";

/// Added by schema v3: the section-1 drivers (splits, phasing rules, funnels, cash-in plans).
/// Identity and links are columns; the driver's settings are a JSON `body` read back with the
/// same strict serde as the JSON form (unknown fields, exponents and NaN refused), and the
/// reader checks that the body's `id` and `goal_id` equal the columns.
pub(super) const DRIVER: &str = "CREATE TABLE driver (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('decomposition', 'phasing', 'funnel', 'cash_in')),
    position INTEGER NOT NULL,
    goal_id TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (kind, position)
) STRICT";

/// Added by schema v4: the section-2 items (see `driver` for the body rules).
pub(super) const SUPPORT_ITEM: &str = "CREATE TABLE support_item (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('market_item', 'factor', 'attribute', 'competitor', 'persona')),
    position INTEGER NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (kind, position)
) STRICT";

/// Added by schema v4: the NPS survey and the RFM settings (exactly one row).
pub(super) const SUPPORT_SETTINGS: &str = "CREATE TABLE support_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    nps TEXT,
    rfm TEXT NOT NULL
) STRICT";

/// Added by schema v4: the import the stored orders came from (none or one row).
pub(super) const ORDER_BATCH: &str = "CREATE TABLE order_batch (
    id TEXT PRIMARY KEY NOT NULL,
    imported_at TEXT NOT NULL,
    sources TEXT NOT NULL,
    scale INTEGER NOT NULL CHECK (scale BETWEEN 0 AND 10),
    orders INTEGER NOT NULL CHECK (orders > 0)
) STRICT";

/// Added by schema v4: the orders, one chunk a row, each column an encoded BLOB.
pub(super) const ORDER_CHUNK: &str = "CREATE TABLE order_chunk (
    position INTEGER PRIMARY KEY,
    orders INTEGER NOT NULL,
    customer BLOB NOT NULL,
    date BLOB NOT NULL,
    amount BLOB NOT NULL,
    order_id BLOB NOT NULL,
    product BLOB NOT NULL,
    channel BLOB NOT NULL,
    region BLOB NOT NULL
) STRICT";

/// The statements that create schema v1, in order (kept to test the v1 allowlist and the
/// v1 → v2 migration; the app itself never creates a v1 file any more).
#[cfg(test)]
pub(super) const CREATE_V1: [&str; 6] = [META, HEADER, SETTINGS, CALENDAR_DAY, BASELINE_MONTH, GOAL];

/// The statements that create the current schema (v4), in order.
pub(super) const CREATE: [&str; 13] = [
    META,
    HEADER,
    SETTINGS,
    CALENDAR_DAY,
    BASELINE_MONTH,
    GOAL,
    DIMENSION_MEMBER,
    BASELINE_SPLIT,
    DRIVER,
    SUPPORT_ITEM,
    SUPPORT_SETTINGS,
    ORDER_BATCH,
    ORDER_CHUNK,
];

/// The tables the reader queries (and the writer clears), child tables last, the orders'
/// tables apart: a working copy rewrites them only when the orders changed.
pub(super) const TABLES: [&str; 11] = [
    "meta",
    "header",
    "settings",
    "calendar_day",
    "baseline_month",
    "goal",
    "dimension_member",
    "baseline_split",
    "driver",
    "support_item",
    "support_settings",
];

/// The tables of the stored orders.
pub(super) const ORDER_TABLES: [&str; 2] = ["order_batch", "order_chunk"];

/// One row of `sqlite_schema` as the reader compares it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct SchemaObject {
    /// "table", "index", "trigger" or "view".
    pub kind: String,
    /// Object name.
    pub name: String,
    /// Table the object belongs to.
    pub table: String,
    /// Its SQL with whitespace collapsed; `None` for automatic indexes.
    pub sql: Option<String>,
}

fn object(kind: &str, name: &str, table: &str, sql: Option<&str>) -> SchemaObject {
    SchemaObject {
        kind: kind.into(),
        name: name.into(),
        table: table.into(),
        sql: sql.map(normalize),
    }
}

/// Collapses runs of whitespace, so indentation in this file does not matter.
pub(super) fn normalize(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The exact schema of a version this app can read, or `None` for an unknown version.
pub(super) fn expected(version: i32) -> Option<BTreeSet<SchemaObject>> {
    match version {
        1 => Some(v1()),
        2 => {
            let mut v2 = v1();
            v2.extend(table_with_two_indexes("dimension_member", DIMENSION_MEMBER));
            Some(v2)
        }
        3 => {
            let mut v3 = expected(2)?;
            v3.extend(table_with_two_indexes("baseline_split", BASELINE_SPLIT));
            v3.extend(table_with_two_indexes("driver", DRIVER));
            Some(v3)
        }
        4 => {
            let mut v4 = expected(3)?;
            v4.extend(table_with_two_indexes("support_item", SUPPORT_ITEM));
            v4.insert(object(
                "table",
                "support_settings",
                "support_settings",
                Some(SUPPORT_SETTINGS),
            ));
            v4.insert(object("table", "order_batch", "order_batch", Some(ORDER_BATCH)));
            v4.insert(object("index", "sqlite_autoindex_order_batch_1", "order_batch", None));
            v4.insert(object("table", "order_chunk", "order_chunk", Some(ORDER_CHUNK)));
            Some(v4)
        }
        _ => None,
    }
}

/// A table with a primary key and one UNIQUE constraint (two automatic indexes).
fn table_with_two_indexes(name: &str, sql: &str) -> [SchemaObject; 3] {
    [
        object("table", name, name, Some(sql)),
        object("index", &format!("sqlite_autoindex_{name}_1"), name, None),
        object("index", &format!("sqlite_autoindex_{name}_2"), name, None),
    ]
}

/// Schema v1, the first version shipped.
fn v1() -> BTreeSet<SchemaObject> {
    BTreeSet::from([
        object("table", "meta", "meta", Some(META)),
        object("table", "header", "header", Some(HEADER)),
        object("table", "settings", "settings", Some(SETTINGS)),
        object("table", "calendar_day", "calendar_day", Some(CALENDAR_DAY)),
        object("index", "sqlite_autoindex_calendar_day_1", "calendar_day", None),
        object("table", "baseline_month", "baseline_month", Some(BASELINE_MONTH)),
        object("index", "sqlite_autoindex_baseline_month_1", "baseline_month", None),
        object("index", "sqlite_autoindex_baseline_month_2", "baseline_month", None),
        object("table", "goal", "goal", Some(GOAL)),
        object("index", "sqlite_autoindex_goal_1", "goal", None),
        object("index", "sqlite_autoindex_goal_2", "goal", None),
    ])
}

mod check;
pub(super) use check::{check_exact, check_newer};

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
