//! Text from a stranger's plan and files from newer apps.

use super::*;

#[test]
fn plan_text_reaches_the_terminal_as_text() {
    let sb = Sandbox::new();
    let mut json = q4_json(&sb);
    json["plan"]["header"]["title"] = "\u{1b}]0;pwned\u{7}\u{1b}[2J Q4 \u{202e}gnp.exe".into();
    json["plan"]["header"]["currency"] = "\u{1b}[31mXXX".into();
    let file = sb.import_json("evil", &json);
    let info = sb.expect(0, &[os("info"), file.as_os_str()]).stdout;
    let check = sb.expect(1, &[os("check"), file.as_os_str()]).stdout; // unknown currency is an error
    for out in [&info, &check] {
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "raw control characters reached stdout:\n{out:?}"
        );
    }
    assert!(info.contains("\\u{1b}[2J Q4"), "{info}");
}

#[test]
fn a_file_from_a_newer_app_is_described_as_read_only() {
    let sb = Sandbox::new();
    let file = sb.new_plan("newer.salesplan", "q4-growth", "en");
    // A plan file is SQLite: `PRAGMA user_version` (the schema version) is the big-endian
    // integer at offset 60 of the header. A newer app would have written a higher one.
    let mut bytes = fs::read(&file).unwrap();
    bytes[60..64].copy_from_slice(&99i32.to_be_bytes());
    fs::write(&file, bytes).unwrap();
    let info = sb.expect(0, &[os("info"), file.as_os_str()]).stdout;
    assert!(
        info.contains("Schema version  99") && info.contains("Read-only") && info.contains("newer version"),
        "{info}"
    );
    let check = sb.expect(0, &[os("check"), file.as_os_str()]);
    assert!(check.stderr.contains("newer version"), "{}", check.stderr);
    sb.assert_clean();
}
