//! The template's orders: a year of them (2025-10 … 2026-09) for forty customers, generated
//! deterministically, so RFM has something meaningful to tier.
//!
//! - **Customers**: eight cities × five kinds of business. The eight chain supermarkets are key
//!   accounts (one or two orders a month, the largest), the hotels and the first restaurant
//!   groups regular buyers (an order in seven months of ten), the rest occasional (one month in
//!   five, at least one order in the year).
//! - **Amounts**: each month's orders share that month's baseline bookings exactly (weights 8–12
//!   for key accounts, 3–5 for regulars, 1 for occasional buyers, split with
//!   `engine::allocation::allocate` at the fen), so the orders add up to the history the plan
//!   shows: 33,950,000 over the year.
//! - **Dates** are days 1–28 of the month, so the last order is at most 2026-09-28 and the
//!   default analysis date sits just before the plan period; order ids run `SO2510-001` …;
//!   product, channel and region are names of the plan's dimensions.

use crate::clock::Clock;
use crate::engine::allocation::allocate;
use crate::model::{Order, OrderBatch, OrderBook, OrderBookBuilder};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

const CITIES: [(&str, &str); 8] = [
    ("上海", "Shanghai"),
    ("杭州", "Hangzhou"),
    ("广州", "Guangzhou"),
    ("深圳", "Shenzhen"),
    ("北京", "Beijing"),
    ("苏州", "Suzhou"),
    ("南京", "Nanjing"),
    ("佛山", "Foshan"),
];

const KINDS: [(&str, &str); 5] = [
    ("连锁超市", "supermarket chain"),
    ("酒店管理公司", "hotel group"),
    ("餐饮集团", "restaurant group"),
    ("便利店", "convenience store"),
    ("大药房", "pharmacy"),
];

/// A small deterministic generator (xorshift64*), so the template is the same on every build.
struct Dice(u64);

impl Dice {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) % n
    }
}

/// What kind of buyer customer `i` is: orders in a month and the weight of an order.
fn orders_in_month(i: usize, dice: &mut Dice) -> (u64, u64) {
    match i {
        0..8 => (1 + dice.next(2), 8 + dice.next(5)),
        8..20 => (u64::from(dice.next(10) < 7), 3 + dice.next(3)),
        _ => (u64::from(dice.next(10) < 2), 1),
    }
}

/// The orders of the months given (first day, bookings), with product, channel and region
/// names taken from the plan's dimensions.
pub(super) fn orders(zh: bool, months: &[(NaiveDate, Decimal)], names: [&[String]; 3], clock: &dyn Clock) -> OrderBook {
    let customers: Vec<String> = (0..40)
        .map(|i| {
            let (city, kind) = (CITIES[i % 8], KINDS[i / 8]);
            if zh {
                format!("{}{}", city.0, kind.0)
            } else {
                format!("{} {}", city.1, kind.1)
            }
        })
        .collect();
    let mut dice = Dice(0x5a1e_2026_0930_0001);
    let mut ordered = [false; 40];
    let mut builder = OrderBookBuilder::new(2);
    for (m, &(month, bookings)) in months.iter().enumerate() {
        // (day, customer, weight) of every order of the month.
        let mut month_orders = vec![];
        for (i, done) in ordered.iter_mut().enumerate() {
            let (mut count, weight) = orders_in_month(i, &mut dice);
            // An occasional buyer without an order yet gets one in "its" month.
            if count == 0 && !*done && i % months.len() == m {
                count = 1;
            }
            for _ in 0..count {
                month_orders.push((1 + dice.next(28) as u32, i, weight));
                *done = true;
            }
        }
        month_orders.sort();
        let weights: Vec<_> = month_orders.iter().map(|o| Some(Decimal::from(o.2))).collect();
        let amounts = allocate(bookings, &weights, 2).expect("template weights are positive");
        for (k, (&(day, i, _), amount)) in month_orders.iter().zip(amounts).enumerate() {
            let id = format!("SO{:02}{:02}-{:03}", month.year() % 100, month.month(), k + 1);
            let [product, channel, region] = names.map(|list| {
                let k = dice.next(list.len().max(1) as u64) as usize;
                list.get(k).map(String::as_str)
            });
            let amount_units = builder.units(amount).expect("amounts at the fen");
            let order = Order {
                customer: &customers[i],
                date: month.with_day(day).expect("days 1–28 exist"),
                amount_units,
                order_id: Some(&id),
                product,
                channel,
                region,
            };
            builder.push(&order).expect("template orders are valid");
        }
    }
    let source = if zh {
        "订单明细2025-10至2026-09.xlsx"
    } else {
        "orders 2025-10 to 2026-09.xlsx"
    };
    builder.finish(OrderBatch {
        id: clock.new_id(),
        imported_at: clock.now(),
        sources: vec![source.into()],
    })
}
