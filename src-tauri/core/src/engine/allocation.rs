//! Splitting an amount into parts that sum exactly to it (domain.md §1, "Horizontal
//! decomposition").
//!
//! A target split across regions, products or reps must add back up to the target to the last
//! fen: a plan whose parts miss their whole by a cent looks wrong in the meeting and breaks every
//! total built on it. Rounding each part on its own cannot promise that, so every split in the
//! engine goes through [`allocate`], the largest-remainder method at the currency's minor unit:
//!
//! 1. scale the total to an integer count of minor units (100.00 CNY → 10,000 fen);
//! 2. give each member the floor of its exact share, `units × weight / Σ weights`, computed in
//!    integers (never in floating point, never with a rounded division);
//! 3. hand out the units still missing one by one, to the members with the largest remainders;
//!    equal remainders go to the member listed first (a stable tie-break, so the same input
//!    always gives the same output).
//!
//! Worked example: 100.00 over three equal weights. 10,000 units / 3 = 3,333 each with a
//! remainder of 1 each; 10,000 − 9,999 = 1 unit is left and the tie goes to the first member:
//! **33.34, 33.33, 33.33**.
//!
//! Problems with the weights (none at all, one missing, one negative, all zero) are returned as
//! an [`AllocationIssue`], never a panic and never a silent equal split. A negative total is
//! split by its magnitude and the parts negated, so they still sum exactly.
//!
//! On top of `allocate`: [`decompose`] (methods, locks, over-assignment, commitments, findings)
//! and [`allocate_crossed`] / [`allocate_outer_inner`] for two crossed dimensions.

mod crossed;
mod decompose;
mod decomposition;
#[cfg(test)]
mod tests;
mod wide;

pub use crossed::{allocate_crossed, allocate_outer_inner, CrossedAllocation, CrossedIssue};
pub use decompose::decompose;
pub use decomposition::{
    DecompositionInput, DecompositionMember, DecompositionMethod, DecompositionResult, DecompositionTotals,
    MemberAllocation,
};

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// One member's weight: `None` when the member has no value (a missing weight is reported,
/// never read as zero).
pub type Weight = Option<Decimal>;

/// The most minor-unit digits `allocate` accepts (ISO 4217 currencies use at most 4).
pub const MAX_MINOR_UNITS: u32 = crate::money::MAX_SCALE;

/// Why a split could not be made. `index` is the member's position in the weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum AllocationIssue {
    /// There is nobody to split between.
    NoMembers,
    /// A member has no weight.
    MissingWeight {
        /// The member's position.
        index: usize,
    },
    /// A member's weight is below zero.
    NegativeWeight {
        /// The member's position.
        index: usize,
    },
    /// Every weight is zero, so no share can be computed.
    ZeroWeights,
    /// The total has more decimal places than the currency's minor unit.
    TotalNotAtMinorUnit,
    /// The numbers are too large (or the minor unit too fine) to split exactly.
    OutOfRange,
}

impl AllocationIssue {
    /// The code's last part, e.g. "zero_weights"; other engines prefix it ("phasing.…").
    pub fn kind(&self) -> &'static str {
        match self {
            AllocationIssue::NoMembers => "no_members",
            AllocationIssue::MissingWeight { .. } => "missing_weight",
            AllocationIssue::NegativeWeight { .. } => "negative_weight",
            AllocationIssue::ZeroWeights => "zero_weights",
            AllocationIssue::TotalNotAtMinorUnit => "not_at_minor_unit",
            AllocationIssue::OutOfRange => "out_of_range",
        }
    }

    /// The finding code, e.g. "allocation.zero_weights".
    pub fn code(&self) -> String {
        format!("allocation.{}", self.kind())
    }

    /// The member the issue is about, if it is about one.
    pub fn index(&self) -> Option<usize> {
        match self {
            AllocationIssue::MissingWeight { index } | AllocationIssue::NegativeWeight { index } => Some(*index),
            _ => None,
        }
    }
}

/// Splits `total` over `weights` so the parts sum exactly to `total`, each part a whole number
/// of minor units (largest-remainder method, ties to the earlier member; see the module docs).
///
/// ```
/// use rust_decimal::Decimal;
/// use salesplan_core::engine::allocation::allocate;
/// let one = Some(Decimal::ONE);
/// let parts = allocate(Decimal::new(10000, 2), &[one, one, one], 2).unwrap();
/// assert_eq!(parts, [Decimal::new(3334, 2), Decimal::new(3333, 2), Decimal::new(3333, 2)]);
/// ```
///
/// A member whose weight is zero always gets zero. The parts carry exactly `minor_units`
/// decimal places.
pub fn allocate(total: Decimal, weights: &[Weight], minor_units: u32) -> Result<Vec<Decimal>, AllocationIssue> {
    let ints = weight_units(weights)?;
    let units = to_units(total, minor_units)?;
    let parts = split_units(units.unsigned_abs(), &ints)?;
    parts
        .into_iter()
        .map(|p| {
            let p = i128::try_from(p).map_err(|_| AllocationIssue::OutOfRange)?;
            from_units(if units < 0 { -p } else { p }, minor_units)
        })
        .collect()
}

/// `value` as an integer count of minor units; refuses finer values.
pub(crate) fn to_units(value: Decimal, minor_units: u32) -> Result<i128, AllocationIssue> {
    if minor_units > MAX_MINOR_UNITS {
        return Err(AllocationIssue::OutOfRange);
    }
    let v = value.normalize();
    if v.scale() > minor_units {
        return Err(AllocationIssue::TotalNotAtMinorUnit);
    }
    v.mantissa()
        .checked_mul(pow10(minor_units - v.scale())?)
        .ok_or(AllocationIssue::OutOfRange)
}

/// A count of minor units as a decimal with exactly `minor_units` places.
pub(crate) fn from_units(units: i128, minor_units: u32) -> Result<Decimal, AllocationIssue> {
    Decimal::try_from_i128_with_scale(units, minor_units).map_err(|_| AllocationIssue::OutOfRange)
}

/// True when `value` has no more decimal places than the minor unit allows.
pub(crate) fn at_minor_unit(value: Decimal, minor_units: u32) -> bool {
    value.normalize().scale() <= minor_units
}

fn pow10(exp: u32) -> Result<i128, AllocationIssue> {
    10i128.checked_pow(exp).ok_or(AllocationIssue::OutOfRange)
}

/// The weights as integers on one common scale (exact: 0.5 and 2 become 5 and 20).
fn weight_units(weights: &[Weight]) -> Result<Vec<u128>, AllocationIssue> {
    if weights.is_empty() {
        return Err(AllocationIssue::NoMembers);
    }
    let mut values = Vec::with_capacity(weights.len());
    for (index, w) in weights.iter().enumerate() {
        let w = w.ok_or(AllocationIssue::MissingWeight { index })?.normalize();
        if w.is_sign_negative() && !w.is_zero() {
            return Err(AllocationIssue::NegativeWeight { index });
        }
        values.push(w);
    }
    let scale = values.iter().map(Decimal::scale).max().unwrap_or(0);
    values
        .iter()
        .map(|w| {
            let m = w.mantissa().unsigned_abs();
            let factor = pow10(scale - w.scale())? as u128;
            m.checked_mul(factor).ok_or(AllocationIssue::OutOfRange)
        })
        .collect()
}

/// The largest-remainder split of `units` over integer weights.
fn split_units(units: u128, weights: &[u128]) -> Result<Vec<u128>, AllocationIssue> {
    let sum = weights
        .iter()
        .try_fold(0u128, |acc, w| acc.checked_add(*w))
        .ok_or(AllocationIssue::OutOfRange)?;
    if sum == 0 {
        return Err(AllocationIssue::ZeroWeights);
    }
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for &w in weights {
        // w ≤ sum, so the quotient is at most `units` and always fits.
        let (q, r) = wide::mul_div(units, w, sum);
        parts.push(q);
        remainders.push(r);
    }
    // Σ floor(units·wᵢ/sum) > units − n, so fewer than n units are left, and every one of them
    // goes to a member with a non-zero remainder.
    let left = units - parts.iter().sum::<u128>();
    if left > 0 {
        let mut order: Vec<usize> = (0..weights.len()).collect();
        order.sort_by(|&a, &b| remainders[b].cmp(&remainders[a]).then(a.cmp(&b)));
        for &i in order.iter().take(left as usize) {
            parts[i] += 1;
        }
    }
    Ok(parts)
}
