//! Customer tiers A / B / C (客户分级) and the playbook of each tier.
//!
//! Two configurable rules ([`TierRule`]):
//!
//! - **Scores** — by the RFM score sum (3–15): A when the sum is at least `a_min_score`, B when
//!   at least `b_min_score`, else C. Default A ≥ 12, B ≥ 8. A customer scored 5-4-3 (sum 12)
//!   is A; 3-3-2 (sum 8) is B; 2-2-3 (sum 7) is C.
//! - **Pareto** — by share of revenue (ABC analysis): customers sorted by monetary value, largest
//!   first, equal values by customer id (byte order), so the order never depends on the file.
//!   A customer is A when the revenue of the customers *before* it is below `a_share` of the
//!   total, B when below `a_share + b_share`, else C. So the customer that crosses 80 % is still
//!   A: A is the smallest group of top customers holding at least 80 %. Worked example, 80/15/5
//!   with monetary 500, 300, 100, 60, 40 (total 1,000): before-shares are 0, 50 %, 80 %, 90 %,
//!   96 %. → A, A, B, B, C (A holds 80 %, B 16 %, C 4 %). The total here is the sum of positive
//!   monetary values; a customer whose net monetary value is zero or negative is always C.
//!
//! Each tier carries its playbook: A deepen (深度经营: joint development 联合研发, exclusive
//! agency 独家代理), B precision marketing (精准营销: targeted offers 定向优惠, case sharing
//! 案例分享), C low-cost activation (低成本激活: automated outreach 自动化触达, referral
//! campaigns 裂变活动). The codes are stable; the UI owns the sentences.

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A customer tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Tier {
    /// The best customers: deepen the relationship.
    A,
    /// The middle: precision marketing.
    B,
    /// The rest: low-cost activation.
    C,
}

impl Tier {
    /// All tiers, best first.
    pub const ALL: [Tier; 3] = [Tier::A, Tier::B, Tier::C];

    /// "A", "B" or "C".
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
        }
    }

    /// What to do with the customers of this tier.
    pub fn playbook(self) -> Playbook {
        match self {
            Tier::A => Playbook::Deepen,
            Tier::B => Playbook::PrecisionMarketing,
            Tier::C => Playbook::LowCostActivation,
        }
    }
}

/// The playbook of a tier (domain.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Playbook {
    /// 深度经营: joint development, exclusive agency.
    Deepen,
    /// 精准营销: targeted offers, case sharing.
    PrecisionMarketing,
    /// 低成本激活: automated outreach, referral campaigns.
    LowCostActivation,
}

impl Playbook {
    /// Stable code, as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            Playbook::Deepen => "deepen",
            Playbook::PrecisionMarketing => "precision_marketing",
            Playbook::LowCostActivation => "low_cost_activation",
        }
    }

    /// Stable codes of the typical actions, translated by the UI.
    pub fn actions(self) -> &'static [&'static str] {
        match self {
            Playbook::Deepen => &["joint_development", "exclusive_agency"],
            Playbook::PrecisionMarketing => &["targeted_offers", "case_sharing"],
            Playbook::LowCostActivation => &["automated_outreach", "referral_campaigns"],
        }
    }
}

/// How customers are put into tiers. Shares are fractions: 0.8 is 80 %.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum TierRule {
    /// By the RFM score sum (3–15).
    Scores {
        /// Lowest score sum of tier A.
        a_min_score: u8,
        /// Lowest score sum of tier B (at most `a_min_score`).
        b_min_score: u8,
    },
    /// By cumulative share of revenue, largest customers first.
    Pareto {
        /// Share of revenue tier A reaches, e.g. 0.8.
        #[ts(type = "string")]
        #[serde(with = "crate::money::dec_text")]
        a_share: Decimal,
        /// Share of revenue tier B adds, e.g. 0.15; C is the rest.
        #[ts(type = "string")]
        #[serde(with = "crate::money::dec_text")]
        b_share: Decimal,
    },
}

impl TierRule {
    /// A ≥ 12, B ≥ 8, else C.
    pub fn default_scores() -> Self {
        TierRule::Scores {
            a_min_score: 12,
            b_min_score: 8,
        }
    }

    /// 80 / 15 / 5.
    pub fn default_pareto() -> Self {
        TierRule::Pareto {
            a_share: Decimal::new(80, 2),
            b_share: Decimal::new(15, 2),
        }
    }

    /// Refuses thresholds that cannot describe three tiers.
    pub fn validate(&self) -> Result<()> {
        let bad = |what: String| Error::invalid(format!("tier rule: {what}")).because("rfm.tier_rule_invalid", &[]);
        match *self {
            TierRule::Scores {
                a_min_score,
                b_min_score,
            } => {
                if !(3..=15).contains(&b_min_score) || !(b_min_score..=15).contains(&a_min_score) {
                    return Err(bad(format!(
                        "score thresholds must satisfy 3 ≤ B ({b_min_score}) ≤ A ({a_min_score}) ≤ 15"
                    )));
                }
            }
            TierRule::Pareto { a_share, b_share } => {
                if a_share < Decimal::ZERO || b_share < Decimal::ZERO || a_share + b_share > Decimal::ONE {
                    return Err(bad(format!(
                        "shares must be at least 0 and add up to at most 1 (A {a_share}, B {b_share})"
                    )));
                }
            }
        }
        Ok(())
    }
}

/// The tier of each customer. `monetary` and `ids` are per customer; `score_sums` too.
pub(super) fn assign(rule: &TierRule, score_sums: &[u8], monetary: &[Decimal], ids: &[&str]) -> Vec<Tier> {
    match *rule {
        TierRule::Scores {
            a_min_score,
            b_min_score,
        } => score_sums
            .iter()
            .map(|&s| match s {
                s if s >= a_min_score => Tier::A,
                s if s >= b_min_score => Tier::B,
                _ => Tier::C,
            })
            .collect(),
        TierRule::Pareto { a_share, b_share } => pareto(a_share, b_share, monetary, ids),
    }
}

fn pareto(a_share: Decimal, b_share: Decimal, monetary: &[Decimal], ids: &[&str]) -> Vec<Tier> {
    let total: Decimal = monetary.iter().filter(|m| m.is_sign_positive() && !m.is_zero()).sum();
    let (a_limit, b_limit) = (a_share * total, (a_share + b_share) * total);
    let mut order: Vec<usize> = (0..monetary.len()).collect();
    order.sort_unstable_by(|&x, &y| monetary[y].cmp(&monetary[x]).then_with(|| ids[x].cmp(ids[y])));
    let mut tiers = vec![Tier::C; monetary.len()];
    let mut before = Decimal::ZERO;
    for i in order {
        let m = monetary[i];
        if m <= Decimal::ZERO {
            break; // sorted: everything after is zero or negative, and stays C
        }
        tiers[i] = if before < a_limit {
            Tier::A
        } else if before < b_limit {
            Tier::B
        } else {
            Tier::C
        };
        before += m;
    }
    tiers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: i64) -> Decimal {
        Decimal::from(v)
    }

    #[test]
    fn pareto_includes_the_customer_that_crosses_the_share() {
        // The worked example of the module doc, in shuffled file order.
        let monetary = [d(100), d(40), d(500), d(60), d(300)];
        let ids = ["c", "e", "a", "d", "b"];
        let tiers = pareto(Decimal::new(8, 1), Decimal::new(15, 2), &monetary, &ids);
        assert_eq!(tiers, vec![Tier::B, Tier::C, Tier::A, Tier::B, Tier::A]);
    }

    #[test]
    fn pareto_breaks_equal_revenue_by_id_and_puts_non_positive_customers_in_c() {
        // Total of positive values 400; A limit 320. Order: x(200), a(100), b(100), then 0, −50.
        // Before-shares: x 0 → A; a 200 → A; b 300 → A (300 < 320). z (0) and w (−50) are C.
        let monetary = [d(100), d(100), d(200), d(0), d(-50)];
        let ids = ["b", "a", "x", "z", "w"];
        let tiers = pareto(Decimal::new(8, 1), Decimal::new(15, 2), &monetary, &ids);
        assert_eq!(tiers, vec![Tier::A, Tier::A, Tier::A, Tier::C, Tier::C]);
        // With A at 70 % (limit 280), b (before 300) falls to B, a (before 200) stays A.
        let tiers = pareto(Decimal::new(7, 1), Decimal::new(2, 1), &monetary, &ids);
        assert_eq!(tiers, vec![Tier::B, Tier::A, Tier::A, Tier::C, Tier::C]);
    }

    #[test]
    fn score_rule_thresholds_are_inclusive() {
        let tiers = assign(
            &TierRule::default_scores(),
            &[15, 12, 11, 8, 7, 3],
            &[d(0); 6],
            &[""; 6],
        );
        assert_eq!(tiers, vec![Tier::A, Tier::A, Tier::B, Tier::B, Tier::C, Tier::C]);
    }

    #[test]
    fn impossible_rules_are_refused() {
        assert!(TierRule::default_scores().validate().is_ok());
        assert!(TierRule::default_pareto().validate().is_ok());
        let scores = |a, b| TierRule::Scores {
            a_min_score: a,
            b_min_score: b,
        };
        assert!(scores(8, 12).validate().is_err());
        assert!(scores(16, 8).validate().is_err());
        assert!(scores(12, 2).validate().is_err());
        let pareto = TierRule::Pareto {
            a_share: Decimal::new(9, 1),
            b_share: Decimal::new(2, 1),
        };
        let e = pareto.validate().unwrap_err();
        assert_eq!(e.reason().unwrap().key, "rfm.tier_rule_invalid");
    }

    #[test]
    fn tier_rules_read_and_write_as_tagged_json() {
        let json = serde_json::to_string(&TierRule::default_pareto()).unwrap();
        assert_eq!(json, r#"{"rule":"pareto","a_share":"0.8","b_share":"0.15"}"#);
        let back: TierRule = serde_json::from_str(r#"{"rule":"scores","a_min_score":13,"b_min_score":9}"#).unwrap();
        assert_eq!(
            back,
            TierRule::Scores {
                a_min_score: 13,
                b_min_score: 9
            }
        );
    }
}
