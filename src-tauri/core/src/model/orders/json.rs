//! The JSON form of an [`OrderBook`] (part of the plan's JSON form, `json.rs`):
//!
//! ```json
//! { "batch": { "id": "…", "imported_at": "2026-09-30T08:00:00Z", "sources": ["orders.csv"] },
//!   "scale": 2,
//!   "rows": [ { "customer": "客户A", "date": "2025-03-05", "amount": "10.5", "order_id": "SO1",
//!               "product": "智能设备", "channel": "直销", "region": "华东区" } ] }
//! ```
//! Amounts are canonical decimal strings with at most `scale` decimals; `order_id`, `product`,
//! `channel` and `region` are left out when empty. Reading is strict (unknown fields refused,
//! every order checked as an import checks it) and names the row of a refused order. An empty
//! book is `null`.

use super::{Order, OrderBatch, OrderBook, OrderBookBuilder};
use crate::money::{parse_decimal, to_text};
use chrono::NaiveDate;
use serde::de::Error as _;
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonOrder {
    customer: String,
    date: NaiveDate,
    amount: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    order_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    product: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    region: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonBook {
    batch: OrderBatch,
    scale: u32,
    rows: Vec<JsonOrder>,
}

/// The rows, serialized chunk by chunk (never all decoded at once).
struct Rows<'a>(&'a OrderBook);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        let mut result = Ok(());
        self.0.for_each_chunk(|orders| {
            for o in orders {
                if result.is_ok() {
                    let own = |t: Option<&str>| t.map(str::to_string);
                    result = seq.serialize_element(&JsonOrder {
                        customer: o.customer.to_string(),
                        date: o.date,
                        amount: to_text(&self.0.amount(o.amount_units)),
                        order_id: own(o.order_id),
                        product: own(o.product),
                        channel: own(o.channel),
                        region: own(o.region),
                    });
                }
            }
        });
        result?;
        seq.end()
    }
}

impl Serialize for OrderBook {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Some(batch) = self.batch() else {
            return s.serialize_none();
        };
        let mut st = s.serialize_struct("OrderBook", 3)?;
        st.serialize_field("batch", batch)?;
        st.serialize_field("scale", &self.scale())?;
        st.serialize_field("rows", &Rows(self))?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for OrderBook {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let Some(json) = Option::<JsonBook>::deserialize(d)? else {
            return Ok(OrderBook::default());
        };
        if json.scale > crate::money::MAX_SCALE {
            return Err(D::Error::custom(format!("orders: scale {} is above 10", json.scale)));
        }
        let mut builder = OrderBookBuilder::new(json.scale);
        for (i, row) in json.rows.iter().enumerate() {
            let refuse = |why: &str| D::Error::custom(format!("orders: row {}: {why}", i + 1));
            let amount = parse_decimal(&row.amount, "amount").map_err(|e| refuse(&e.to_string()))?;
            let amount_units = builder.units(amount).map_err(refuse)?;
            let order = Order {
                customer: &row.customer,
                date: row.date,
                amount_units,
                order_id: row.order_id.as_deref(),
                product: row.product.as_deref(),
                channel: row.channel.as_deref(),
                region: row.region.as_deref(),
            };
            builder.push(&order).map_err(refuse)?;
        }
        Ok(builder.finish(json.batch))
    }
}
