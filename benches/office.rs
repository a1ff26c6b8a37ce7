//! A 200-page Word document: reading it (unzip, XML, the map back) and checking its text.
//!
//! The document is the notice of examples/notice.txt 150 times over (about 140,000
//! characters, some 200 A4 pages of 14-point text), its paragraphs cut into runs of twenty
//! characters with their formatting as Word writes it, every fifth paragraph in a table cell.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sanshen::office::{testing, Document};
use sanshen::Linter;
use std::hint::black_box;

const COPIES: usize = 150;

fn paragraph(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut p = String::from(r#"<w:p><w:pPr><w:ind w:firstLineChars="200"/></w:pPr>"#);
    for run in chars.chunks(20) {
        let run: String = run.iter().collect();
        p += r#"<w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:sz w:val="28"/></w:rPr><w:t>"#;
        p += &run;
        p += "</w:t></w:r>";
    }
    p + "</w:p>"
}

fn document() -> Vec<u8> {
    let notice = include_str!("../examples/notice.txt");
    let mut body = String::new();
    for _ in 0..COPIES {
        for (i, line) in notice.lines().enumerate() {
            let p = paragraph(line);
            if i % 5 == 4 {
                body += &format!("<w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc>{p}</w:tc></w:tr></w:tbl>");
            } else {
                body += &p;
            }
        }
    }
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    testing::docx(&[("word/document.xml", &xml)])
}

fn docx(c: &mut Criterion) {
    let bytes = document();
    let linter = Linter::new();
    let doc = Document::docx(&bytes).expect("reads");
    let findings = linter.check(&doc.text);
    // Each copy has ten findings of the typo, sensitive and leader families.
    let kept = findings.iter().filter(|f| f.family != sanshen::Family::Format).count();
    assert_eq!(kept, COPIES * 10, "findings of the 200-page document");
    let mut group = c.benchmark_group("docx-200-pages");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read", |b| b.iter(|| Document::docx(black_box(&bytes)).expect("reads")));
    group.bench_function("read+check+locate", |b| {
        b.iter(|| {
            let doc = Document::docx(black_box(&bytes)).expect("reads");
            let findings = linter.check(&doc.text);
            findings.iter().filter_map(|f| doc.locate(f.span.start)).count()
        })
    });
    group.finish();
}

criterion_group!(benches, docx);
criterion_main!(benches);
