//! The bundled template plan "Q4 sales +30 %" (the worked example of domain.md), in the
//! user's language. Its numbers agree: same-period baseline 10,000,000 bookings and 9,200,000
//! cash-in, targets +30 % (13,000,000 and 11,960,000); the health check reports no errors.

use crate::clock::Clock;
use crate::model::{
    BaselineMonth, CalendarDay, Goal, GoalKind, GoalLayer, Plan, PlanHeader, PlanSettings, WorkCalendar,
};
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

/// Which plan to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Template {
    /// An empty plan for the next quarter.
    Blank,
    /// "Q4 sales +30 %", complete at this stage: header, baseline and company goals.
    Q4Growth,
}

impl Template {
    /// Parses the CLI name ("blank", "q4-growth").
    pub fn from_cli(name: &str) -> Option<Self> {
        match name {
            "blank" => Some(Template::Blank),
            "q4-growth" | "q4_growth" => Some(Template::Q4Growth),
            _ => None,
        }
    }
}

/// Builds a plan from a template in `locale` ("zh-CN" or anything else for English).
pub fn build(template: Template, locale: &str, today: NaiveDate, clock: &dyn Clock) -> Plan {
    match template {
        Template::Blank => blank(locale, today),
        Template::Q4Growth => q4_growth(locale, clock),
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid template date")
}

fn workweek() -> Vec<u8> {
    vec![1, 2, 3, 4, 5]
}

/// A blank plan for the quarter after `today`.
fn blank(locale: &str, today: NaiveDate) -> Plan {
    let q_start_month = (today.month0() / 3) * 3 + 1;
    let this_q = d(today.year(), q_start_month, 1);
    let start = this_q + Months::new(3);
    let end = start + Months::new(3) - chrono::Days::new(1);
    Plan {
        header: PlanHeader {
            title: String::new(),
            company: String::new(),
            currency: if locale == "zh-CN" { "CNY" } else { "USD" }.into(),
            period_start: start,
            period_end: end,
            calendar: WorkCalendar {
                weekdays: workweek(),
                holidays: vec![],
                extra_workdays: vec![],
            },
            locale: locale_of(locale),
            authors: String::new(),
        },
        settings: PlanSettings::default(),
        baseline: vec![],
        goals: vec![],
    }
}

fn locale_of(locale: &str) -> String {
    if locale == "zh-CN" { "zh-CN" } else { "en" }.into()
}

/// Monthly history 2024-10 … 2026-09 (bookings, cash-in), in yuan.
const HISTORY: [(i64, i64); 24] = [
    (2_600_000, 2_350_000),
    (2_750_000, 2_500_000),
    (3_250_000, 2_950_000), // 2024 Q4
    (1_900_000, 2_300_000),
    (1_700_000, 1_650_000),
    (2_300_000, 2_150_000), // 2025 Q1
    (2_400_000, 2_250_000),
    (2_500_000, 2_400_000),
    (2_700_000, 2_500_000), // 2025 Q2
    (2_450_000, 2_450_000),
    (2_400_000, 2_350_000),
    (2_650_000, 2_500_000), // 2025 Q3
    (3_000_000, 2_700_000),
    (3_200_000, 3_000_000),
    (3_800_000, 3_500_000), // 2025 Q4 = 10.0m / 9.2m
    (2_200_000, 2_900_000),
    (2_000_000, 1_900_000),
    (2_600_000, 2_450_000), // 2026 Q1
    (2_750_000, 2_600_000),
    (2_850_000, 2_700_000),
    (3_050_000, 2_850_000), // 2026 Q2
    (2_800_000, 2_800_000),
    (2_700_000, 2_650_000),
    (3_000_000, 2_850_000), // 2026 Q3
];

fn q4_growth(locale: &str, clock: &dyn Clock) -> Plan {
    let zh = locale == "zh-CN";
    let t = |zh_text: &str, en_text: &str| if zh { zh_text } else { en_text }.to_string();
    let baseline = HISTORY
        .iter()
        .enumerate()
        .map(|(i, &(b, c))| BaselineMonth {
            id: clock.new_id(),
            month: d(2024, 10, 1) + Months::new(i as u32),
            bookings: Decimal::from(b),
            cash_in: Decimal::from(c),
        })
        .collect();
    let day = |date, zh_name: &str, en_name: &str| CalendarDay {
        date,
        name: t(zh_name, en_name),
    };
    let holidays = [1, 2, 5, 6, 7]
        .iter()
        .map(|&n| day(d(2026, 10, n), "国庆节", "National Day"))
        .collect();
    let extra = vec![day(d(2026, 10, 10), "国庆调休上班", "National Day make-up workday")];
    let bookings_id = clock.new_id();
    let goal =
        |id, kind, statement: String, metric: String, unit: &str, base: i64, target: i64, rationale: String| Goal {
            id,
            layer: GoalLayer::Company,
            kind,
            statement,
            metric,
            unit: unit.into(),
            baseline: Some(Decimal::from(base)),
            target: Some(Decimal::from(target)),
            deadline: Some(d(2026, 12, 31)),
            owner: t("王磊（CEO）", "Wang Lei (CEO)"),
            rationale,
            parent_id: None,
        };
    let mut cash = goal(
        clock.new_id(),
        GoalKind::CashIn,
        t("Q4回款同比增长30%，达到1196万元", "Collect ¥11.96m in Q4, 30 % more than last Q4"),
        t("进账（回款额）", "Cash-in (collections)"),
        "CNY",
        9_200_000,
        11_960_000,
        t(
            "订单增长必须变成现金：按合同账期（30%预付、70%货到30天）测算，回款目标与订单目标同步增长30%。",
            "Growth has to turn into cash: with our terms (30 % upfront, 70 % 30 days after delivery) collections must grow in step with bookings.",
        ),
    );
    cash.owner = t("李娜（财务总监）", "Li Na (CFO)");
    Plan {
        header: PlanHeader {
            title: t("Q4销售额增长30%", "Q4 sales +30 %"),
            company: t("星辰智能设备有限公司", "Starlight Smart Devices Ltd."),
            currency: "CNY".into(),
            period_start: d(2026, 10, 1),
            period_end: d(2026, 12, 31),
            calendar: WorkCalendar { weekdays: workweek(), holidays, extra_workdays: extra },
            locale: locale_of(locale),
            authors: t("王磊、李娜", "Wang Lei, Li Na"),
        },
        settings: PlanSettings::default(),
        baseline,
        goals: vec![
            goal(
                bookings_id,
                GoalKind::Bookings,
                t("Q4销售额同比增长30%，达到1300万元", "Grow Q4 bookings 30 % over last Q4, to ¥13m"),
                t("销售额（订单额）", "Bookings revenue"),
                "CNY",
                10_000_000,
                13_000_000,
                t(
                    "去年Q4销售额1000万元。推出新品并启动老客复购激励：10月新品发布会，11月“老客回馈月”。增长30%高于历史水平，但跳一跳够得着。",
                    "Last Q4 we booked ¥10m. A new product launch and a repeat-purchase incentive (launch event in October, customer appreciation month in November) make +30 % a stretch we can reach.",
                ),
            ),
            cash,
        ],
    }
}
