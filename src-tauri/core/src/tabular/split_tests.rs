//! Cutting a text table in two (`Table::split_off`): the rows of the table and of the part
//! after the cut are the rows of one pass, numbered alike, whatever is before the cut.

use super::tests::Dir;
use super::text::TEST_BUFFER;
use super::*;
use proptest::prelude::*;

/// Rows (number and cells) and row errors (reason key and row), in order.
type Rows = Vec<Result<(u64, Vec<String>), String>>;

/// A case of a file the part after the cut must not read: its name, and its order line `i`.
type LineCase = (&'static str, fn(usize) -> String);

fn push(rows: &mut Rows, next: Result<Option<&Row>, Error>) -> bool {
    match next {
        Ok(Some(row)) => rows.push(Ok((row.number(), row.iter().map(str::to_string).collect()))),
        Ok(None) => return false,
        Err(e) => {
            let r = e.reason().expect("row errors have a reason");
            rows.push(Err(format!("{} {}", r.key, r.params["row"])));
        }
    }
    true
}

fn one_pass(path: &Path) -> Rows {
    let mut table = open(path).unwrap();
    let mut rows = Vec::new();
    while push(&mut rows, table.next_row()) {}
    rows
}

/// The rows of the table cut at `cut`, then of the part (or the part first, then the table,
/// which must work as well: whichever comes to the cut first scans the text before it); and
/// whether the part had rows.
fn in_two(path: &Path, cut: u64, part_first: bool) -> (Rows, bool) {
    let mut table = open(path).unwrap();
    let mut part = table.split_at(cut).unwrap();
    let (mut before, mut after) = (Vec::new(), Vec::new());
    if part_first {
        while push(&mut after, part.next_row()) {}
    }
    while push(&mut before, table.next_row()) {}
    if !part_first {
        while push(&mut after, part.next_row()) {}
    }
    let used = !after.is_empty();
    before.extend(after);
    (before, used)
}

/// A line of an orders file: plain ASCII, quoted (possibly spanning lines), blank, Chinese
/// in UTF-8 or in GB18030, or bytes valid in neither.
fn order_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => "[a-c]{1,3},[0-9]{1,3},[a-c ]{0,3}".prop_map(String::into_bytes),
        1 => "[a-c]{1,3},[0-9]{1,3},\"[a-c,\n]{0,4}\"".prop_map(String::into_bytes),
        1 => Just(Vec::new()),
        1 => Just(b" ,".to_vec()),
        1 => Just("客户,1,备注".as_bytes().to_vec()),
        1 => Just(encoding_rs::GB18030.encode("客户,2,备注").0.into_owned()),
        1 => Just(b"\xFF\xFE,3,x".to_vec()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn both_halves_read_as_one_pass(
        lines in proptest::collection::vec(order_line(), 1..80),
        end in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        filler in any::<bool>(),
        cut in any::<proptest::sample::Index>(),
        part_first in any::<bool>(),
        buffer in prop_oneof![Just(16usize), 1usize..200, Just(1 << 16)],
    ) {
        TEST_BUFFER.set(buffer);
        let mut bytes = format!("customer,amount,note{end}").into_bytes();
        if filler {
            // Past the 64 KiB sample in plain ASCII: the encoding is not settled at the cut.
            while bytes.len() <= sniff::SAMPLE_SIZE {
                bytes.extend_from_slice(format!("f,1,x{end}").as_bytes());
            }
        }
        for line in &lines {
            let line = String::from_utf8_lossy(line).replace('\n', end);
            let raw = if line.contains('\u{FFFD}') { lines[0].clone() } else { line.into_bytes() };
            bytes.extend_from_slice(&raw);
            bytes.extend_from_slice(end.as_bytes());
        }
        let d = Dir::new();
        let path = d.file("o.csv", &bytes);
        let Ok(table) = open(&path) else { return Ok(()) };
        let Source::Text(rows) = &table.source else { unreachable!() };
        let from = table.text_origin.unwrap() + rows.position();
        let line_end = end.as_bytes()[end.len() - 1];
        let starts: Vec<u64> = (from as usize..=bytes.len())
            .filter(|&i| i == from as usize || bytes[i - 1] == line_end)
            .map(|i| i as u64)
            .collect();
        let cut = starts[cut.index(starts.len())];
        let (rows, _) = in_two(&path, cut, part_first);
        prop_assert_eq!(rows, one_pass(&path), "cut at {} of {:?}", cut, String::from_utf8_lossy(&bytes));
    }
}

/// Writes `rows` order lines after a header, each from `line(i)`.
fn orders(d: &Dir, rows: usize, line: impl Fn(usize) -> String) -> PathBuf {
    let mut text = String::from("customer,date,amount\n");
    for i in 0..rows {
        text.push_str(&line(i));
        text.push('\n');
    }
    d.file("orders.csv", text.as_bytes())
}

#[test]
fn a_large_file_is_cut_near_its_middle_and_the_part_is_used() {
    TEST_BUFFER.set(64 * 1024);
    let d = Dir::new();
    let path = orders(&d, 200_000, |i| format!("C{:05},2024-03-05,{}.50", i % 777, i));
    assert!(std::fs::metadata(&path).unwrap().len() > MIN_SPLIT_BYTES);
    let mut table = open(&path).unwrap();
    let mut part = table.split_off().unwrap().expect("cut");
    let (mut before, mut after) = (Vec::new(), Vec::new());
    while push(&mut after, part.next_row()) {}
    while push(&mut before, table.next_row()) {}
    // Near the middle, and the rows go on where the table stopped.
    let first_after = after[0].as_ref().unwrap().0;
    assert!((90_000..110_000).contains(&first_after), "{first_after}");
    assert_eq!(before.last().unwrap().as_ref().unwrap().0 + 1, first_after);
    before.extend(after);
    assert_eq!(before, one_pass(&path));
    // A small file is not cut.
    let small = orders(&d, 10, |i| format!("C{i},2024-03-05,1"));
    assert!(open(&small).unwrap().split_off().unwrap().is_none());
}

#[test]
fn a_quote_before_the_cut_or_an_unsettled_encoding_keeps_the_part_empty() {
    let d = Dir::new();
    let cases: [LineCase; 3] = [
        // A quoted cell, though on one line: the cut is not trusted.
        ("quote", |i| {
            if i == 3 {
                "\"C,3\",2024-03-05,1".into()
            } else {
                format!("C{i},2024-03-05,1")
            }
        }),
        // An ASCII start and then UTF-8 before the cut: the part might read it otherwise.
        ("utf8", |i| {
            if i == 5_000 {
                "客户,2024-03-05,1".into()
            } else {
                format!("C{i},2024-03-05,1")
            }
        }),
        // A row with a quoted cell of many lines spanning the cut.
        ("span", |i| {
            if i == 5_000 {
                format!("C{i},2024-03-05,\"1\n{}\"", "xxxxxxxxx\n".repeat(40_000))
            } else {
                format!("C{i},2024-03-05,1")
            }
        }),
    ];
    for (name, line) in cases {
        let path = orders(&d, 20_000, line);
        for part_first in [false, true] {
            let len = std::fs::metadata(&path).unwrap().len();
            let cut = {
                let bytes = std::fs::read(&path).unwrap();
                let middle = (len / 2) as usize;
                (middle + bytes[middle..].iter().position(|&b| b == b'\n').unwrap() + 1) as u64
            };
            let (rows, used) = in_two(&path, cut, part_first);
            assert!(!used, "{name}");
            assert_eq!(rows, one_pass(&path), "{name}");
        }
    }
}
