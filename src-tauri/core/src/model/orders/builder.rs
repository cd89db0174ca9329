//! Building an [`OrderBook`] order by order: imports, the JSON form and the template push
//! orders; full chunks are encoded as they fill, so memory holds one open chunk at most.

use super::codec::{check_text, date_in_range, encode_amounts, encode_dates, encode_text, MAX_UNITS};
use super::{Order, OrderBatch, OrderBook, OrderChunk, CHUNK_ROWS, MAX_ORDERS};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;
use std::hash::Hasher;

/// Builds a book order by order (imports, the JSON form, the template).
pub struct OrderBookBuilder {
    scale: u32,
    rows: usize,
    chunks: Vec<OrderChunk>,
    current: ChunkBuilder,
}

/// The columns of the chunk being filled, before encoding.
#[derive(Default)]
struct ChunkBuilder {
    texts: [TextBuilder; 5],
    dates: Vec<NaiveDate>,
    amounts: Vec<i64>,
}

/// Values in order of first use and per-row indices of one text column of a chunk.
///
/// Imports push millions of cells, most order ids new, so values are not allocated one by
/// one: they sit end to end in one string, found again by their 64-bit hash. Two different
/// values with the same hash (rare, but possible) are told apart by comparing the text, the
/// later one kept in `spill` and found by a scan.
#[derive(Default)]
struct TextBuilder {
    text: String,
    ends: Vec<u32>,
    index: FxHashMap<u64, u32>,
    spill: Vec<u32>,
    rows: Vec<u32>,
}

impl TextBuilder {
    fn value(&self, i: u32) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i as usize - 1] as usize };
        &self.text[start..self.ends[i as usize] as usize]
    }

    fn find(&self, v: &str, hash: u64) -> Option<u32> {
        let &i = self.index.get(&hash)?;
        if self.value(i) == v {
            return Some(i);
        }
        self.spill.iter().copied().find(|&j| self.value(j) == v)
    }

    fn push(&mut self, value: Option<&str>, optional: bool) {
        let i = match value {
            None => 0,
            Some(v) => {
                let mut h = rustc_hash::FxHasher::default();
                h.write(v.as_bytes());
                self.index_of(v, h.finish()) + u32::from(optional)
            }
        };
        self.rows.push(i);
    }

    /// The index of `v` (whose hash is `hash`), adding it when it is new.
    fn index_of(&mut self, v: &str, hash: u64) -> u32 {
        if let Some(i) = self.find(v, hash) {
            return i;
        }
        let i = self.ends.len() as u32;
        self.text.push_str(v);
        self.ends.push(self.text.len() as u32);
        match self.index.entry(hash) {
            Entry::Vacant(e) => {
                e.insert(i);
            }
            // Another value has this hash: it keeps the slot, this one is found by a scan.
            Entry::Occupied(_) => self.spill.push(i),
        }
        i
    }

    /// The values in order of first use.
    fn values(&self) -> Vec<&str> {
        (0..self.ends.len() as u32).map(|i| self.value(i)).collect()
    }

    /// Empties the column for the next chunk, keeping the memory.
    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.index.clear();
        self.spill.clear();
        self.rows.clear();
    }
}

impl ChunkBuilder {
    /// Encodes the chunk and empties the builder for the next one (keeping its memory).
    fn encode(&mut self) -> OrderChunk {
        let c = &*self;
        let [customer, order_id, product, channel, region] = std::array::from_fn(|k| {
            let t = &c.texts[k];
            encode_text(&t.values(), &t.rows)
        });
        let columns = [
            customer,
            encode_dates(&c.dates),
            encode_amounts(&c.amounts),
            order_id,
            product,
            channel,
            region,
        ];
        let chunk = OrderChunk::from_parts(c.dates.len() as u32, columns);
        self.texts.iter_mut().for_each(TextBuilder::clear);
        self.dates.clear();
        self.amounts.clear();
        chunk
    }
}

impl OrderBookBuilder {
    /// A builder for amounts with `scale` decimals (the plan currency's minor unit).
    pub fn new(scale: u32) -> Self {
        OrderBookBuilder {
            scale: scale.min(crate::money::MAX_SCALE),
            rows: 0,
            chunks: Vec::new(),
            current: ChunkBuilder::default(),
        }
    }

    /// The scale of the amounts.
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// Orders pushed so far.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True before the first order.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// `amount` in units of 10^−scale; the reason key when it has more decimals than the
    /// scale (`amount.too_many_decimals`) or does not fit (`amount.too_large`).
    pub fn units(&self, amount: Decimal) -> Result<i64, &'static str> {
        let a = amount.normalize();
        if a.scale() > self.scale {
            return Err("amount.too_many_decimals");
        }
        let units = a.mantissa() * 10i128.pow(self.scale - a.scale());
        match i64::try_from(units) {
            Ok(u) if u.unsigned_abs() <= MAX_UNITS as u64 => Ok(u),
            _ => Err("amount.too_large"),
        }
    }

    /// Adds an order; the reason key when a text, the date or the amount cannot be stored
    /// (`orders.*`, `text.control_chars`, `date.out_of_range`, `amount.too_large`) or the book
    /// is full (`orders.too_many`).
    pub fn push(&mut self, order: &Order<'_>) -> Result<(), &'static str> {
        if self.rows >= MAX_ORDERS {
            return Err("orders.too_many");
        }
        if order.amount_units.unsigned_abs() > MAX_UNITS as u64 {
            return Err("amount.too_large");
        }
        check_text(order.customer)?;
        let optional = [order.order_id, order.product, order.channel, order.region];
        for text in optional.iter().flatten() {
            check_text(text)?;
        }
        if !date_in_range(order.date) {
            return Err("date.out_of_range");
        }
        let c = &mut self.current;
        c.texts[0].push(Some(order.customer), false);
        for (t, value) in c.texts[1..].iter_mut().zip(optional) {
            t.push(value, true);
        }
        c.dates.push(order.date);
        c.amounts.push(order.amount_units);
        self.rows += 1;
        if c.dates.len() == CHUNK_ROWS {
            self.chunks.push(self.current.encode());
        }
        Ok(())
    }

    /// The book (empty when nothing was pushed).
    pub fn finish(mut self, batch: OrderBatch) -> OrderBook {
        if !self.current.dates.is_empty() {
            self.chunks.push(self.current.encode());
        }
        if self.rows == 0 {
            return OrderBook::default();
        }
        OrderBook::new(batch, self.scale, self.rows, self.chunks)
    }
}

#[cfg(test)]
mod tests {
    use super::TextBuilder;

    #[test]
    fn values_with_the_same_hash_stay_apart() {
        let mut t = TextBuilder::default();
        assert_eq!([t.index_of("a", 7), t.index_of("b", 7), t.index_of("c", 8)], [0, 1, 2]);
        assert_eq!([t.index_of("b", 7), t.index_of("a", 7), t.index_of("c", 8)], [1, 0, 2]);
        assert_eq!(t.values(), ["a", "b", "c"]);
    }
}
