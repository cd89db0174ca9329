//! Property tests: arbitrary plans survive the file and the JSON form unchanged, and no
//! damaged file makes the reader panic.

use crate::common::{assert_no_private_copies, template_plan, Env};
use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use salesplan_core::json;
use salesplan_core::model::{
    BaselineMonth, CalendarDay, Dimensions, Goal, GoalKind, GoalLayer, Member, OrgLevel, OrgMember, Plan, PlanHeader,
    PlanMeta, PlanSettings, WorkCalendar,
};
use salesplan_core::store;
use std::sync::OnceLock;
use uuid::Uuid;

/// Texts users (and attackers) type: Chinese, emoji, markup, SQL, quotes, newlines.
pub(crate) fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.%()-]{0,24}",
        "\\PC{0,40}",
        "[\u{4e00}-\u{9fa5}，。（）、]{0,20}",
        "(?s).{0,12}",
        Just("<script>alert('x')</script>".to_string()),
        Just("'; DROP TABLE goal; --".to_string()),
        Just("\"quoted\" \\ back\\slash\n\ttab".to_string()),
        Just("🚀📈 增长 30% 👍🏽".to_string()),
        Just(String::new()),
    ]
}

/// Any decimal within the money limits: up to 18 integer digits and 10 decimal places.
pub(crate) fn decimal() -> impl Strategy<Value = Decimal> {
    (0u32..=10).prop_flat_map(|scale| {
        let max = 10i128.pow(18 + scale) - 1;
        prop_oneof![(-max..=max), (-1000i128..=1000)].prop_map(move |m| Decimal::from_i128_with_scale(m, scale))
    })
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..110_000).prop_map(|d| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Days::new(d))
}

/// A first-of-month date, as baseline months and splits carry.
pub(crate) fn text_date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2999, 1u32..=12).prop_map(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1).unwrap())
}

fn day() -> impl Strategy<Value = CalendarDay> {
    (date(), text()).prop_map(|(date, name)| CalendarDay { date, name })
}

fn header() -> impl Strategy<Value = PlanHeader> {
    (
        (text(), text(), text(), date(), date()),
        (
            prop::collection::vec(1u8..=7, 0..8),
            prop::collection::vec(day(), 0..6),
            prop::collection::vec(day(), 0..4),
        ),
        (text(), text()),
    )
        .prop_map(
            |(
                (title, company, currency, period_start, period_end),
                (weekdays, holidays, extra_workdays),
                (locale, authors),
            )| {
                PlanHeader {
                    title,
                    company,
                    currency,
                    period_start,
                    period_end,
                    calendar: WorkCalendar {
                        weekdays,
                        holidays,
                        extra_workdays,
                    },
                    locale,
                    authors,
                }
            },
        )
}

fn settings() -> impl Strategy<Value = PlanSettings> {
    (decimal(), decimal(), decimal(), decimal()).prop_map(
        |(stretch_from, aggressive_from, achievable_min, achievable_max)| PlanSettings {
            stretch_from,
            aggressive_from,
            achievable_min,
            achievable_max,
        },
    )
}

type RawGoal = (
    (GoalLayer, GoalKind, String, String, String),
    (Option<Decimal>, Option<Decimal>, Option<NaiveDate>, String, String),
    Option<(bool, usize, u128)>,
);

fn raw_goal() -> impl Strategy<Value = RawGoal> {
    let layer = prop_oneof![
        Just(GoalLayer::Company),
        Just(GoalLayer::Unit),
        Just(GoalLayer::Individual)
    ];
    let kind = prop_oneof![
        Just(GoalKind::Bookings),
        Just(GoalKind::CashIn),
        Just(GoalKind::MarketShare),
        Just(GoalKind::Margin),
        Just(GoalKind::Other)
    ];
    (
        (layer, kind, text(), text(), text()),
        (
            prop::option::of(decimal()),
            prop::option::of(decimal()),
            prop::option::of(date()),
            text(),
            text(),
        ),
        prop::option::of(any::<(bool, usize, u128)>()),
    )
}

/// A member's name and optional code (any text: blank and duplicate names are findings, not
/// structural errors, so files and JSON must carry them unchanged).
fn named() -> impl Strategy<Value = (String, Option<String>)> {
    (text(), prop::option::of(text()))
}

type RawLevel = Vec<((String, Option<String>), usize)>;
type RawFlat = Vec<(String, Option<String>)>;
type RawDimensions = ([RawLevel; 3], [RawFlat; 3], u64);

fn raw_dimensions() -> impl Strategy<Value = RawDimensions> {
    let level = || prop::collection::vec((named(), any::<usize>()), 0..5);
    let flat = || prop::collection::vec(named(), 0..5);
    ([level(), level(), level()], [flat(), flat(), flat()], any::<u64>())
}

/// Valid dimensions with ids `id(20_000 + i)`: each team picks a region and each rep a team by
/// index (a level is generated only when the level above exists), and the org list is
/// shuffled, since siblings of different parents may interleave.
fn dimensions((levels, flats, shuffle): RawDimensions, id: impl Fn(usize) -> Uuid) -> Dimensions {
    let mut next = 20_000;
    let mut fresh = || {
        next += 1;
        id(next)
    };
    let mut org: Vec<OrgMember> = Vec::new();
    for (level, raw) in [OrgLevel::Region, OrgLevel::Team, OrgLevel::Rep]
        .into_iter()
        .zip(levels)
    {
        let parents: Vec<Uuid> = org
            .iter()
            .filter(|m| Some(m.level) == level.parent_level())
            .map(|m| m.id)
            .collect();
        for ((name, code), pick) in raw {
            let parent_id = match level.parent_level() {
                None => None,
                Some(_) if parents.is_empty() => break,
                Some(_) => Some(parents[pick % parents.len()]),
            };
            let id = fresh();
            org.push(OrgMember {
                id,
                name,
                code,
                level,
                parent_id,
            });
        }
    }
    // A deterministic shuffle: rotate by the seed, then reverse on odd seeds.
    if !org.is_empty() {
        let by = (shuffle % org.len() as u64) as usize;
        org.rotate_left(by);
        if shuffle % 2 == 1 {
            org.reverse();
        }
    }
    let [tiers, products, channels] = flats.map(|raw| {
        raw.into_iter()
            .map(|(name, code)| Member {
                id: fresh(),
                name,
                code,
            })
            .collect()
    });
    Dimensions {
        org,
        tiers,
        products,
        channels,
    }
}

/// A plan with unique ids (a random base plus the index) and unique baseline months.
pub fn plan() -> impl Strategy<Value = Plan> {
    (
        header(),
        settings(),
        prop::collection::vec((0u32..3000, decimal(), decimal()), 0..24),
        prop::collection::vec(raw_goal(), 0..12),
        any::<u128>(),
        raw_dimensions(),
        super::props_drivers::drivers(),
        (super::props_support::support(), super::props_support::orders()),
    )
        .prop_map(
            |(header, settings, months, raw_goals, seed, raw_dims, (baseline_splits, drivers), (support, orders))| {
                let id = |i: usize| Uuid::from_u128(seed.wrapping_add(i as u128));
                let mut seen = std::collections::HashSet::new();
                let baseline = months
                    .into_iter()
                    .filter(|(m, _, _)| seen.insert(*m))
                    .enumerate()
                    .map(|(i, (m, bookings, cash_in))| BaselineMonth {
                        id: id(10_000 + i),
                        month: NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Months::new(m),
                        bookings,
                        cash_in,
                    })
                    .collect();
                let count = raw_goals.len();
                let goals = raw_goals
                    .into_iter()
                    .enumerate()
                    .map(
                        |(
                            i,
                            (
                                (layer, kind, statement, metric, unit),
                                (baseline, target, deadline, owner, rationale),
                                parent,
                            ),
                        )| Goal {
                            id: id(i),
                            layer,
                            kind,
                            statement,
                            metric,
                            unit,
                            baseline,
                            target,
                            deadline,
                            owner,
                            rationale,
                            // Either another goal of the plan or a dangling id.
                            parent_id: parent
                                .map(|(inside, n, ghost)| if inside { id(n % count) } else { Uuid::from_u128(ghost) }),
                        },
                    )
                    .collect();
                Plan {
                    header,
                    settings,
                    baseline,
                    goals,
                    dimensions: dimensions(raw_dims, id),
                    baseline_splits,
                    drivers,
                    support,
                    orders,
                }
            },
        )
}

pub fn meta() -> impl Strategy<Value = PlanMeta> {
    (
        any::<u128>(),
        any::<u128>(),
        prop::option::of(any::<u128>()),
        text(),
        946_684_800i64..4_102_444_800,
        0u32..1_000_000_000,
        text(),
    )
        .prop_map(|(doc, rev, parent, app_version, secs, nanos, author)| PlanMeta {
            document_id: Uuid::from_u128(doc),
            revision_id: Uuid::from_u128(rev),
            parent_revision: parent.map(Uuid::from_u128),
            app_version,
            saved_at: DateTime::<Utc>::from_timestamp(secs, nanos).unwrap(),
            author,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn write_then_read_is_lossless(meta in meta(), plan in plan()) {
        let env = Env::new();
        let path = env.path("p.salesplan");
        store::write_plan_file(&path, &meta, &plan).unwrap();
        let loaded = store::read_plan_file(&path, &env.scratch()).unwrap();
        prop_assert_eq!(loaded.meta, meta);
        prop_assert_eq!(loaded.plan, plan);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn json_export_then_import_is_lossless(meta in meta(), plan in plan()) {
        let text = json::export(&meta, &plan);
        let (m, p) = json::import(&text).unwrap();
        prop_assert_eq!(m, meta);
        prop_assert_eq!(p, plan);
    }
}

/// The bytes of a valid plan file, made once.
fn valid_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let env = Env::new();
        let path = env.path("base.salesplan");
        let (meta, plan) = template_plan();
        store::write_plan_file(&path, &meta, &plan).unwrap();
        std::fs::read(&path).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn flipped_bytes_give_ok_or_an_error_never_a_panic(
        flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..8),
        in_header in any::<bool>(),
    ) {
        let mut bytes = valid_bytes().to_vec();
        for (at, xor) in &flips {
            // Half the cases aim at the 100-byte header, where the checks are hand-written.
            let len = if in_header { 100 } else { bytes.len() };
            bytes[at.index(len)] ^= xor;
        }
        let env = Env::new();
        let path = env.path("flipped.salesplan");
        std::fs::write(&path, &bytes).unwrap();
        match store::read_plan_file(&path, &env.scratch()) {
            Ok(loaded) => prop_assert!(salesplan_core::validate::plan(&loaded.plan).is_ok()),
            Err(e) => prop_assert_eq!(e.path(), Some(path.as_path()), "every error names the file: {}", e),
        }
        assert_no_private_copies(&env.scratch());
        prop_assert_eq!(std::fs::read(&path).unwrap(), bytes, "the reader never changes the file");
    }
}
