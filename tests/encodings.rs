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
