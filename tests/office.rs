//! Office documents end to end: documents made by hand and by LibreOffice
//! (tests/fixtures/office/, made by tools/office-fixtures.sh) read by the binary.

mod common;

use common::{jsonl, sanshen, temp_dir, write};
use sanshen::office::testing;
use std::collections::BTreeMap;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/office");

fn hand_made() -> Vec<u8> {
    let document = concat!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
        r#"<w:p><w:r><w:t>请认真布</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>署。</w:t></w:r></w:p>"#,
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>要求</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>再接</w:t></w:r><w:r><w:t>再励</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        r#"</w:body></w:document>"#,
    );
    testing::docx(&[("word/document.xml", document)])
}

/// (rule, text) of every finding of the typo, sensitive and leader families, counted.
fn found(records: &[serde_json::Value]) -> BTreeMap<(String, String), usize> {
    let mut out = BTreeMap::new();
    for r in records.iter().filter(|r| r["family"] != "format") {
        let key = (r["rule"].as_str().unwrap().to_owned(), r["text"].as_str().unwrap().to_owned());
        *out.entry(key).or_default() += 1;
    }
    out
}

#[test]
fn json_records_carry_part_paragraph_cell_and_offset() {
    let dir = temp_dir("office-json");
    let path = write(&dir, "通知.docx", &hand_made());
    let out = sanshen(&["check", "--format", "jsonl", &path], None);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let records = jsonl(&out);
    let got: Vec<(&str, &str, u64, u64)> = records
        .iter()
        .map(|r| {
            let (part, para) = (r["part"].as_str().unwrap(), r["paragraph"].as_u64().unwrap());
            (r["text"].as_str().unwrap(), part, para, r["offset"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(got, [("布署", "word/document.xml", 1, 3), ("再接再励", "word/document.xml", 3, 0)]);
    assert!(records[0].get("cell").is_none());
    assert_eq!(records[1]["cell"], serde_json::json!({"table": 1, "row": 1, "column": 2}));
}

#[test]
fn human_output_names_paragraph_cell_and_character() {
    let dir = temp_dir("office-human");
    let path = write(&dir, "a.docx", &hand_made());
    let out = sanshen(&["check", "--color", "never", &path], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("a.docx:正文:第1段:第4字: error [typo/dictionary] 「布署」"), "{text}");
    assert!(text.contains("a.docx:正文:表1第1行第2列:第3段:第1字:"), "{text}");
}

#[test]
fn content_decides_not_the_name() {
    let dir = temp_dir("office-sniff");
    // A Word document saved with the old extension is read.
    let renamed = write(&dir, "renamed.doc", &hand_made());
    let out = sanshen(&["check", "--format", "jsonl", &renamed], None);
    assert_eq!(jsonl(&out).len(), 2);
    // An old binary document is refused with what to do about it.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let old = write(&dir, "old.wps", &ole);
    let out = sanshen(&["check", &old], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("old.wps") && err.contains("save it as .docx"), "{err}");
    // A damaged package is an error naming the file, not a panic.
    let damaged = write(&dir, "damaged.docx", b"PK\x03\x04 not really");
    let out = sanshen(&["check", &damaged], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("damaged.docx: not a readable ZIP"));
}

/// The four-way comparison: the notice as plain text, as an HTML page, as a Word document
/// and an OpenDocument text made by LibreOffice (a split run, a table, a footnote), and as PDFs
/// made from that Word document, give the same findings.
#[test]
fn every_format_of_the_notice_gives_the_same_findings() {
    let plain = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/notice.txt");
    let want = found(&jsonl(&sanshen(&["check", "--format", "jsonl", plain], None)));
    assert!(want.len() >= 7, "{want:?}");
    let text = std::fs::read_to_string(plain).unwrap();
    let paragraphs: String = text.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    let html = format!("<html><head><title>通知</title></head><body>{paragraphs}</body></html>");
    let dir = temp_dir("office-four");
    let page = write(&dir, "notice.html", html.as_bytes());
    let mut paths = vec![page];
    for name in ["notice.docx", "notice.odt", "notice.pdf", "notice-truetype.pdf"] {
        paths.push(format!("{FIXTURES}/{name}"));
    }
    for path in paths {
        let out = sanshen(&["check", "--format", "jsonl", &path], None);
        assert_eq!(found(&jsonl(&out)), want, "{path}");
    }
}

#[test]
fn pdf_findings_are_placed_by_page_and_line() {
    let path = format!("{FIXTURES}/notice.pdf");
    let records = jsonl(&sanshen(&["check", "--format", "jsonl", &path], None));
    let r = records.iter().find(|r| r["text"] == "布署").unwrap();
    // The tenth line of text on page 1 (the header counts): 一项政治任务，认真布署，…
    assert_eq!(
        (r["page"].as_u64(), r["page_line"].as_u64(), r["offset"].as_u64()),
        (Some(1), Some(10), Some(9))
    );
    let out = sanshen(&["check", "--color", "never", &path], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("notice.pdf:第1页:第10行:第10字: error"));
}

#[test]
fn a_scanned_pdf_is_an_error_not_a_clean_file() {
    let path = format!("{FIXTURES}/scanned.pdf");
    let out = sanshen(&["check", "--format", "jsonl", &path], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("scanned.pdf: no text layer on any of its 1 page(s)"), "{err}");
}

#[test]
fn libreoffice_docx_locations() {
    let path = format!("{FIXTURES}/notice.docx");
    let records = jsonl(&sanshen(&["check", "--format", "jsonl", &path], None));
    let by_text = |t: &str| records.iter().find(|r| r["text"] == t).unwrap();
    // 布署 is split across a plain and a bold run.
    assert_eq!(by_text("布署")["part"], "word/document.xml");
    assert_eq!(by_text("台湾政府")["cell"]["column"], 2);
    assert_eq!(by_text("再接再励")["part"], "word/footnotes.xml");
}

#[test]
fn government_pages_are_read_as_html() {
    let dir = temp_dir("office-shtml");
    let page = concat!(
        "<html><head><title>通知</title><meta name=\"description\" content=\"认真布署\"></head><body>",
        "<!--#include virtual=\"/inc/head.shtml\" --><script>var 布署 = 1;</script>",
        "<p>各单位要再接再励。</p><img src=\"a.png\" alt=\"迫不急待\"></body></html>",
    );
    for name in ["index.shtml", "page.xhtml", "old.htm"] {
        let path = write(&dir, name, page.as_bytes());
        let records = jsonl(&sanshen(&["check", "--format", "jsonl", &path], None));
        let texts: Vec<&str> = records.iter().map(|r| r["text"].as_str().unwrap()).collect();
        assert_eq!(texts, ["布署", "再接再励", "迫不急待"], "{name}");
    }
}

fn has(program: &str, version_flag: &str) -> bool {
    std::process::Command::new(program).arg(version_flag).output().is_ok_and(|o| o.status.success())
}

/// Whether fontconfig knows a font with Chinese glyphs (LibreOffice draws ideographs with one).
fn has_chinese_font() -> bool {
    std::process::Command::new("fc-list")
        .arg(":lang=zh")
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.is_empty())
}

/// `--write` on a Word document: corrections as tracked changes and the rest as comments, in a
/// copy that LibreOffice opens (converted to PDF, page 1 rendered into target/artifacts/).
#[test]
fn write_makes_a_reviewed_copy_that_libreoffice_opens() {
    let dir = temp_dir("office-write");
    let original = std::fs::read(format!("{FIXTURES}/notice.docx")).unwrap();
    let path = write(&dir, "notice.docx", &original);
    let out = sanshen(&["check", "--write", "--format", "jsonl", &path], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    // 副主席 → 副主任 would change which post the text names: a comment, not a change.
    // The footnote's corrections are written too; its other finding (a heading number) is
    // reported only (LibreOffice cannot open a document with a comment in a note). The words
    // the footnote forbids (不得使用“残废人”) are cited, not used: no finding.
    assert!(err.contains("wrote 6 tracked change(s) and 2 comment(s) into"), "{err}");
    assert!(
        err.contains("1 finding(s) reported only: 1 not a correction, outside the body"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), original, "the original is left alone");
    let copy = dir.join("notice.sanshen.docx");
    // Read again (tracked changes accepted), the body and the footnote have nothing left to
    // correct.
    let again = jsonl(&sanshen(&["check", "--format", "jsonl", copy.to_str().unwrap()], None));
    let left: Vec<&serde_json::Value> =
        again.iter().filter(|r| r["part"] != "word/comments.xml" && r["fixable"] == true).collect();
    assert!(left.is_empty(), "{left:?}");
    let doc = sanshen::office::Document::docx(&std::fs::read(&copy).unwrap()).unwrap();
    assert!(doc.parts.iter().any(|p| p == "word/comments.xml"), "{:?}", doc.parts);
    assert!(doc.text.contains("[format/heading] 标题序号不连续"), "the comment is read back");
    if !has("soffice", "--version") || !has("pdftoppm", "-v") {
        eprintln!("skipped: soffice or pdftoppm is not installed (apt-get install libreoffice-writer-nogui poppler-utils)");
        return;
    }
    if !has_chinese_font() {
        eprintln!("skipped: no Chinese font, so LibreOffice's PDF has no readable ideographs (apt-get install fonts-wqy-zenhei)");
        return;
    }
    let convert = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&copy)
        .env("HOME", &dir)
        .output()
        .unwrap();
    let pdf = dir.join("notice.sanshen.pdf");
    assert!(
        pdf.exists(),
        "LibreOffice did not convert it: {}",
        String::from_utf8_lossy(&convert.stderr)
    );
    let artifacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let prefix = artifacts.join("office-write");
    let render = std::process::Command::new("pdftoppm")
        .args(["-r", "60", "-f", "1", "-l", "1", "-png", "-singlefile"])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(render.success());
    assert!(std::fs::metadata(artifacts.join("office-write.png")).unwrap().len() > 1000);
    // The PDF shows the corrected word beside the struck one.
    let text = sanshen::pdf::Pdf::read(&std::fs::read(&pdf).unwrap()).unwrap().text;
    assert!(text.contains("布署部署"), "{text}");
}

#[test]
fn write_in_place_replaces_the_document() {
    let dir = temp_dir("office-in-place");
    let path = write(&dir, "a.docx", &hand_made());
    let out = sanshen(&["check", "--write", "--in-place", &path], None);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("wrote 2 tracked change(s) and 0 comment(s)")
    );
    let again = jsonl(&sanshen(&["check", "--format", "jsonl", &path], None));
    assert!(again.is_empty(), "{again:?}");
    assert!(!dir.join("a.sanshen.docx").exists());
}

/// `--write` reaches the header, footer, footnote and endnote of a document made by
/// LibreOffice, and a run holding a tab; a misspelling in a field's result and a comment in the
/// header are reported only, with the reason. LibreOffice reads the corrections in every part:
/// converted to OpenDocument, the text reads with them accepted.
#[test]
fn write_reaches_headers_footers_notes_and_refuses_fields() {
    let dir = temp_dir("office-reach");
    let path = write(&dir, "reach.docx", &std::fs::read(format!("{FIXTURES}/reach.docx")).unwrap());
    let out = sanshen(&["check", "--write", "--format", "jsonl", &path], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("wrote 7 tracked change(s) and 0 comment(s) into")
            && err.contains("2 finding(s) reported only: 1 in a field's result, which Word computes again, 1 not a correction, outside the body (comments are anchored only there)"),
        "{err}"
    );
    let copy = dir.join("reach.sanshen.docx");
    let left = jsonl(&sanshen(&["check", "--format", "jsonl", copy.to_str().unwrap()], None));
    let left: Vec<(&str, &str)> = left
        .iter()
        .filter(|r| r["part"] != "word/comments.xml")
        .map(|r| (r["part"].as_str().unwrap(), r["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        left,
        [("word/header1.xml", "国家级产品"), ("word/document.xml", "布署"),],
        "only the field's result and the comments' text are left"
    );
    let doc = sanshen::office::Document::docx(&std::fs::read(&copy).unwrap()).unwrap();
    let footer = doc.paragraphs.iter().find(|p| p.part == "word/footer1.xml").unwrap();
    assert!(doc.text[footer.start..].starts_with("第1页　再接再厉\n"), "the page field is kept");
    if !has("soffice", "--version") {
        eprintln!("skipped: soffice is not installed (apt-get install libreoffice-writer-nogui)");
        return;
    }
    let convert = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "odt", "--outdir"])
        .arg(&dir)
        .arg(&copy)
        .env("HOME", &dir)
        .output()
        .unwrap();
    let odt = dir.join("reach.sanshen.odt");
    assert!(
        odt.exists(),
        "LibreOffice did not convert it: {}",
        String::from_utf8_lossy(&convert.stderr)
    );
    let read = sanshen::office::Document::odt(&std::fs::read(&odt).unwrap()).unwrap();
    for corrected in [
        "县政府办公室认真部署",
        "各单位要认真部署。",
        "二、要再接再厉，迫不及待。",
        "要再接再厉。",
        "尾注：认真部署。",
        "再接再厉",
    ] {
        assert!(read.text.contains(corrected), "{corrected} not in {}", read.text);
    }
    let footer = read.paragraphs.iter().find(|p| p.region.as_deref() == Some("footer:Standard"));
    let footer = footer.expect("LibreOffice keeps the footer");
    assert!(read.text[footer.start..].starts_with("第1页　再接再厉"), "{}", read.text);
}

#[test]
fn a_document_larger_than_what_is_read_whole_is_an_error_naming_it() {
    let dir = temp_dir("huge-docx");
    let path = dir.join("huge.docx");
    let mut file = std::fs::File::create(&path).unwrap();
    std::io::Write::write_all(&mut file, b"PK\x03\x04").unwrap();
    // Sparse: no disk is used for the rest.
    file.set_len((256 << 20) + 1).unwrap();
    drop(file);
    let path = path.display().to_string();
    let out = sanshen(&["check", "--no-config", &path], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("{path}: cannot read: larger than 256 MiB")), "{err}");
}
