//! Arbitrary section-2 data and orders for the round-trip properties: every item kind, NPS as
//! counts or raw answers, own company or not, both tier rules (thresholds the health check
//! would flag included: the store keeps them), and order books from empty to a few chunks
//! with every optional column, extreme amounts, dates and scales.

use super::props::{decimal, text};
use chrono::{Days, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use salesplan_core::engine::rfm::{Tier, TierRule};
use salesplan_core::model::{
    AttributeScore, CompetitiveAttribute, Competitor, FactorKind, Impact, InternalFactor, MarketCategory, MarketItem,
    Nps, NpsInput, Order, OrderBatch, OrderBook, OrderBookBuilder, Persona, RfmSettings, Support, MAX_ORDER_UNITS,
};
use uuid::Uuid;

fn uuid() -> impl Strategy<Value = Uuid> {
    any::<u128>().prop_map(Uuid::from_u128)
}

/// 0–10 with up to four decimals.
fn zero_to_ten() -> impl Strategy<Value = Decimal> {
    (0u32..=4).prop_flat_map(|scale| (0i64..=10 * 10i64.pow(scale)).prop_map(move |n| Decimal::new(n, scale)))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..2_900_000).prop_map(|d| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Days::new(d))
}

fn market_item() -> impl Strategy<Value = MarketItem> {
    let category = prop::sample::select(vec![
        MarketCategory::IndustryTrend,
        MarketCategory::Policy,
        MarketCategory::Technology,
        MarketCategory::CompetitorMove,
        MarketCategory::CustomerNeed,
    ]);
    let impact = prop::sample::select(vec![Impact::Opportunity, Impact::Threat]);
    (
        uuid(),
        category,
        impact,
        text(),
        text(),
        zero_to_ten(),
        prop::collection::vec(uuid(), 0..3),
    )
        .prop_map(
            |(id, category, impact, title, description, weight, goal_ids)| MarketItem {
                id,
                category,
                impact,
                title,
                description,
                weight,
                goal_ids,
            },
        )
}

fn factor() -> impl Strategy<Value = InternalFactor> {
    let kind = prop::sample::select(vec![FactorKind::Strength, FactorKind::Weakness]);
    (uuid(), kind, text(), zero_to_ten(), prop::option::of(uuid())).prop_map(
        |(id, kind, statement, weight, attribute_id)| InternalFactor {
            id,
            kind,
            statement,
            weight,
            attribute_id,
        },
    )
}

fn nps() -> impl Strategy<Value = Option<Nps>> {
    let input = prop_oneof![
        (any::<u32>(), any::<u32>(), any::<u32>()).prop_map(|(promoters, passives, detractors)| NpsInput::Counts {
            promoters,
            passives,
            detractors
        }),
        prop::collection::vec(0u8..=10, 0..60).prop_map(|scores| NpsInput::Scores { scores }),
    ];
    prop::option::of((input, text()).prop_map(|(input, source)| Nps { input, source }))
}

/// Attributes, then companies scored on some of them (the first company may be the own one).
fn matrix() -> impl Strategy<Value = (Vec<CompetitiveAttribute>, Vec<Competitor>)> {
    let attributes = prop::collection::vec((uuid(), text()), 0..4);
    let companies = prop::collection::vec((uuid(), text(), text(), prop::collection::vec(zero_to_ten(), 4)), 0..4);
    (attributes, companies, any::<bool>(), any::<u8>()).prop_map(|(attributes, companies, first_own, mask)| {
        let attributes: Vec<_> = (attributes.into_iter())
            .map(|(id, name)| CompetitiveAttribute { id, name })
            .collect();
        let companies = (companies.into_iter().enumerate())
            .map(|(i, (id, name, note, scores))| Competitor {
                id,
                name,
                own: i == 0 && first_own,
                note,
                scores: (attributes.iter().zip(scores))
                    .enumerate()
                    .filter(|(k, _)| mask & (1 << ((i + k) % 8)) != 0)
                    .map(|(_, (a, score))| AttributeScore {
                        attribute_id: a.id,
                        score,
                    })
                    .collect(),
            })
            .collect();
        (attributes, companies)
    })
}

fn persona() -> impl Strategy<Value = Persona> {
    let lines = || prop::collection::vec(text(), 0..3);
    let tier = prop::option::of(prop::sample::select(vec![Tier::A, Tier::B, Tier::C]));
    (uuid(), text(), text(), lines(), lines(), tier).prop_map(|(id, name, description, pains, channels, tier)| {
        Persona {
            id,
            name,
            description,
            pains,
            channels,
            tier,
        }
    })
}

fn rfm() -> impl Strategy<Value = RfmSettings> {
    let rule = prop_oneof![
        (any::<u8>(), any::<u8>()).prop_map(|(a_min_score, b_min_score)| TierRule::Scores {
            a_min_score,
            b_min_score
        }),
        (decimal(), decimal()).prop_map(|(a_share, b_share)| TierRule::Pareto { a_share, b_share }),
    ];
    (prop::option::of(date()), rule).prop_map(|(as_of, rule)| RfmSettings { as_of, rule })
}

/// Section 2 with every kind of item.
pub fn support() -> impl Strategy<Value = Support> {
    (
        prop::collection::vec(market_item(), 0..4),
        prop::collection::vec(factor(), 0..4),
        nps(),
        matrix(),
        prop::collection::vec(persona(), 0..3),
        rfm(),
    )
        .prop_map(
            |(market_items, factors, nps, (attributes, competitors), personas, rfm)| Support {
                market_items,
                factors,
                nps,
                attributes,
                competitors,
                personas,
                rfm,
            },
        )
}

/// Texts an order cell may hold (non-empty, trimmed, no control characters).
fn order_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9]{1,8}",
        "[\u{4e00}-\u{9fa5}]{1,6}",
        "[a-z]{1,3} [0-9]{1,3}",
        "x{100}"
    ]
}

/// Empty, or up to 600 orders (three chunks) of a handful of customers.
pub fn orders() -> impl Strategy<Value = OrderBook> {
    let row = (
        0usize..6,
        date(),
        prop_oneof![-1000i64..1000, -MAX_ORDER_UNITS..=MAX_ORDER_UNITS],
        prop::option::of(order_text()),
        [
            prop::option::of(order_text()),
            prop::option::of(order_text()),
            prop::option::of(order_text()),
        ],
    );
    let customers = prop::collection::vec(order_text(), 6);
    let sources = prop::collection::vec(text(), 0..3);
    (
        customers,
        prop::collection::vec(row, 0..600),
        0u32..=10,
        uuid(),
        sources,
    )
        .prop_map(|(customers, rows, scale, id, sources)| {
            let mut b = OrderBookBuilder::new(scale);
            for (c, date, amount_units, order_id, [product, channel, region]) in &rows {
                let order = Order {
                    customer: &customers[*c],
                    date: *date,
                    amount_units: *amount_units,
                    order_id: order_id.as_deref(),
                    product: product.as_deref(),
                    channel: channel.as_deref(),
                    region: region.as_deref(),
                };
                b.push(&order).unwrap();
            }
            let imported_at = Utc.with_ymd_and_hms(2026, 9, 30, 8, 0, 0).unwrap();
            b.finish(OrderBatch {
                id,
                imported_at,
                sources,
            })
        })
}
