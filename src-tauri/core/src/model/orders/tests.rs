use super::*;
use chrono::TimeZone;

fn batch() -> OrderBatch {
    OrderBatch {
        id: Uuid::from_u128(7),
        imported_at: Utc.with_ymd_and_hms(2026, 9, 30, 8, 0, 0).unwrap(),
        sources: vec!["orders.csv".into()],
    }
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

/// `n` orders of 40 customers, every third with an order id, products on some.
fn book(n: usize) -> OrderBook {
    let mut b = OrderBookBuilder::new(2);
    let names: Vec<String> = (0..40).map(|i| format!("客户{i:02}")).collect();
    let ids: Vec<String> = (0..n).map(|i| format!("SO{i}")).collect();
    for i in 0..n {
        b.push(&Order {
            customer: &names[i % 40],
            date: d(1, 1) + chrono::Days::new((i % 300) as u64),
            amount_units: (i as i64 * 37) % 100_000 - 5_000,
            order_id: (i % 3 == 0).then_some(ids[i].as_str()),
            product: (i % 2 == 0).then_some("智能设备"),
            channel: None,
            region: Some("华东区"),
        })
        .unwrap();
    }
    b.finish(batch())
}

/// Customer, date, amount, order id, product.
type Row = (String, NaiveDate, i64, Option<String>, Option<String>);

fn all(book: &OrderBook) -> Vec<Row> {
    let mut out = vec![];
    book.for_each_chunk(|orders| {
        for o in orders {
            let own = |t: Option<&str>| t.map(str::to_string);
            out.push((
                o.customer.to_string(),
                o.date,
                o.amount_units,
                own(o.order_id),
                own(o.product),
            ));
        }
    });
    out
}

#[test]
fn orders_come_back_in_order_across_chunk_boundaries() {
    let n = 2 * CHUNK_ROWS + 5;
    let book = book(n);
    assert_eq!(book.len(), n);
    assert_eq!(book.chunks().len(), 3);
    assert_eq!(book.chunks()[2].rows(), 5);
    let rows = all(&book);
    assert_eq!(rows.len(), n);
    assert_eq!(
        rows[0],
        (
            "客户00".into(),
            d(1, 1),
            -5_000,
            Some("SO0".into()),
            Some("智能设备".into())
        )
    );
    assert_eq!(rows[CHUNK_ROWS + 1].0, format!("客户{:02}", (CHUNK_ROWS + 1) % 40));
    assert_eq!(rows[n - 1].2, ((n - 1) as i64 * 37) % 100_000 - 5_000);
    assert_eq!(book.first(3).len(), 3);
    let bytes: usize = book.chunks().iter().flat_map(|c| c.columns()).map(Vec::len).sum();
    assert!(bytes < 16 * n, "compact: {bytes} bytes for {n} orders");
}

#[test]
fn a_book_read_back_from_its_chunks_is_equal_and_bad_chunking_is_refused() {
    let book = book(CHUNK_ROWS + 1);
    let again = OrderBook::from_chunks(batch(), 2, book.len(), book.chunks().to_vec()).unwrap();
    assert_eq!(again, book);
    assert!(!again.is(&book.mark()), "equal orders, different data");
    assert!(book.is(&book.clone().mark()));
    assert!(OrderBook::default().is(&OrderBook::default().mark()));
    // The chunk sizes must be the canonical ones.
    let err = OrderBook::from_chunks(batch(), 2, book.len() + 1, book.chunks().to_vec()).unwrap_err();
    assert!(err.contains("instead of"), "{err}");
    let mut reversed = book.chunks().to_vec();
    reversed.reverse();
    assert!(OrderBook::from_chunks(batch(), 2, book.len(), reversed).is_err());
    // A damaged column names its chunk and column.
    let mut bad = book.chunks().to_vec();
    let mut cols = bad[0].columns().clone();
    cols[1].push(0);
    bad[0] = OrderChunk::from_parts(bad[0].rows(), cols);
    let err = OrderBook::from_chunks(batch(), 2, book.len(), bad).unwrap_err();
    assert!(err.starts_with("chunk 0: column date"), "{err}");
    assert!(OrderBook::from_chunks(batch(), 11, book.len(), book.chunks().to_vec()).is_err());
}

#[test]
fn amounts_convert_to_units_exactly_or_not_at_all() {
    let b = OrderBookBuilder::new(2);
    let dec = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(b.units(dec("1234.5")), Ok(123_450));
    assert_eq!(b.units(dec("-0.01")), Ok(-1));
    assert_eq!(b.units(dec("10.500")), Ok(1_050), "trailing zeros are not decimals");
    assert_eq!(b.units(dec("10.505")), Err("amount.too_many_decimals"));
    assert_eq!(b.units(dec("100000000000000000")), Err("amount.too_large"));
    assert_eq!(
        OrderBookBuilder::new(0).units(dec("9223372036854775808")),
        Err("amount.too_large")
    );
}

#[test]
fn bad_orders_are_refused_by_reason() {
    let mut b = OrderBookBuilder::new(2);
    let ok = Order {
        customer: "甲",
        date: d(3, 5),
        amount_units: 1,
        order_id: None,
        product: None,
        channel: None,
        region: None,
    };
    assert_eq!(b.push(&Order { customer: "", ..ok }), Err("orders.text_empty"));
    let long = "x".repeat(MAX_ORDER_TEXT + 1);
    assert_eq!(
        b.push(&Order {
            product: Some(&long),
            ..ok
        }),
        Err("orders.text_too_long")
    );
    let early = NaiveDate::from_ymd_opt(1899, 1, 1).unwrap();
    assert_eq!(b.push(&Order { date: early, ..ok }), Err("date.out_of_range"));
    assert!(b.is_empty());
    assert!(b.finish(batch()).is_empty(), "nothing pushed: an empty book");
}

#[test]
fn the_json_form_round_trips_and_refuses_bad_rows_by_number() {
    let book = book(50);
    let json = serde_json::to_string(&book).unwrap();
    assert!(
        json.contains(r#""amount":"-50""#),
        "canonical decimal text: {}",
        &json[..300]
    );
    let back: OrderBook = serde_json::from_str(&json).unwrap();
    assert_eq!(back, book);
    assert_eq!(serde_json::to_string(&OrderBook::default()).unwrap(), "null");
    assert!(serde_json::from_str::<OrderBook>("null").unwrap().is_empty());
    let bad = json.replacen(r#""amount":"-50""#, r#""amount":"1e5""#, 1);
    let err = serde_json::from_str::<OrderBook>(&bad).unwrap_err().to_string();
    assert!(err.contains("row 1"), "{err}");
    let decimals = json.replacen(r#""amount":"-50""#, r#""amount":"1.001""#, 1);
    assert!(serde_json::from_str::<OrderBook>(&decimals).is_err());
    let unknown = json.replacen(r#""customer""#, r#""colour":"red","customer""#, 1);
    assert!(serde_json::from_str::<OrderBook>(&unknown).is_err());
}

#[test]
fn a_large_book_is_checked_on_two_threads_and_the_first_damage_is_named() {
    let book = book(70 * CHUNK_ROWS);
    assert_eq!(book.chunks().len(), 70);
    let again = OrderBook::from_chunks(batch(), 2, book.len(), book.chunks().to_vec()).unwrap();
    assert_eq!(again, book);
    let mut bad = book.chunks().to_vec();
    for i in [60, 10] {
        let mut cols = bad[i].columns().clone();
        cols[2].push(1);
        bad[i] = OrderChunk::from_parts(bad[i].rows(), cols);
    }
    let err = OrderBook::from_chunks(batch(), 2, book.len(), bad).unwrap_err();
    assert!(err.starts_with("chunk 10: column amount"), "{err}");
}
