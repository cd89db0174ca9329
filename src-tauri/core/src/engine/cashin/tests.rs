//! Golden worked examples of the cash-in schedule, computed by hand in the comments.

use super::*;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn day(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

fn amounts(list: &[(NaiveDate, &str)]) -> Vec<MonthAmount> {
    list.iter()
        .map(|(month, a)| MonthAmount {
            month: *month,
            amount: dec(a),
        })
        .collect()
}

fn term(share: &str, days: u16) -> PaymentTerm {
    PaymentTerm {
        share: dec(share),
        days,
    }
}

fn input(bookings: &[(NaiveDate, &str)], terms: Vec<PaymentTerm>) -> CashInInput {
    CashInInput {
        bookings: amounts(bookings),
        terms,
        bad_debt_share: Decimal::ZERO,
        opening_receivables: Decimal::ZERO,
        opening_profile: Vec::new(),
        minor_units: 2,
    }
}

/// (month, collections, from opening, bad debt, closing receivables) of each period month.
fn rows(s: &CashInSchedule) -> Vec<(NaiveDate, Decimal, Decimal, Decimal, Decimal)> {
    s.months
        .iter()
        .map(|m| {
            (
                m.month,
                m.collections,
                m.from_opening,
                m.bad_debt,
                m.closing_receivables,
            )
        })
        .collect()
}

fn codes(s: &CashInSchedule) -> Vec<&str> {
    s.findings.iter().map(|f| f.code.as_str()).collect()
}

/// opening + bookings = collections + bad debt + closing, and closing = after period + unscheduled.
fn assert_balanced(s: &CashInSchedule) {
    assert_eq!(
        s.opening_receivables + s.bookings,
        s.collections + s.bad_debt + s.closing_receivables
    );
    let after: Decimal = s.after_period.iter().map(|a| a.amount).sum();
    assert_eq!(s.closing_receivables, after + s.unscheduled);
}

#[test]
fn q4_schedule_golden() {
    // Terms 30 % on order, 70 % at 30 days; bad debt 1 %; opening 1,000,000 collected in
    // ceil(30 / 30) = 1 month, i.e. October.
    // Oct 3,100,000: bad 31,000; collectible 3,069,000 → 920,700 now (Oct);
    //   2,148,300 lands Oct 31–Nov 30: Oct 1/31 = 69,300, Nov 30/31 = 2,079,000.
    // Nov 3,000,000 (30 days): bad 30,000; 891,000 now; 2,079,000 lands Dec 1–30 → December.
    // Dec 3,100,000: bad 31,000; 920,700 now; 69,300 Dec 31; 2,079,000 in January (after period).
    // Collections: Oct 1,000,000 + 920,700 + 69,300 = 1,990,000; Nov 2,079,000 + 891,000 =
    //   2,970,000; Dec 2,079,000 + 920,700 + 69,300 = 3,069,000; in the period 8,029,000.
    // Closing each month: 1,000,000 + 3,100,000 − 1,990,000 − 31,000 = 2,079,000, and so on.
    // Check: 1,000,000 + 9,200,000 = 8,029,000 + 92,000 + 2,079,000 = 10,200,000.
    // Collection rate 8,029,000 / 10,200,000 = 0.787156862… → 0.787157.
    // DSO 2,079,000 / 9,200,000 × 92 days (31 + 30 + 31) = 20.79.
    let mut i = input(
        &[
            (day(2026, 10), "3100000"),
            (day(2026, 11), "3000000"),
            (day(2026, 12), "3100000"),
        ],
        vec![term("0.3", 0), term("0.7", 30)],
    );
    i.bad_debt_share = dec("0.01");
    i.opening_receivables = dec("1000000");
    let s = schedule(&i);
    let r = |m, c: &str, o: &str, b: &str, k: &str| (day(2026, m), dec(c), dec(o), dec(b), dec(k));
    assert_eq!(
        rows(&s),
        vec![
            r(10, "1990000", "1000000", "31000", "2079000"),
            r(11, "2970000", "0", "30000", "2079000"),
            r(12, "3069000", "0", "31000", "2079000"),
        ]
    );
    assert_eq!(s.after_period, amounts(&[(day(2027, 1), "2079000")]));
    assert_eq!(
        s.by_booking_month[0].collections,
        amounts(&[(day(2026, 10), "990000"), (day(2026, 11), "2079000")])
    );
    assert_eq!(
        (s.collections, s.bad_debt, s.closing_receivables),
        (dec("8029000"), dec("92000"), dec("2079000"))
    );
    assert_eq!(
        (s.days_in_period, s.collection_rate, s.dso_days),
        (92, Some(dec("0.787157")), Some(dec("20.79")))
    );
    assert!(s.findings.is_empty());
    assert_balanced(&s);
}

#[test]
fn day_split_uses_largest_remainder_at_the_minor_unit() {
    // 1,000,000.00 all due 30 days after October bookings: Oct 1/31 = 32,258.064516…,
    // Nov 30/31 = 967,741.935483…; floors 32,258.06 + 967,741.93 leave 0.01, which goes to the
    // larger remainder (.0055 > .0045): November 967,741.94. In JPY (no minor unit): 32,258 and
    // 967,742 (remainders .06 < .94).
    // Rate 32,258.06 / 1,000,000 → 0.032258; DSO 967,741.94 / 1,000,000 × 31 = 29.999000… → 30.00.
    let s = schedule(&input(&[(day(2026, 10), "1000000")], vec![term("1", 30)]));
    assert_eq!(s.months[0].collections, dec("32258.06"));
    assert_eq!(s.after_period, amounts(&[(day(2026, 11), "967741.94")]));
    assert_eq!(
        (s.collection_rate, s.dso_days),
        (Some(dec("0.032258")), Some(dec("30.00")))
    );
    let mut jpy = input(&[(day(2026, 10), "1000000")], vec![term("1", 30)]);
    jpy.minor_units = 0;
    let s = schedule(&jpy);
    assert_eq!(
        (s.months[0].collections, s.closing_receivables),
        (dec("32258"), dec("967742"))
    );
}

#[test]
fn bad_debt_is_split_off_exactly() {
    // 100.01 with 2.5 % bad debt: 2.50025 and 97.50975 → floors 2.50 + 97.50, the last fen goes
    // to the larger remainder: bad debt 2.50, collected 97.51.
    let mut i = input(&[(day(2026, 10), "100.01")], vec![term("1", 0)]);
    i.bad_debt_share = dec("0.025");
    let s = schedule(&i);
    assert_eq!((s.bad_debt, s.collections), (dec("2.50"), dec("97.51")));
    assert_balanced(&s);
}

#[test]
fn terms_that_do_not_sum_to_100_are_a_finding_and_scaled() {
    // 30 % + 50 % = 80 %: reported, then read as 30/80 and 50/80 of 800 = 300 now and 500 at
    // 30 days; 500 → Oct 1/31 = 16.129… → 16.13 (larger remainder), Nov 483.87.
    let s = schedule(&input(&[(day(2026, 10), "800")], vec![term("0.3", 0), term("0.5", 30)]));
    assert_eq!(codes(&s), vec!["cashin.terms_not_100"]);
    assert_eq!(s.findings[0].params["sum_percent"], "80");
    assert_eq!((s.collections, s.closing_receivables), (dec("316.13"), dec("483.87")));
    assert_balanced(&s);

    // No usable term at all: everything collectible stays open as unscheduled.
    let s = schedule(&input(&[(day(2026, 10), "800")], vec![term("1.5", 0)]));
    assert_eq!(codes(&s), vec!["cashin.term_out_of_range", "cashin.terms_not_100"]);
    assert_eq!(
        (s.collections, s.unscheduled, s.closing_receivables),
        (dec("0"), dec("800"), dec("800"))
    );
    assert_balanced(&s);
}

#[test]
fn opening_receivables_follow_the_profile_or_the_longest_term() {
    // Profile 50 / 30 / 20 % of 600,000 over a two-month period: 300,000 in October, 180,000 in
    // November and 120,000 after the period (December).
    let mut i = input(&[(day(2026, 10), "0"), (day(2026, 11), "0")], vec![term("1", 90)]);
    i.opening_receivables = dec("600000");
    i.opening_profile = vec![dec("0.5"), dec("0.3"), dec("0.2")];
    let s = schedule(&i);
    let opening: Vec<_> = s.months.iter().map(|m| m.from_opening).collect();
    assert_eq!(opening, vec![dec("300000"), dec("180000")]);
    assert_eq!(s.after_period, amounts(&[(day(2026, 12), "120000")]));
    // No bookings: no DSO; the rate is 480,000 / 600,000 = 0.8.
    assert_eq!((s.collection_rate, s.dso_days), (Some(dec("0.8")), None));
    assert_balanced(&s);

    // Without a profile and with a 90-day term: evenly over ceil(90 / 30) = 3 months.
    i.opening_profile.clear();
    let s = schedule(&i);
    assert_eq!(
        s.months.iter().map(|m| m.from_opening).collect::<Vec<_>>(),
        vec![dec("200000"), dec("200000")]
    );
    assert_eq!(s.closing_receivables, dec("200000"));
}

#[test]
fn bad_inputs_are_findings_and_still_balance() {
    let mut i = input(&[(day(2026, 10), "-1000"), (day(2026, 12), "500")], vec![term("1", 0)]);
    i.bad_debt_share = dec("1.5");
    i.opening_receivables = dec("-10");
    i.opening_profile = vec![dec("0.5")];
    let s = schedule(&i);
    assert_eq!(
        codes(&s),
        vec![
            "cashin.bad_debt_out_of_range",
            "cashin.negative_amount",
            "cashin.negative_amount",
            "cashin.opening_profile_not_100"
        ]
    );
    // The gap month (November) is in the period with no bookings; bad debt is read as zero.
    assert_eq!(s.months.len(), 3);
    assert_eq!((s.bad_debt, s.collections), (dec("0"), dec("-510")));
    assert_balanced(&s);

    // Nothing booked at all: the opening balance stays open.
    let mut empty = input(&[], vec![term("1", 0)]);
    empty.opening_receivables = dec("70");
    let s = schedule(&empty);
    assert!(s.months.is_empty());
    assert_eq!(
        (s.closing_receivables, s.collection_rate, s.dso_days),
        (dec("70"), Some(dec("0")), None)
    );
    assert_balanced(&s);
}

#[test]
fn drivers_travel_as_strict_text() {
    let json = r#"{"bookings":[{"month":"2026-10-01","amount":"3100000"}],"terms":[{"share":"1","days":30}],
        "bad_debt_share":"0.01","opening_receivables":"0","opening_profile":["0.5","0.5"],"minor_units":2}"#;
    let parsed: CashInInput = serde_json::from_str(json).unwrap();
    assert_eq!(parsed.opening_profile, vec![dec("0.5"), dec("0.5")]);
    assert!(serde_json::to_string(&parsed)
        .unwrap()
        .contains(r#""opening_profile":["0.5","0.5"]"#));
    assert!(serde_json::from_str::<CashInInput>(&json.replace(r#"["0.5","0.5"]"#, r#"["5e-1"]"#)).is_err());
}
