//! Decomposing one target across the members of one dimension, with locks, over-assignment and
//! bottom-up commitments (domain.md §1, "Horizontal decomposition", "Top-down vs bottom-up").
//!
//! Rules, in order:
//! - **Locks.** A locked member keeps its locked amount. The others share `total − Σ locked`.
//! - **Methods** (for the members that are not locked):
//!   - `manual_amount`: each member's amount as entered. If they do not sum to the total the
//!     difference is reported (`allocation.manual_sum_mismatch`), never scaled away.
//!   - `manual_percent`: each member's percent of what the locks leave (of the total when
//!     nothing is locked). Percents must sum to 100; if not, `allocation.percent_sum_not_100`
//!     and the members get exactly their percents, so the remainder stays unassigned.
//!   - `baseline_share`: weights are the members' baseline history (the caller sums the years
//!     that count, e.g. with [`crate::engine::phasing::history_total`]).
//!   - `equal`: equal weights (a hint says so when history exists: no silent 平均主义).
//!   - `history_share_adjusted`: baseline × adjustment factor (1 when absent; 1.2 = +20 %).
//!
//!   Weighted methods go through [`allocate`]: exact at the minor unit, ties to the earlier
//!   member. A missing, negative or all-zero weight is a finding and those members get no
//!   amount (`None`), never an equal split.
//! - **Over-assignment** (超额分配): quotas split `round(Σ allocated × (1 + p/100))` (half away
//!   from zero at the minor unit) over the allocated amounts with [`allocate`], so they sum
//!   exactly; they are reported beside, never inside, the plan total.
//! - **Commitments**: gap = commitment − allocated (positive: the member promises more).
//!
//! Findings (step "targets"; member findings carry `member` and `name`), all errors unless
//! noted: `allocation.no_members` (warning), `not_at_minor_unit`, `negative_total`,
//! `locked_exceed_total` (`locked`, `total`, `excess`), `all_locked` (`remainder`),
//! `missing_weight`, `negative_weight`, `zero_weights`, `manual_sum_mismatch` (`sum`, `total`,
//! `difference`), `percent_sum_not_100` (`sum`), `over_assignment_negative`, `out_of_range`,
//! and the hint `equal_despite_history`.
//!
//! Worked example: 1,000.00 over A (baseline 600), B (300), C (100) by baseline share →
//! 600.00, 300.00, 100.00; with 10 % over-assignment quotas 660.00, 330.00, 110.00 (1,100.00);
//! B committing 280.00 has a gap of −20.00.

use super::decomposition::{
    DecompositionInput, DecompositionMember, DecompositionMethod, DecompositionResult, DecompositionTotals,
    MemberAllocation,
};
use super::{allocate, at_minor_unit, AllocationIssue, Weight};
use crate::engine::findings::{Finding, Severity};
use crate::money::to_text;
use rust_decimal::{Decimal, RoundingStrategy};

/// Decomposes a target (see the module docs for the rules). Never panics.
pub fn decompose(input: &DecompositionInput) -> DecompositionResult {
    let mut f = Vec::new();
    let minor = input.minor_units;
    let total = input.total;
    let members = &input.members;
    if members.is_empty() {
        f.push(finding("allocation.no_members", Severity::Warning, "members"));
    }
    if !at_minor_unit(total, minor) {
        f.push(finding("allocation.not_at_minor_unit", Severity::Error, "total").with("value", to_text(&total)));
    }
    let mut allocated: Vec<Option<Decimal>> = members.iter().map(|m| m.locked).collect();
    let locked_sum = sum(members.iter().filter_map(|m| m.locked));
    for m in members {
        amount_checks(&mut f, m, "locked", m.locked, minor);
        amount_checks(&mut f, m, "commitment", m.commitment, minor);
    }
    let rest = locked_sum.and_then(|l| total.checked_sub(l));
    let open: Vec<usize> = (0..members.len()).filter(|&i| members[i].locked.is_none()).collect();
    match rest {
        None => f.push(finding("allocation.out_of_range", Severity::Error, "total")),
        Some(_) if total.is_sign_negative() && !total.is_zero() => {
            f.push(finding("allocation.negative_total", Severity::Error, "total").with("value", to_text(&total)))
        }
        Some(r) if r.is_sign_negative() && !r.is_zero() => f.push(
            finding("allocation.locked_exceed_total", Severity::Error, "locked")
                .with("locked", to_text(&locked_sum.unwrap_or_default()))
                .with("total", to_text(&total))
                .with("excess", to_text(&-r)),
        ),
        Some(r) if open.is_empty() => {
            if !r.is_zero() && !members.is_empty() {
                f.push(finding("allocation.all_locked", Severity::Error, "locked").with("remainder", to_text(&r)));
            }
        }
        Some(r) => {
            let parts = split_open(&mut f, input, &open, r);
            for (&i, part) in open.iter().zip(parts) {
                allocated[i] = part;
            }
        }
    }
    if input.method == DecompositionMethod::ManualAmount {
        if let (true, Some(s)) = (
            allocated.iter().all(Option::is_some),
            sum(allocated.iter().flatten().copied()),
        ) {
            if s != total && rest.is_some_and(|r| !r.is_sign_negative() || r.is_zero()) {
                f.push(
                    finding("allocation.manual_sum_mismatch", Severity::Error, "manual_amount")
                        .with("sum", to_text(&s))
                        .with("total", to_text(&total))
                        .with("difference", to_text(&total.checked_sub(s).unwrap_or_default())),
                );
            }
        }
    }
    finish(input, allocated, locked_sum.unwrap_or_default(), f)
}

/// Splits what the locks leave over the open members by the method; findings on failure.
fn split_open(f: &mut Vec<Finding>, input: &DecompositionInput, open: &[usize], rest: Decimal) -> Vec<Option<Decimal>> {
    use DecompositionMethod as M;
    let members = &input.members;
    let minor = input.minor_units;
    let none = vec![None; open.len()];
    let (field, weights): (&str, Vec<Weight>) = match input.method {
        M::ManualAmount => {
            for &i in open {
                let m = &members[i];
                amount_checks(f, m, "manual_amount", m.manual_amount, minor);
                if m.manual_amount.is_none() {
                    f.push(member_finding("allocation.missing_weight", m, "manual_amount"));
                }
            }
            return open.iter().map(|&i| members[i].manual_amount).collect();
        }
        M::ManualPercent => (
            "manual_percent",
            open.iter().map(|&i| members[i].manual_percent).collect(),
        ),
        M::BaselineShare => ("baseline", open.iter().map(|&i| members[i].baseline).collect()),
        M::Equal => {
            if members.iter().any(|m| m.baseline.is_some_and(|b| b > Decimal::ZERO)) {
                f.push(finding("allocation.equal_despite_history", Severity::Hint, "method"));
            }
            ("method", vec![Some(Decimal::ONE); open.len()])
        }
        M::HistoryShareAdjusted => {
            let mut ok = true;
            for &i in open {
                if members[i]
                    .adjustment
                    .is_some_and(|a| a.is_sign_negative() && !a.is_zero())
                {
                    f.push(member_finding("allocation.negative_weight", &members[i], "adjustment"));
                    ok = false;
                }
            }
            if !ok {
                return none;
            }
            let mut w = Vec::with_capacity(open.len());
            for &i in open {
                let m = &members[i];
                match m.baseline.map(|b| b.checked_mul(m.adjustment.unwrap_or(Decimal::ONE))) {
                    Some(None) => {
                        f.push(member_finding("allocation.out_of_range", m, "adjustment"));
                        return none;
                    }
                    product => w.push(product.flatten()),
                }
            }
            ("baseline", w)
        }
    };
    let mut ok = true;
    for (&i, w) in open.iter().zip(&weights) {
        let code = match w {
            None => "allocation.missing_weight",
            Some(w) if w.is_sign_negative() && !w.is_zero() => "allocation.negative_weight",
            Some(_) => continue,
        };
        f.push(member_finding(code, &members[i], field));
        ok = false;
    }
    if !ok {
        return none;
    }
    let mut target = rest;
    if input.method == M::ManualPercent {
        let percent = sum(weights.iter().flatten().copied()).unwrap_or(Decimal::MAX);
        if percent != Decimal::ONE_HUNDRED {
            f.push(finding("allocation.percent_sum_not_100", Severity::Error, field).with("sum", to_text(&percent)));
            // Each member gets exactly its percent: no silent scaling to 100.
            match rest
                .checked_mul(percent)
                .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
            {
                Some(t) => target = t.round_dp_with_strategy(minor, RoundingStrategy::MidpointAwayFromZero),
                None => {
                    f.push(finding("allocation.out_of_range", Severity::Error, field));
                    return none;
                }
            }
        }
    }
    match allocate(target, &weights, minor) {
        Ok(parts) => parts.into_iter().map(Some).collect(),
        Err(issue) => {
            // Locks or the total already reported a precision problem; others are new.
            if issue != AllocationIssue::TotalNotAtMinorUnit {
                f.push(finding(&issue.code(), Severity::Error, field));
            }
            none
        }
    }
}

/// Shares, quotas, gaps and totals from the allocated amounts.
fn finish(
    input: &DecompositionInput,
    allocated: Vec<Option<Decimal>>,
    locked: Decimal,
    mut f: Vec<Finding>,
) -> DecompositionResult {
    let total = input.total;
    let allocated_sum = sum(allocated.iter().flatten().copied()).unwrap_or_default();
    let quotas = quotas(&mut f, input, &allocated, allocated_sum);
    let mut totals = DecompositionTotals {
        total,
        allocated: allocated_sum,
        unassigned: total.checked_sub(allocated_sum).unwrap_or_default(),
        locked,
        quota: quotas.as_ref().map(|q| q.iter().copied().sum()),
        commitments: Decimal::ZERO,
        commitment_gap: Decimal::ZERO,
        committed_members: 0,
    };
    let mut members = Vec::with_capacity(input.members.len());
    for (i, m) in input.members.iter().enumerate() {
        let a = allocated[i];
        let gap = m.commitment.zip(a).and_then(|(c, a)| c.checked_sub(a));
        if let Some(c) = m.commitment {
            totals.commitments = totals.commitments.checked_add(c).unwrap_or(totals.commitments);
            totals.committed_members += 1;
        }
        totals.commitment_gap = totals
            .commitment_gap
            .checked_add(gap.unwrap_or_default())
            .unwrap_or(totals.commitment_gap);
        let share = a.filter(|_| !total.is_zero()).and_then(|a| a.checked_div(total));
        members.push(MemberAllocation {
            id: m.id.clone(),
            allocated: a,
            share: share.map(|s| {
                s.round_dp_with_strategy(6, RoundingStrategy::MidpointNearestEven)
                    .normalize()
            }),
            quota: quotas.as_ref().map(|q| q[i]),
            commitment_gap: gap,
            locked: m.locked.is_some(),
        });
    }
    DecompositionResult {
        members,
        totals,
        findings: f,
    }
}

/// Quotas with over-assignment, when every amount is known and none is negative.
fn quotas(
    f: &mut Vec<Finding>,
    input: &DecompositionInput,
    allocated: &[Option<Decimal>],
    allocated_sum: Decimal,
) -> Option<Vec<Decimal>> {
    let over = input.over_assignment;
    if over.is_sign_negative() && !over.is_zero() {
        f.push(
            finding(
                "allocation.over_assignment_negative",
                Severity::Error,
                "over_assignment",
            )
            .with("value", to_text(&over)),
        );
        return None;
    }
    let amounts: Vec<Decimal> = allocated.iter().copied().collect::<Option<_>>()?;
    if amounts.is_empty() || amounts.iter().any(|a| a.is_sign_negative() && !a.is_zero()) {
        return None;
    }
    let factor = Decimal::ONE.checked_add(over.checked_div(Decimal::ONE_HUNDRED)?)?;
    let quota_total = allocated_sum
        .checked_mul(factor)?
        .round_dp_with_strategy(input.minor_units, RoundingStrategy::MidpointAwayFromZero);
    if allocated_sum.is_zero() {
        return Some(vec![quota_total; amounts.len()]);
    }
    let weights: Vec<Weight> = amounts.into_iter().map(Some).collect();
    allocate(quota_total, &weights, input.minor_units).ok()
}

fn amount_checks(f: &mut Vec<Finding>, m: &DecompositionMember, field: &str, value: Option<Decimal>, minor: u32) {
    if let Some(v) = value {
        if !at_minor_unit(v, minor) {
            f.push(member_finding("allocation.not_at_minor_unit", m, field).with("value", to_text(&v)));
        }
        if v.is_sign_negative() && !v.is_zero() {
            f.push(member_finding("allocation.negative_weight", m, field));
        }
    }
}

fn finding(code: &str, severity: Severity, field: &str) -> Finding {
    Finding::on_step(code, severity, "targets", Some(field))
}

fn member_finding(code: &str, m: &DecompositionMember, field: &str) -> Finding {
    finding(code, Severity::Error, field)
        .with("member", &m.id)
        .with("name", &m.name)
}

/// Checked sum (`None` on overflow).
fn sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |a, v| a.checked_add(v))
}
