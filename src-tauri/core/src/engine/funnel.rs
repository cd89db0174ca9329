//! The funnel back-calculation (线索 → 商机 → 成交 → 复购, domain.md §1): how many leads,
//! opportunities and deals one segment (a customer tier or a channel) needs, and when.
//!
//! A revenue target is only believable when the team can see the work behind it: "October needs
//! 56 new deals, so 224 opportunities and 1,120 leads, and most of them must be created in
//! September". This module turns monthly targets into those counts. It is pure and is not yet
//! wired into the plan model; a caller runs it once per segment.
//!
//! **Repeat revenue** (复购) is split off first and explicitly, in one of two ways
//! ([`RepeatRevenue`]): a share of each month's target, or existing customers × monthly repeat
//! rate × repeat order value. Only the rest, the new-customer revenue, goes through the funnel.
//!
//! **Exact, then round once.** deals = new revenue / deal size; opportunities = deals /
//! (opportunity → deal rate); leads = opportunities / (lead → opportunity rate). These stay
//! exact fractions until the very end, where each month's count is the ceiling of its exact
//! requirement. Rounding every stage (ceil of a ceiled value) inflates the upstream counts:
//! 56.2 deals at 25 % and 20 % need 1,124 leads, not ceil(ceil(ceil(56.2) / 0.25) / 0.2) = 1,140.
//!
//! **Shifting by the sales cycle.** Deals are assumed to close evenly over the days of their
//! month; each deal's opportunity was created `sales_cycle_days` before its close date, and its
//! lead `lead_to_opportunity_days` before that. A month's requirement is therefore spread over
//! the calendar months those creation dates fall in, in proportion to days. Worked example:
//! October's deals close Oct 1–31; with a 45-day cycle their opportunities are created
//! Aug 17–Sep 16, i.e. 15/31 in August and 16/31 in September. 224 opportunities become
//! 108.39 → 109 in August and 115.61 → 116 in September (each month rounds up on its own, so
//! the months add up to at least the exact total). Months before the first target month are
//! kept and marked `before_period`: the meeting must see that October needs leads in August.
//! Shifting by whole months (ceil(days / 30)) was rejected: a 10-day cycle would move a whole
//! month of work a month early, and a 45-day one is neither one nor two months.
//!
//! **Problems are findings, never panics**: a zero or out-of-range rate, a deal size that is
//! not positive, repeat revenue above the target. A count that cannot be computed is `None`.

use super::findings::{Finding, Severity};
use chrono::NaiveDate;
pub(crate) use days::{ceil_ratio, days_in_month, first_of_month, next_month, spread_days};
pub use drivers::{FunnelInput, MonthAmount, RepeatRevenue};
pub use output::{FunnelMonth, FunnelPlan, FunnelTotals};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

mod days;
mod drivers;
mod output;

/// Exact fractions are kept over this common denominator of 1/28, 1/29, 1/30 and 1/31
/// (lcm(28, 29, 30, 31)), so spreading a month by days never rounds.
const DAY_LCM: u32 = 377_580;
const DISPLAY_DP: u32 = 6;

/// Which drivers are usable; each unusable one already has a finding.
struct Usable {
    deal_size: bool,
    opportunity_to_deal: bool,
    lead_to_opportunity: bool,
    repeat: bool,
}

/// Back-calculates the funnel of one segment.
pub fn plan(input: &FunnelInput) -> FunnelPlan {
    let mut findings = Vec::new();
    let finding = |code: &str, field: &str| {
        Finding::on_step(code, Severity::Error, "targets", Some(field)).with("segment", &input.segment)
    };
    let ok = check_drivers(input, &finding, &mut findings);
    let targets = monthly_targets(&input.targets, &finding, &mut findings);
    let (Some(&first), Some(&last)) = (targets.keys().next(), targets.keys().next_back()) else {
        let (segment, totals) = (input.segment.clone(), totals(&[]));
        return FunnelPlan {
            segment,
            months: Vec::new(),
            totals,
            findings,
        };
    };

    // Period months: target, repeat, new, deals; and the exact numerators (over DAY_LCM) of the
    // opportunities and leads, summed by the month they must be created in.
    let mut months: BTreeMap<NaiveDate, FunnelMonth> = BTreeMap::new();
    let (mut opp_num, mut lead_num) = (BTreeMap::new(), BTreeMap::new());
    let mut overflow = false;
    let opp_shift = u32::from(input.sales_cycle_days);
    let lead_shift = opp_shift + u32::from(input.lead_to_opportunity_days);
    for (&month, &target) in &targets {
        let (repeat, orders) = if ok.repeat {
            repeat_revenue(&input.repeat, target, input.minor_units)
        } else {
            (None, None)
        };
        if let Some(r) = repeat.filter(|r| *r > target) {
            let mut f = finding("funnel.repeat_exceeds_target", "repeat").with("month", month.format("%Y-%m"));
            f.severity = Severity::Warning; // likely a mistake, but the numbers still hold
            findings.push(f.with("repeat", r).with("target", target));
        }
        let new = repeat.map(|r| (target - r).max(Decimal::ZERO));
        let row = months.entry(month).or_insert_with(|| empty_row(month, false));
        (row.target, row.repeat_revenue, row.new_revenue, row.repeat_orders) = (target, repeat, new, orders);
        if let (Some(new), true) = (new, ok.deal_size) {
            row.deals_exact = new.checked_div(input.deal_size).map(|q| q.round_dp(DISPLAY_DP));
            row.deals = ceil_ratio(new, input.deal_size);
            overflow |= !spread_into(&mut opp_num, month, new, opp_shift);
            overflow |= !spread_into(&mut lead_num, month, new, lead_shift);
        }
    }

    // count = ceil(numerator / (deal size × rates × DAY_LCM)), exactly.
    let usable = ok.deal_size && ok.repeat && !overflow;
    let opp_den = (usable && ok.opportunity_to_deal)
        .then(|| {
            input
                .deal_size
                .checked_mul(input.opportunity_to_deal)?
                .checked_mul(Decimal::from(DAY_LCM))
        })
        .flatten();
    let lead_den = opp_den
        .filter(|_| ok.lead_to_opportunity)
        .and_then(|d| d.checked_mul(input.lead_to_opportunity));
    overflow |= usable && ok.opportunity_to_deal && (opp_den.is_none() || ok.lead_to_opportunity && lead_den.is_none());
    if overflow {
        findings.push(finding("funnel.too_large", "targets"));
    }
    let earliest = opp_num.keys().chain(lead_num.keys()).fold(first, |a, b| a.min(*b));
    let zero = Decimal::ZERO;
    let mut m = earliest;
    while m <= last {
        let row = months.entry(m).or_insert_with(|| empty_row(m, m < first));
        if usable && row.deals.is_none() {
            (row.deals, row.deals_exact) = (Some(0), Some(Decimal::ZERO));
        }
        (row.opportunities, row.opportunities_exact) = stage(opp_num.get(&m).unwrap_or(&zero), opp_den);
        (row.leads, row.leads_exact) = stage(lead_num.get(&m).unwrap_or(&zero), lead_den);
        m = next_month(m);
    }
    let months: Vec<FunnelMonth> = months.into_values().collect();
    FunnelPlan {
        segment: input.segment.clone(),
        totals: totals(&months),
        months,
        findings,
    }
}

/// Checks the deal size, the conversion rates and the repeat basis.
fn check_drivers(input: &FunnelInput, finding: &dyn Fn(&str, &str) -> Finding, findings: &mut Vec<Finding>) -> Usable {
    let deal_size = input.deal_size > Decimal::ZERO;
    if !deal_size {
        findings.push(finding("funnel.zero_deal_size", "deal_size").with("value", input.deal_size));
    }
    let mut rate = |value, field, nonzero| check_rate(value, field, nonzero, finding, findings);
    let opportunity_to_deal = rate(input.opportunity_to_deal, "opportunity_to_deal", true);
    let lead_to_opportunity = rate(input.lead_to_opportunity, "lead_to_opportunity", true);
    let repeat = match &input.repeat {
        RepeatRevenue::Share { share } => rate(*share, "repeat_share", false),
        RepeatRevenue::Customers {
            repeat_rate,
            order_value,
            ..
        } => {
            let rate_ok = rate(*repeat_rate, "repeat_rate", false);
            if *order_value < Decimal::ZERO {
                findings.push(finding("funnel.negative_amount", "repeat_order_value").with("value", order_value));
            }
            rate_ok && *order_value >= Decimal::ZERO
        }
    };
    Usable {
        deal_size,
        opportunity_to_deal,
        lead_to_opportunity,
        repeat,
    }
}

/// Repeat revenue of a month with this target, and the repeat orders when the basis counts them.
fn repeat_revenue(basis: &RepeatRevenue, target: Decimal, minor_units: Option<u32>) -> (Option<Decimal>, Option<u64>) {
    let round = |v: Decimal| match minor_units {
        Some(dp) => v.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointNearestEven),
        None => v,
    };
    match basis {
        RepeatRevenue::Share { share } => (target.checked_mul(*share).map(round), None),
        RepeatRevenue::Customers {
            existing_customers,
            repeat_rate,
            order_value,
        } => {
            let reorders = Decimal::from(*existing_customers) * repeat_rate;
            (
                reorders.checked_mul(*order_value).map(round),
                ceil_ratio(reorders, Decimal::ONE),
            )
        }
    }
}

/// Checks a rate is in 0..=1 (and not zero when `nonzero`); pushes a finding when it is not.
fn check_rate(
    rate: Decimal,
    field: &str,
    nonzero: bool,
    finding: &dyn Fn(&str, &str) -> Finding,
    findings: &mut Vec<Finding>,
) -> bool {
    if rate < Decimal::ZERO || rate > Decimal::ONE {
        findings.push(
            finding("funnel.rate_out_of_range", field)
                .with("stage", field)
                .with("value", rate),
        );
        false
    } else if nonzero && rate.is_zero() {
        findings.push(finding("funnel.zero_rate", field).with("stage", field));
        false
    } else {
        true
    }
}

/// Targets by first-of-month, contiguous from the first to the last month; duplicates add up
/// and negative months count as zero (with a finding).
fn monthly_targets(
    targets: &[MonthAmount],
    finding: &dyn Fn(&str, &str) -> Finding,
    findings: &mut Vec<Finding>,
) -> BTreeMap<NaiveDate, Decimal> {
    let mut by_month: BTreeMap<NaiveDate, Decimal> = BTreeMap::new();
    for t in targets {
        let sum = by_month.entry(first_of_month(t.month)).or_insert(Decimal::ZERO);
        *sum = sum.checked_add(t.amount).unwrap_or(*sum);
    }
    if let (Some(&first), Some(&last)) = (by_month.keys().next(), by_month.keys().next_back()) {
        let mut m = first;
        while m <= last {
            let amount = by_month.entry(m).or_insert(Decimal::ZERO);
            if *amount < Decimal::ZERO {
                let f = finding("funnel.negative_amount", "target").with("month", m.format("%Y-%m"));
                findings.push(f.with("value", *amount));
                *amount = Decimal::ZERO;
            }
            m = next_month(m);
        }
    }
    by_month
}

/// Adds `amount` spread over the month `days` earlier, as numerators over [`DAY_LCM`].
/// Returns false when a product overflows.
fn spread_into(acc: &mut BTreeMap<NaiveDate, Decimal>, month: NaiveDate, amount: Decimal, days: u32) -> bool {
    let per_day = Decimal::from(DAY_LCM / days_in_month(month));
    for (bucket, overlap) in spread_days(month, -i64::from(days)) {
        let Some(part) = amount.checked_mul(per_day * Decimal::from(overlap)) else {
            return false;
        };
        let sum = acc.entry(bucket).or_insert(Decimal::ZERO);
        match sum.checked_add(part) {
            Some(s) => *sum = s,
            None => return false,
        }
    }
    true
}

/// The count and the displayed exact value of one stage in one month.
fn stage(numerator: &Decimal, denominator: Option<Decimal>) -> (Option<u64>, Option<Decimal>) {
    match denominator {
        Some(d) => (
            ceil_ratio(*numerator, d),
            numerator.checked_div(d).map(|q| q.round_dp(DISPLAY_DP)),
        ),
        None => (None, None),
    }
}

fn empty_row(month: NaiveDate, before_period: bool) -> FunnelMonth {
    FunnelMonth {
        month,
        before_period,
        target: Decimal::ZERO,
        repeat_revenue: if before_period { Some(Decimal::ZERO) } else { None },
        new_revenue: if before_period { Some(Decimal::ZERO) } else { None },
        repeat_orders: None,
        deals_exact: None,
        deals: None,
        opportunities_exact: None,
        opportunities: None,
        leads_exact: None,
        leads: None,
    }
}

fn totals(months: &[FunnelMonth]) -> FunnelTotals {
    fn sum<T: Copy + std::iter::Sum>(it: impl Iterator<Item = Option<T>>) -> Option<T> {
        it.collect::<Option<Vec<T>>>().map(|v| v.into_iter().sum())
    }
    let before = || months.iter().filter(|m| m.before_period);
    FunnelTotals {
        target: months.iter().map(|m| m.target).sum(),
        repeat_revenue: sum(months.iter().map(|m| m.repeat_revenue)),
        new_revenue: sum(months.iter().map(|m| m.new_revenue)),
        deals: sum(months.iter().map(|m| m.deals)),
        opportunities: sum(months.iter().map(|m| m.opportunities)),
        leads: sum(months.iter().map(|m| m.leads)),
        opportunities_before_period: sum(before().map(|m| m.opportunities)),
        leads_before_period: sum(before().map(|m| m.leads)),
    }
}

#[cfg(test)]
mod tests;
