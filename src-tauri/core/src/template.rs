//! The bundled template plan "Q4 sales +30 %" (the worked example of domain.md), in the
//! user's language. Its numbers agree: same-period baseline 10,000,000 bookings and 9,200,000
//! cash-in, targets +30 % (13,000,000 and 11,960,000); the health check reports no errors.
//! Its dimensions are a small but realistic company: three regions, five teams, ten reps,
//! the default A/B/C customer tiers, four product lines and three channels.

mod orders;
mod section1;
mod section2;
#[cfg(test)]
mod tests;

use crate::clock::Clock;
use crate::model::{
    BaselineMonth, CalendarDay, Dimensions, Drivers, Goal, GoalKind, GoalLayer, Member, OrgLevel, OrgMember, Plan,
    PlanHeader, PlanSettings, WorkCalendar,
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
    /// "Q4 sales +30 %", complete at this stage: header, baseline, company goals, dimensions,
    /// section 1's splits, seasonality, funnel and cash-in, section 2's market analysis,
    /// competitors, NPS, personas and a year of orders.
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
        Template::Blank => blank(locale, today, clock),
        Template::Q4Growth => q4_growth(locale, clock),
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid template date")
}

fn workweek() -> Vec<u8> {
    vec![1, 2, 3, 4, 5]
}

/// A blank plan for the quarter after `today`, with the default customer tiers A/B/C.
fn blank(locale: &str, today: NaiveDate, clock: &dyn Clock) -> Plan {
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
        dimensions: Dimensions {
            tiers: tiers(locale == "zh-CN", clock),
            ..Dimensions::default()
        },
        baseline_splits: vec![],
        drivers: Drivers::default(),
        support: Default::default(),
        orders: Default::default(),
    }
}

/// The default customer tiers (客户分级): A key accounts, B growth accounts, C the long tail.
fn tiers(zh: bool, clock: &dyn Clock) -> Vec<Member> {
    let names = [
        ("A类客户", "Tier A key accounts", "A"),
        ("B类客户", "Tier B growth accounts", "B"),
        ("C类客户", "Tier C long-tail accounts", "C"),
    ];
    members(zh, &names, clock)
}

fn members(zh: bool, names: &[(&str, &str, &str)], clock: &dyn Clock) -> Vec<Member> {
    names
        .iter()
        .map(|&(zh_name, en_name, code)| Member {
            id: clock.new_id(),
            name: if zh { zh_name } else { en_name }.into(),
            code: Some(code.into()),
        })
        .collect()
}

/// A Chinese and an English name.
type Names = (&'static str, &'static str);
/// A team: its names, its code and its two reps.
type Team = (&'static str, &'static str, &'static str, [Names; 2]);

/// Regions, their teams (with codes) and two reps per team; English uses pinyin names.
const ORG: [(&str, &str, &str, &[Team]); 3] = [
    (
        "华东区",
        "East China",
        "EC",
        &[
            (
                "上海团队",
                "Shanghai team",
                "SH",
                [("张伟", "Zhang Wei"), ("刘洋", "Liu Yang")],
            ),
            (
                "杭州团队",
                "Hangzhou team",
                "HZ",
                [("陈静", "Chen Jing"), ("杨帆", "Yang Fan")],
            ),
        ],
    ),
    (
        "华南区",
        "South China",
        "SC",
        &[
            (
                "广州团队",
                "Guangzhou team",
                "GZ",
                [("黄磊", "Huang Lei"), ("周婷", "Zhou Ting")],
            ),
            (
                "深圳团队",
                "Shenzhen team",
                "SZ",
                [("吴强", "Wu Qiang"), ("徐丽", "Xu Li")],
            ),
        ],
    ),
    (
        "华北区",
        "North China",
        "NC",
        &[(
            "北京团队",
            "Beijing team",
            "BJ",
            [("孙浩", "Sun Hao"), ("马琳", "Ma Lin")],
        )],
    ),
];

/// The org tree of the template, in tree order.
fn org(zh: bool, clock: &dyn Clock) -> Vec<OrgMember> {
    let pick = |zh_name: &str, en_name: &str| if zh { zh_name } else { en_name }.to_string();
    let mut out = Vec::new();
    let mut push = |name: String, code: Option<&str>, level, parent_id| {
        let id = clock.new_id();
        out.push(OrgMember {
            id,
            name,
            code: code.map(Into::into),
            level,
            parent_id,
        });
        id
    };
    for (zh_region, en_region, code, teams) in ORG {
        let region = push(pick(zh_region, en_region), Some(code), OrgLevel::Region, None);
        for &(zh_team, en_team, code, reps) in teams {
            let team = push(pick(zh_team, en_team), Some(code), OrgLevel::Team, Some(region));
            for (zh_rep, en_rep) in reps {
                push(pick(zh_rep, en_rep), None, OrgLevel::Rep, Some(team));
            }
        }
    }
    out
}

/// The template's four dimensions. The bundle reflects the seed's "设备+耗材" offer.
fn q4_dimensions(zh: bool, clock: &dyn Clock) -> Dimensions {
    let org = org(zh, clock);
    let tiers = tiers(zh, clock);
    let products = [
        ("智能设备", "Smart devices", "DEV"),
        ("耗材", "Consumables", "CON"),
        ("软件服务", "Software services", "SW"),
        ("设备+耗材套餐", "Devices + consumables bundle", "BUNDLE"),
    ];
    let channels = [
        ("直销", "Direct sales", "DIRECT"),
        ("经销商", "Distributors", "DIST"),
        ("电商", "E-commerce", "ECOM"),
    ];
    Dimensions {
        org,
        tiers,
        products: members(zh, &products, clock),
        channels: members(zh, &channels, clock),
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
    let baseline: Vec<BaselineMonth> = HISTORY
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
    // Drawn after the goals, so the ids of the baseline and goals stay those of schema v1.
    let dimensions = q4_dimensions(zh, clock);
    let cash_id = cash.id;
    // Drawn last, so the ids of everything above stay those of schema v2.
    let baseline_splits = section1::baseline_splits(&baseline, &dimensions, clock);
    let drivers = section1::drivers(bookings_id, cash_id, &dimensions, clock);
    // Drawn after section 1, so the ids above stay those of schema v3.
    let company = t("星辰智能设备有限公司", "Starlight Smart Devices Ltd.");
    let support = section2::support(zh, &company, bookings_id, clock);
    let names = |list: &[Member]| list.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
    let regions: Vec<String> = (dimensions.org.iter())
        .filter(|m| m.level == OrgLevel::Region)
        .map(|m| m.name.clone())
        .collect();
    let (products, channels) = (names(&dimensions.products), names(&dimensions.channels));
    let months = section2::order_months(&baseline);
    let orders = orders::orders(zh, &months, [&products, &channels, &regions], clock);
    Plan {
        header: PlanHeader {
            title: t("Q4销售额增长30%", "Q4 sales +30 %"),
            company,
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
        dimensions,
        baseline_splits,
        drivers,
        support,
        orders,
    }
}
