//! HTML input decodes every HTML5 named character reference, not a hand-picked few.

use sanshen::markup::Extracted;
use sanshen::Linter;

#[test]
fn every_html5_named_reference_is_decoded() {
    let html = "<p>&ZeroWidthSpace;|&shy;|&CounterClockwiseContourIntegral;|&NotEqualTilde;|&lsaquo;|&yen;|&amp;|&unknownname;</p>";
    let page = Extracted::html(html);
    let text = page.text.trim();
    assert_eq!(text, "\u{200B}|\u{AD}|∳|≂\u{338}|‹|¥|&|&unknownname;");
}

#[test]
fn findings_after_a_long_reference_keep_their_place() {
    let html = "<p>&CounterClockwiseContourIntegral;&lsaquo;请认真布署&rsaquo;</p>";
    let findings = Extracted::html(html).check(&Linter::new());
    let texts: Vec<&str> = findings.iter().map(|f| &html[f.span]).collect();
    assert_eq!(texts, ["布署"]);
}
