use super::revise::{revise, Reviewer};
use super::testing::docx;
use super::*;
use crate::Linter;

const DOC_RELS: &str = r#"<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="r3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="r4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org" TargetMode="External"/></Relationships>"#;

fn body(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{inner}<w:sectPr/></w:body></w:document>"#
    )
}

fn sample() -> Vec<u8> {
    let document = body(concat!(
        // A word split across runs, one of them bold, and a tab stop in the paragraph's style.
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>请认真布</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>署</w:t></w:r><w:r><w:t xml:space="preserve">。</w:t></w:r></w:p>"#,
        // Tracked changes: the deletion is gone, the insertion is read.
        r#"<w:p><w:r><w:t>各单位要</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>努力</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>再接再</w:t></w:r></w:ins><w:r><w:t>励&#12290;</w:t></w:r></w:p>"#,
        // A table: the finding is in row 2, column 2.
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>说明</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>一</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>按时布署</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        // A text box, written twice (for new and old readers): read once.
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>"#,
    ));
    let footnotes = r#"<w:footnotes xmlns:w="w"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>注释里也布署了。</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
    let header = r#"<w:hdr xmlns:w="w"><w:p><w:r><w:t>某某县人民政府</w:t></w:r></w:p></w:hdr>"#;
    let comments = r#"<w:comments xmlns:w="w"><w:comment w:id="0" w:author="x"><w:p><w:r><w:t>请再布署一次</w:t></w:r></w:p></w:comment></w:comments>"#;
    docx(&[
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/footnotes.xml", footnotes),
        ("word/header1.xml", header),
        ("word/comments.xml", comments),
    ])
}

#[test]
fn docx_text_in_reading_order() {
    let doc = Document::docx(&sample()).unwrap();
    let want = "某某县人民政府\n请认真布署。\n各单位要再接再励。\n项目\n说明\n一\n按时布署\n框中文字\n正文\n\n注释里也布署了。\n请再布署一次\n";
    assert_eq!(doc.text, want);
    assert_eq!(
        doc.parts,
        ["word/header1.xml", "word/document.xml", "word/footnotes.xml", "word/comments.xml"]
    );
}

#[test]
fn docx_findings_are_located() {
    let doc = Document::docx(&sample()).unwrap();
    let findings = Linter::new().check(&doc.text);
    let located: Vec<(&str, &str, usize, Option<Cell>, usize)> = findings
        .iter()
        .map(|f| {
            let at = doc.locate(f.span.start).unwrap();
            (f.text.as_str(), at.part, at.paragraph, at.cell, at.offset)
        })
        .collect();
    let cell = Some(Cell { table: 1, row: 2, column: 2 });
    assert_eq!(
        located,
        [
            ("布署", "word/document.xml", 1, None, 3),
            ("再接再励", "word/document.xml", 2, None, 4),
            ("布署", "word/document.xml", 6, cell, 2),
            ("布署", "word/footnotes.xml", 2, None, 4),
            ("布署", "word/comments.xml", 1, None, 2),
        ]
    );
}

#[test]
fn pieces_point_into_the_xml() {
    let bytes = sample();
    let doc = Document::docx(&bytes).unwrap();
    let mut archive = package::open(&bytes).unwrap();
    let xml = package::part(&mut archive, "word/document.xml").unwrap().unwrap();
    let main = doc.parts.iter().position(|p| p == "word/document.xml").unwrap();
    for piece in doc.pieces.iter().filter(|p| p.part == main) {
        let text = &doc.text[piece.text..piece.text + piece.len];
        if piece.plain {
            assert_eq!(&xml[piece.xml.clone()], text);
        } else {
            assert_eq!(&xml[piece.xml.clone()], "&#12290;");
            assert_eq!(text, "。");
        }
    }
}

#[test]
fn sniffing_by_content() {
    assert_eq!(sniff(&sample()), Sniffed::Docx);
    let odt = testing::zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", "<office:document-content/>"),
    ]);
    assert_eq!(sniff(&odt), Sniffed::Odt);
    assert_eq!(sniff(&testing::zip(&[("a.txt", "x")])), Sniffed::OtherZip);
}

#[test]
fn odt_text_notes_and_spaces() {
    let content = concat!(
        r#"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="tb" xmlns:dc="dc"><office:body><office:text>"#,
        r#"<text:h>通知</text:h><text:p>请认真布<text:span>署</text:span>，<text:s text:c="2"/>按时<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>注中布署</text:p></text:note-body></text:note>完成。</text:p>"#,
        r#"<text:tracked-changes><text:changed-region><text:deletion><text:p>删去的布署</text:p></text:deletion></text:changed-region></text:tracked-changes>"#,
        r#"<table:table><table:table-row><table:table-cell><text:p>甲</text:p></table:table-cell><table:table-cell><text:p>再接再励</text:p></table:table-cell></table:table-row></table:table>"#,
        r#"<text:p>批<office:annotation><dc:creator>张三</dc:creator><dc:date>2026-01-01</dc:date><text:p>意见</text:p></office:annotation>注</text:p>"#,
        r#"</office:text></office:body></office:document-content>"#,
    );
    let odt = testing::zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", content),
    ]);
    let doc = Document::odt(&odt).unwrap();
    assert_eq!(doc.text, "通知\n注中布署\n请认真布署，  按时完成。\n甲\n再接再励\n意见\n批注\n");
    let f = Linter::new().check(&doc.text);
    let at = doc.locate(f.last().unwrap().span.start).unwrap();
    assert_eq!((at.paragraph, at.cell), (5, Some(Cell { table: 1, row: 1, column: 2 })));
}

#[test]
fn odt_headers_and_footers_are_placed_in_their_own_region() {
    let content = r#"<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text><text:p>正文</text:p></office:text></office:body></office:document-content>"#;
    let styles = concat!(
        r#"<office:document-styles xmlns:office="o" xmlns:style="s" xmlns:text="t"><office:master-styles>"#,
        r#"<style:master-page style:name="Standard"><style:header><text:p>县政府办公室</text:p><text:p>认真布署</text:p></style:header>"#,
        r#"<style:footer><text:p>再接再励</text:p></style:footer></style:master-page>"#,
        r#"<style:master-page style:name="First&amp;Page"><style:header-first><text:p>国家级产品</text:p></style:header-first></style:master-page>"#,
        r#"</office:master-styles></office:document-styles>"#,
    );
    let odt = testing::zip(&[("content.xml", content), ("styles.xml", styles)]);
    let doc = Document::odt(&odt).unwrap();
    let places: Vec<(String, Option<&str>, usize, usize)> = Linter::new()
        .check(&doc.text)
        .iter()
        .map(|f| doc.locate(f.span.start).unwrap())
        .map(|l| (l.part.to_owned(), l.region, l.paragraph, l.offset))
        .collect();
    assert_eq!(
        places,
        [
            ("styles.xml".to_owned(), Some("header:Standard"), 2, 2),
            ("styles.xml".to_owned(), Some("footer:Standard"), 1, 0),
            ("styles.xml".to_owned(), Some("header-first:First&Page"), 1, 0),
        ]
    );
    assert_eq!(doc.locate(0).unwrap().region, None, "the body has no region");
}

#[test]
fn damaged_packages_are_errors_not_panics() {
    assert!(matches!(Document::docx(b"PK\x03\x04junk"), Err(Error::Package(_))));
    let missing = testing::zip(&[("a.txt", "x")]);
    assert!(
        matches!(Document::docx(&missing), Err(Error::MissingPart(p)) if p == "word/document.xml")
    );
    let broken = docx(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]);
    let e = Document::docx(&broken).unwrap_err();
    assert!(e.to_string().starts_with("word/document.xml: byte "), "{e}");
}

fn revisable() -> Vec<u8> {
    let document = body(concat!(
        r#"<w:p><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>请认真布</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>署。</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t xml:space="preserve">各单位要再接再励，大力宣传国家级产品，要再接再励。</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>你&amp;我布署</w:t></w:r></w:p>"#,
    ));
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    docx(&[("word/document.xml", &document), ("[Content_Types].xml", types)])
}

#[test]
fn revise_writes_tracked_changes_and_comments() {
    let bytes = revisable();
    let doc = Document::docx(&bytes).unwrap();
    let linter = Linter::new();
    let findings = linter.check(&doc.text);
    let who = Reviewer { author: "sanshen", date: "2026-12-06T00:00:00Z" };
    let revised = revise(&bytes, &doc, &findings, &who).unwrap();
    assert_eq!(revised.unwritten, [], "{findings:?}");
    let texts = |ix: &[usize]| ix.iter().map(|&i| findings[i].text.clone()).collect::<Vec<_>>();
    // The last is in a text element with an entity (&amp;), written again escaped.
    assert_eq!(texts(&revised.changes), ["布署", "再接再励", "再接再励", "布署"]);
    assert_eq!(texts(&revised.comments), ["国家级产品"]);
    // Read again, the document says what the corrections say, and the comment is in it.
    let again = Document::docx(&revised.bytes).unwrap();
    let (body, comments) = again.text.split_at(again.text.find("[sensitive").unwrap());
    assert_eq!(
        body,
        "请认真部署。
各单位要再接再厉，大力宣传国家级产品，要再接再厉。
你&我部署
"
    );
    assert!(comments.contains("国家级产品") && comments.contains("广告法"), "{comments}");
    let mut archive = package::open(&revised.bytes).unwrap();
    let xml = package::part(&mut archive, "word/document.xml").unwrap().unwrap();
    assert!(xml.contains(r#"<w:del w:id="1" w:author="sanshen" w:date="2026-12-06T00:00:00Z"><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:delText xml:space="preserve">布</w:delText></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space="preserve">署</w:delText></w:r></w:del>"#), "{xml}");
    assert!(xml.contains(r#"<w:commentRangeStart w:id="1"/>"#));
    let types = package::part(&mut archive, "[Content_Types].xml").unwrap().unwrap();
    assert!(types.contains("/word/comments.xml"));
}

#[test]
fn revise_keeps_what_it_does_not_touch() {
    let bytes = revisable();
    let doc = Document::docx(&bytes).unwrap();
    let who = Reviewer { author: "sanshen", date: "2026-12-06T00:00:00Z" };
    let revised = revise(&bytes, &doc, &[], &who).unwrap();
    let mut archive = package::open(&revised.bytes).unwrap();
    let mut before = package::open(&bytes).unwrap();
    for name in ["word/document.xml", "_rels/.rels", "[Content_Types].xml"] {
        assert_eq!(
            package::part(&mut archive, name).unwrap(),
            package::part(&mut before, name).unwrap()
        );
    }
}

fn parts_and_fields() -> Vec<u8> {
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let document = body(concat!(
        // A tab and the text in one run; a break inside a finding.
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:tab/><w:t>各单位认真布署</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>再接再</w:t><w:tab/><w:t>励</w:t></w:r></w:p>"#,
        // A field: its code is not text, its result is and Word computes it again.
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"></w:fldChar></w:r><w:r><w:instrText>REF a</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>要布署</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>。按时布署</w:t></w:r></w:p>"#,
        // A footnote mark inside a word.
        r#"<w:p><w:r><w:t>认真布</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>署</w:t></w:r></w:p>"#,
    ));
    let rels = r#"<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="r3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>注中要再接再励，宣传国家级产品。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let header =
        format!(r#"<w:hdr {W}><w:p><w:r><w:t>认真布署，国家级产品</w:t></w:r></w:p></w:hdr>"#);
    let footer = format!(
        r#"<w:ftr {W}><w:p><w:fldSimple w:instr="PAGE"><w:r><w:t>布署</w:t></w:r></w:fldSimple></w:p></w:ftr>"#
    );
    docx(&[
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", rels),
        ("word/footnotes.xml", &footnotes),
        ("word/header1.xml", &header),
        ("word/footer1.xml", &footer),
    ])
}

#[test]
fn revise_reaches_headers_notes_tabs_and_refuses_fields() {
    let bytes = parts_and_fields();
    let doc = Document::docx(&bytes).unwrap();
    let findings = Linter::new().check(&doc.text);
    let who = Reviewer { author: "sanshen", date: "2026-12-06T00:00:00Z" };
    let revised = revise(&bytes, &doc, &findings, &who).unwrap();
    let at = |i: usize| {
        let l = doc.locate(findings[i].span.start).unwrap();
        format!("{} {} {}", l.part, l.paragraph, findings[i].text)
    };
    let list = |ix: Vec<usize>| ix.into_iter().map(at).collect::<Vec<_>>();
    assert_eq!(
        list(revised.changes.clone()),
        [
            "word/header1.xml 1 布署",
            "word/document.xml 1 布署",
            "word/document.xml 3 布署",
            "word/footnotes.xml 1 再接再励",
        ]
    );
    assert_eq!(list(revised.comments.clone()), Vec::<String>::new());
    let unwritten: Vec<(String, Unwritten)> =
        revised.unwritten.iter().map(|&(i, w)| (at(i), w)).collect();
    assert_eq!(
        unwritten,
        [
            ("word/header1.xml 1 国家级产品".to_owned(), Unwritten::CommentOutsideBody),
            ("word/document.xml 3 布署".to_owned(), Unwritten::FieldResult),
            ("word/document.xml 4 布署".to_owned(), Unwritten::AcrossMark),
            ("word/footnotes.xml 1 国家级产品".to_owned(), Unwritten::CommentOutsideBody),
            ("word/footer1.xml 1 布署".to_owned(), Unwritten::FieldResult),
        ]
    );
    // 再接再\t励 is not a finding: the tab breaks it.
    assert!(!findings.iter().any(|f| f.text.contains('\t')));
    let again = Document::docx(&revised.bytes).unwrap();
    assert!(again.text.starts_with("认真部署，国家级产品\n\t各单位认真部署\n"), "{}", again.text);
    assert!(again.text.contains("要布署。按时部署\n"), "{}", again.text);
    assert!(again.text.contains("注中要再接再厉，宣传国家级产品。"), "{}", again.text);
    let mut archive = package::open(&revised.bytes).unwrap();
    let xml = package::part(&mut archive, "word/document.xml").unwrap().unwrap();
    // The tab keeps its run and formatting; the text is cut beside it.
    assert!(xml.contains(r#"<w:r><w:rPr><w:b/></w:rPr><w:tab/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">各单位认真</w:t></w:r><w:del "#), "{xml}");
    let notes = package::part(&mut archive, "word/footnotes.xml").unwrap().unwrap();
    assert!(!notes.contains("<w:commentRangeStart"), "{notes}");
    // Revision ids are new across the parts.
    let ids: Vec<&str> = [xml.as_str(), notes.as_str()]
        .iter()
        .flat_map(|x| {
            x.match_indices("<w:ins w:id=\"").map(move |(i, m)| &x[i + m.len()..i + m.len() + 2])
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "<w:p>",
        "</w:p>",
        "<w:r>",
        "</w:r>",
        "<w:t>",
        "<w:t xml:space=\"preserve\">",
        "</w:t>",
        "<w:rPr><w:b/></w:rPr>",
        "<w:tab/>",
        "<w:br/>",
        "<w:tbl>",
        "</w:tbl>",
        "<w:tr>",
        "</w:tr>",
        "<w:tc>",
        "</w:tc>",
        "<w:proofErr/>",
        "<w:del>",
        "</w:del>",
        "<w:ins>",
        "</w:ins>",
        "布",
        "署",
        "再接再",
        "励",
        "国家级产品",
        "台湾政府",
        "&amp;",
        "&#24067;",
        "。",
        "\n",
        "<w:p><w:r><w:t>不得宣传国家级产品</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>认真布署</w:t></w:r></w:p>",
        "<w:fldChar w:fldCharType=\"begin\"/>",
        "<w:fldChar w:fldCharType=\"separate\"/>",
        "<w:fldChar w:fldCharType=\"end\"/>",
        "<w:instrText>PAGE</w:instrText>",
        "<w:footnoteReference w:id=\"1\"/>",
        "<w:hyperlink>",
        "</w:hyperlink>",
        "<w:r><w:tab/><w:t>认真布署</w:t></w:r>",
        "<w:r><w:t>再接再励</w:t><w:br/><w:t>布署</w:t></w:r>",
    ];

    /// The text as read, less the comments part.
    fn without_comments(doc: &Document) -> String {
        let ends = doc.paragraphs.iter().skip(1).map(|p| p.start).chain([doc.text.len()]);
        doc.paragraphs
            .iter()
            .zip(ends)
            .filter(|(p, _)| !p.part.ends_with("comments.xml"))
            .map(|(p, end)| &doc.text[p.start..end])
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any arrangement of these pieces is read or refused without a panic, and writing its
        /// findings back gives a document that reads again with no fewer paragraphs.
        #[test]
        fn read_and_revise_any_arrangement(picks in proptest::collection::vec(0..PIECES.len(), 0..60)) {
            let inner: String = picks.iter().map(|&i| PIECES[i]).collect();
            let bytes = docx(&[("word/document.xml", &body(&inner))]);
            if let Ok(doc) = Document::docx(&bytes) {
                let findings = Linter::new().check(&doc.text);
                let who = Reviewer { author: "sanshen", date: "2026-01-01T00:00:00Z" };
                let revised = revise(&bytes, &doc, &findings, &who).unwrap();
                let again = Document::docx(&revised.bytes).unwrap();
                prop_assert!(again.paragraphs.len() >= doc.paragraphs.len());
                // Read again (changes accepted), the text is the old one with exactly the
                // changes said to be written applied.
                let mut want = doc.text.clone();
                for &i in revised.changes.iter().rev() {
                    let f = &findings[i];
                    want.replace_range(f.span.start..f.span.end, &f.suggestions[0]);
                }
                prop_assert_eq!(without_comments(&again), want);
                let written = revised.changes.len() + revised.comments.len();
                prop_assert_eq!(written + revised.unwritten.len(), findings.len());
            }
        }
    }
}
