//! Worked examples of `allocate`, `decompose` and the crossed splits, computed by hand.

use super::*;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn weights(list: &[&str]) -> Vec<Weight> {
    list.iter().map(|s| Some(dec(s))).collect()
}

fn texts(values: &[Decimal]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

/// Runs `allocate` and compares the parts as text (so the scale is checked too).
fn check(total: &str, w: &[&str], minor: u32, expect: &[&str]) {
    let parts = allocate(dec(total), &weights(w), minor).unwrap();
    assert_eq!(texts(&parts), expect, "{total} over {w:?}");
}

#[test]
fn equal_thirds_give_the_extra_unit_to_the_first_member() {
    // 10,000 fen / 3 = 3,333 rest 1 each; one fen left, tie → first member.
    check("100.00", &["1", "1", "1"], 2, &["33.34", "33.33", "33.33"]);
    check("100", &["1", "1", "1"], 2, &["33.34", "33.33", "33.33"]);
    // KWD has three decimals: 1,000 fils / 3 = 333 rest 1.
    check("1", &["1", "1", "1"], 3, &["0.334", "0.333", "0.333"]);
}

#[test]
fn the_largest_remainder_wins_before_member_order() {
    // JPY, 10 over 1 : 2 : 3 → exact 1.67, 3.33, 5; floors 1, 3, 5 (9); remainders 10·1 mod 6
    // = 4, 20 mod 6 = 2, 30 mod 6 = 0 → the one yen left goes to the first: 2, 3, 5.
    check("10", &["1", "2", "3"], 0, &["2", "3", "5"]);
    // 100 over 1 : 1 : 2 (sum 4): 25, 25, 50 exactly, nothing to hand out.
    check("100", &["1", "1", "2"], 0, &["25", "25", "50"]);
    // 1.00 over 0.2 : 0.3 : 0.5 (mixed scales): 20, 30, 50 fen.
    check("1.00", &["0.2", "0.3", "0.5"], 2, &["0.20", "0.30", "0.50"]);
    // 0.05 over 3 : 3 : 4 (sum 10) → 1.5, 1.5, 2 → floors 1, 1, 2; rests 5, 5, 0 → first.
    check("0.05", &["3", "3", "4"], 2, &["0.02", "0.01", "0.02"]);
}

#[test]
fn zero_weights_get_zero_and_negative_totals_mirror_positive_ones() {
    check("0.01", &["0", "1", "1"], 2, &["0.00", "0.01", "0.00"]);
    check("-100.00", &["1", "1", "1"], 2, &["-33.34", "-33.33", "-33.33"]);
    check("0", &["1", "2"], 2, &["0.00", "0.00"]);
}

#[test]
fn bad_weights_are_issues_not_panics_or_equal_splits() {
    let t = dec("100");
    assert_eq!(allocate(t, &[], 2), Err(AllocationIssue::NoMembers));
    assert_eq!(
        allocate(t, &[Some(dec("1")), None], 2),
        Err(AllocationIssue::MissingWeight { index: 1 })
    );
    assert_eq!(
        allocate(t, &weights(&["1", "-1"]), 2),
        Err(AllocationIssue::NegativeWeight { index: 1 })
    );
    assert_eq!(
        allocate(t, &weights(&["0", "0.00"]), 2),
        Err(AllocationIssue::ZeroWeights)
    );
    assert_eq!(
        allocate(dec("1.005"), &weights(&["1"]), 2),
        Err(AllocationIssue::TotalNotAtMinorUnit)
    );
    assert_eq!(allocate(t, &weights(&["1"]), 29), Err(AllocationIssue::OutOfRange));
    assert_eq!(AllocationIssue::ZeroWeights.code(), "allocation.zero_weights");
}

#[test]
fn huge_numbers_take_the_wide_path_and_still_sum_exactly() {
    // 10¹⁸ − 0.001 at three decimals, weights at ten decimals: the products pass 2¹²⁸.
    let total = dec("999999999999999999.999");
    let w = weights(&["0.0000000001", "999999999999999999", "123456789.0123456789"]);
    let parts = allocate(total, &w, 3).unwrap();
    assert_eq!(parts.iter().copied().sum::<Decimal>(), total);
}

fn member(id: &str) -> DecompositionMember {
    DecompositionMember {
        id: id.into(),
        name: id.to_uppercase(),
        locked: None,
        manual_amount: None,
        manual_percent: None,
        baseline: None,
        adjustment: None,
        commitment: None,
    }
}

fn input(total: &str, method: DecompositionMethod, members: Vec<DecompositionMember>) -> DecompositionInput {
    DecompositionInput {
        total: dec(total),
        minor_units: 2,
        method,
        over_assignment: Decimal::ZERO,
        members,
    }
}

fn with_baseline(pairs: &[(&str, &str)]) -> Vec<DecompositionMember> {
    pairs
        .iter()
        .map(|(id, b)| DecompositionMember {
            baseline: Some(dec(b)),
            ..member(id)
        })
        .collect()
}

fn amounts(r: &DecompositionResult) -> Vec<Option<String>> {
    r.members.iter().map(|m| m.allocated.map(|a| a.to_string())).collect()
}

fn codes(r: &DecompositionResult) -> Vec<&str> {
    r.findings.iter().map(|f| f.code.as_str()).collect()
}

fn some(list: &[&str]) -> Vec<Option<String>> {
    list.iter().map(|s| Some(s.to_string())).collect()
}

#[test]
fn baseline_share_with_over_assignment_and_commitments() {
    // 1,000.00 over 600 : 300 : 100 → 600.00, 300.00, 100.00. Over-assignment 10 % → quota
    // total 1,100.00 split 6 : 3 : 1 → 660.00, 330.00, 110.00. Commitments A 700 (+100.00),
    // B 280 (−20.00), C none → commitments 980, total gap 80.00 over two members.
    let mut members = with_baseline(&[("a", "600"), ("b", "300"), ("c", "100")]);
    members[0].commitment = Some(dec("700"));
    members[1].commitment = Some(dec("280"));
    let mut i = input("1000.00", DecompositionMethod::BaselineShare, members);
    i.over_assignment = dec("10");
    let r = decompose(&i);
    assert_eq!(amounts(&r), some(&["600.00", "300.00", "100.00"]));
    let quotas: Vec<_> = r.members.iter().map(|m| m.quota.unwrap().to_string()).collect();
    assert_eq!(quotas, ["660.00", "330.00", "110.00"]);
    assert_eq!(r.members[0].share, Some(dec("0.6")));
    assert_eq!(r.members[0].commitment_gap, Some(dec("100")));
    assert_eq!(r.members[1].commitment_gap, Some(dec("-20")));
    assert_eq!(r.members[2].commitment_gap, None);
    let t = &r.totals;
    assert_eq!(
        (t.allocated, t.unassigned, t.quota),
        (dec("1000"), dec("0"), Some(dec("1100")))
    );
    assert_eq!(
        (t.commitments, t.commitment_gap, t.committed_members),
        (dec("980"), dec("80"), 2)
    );
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn over_assignment_quotas_sum_exactly_too() {
    // Equal thirds of 100.00 are 33.34, 33.33, 33.33 (a hint: history exists). Quota total
    // 110.00 over weights 3,334 : 3,333 : 3,333 → 11,000·3,334/10,000 = 3,667 rest 4,000 and
    // 3,666 rest 3,000 twice; one unit left → the first: 36.68, 36.66, 36.66 (= 110.00).
    let mut i = input(
        "100.00",
        DecompositionMethod::Equal,
        with_baseline(&[("a", "5"), ("b", "1"), ("c", "1")]),
    );
    i.over_assignment = dec("10");
    let r = decompose(&i);
    assert_eq!(amounts(&r), some(&["33.34", "33.33", "33.33"]));
    let quotas: Vec<_> = r.members.iter().map(|m| m.quota.unwrap().to_string()).collect();
    assert_eq!(quotas, ["36.68", "36.66", "36.66"]);
    assert_eq!(codes(&r), ["allocation.equal_despite_history"]);
}

#[test]
fn manual_amounts_are_kept_and_a_mismatch_is_reported_not_scaled() {
    // 600 + 300 + 50 = 950 of 1,000: amounts as typed, difference 50 reported.
    let members: Vec<_> = [("a", "600"), ("b", "300"), ("c", "50")]
        .iter()
        .map(|(id, a)| DecompositionMember {
            manual_amount: Some(dec(a)),
            ..member(id)
        })
        .collect();
    let r = decompose(&input("1000", DecompositionMethod::ManualAmount, members));
    assert_eq!(amounts(&r), some(&["600", "300", "50"]));
    assert_eq!(codes(&r), ["allocation.manual_sum_mismatch"]);
    assert_eq!(r.findings[0].params["difference"], "50");
    assert_eq!(r.totals.unassigned, dec("50"));
}

#[test]
fn manual_percents_must_sum_to_100() {
    let pct = |list: &[&str]| -> Vec<DecompositionMember> {
        list.iter()
            .enumerate()
            .map(|(i, p)| DecompositionMember {
                manual_percent: Some(dec(p)),
                ..member(&i.to_string())
            })
            .collect()
    };
    // 50 / 30 / 20 % of 1,000.00 → 500.00, 300.00, 200.00.
    let r = decompose(&input(
        "1000.00",
        DecompositionMethod::ManualPercent,
        pct(&["50", "30", "20"]),
    ));
    assert_eq!(amounts(&r), some(&["500.00", "300.00", "200.00"]));
    assert!(r.findings.is_empty());
    // 50 / 30 / 15 % = 95 %: each gets its percent, 50.00 stays unassigned, finding with the sum.
    let r = decompose(&input(
        "1000.00",
        DecompositionMethod::ManualPercent,
        pct(&["50", "30", "15"]),
    ));
    assert_eq!(amounts(&r), some(&["500.00", "300.00", "150.00"]));
    assert_eq!(codes(&r), ["allocation.percent_sum_not_100"]);
    assert_eq!(r.findings[0].params["sum"], "95");
    assert_eq!(r.totals.unassigned, dec("50"));
}

#[test]
fn history_share_adjusted_multiplies_baseline_by_the_factor() {
    // Weights 100×1.1 = 110, 100×1 = 100, 100×0.9 = 90 (sum 300). 100,000 fen: A 36,666 rest
    // 200, B 33,333 rest 100, C 30,000 rest 0; one fen left → A: 366.67, 333.33, 300.00.
    let mut members = with_baseline(&[("a", "100"), ("b", "100"), ("c", "100")]);
    members[0].adjustment = Some(dec("1.1"));
    members[2].adjustment = Some(dec("0.9"));
    let r = decompose(&input("1000.00", DecompositionMethod::HistoryShareAdjusted, members));
    assert_eq!(amounts(&r), some(&["366.67", "333.33", "300.00"]));
}

#[test]
fn locked_members_keep_their_value_and_the_rest_rebalance() {
    // A locked at 400.00; B and C share 1,000.01 − 400.00 = 600.01 by baseline 1 : 1 →
    // 300.01, 300.00.
    let mut members = with_baseline(&[("a", "5"), ("b", "1"), ("c", "1")]);
    members[0].locked = Some(dec("400.00"));
    let r = decompose(&input("1000.01", DecompositionMethod::BaselineShare, members.clone()));
    assert_eq!(amounts(&r), some(&["400.00", "300.01", "300.00"]));
    assert!(r.members[0].locked && !r.members[1].locked);
    assert_eq!(r.totals.locked, dec("400"));
    // Locks above the total: reported with the excess; the others get nothing computed.
    members[0].locked = Some(dec("1200"));
    let r = decompose(&input("1000", DecompositionMethod::BaselineShare, members.clone()));
    assert_eq!(amounts(&r), [Some("1200".into()), None, None]);
    assert_eq!(codes(&r), ["allocation.locked_exceed_total"]);
    assert_eq!(r.findings[0].params["excess"], "200");
    // Everyone locked below the total: the remainder has nowhere to go.
    for m in &mut members {
        m.locked = Some(dec("100"));
    }
    let r = decompose(&input("1000", DecompositionMethod::Equal, members));
    assert_eq!(codes(&r), ["allocation.all_locked"]);
    assert_eq!(r.findings[0].params["remainder"], "700");
}

#[test]
fn missing_negative_and_zero_weights_are_findings_never_an_equal_split() {
    let mut members = with_baseline(&[("a", "1"), ("b", "-5"), ("c", "1")]);
    members[2].baseline = None;
    let r = decompose(&input("100", DecompositionMethod::BaselineShare, members));
    assert_eq!(amounts(&r), [None, None, None]);
    assert_eq!(codes(&r), ["allocation.negative_weight", "allocation.missing_weight"]);
    assert_eq!(r.findings[1].params["member"], "c");
    assert_eq!(r.totals.quota, None);
    let r = decompose(&input(
        "100",
        DecompositionMethod::BaselineShare,
        with_baseline(&[("a", "0"), ("b", "0")]),
    ));
    assert_eq!(codes(&r), ["allocation.zero_weights"]);
    assert_eq!(amounts(&r), [None, None]);
    let r = decompose(&input("100", DecompositionMethod::Equal, vec![]));
    assert_eq!(codes(&r), ["allocation.no_members"]);
    let r = decompose(&input("100.001", DecompositionMethod::Equal, vec![member("a")]));
    assert_eq!(codes(&r), ["allocation.not_at_minor_unit"]);
}

#[test]
fn crossed_rows_split_first_then_each_row() {
    // 100.00 over a 3 × 3 matrix of ones: rows 33.34, 33.33, 33.33; the first row splits
    // 3,334 fen into 1,112 / 1,111 / 1,111, the others 11.11 each. Columns 33.34, 33.33, 33.33.
    let ones = vec![weights(&["1", "1", "1"]); 3];
    let c = allocate_crossed(dec("100.00"), &ones, 2).unwrap();
    assert_eq!(texts(&c.row_totals), ["33.34", "33.33", "33.33"]);
    assert_eq!(texts(&c.cells[0]), ["11.12", "11.11", "11.11"]);
    assert_eq!(texts(&c.cells[2]), ["11.11", "11.11", "11.11"]);
    assert_eq!(texts(&c.column_totals), ["33.34", "33.33", "33.33"]);
    // Region × product history: North 300 / 100, South 200 / 400, a zero row in between.
    let m = vec![weights(&["300", "100"]), weights(&["0", "0"]), weights(&["200", "400"])];
    let c = allocate_crossed(dec("1000"), &m, 0).unwrap();
    assert_eq!(
        c.cells,
        [
            vec![dec("300"), dec("100")],
            vec![dec("0"), dec("0")],
            vec![dec("200"), dec("400")]
        ]
    );
    assert_eq!(c.column_totals, [dec("500"), dec("500")]);
}

#[test]
fn crossed_columns_can_differ_from_an_independent_column_split() {
    // 0.02 over 2 × 2 ones: rows 0.01 / 0.01, each row 0.01 / 0.00 (tie → first column), so
    // the columns are 0.02 / 0.00 where splitting by column alone gives 0.01 / 0.01.
    let c = allocate_crossed(dec("0.02"), &vec![weights(&["1", "1"]); 2], 2).unwrap();
    assert_eq!(texts(&c.column_totals), ["0.02", "0.00"]);
    assert_eq!(
        texts(&allocate(dec("0.02"), &weights(&["1", "1"]), 2).unwrap()),
        ["0.01", "0.01"]
    );
}

#[test]
fn outer_times_inner_shares() {
    // 1,000.00: regions 60 / 40 %, products 50 / 30 / 20 % → 600 = 300 + 180 + 120 and
    // 400 = 200 + 120 + 80.
    let c = allocate_outer_inner(
        dec("1000.00"),
        &weights(&["0.6", "0.4"]),
        &weights(&["50", "30", "20"]),
        2,
    )
    .unwrap();
    assert_eq!(texts(&c.cells[0]), ["300.00", "180.00", "120.00"]);
    assert_eq!(texts(&c.cells[1]), ["200.00", "120.00", "80.00"]);
    assert_eq!(texts(&c.column_totals), ["500.00", "300.00", "200.00"]);
}

#[test]
fn crossed_issues_say_where() {
    let t = dec("10");
    let m = vec![weights(&["1", "1"]), vec![None, Some(dec("1"))]];
    let miss = AllocationIssue::MissingWeight { index: 0 };
    assert_eq!(
        allocate_crossed(t, &m, 2),
        Err(CrossedIssue::Cell { row: 1, issue: miss })
    );
    let zero = vec![weights(&["0"]); 2];
    assert_eq!(
        allocate_crossed(t, &zero, 2),
        Err(CrossedIssue::Rows {
            issue: AllocationIssue::ZeroWeights
        })
    );
    assert_eq!(
        allocate_crossed(t, &[], 2),
        Err(CrossedIssue::Rows {
            issue: AllocationIssue::NoMembers
        })
    );
    let neg = AllocationIssue::NegativeWeight { index: 1 };
    assert_eq!(
        allocate_outer_inner(t, &weights(&["1"]), &weights(&["1", "-1"]), 2),
        Err(CrossedIssue::Columns { issue: neg })
    );
}
