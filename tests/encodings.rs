//! Files in GB18030/GBK and UTF-16 with a byte-order mark are read, reported in the file's own
//! bytes and written back in their encoding.

mod common;

use common::{jsonl, sanshen, temp_dir, write};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

const TEXT: &str = "各单位：\n请认真布署今年的防汛工作，确保安全度汛。\n";

/// `text` in `encoding`, with a BOM for UTF-16.
fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    if encoding == UTF_16LE {
        [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
    } else if encoding == UTF_16BE {
        [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect()
    } else {
        encoding.encode(text).0.into_owned()
    }
}

#[test]
fn each_encoding_is_checked_in_its_own_bytes_and_written_back_in_it() {
    let dir = temp_dir("encodings");
    for encoding in [GB18030, UTF_16LE, UTF_16BE] {
        let bytes = encoded(encoding, TEXT);
        let path = write(&dir, &format!("{}.txt", encoding.name()), &bytes);
        let out = sanshen(&["check", "--no-config", "--format", "jsonl", &path], None);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        let records = jsonl(&out);
        assert_eq!(records.len(), 1, "{records:?}");
        let (start, end) = (
            records[0]["start"].as_u64().unwrap() as usize,
            records[0]["end"].as_u64().unwrap() as usize,
        );
        let (found, _) = encoding.decode_without_bom_handling(&bytes[start..end]);
        assert_eq!(found, "布署", "{}", encoding.name());
        assert_eq!(
            (records[0]["line"].as_u64(), records[0]["column"].as_u64()),
            (Some(2), Some(4))
        );

        let out = sanshen(&["check", "--no-config", "--write", &path], None);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let want = encoded(encoding, &TEXT.replace("布署", "部署"));
        assert_eq!(std::fs::read(&path).unwrap(), want, "{}", encoding.name());
    }
}

#[test]
fn an_encoding_can_be_forced() {
    // Too short for a detector to be sure of; --encoding says what it is.
    let dir = temp_dir("forced");
    let path = write(&dir, "short.txt", &GB18030.encode("布署").0);
    let out =
        sanshen(&["check", "--no-config", "--format", "jsonl", "--encoding", "gbk", &path], None);
    let records = jsonl(&out);
    assert_eq!(records.len(), 1, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!((records[0]["start"].as_u64(), records[0]["end"].as_u64()), (Some(0), Some(4)));
    let bad = sanshen(&["check", "--encoding", "klingon", &path], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown encoding `klingon`"));
}

#[test]
fn standard_input_in_gb18030_is_corrected_in_gb18030() {
    let out = sanshen(&["check", "--no-config", "--write", "-"], Some(&encoded(GB18030, TEXT)));
    assert_eq!(out.stdout, encoded(GB18030, &TEXT.replace("布署", "部署")));
}

/// The file offsets of each finding of `path`, as JSON Lines reports them.
fn spans(path: &str, extra: &[&str]) -> Vec<(usize, usize)> {
    let mut args = vec!["check", "--no-config", "--format", "jsonl"];
    args.extend(extra);
    args.push(path);
    let out = sanshen(&args, None);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    let offset = |r: &serde_json::Value, k: &str| r[k].as_u64().unwrap() as usize;
    jsonl(&out).iter().map(|r| (offset(r, "start"), offset(r, "end"))).collect()
}

#[test]
fn spans_come_from_the_bytes_each_character_was_decoded_from() {
    // 0x80 reads as €, which GB18030 writes in two bytes: offsets must not shift after it.
    let dir = temp_dir("gb18030-euro");
    let mut bytes = b"\x80\x80\x80 ".to_vec();
    bytes.extend(GB18030.encode(TEXT).0.iter());
    let path = write(&dir, "euro.txt", &bytes);
    let found = spans(&path, &["--encoding", "gb18030"]);
    assert_eq!(found.len(), 1, "{found:?}");
    let (start, end) = found[0];
    assert_eq!(GB18030.decode_without_bom_handling(&bytes[start..end]).0, "布署");
}

#[test]
fn utf16_without_a_bom_and_big5_are_read() {
    let dir = temp_dir("no-bom");
    for encoding in [UTF_16LE, UTF_16BE] {
        let bytes = encoded(encoding, TEXT)[2..].to_vec();
        let path = write(&dir, &format!("{}.txt", encoding.name()), &bytes);
        let found = spans(&path, &[]);
        assert_eq!(found.len(), 1, "{}: {found:?}", encoding.name());
        let (start, end) = found[0];
        assert_eq!(encoding.decode_without_bom_handling(&bytes[start..end]).0, "布署");
    }
    let text =
        "各單位：\n請認真布署今年的防汛工作，確保安全度汛。中華民國政府機關公文書寫應當規範。\n";
    let bytes = encoding_rs::BIG5.encode(text).0.into_owned();
    let path = write(&dir, "big5.txt", &bytes);
    let found = spans(&path, &[]);
    assert!(!found.is_empty(), "a misspelling in Big5 is found");
    let (start, end) = found[0];
    assert_eq!(encoding_rs::BIG5.decode_without_bom_handling(&bytes[start..end]).0, "布署");
}
