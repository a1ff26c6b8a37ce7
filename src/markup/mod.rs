//! Text out of HTML and Markdown, with a map back to the original bytes, and inline
//! suppression comments (`<!-- sanshen-disable-next-line typo -->`).
//!
//! ```
//! use sanshen::markup::Extracted;
//! use sanshen::Linter;
//!
//! let html = "<p>请认真<b>布署</b>。</p><script>var 布署 = 1;</script>";
//! let page = Extracted::html(html);
//! let findings = page.check(&Linter::new());
//! assert_eq!(findings.len(), 1);
//! assert_eq!(&html[findings[0].span], "布署");
//! ```

mod cut;
mod html;
mod markdown;
mod suppress;

pub use cut::last_cut;
pub use suppress::Suppressions;

use crate::finding::Finding;
use crate::linter::Linter;
use crate::span::{LineCounter, Span};

/// Plain text taken from a marked-up document, with where each byte came from.
#[derive(Clone, Debug)]
pub struct Extracted<'t> {
    original: &'t str,
    /// The text a reader sees: tags dropped, entities decoded, blocks on lines of their own.
    pub text: String,
    /// Original byte offset of each byte of `text`, plus one past the end.
    starts: Vec<usize>,
    /// Original end offset of the character ending at each byte of `text`.
    ends: Vec<usize>,
}

impl<'t> Extracted<'t> {
    fn new(original: &'t str) -> Self {
        Extracted { original, text: String::new(), starts: Vec::new(), ends: vec![0] }
    }

    fn push(&mut self, s: &str, from: usize, to: usize) {
        for _ in 0..s.len() {
            self.starts.push(from);
        }
        let n = self.text.len();
        self.text.push_str(s);
        self.ends.resize(n + s.len() + 1, to);
    }

    fn copy(&mut self, from: usize, to: usize) {
        let original = self.original;
        for (i, c) in original[from..to].char_indices() {
            let at = from + i;
            let mut buf = [0; 4];
            self.push(c.encode_utf8(&mut buf), at, at + c.len_utf8());
        }
    }

    fn finish(mut self) -> Self {
        self.starts.push(self.original.len());
        self
    }

    /// The original span of a span of `text`.
    pub fn original_span(&self, span: Span) -> Span {
        Span::new(self.starts[span.start], self.ends[span.end])
    }

    /// Checks the text and reports the findings against the original document: spans, lines
    /// and columns in the original, suppression comments applied. A finding whose original
    /// text holds markup keeps its place but loses its suggestions, so that fixing never
    /// rewrites a tag.
    pub fn check(&self, linter: &Linter) -> Vec<Finding> {
        self.map_back(linter.check(&self.text))
    }

    /// Maps findings of `text` back to the original document (see [`Extracted::check`]).
    pub fn map_back(&self, findings: Vec<Finding>) -> Vec<Finding> {
        self.map_back_continuing(findings, &mut Carry::default())
    }

    /// [`Extracted::map_back`] for one piece of a long document cut at [`last_cut`]'s places:
    /// spans, lines and columns in the piece; suppression comments of earlier pieces apply.
    pub fn map_back_continuing(&self, findings: Vec<Finding>, carry: &mut Carry) -> Vec<Finding> {
        let (suppressed, open) = Suppressions::continuing(self.original, carry.disabled.take());
        carry.disabled = open;
        let mut lines = LineCounter::new(self.original);
        let mut out = Vec::with_capacity(findings.len());
        for mut f in findings {
            let span = self.original_span(f.span);
            let original = &self.original[span];
            if original != f.text {
                f.suggestions.clear();
                f.text = original.to_owned();
            }
            f.span = span;
            (f.line, f.column) = lines.locate(span.start);
            if !suppressed.hides(&f) {
                out.push(f);
            }
        }
        out
    }
}

/// What the pieces of a long document checked so far leave open for the next: a
/// `sanshen-disable` comment not yet ended.
#[derive(Clone, Debug, Default)]
pub struct Carry {
    disabled: Option<Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_maps_back_to_the_original() {
        let html = "<html><head><title>通知</title><style>p{}</style></head>\n<body><p>请认真布署&amp;落实，&#20877;接再励。</p><!-- 布署 --></body></html>";
        let page = Extracted::html(html);
        assert!(!page.text.contains("p{}") && !page.text.contains("<"));
        let f = page.check(&Linter::new());
        let texts: Vec<&str> = f.iter().map(|f| &html[f.span]).collect();
        assert_eq!(texts, ["布署", "&#20877;接再励"]);
        assert_eq!((f[0].line, f[0].column), (2, 13));
        // A finding across markup keeps its place but is not fixable.
        assert!(f[1].suggestions.is_empty());
        assert_eq!(f[1].text, "&#20877;接再励");
    }

    #[test]
    fn html_attributes_a_reader_sees() {
        let html = concat!(
            "<html><head><title>关于认真布署的通知</title>",
            "<meta name=\"Description\" content=\"各单位要再接再励\">",
            "<meta name=\"author\" content=\"布署\"><meta name=keywords content='迫不急待'></head>",
            "<body><!--#include virtual=\"/ssi/布署.html\" --><img src=\"布署.png\" alt=\"认真&#24067;署\">",
            "<a href=\"#\" title=\"台湾政府\">链接</a><p data-x=\"布署\">正文</p></body></html>",
        );
        let f = Extracted::html(html).check(&Linter::new());
        let texts: Vec<&str> = f.iter().map(|f| &html[f.span]).collect();
        assert_eq!(texts, ["布署", "再接再励", "迫不急待", "&#24067;署", "台湾政府"]);
        // A plain attribute value keeps its fix, so --write corrects it in place.
        assert_eq!(f[1].suggestions, ["再接再厉"]);
        assert_eq!(crate::apply_fixes(html, f).text.matches("再接再厉").count(), 1);
    }

    #[test]
    fn markdown_skips_code_and_links() {
        let md = "# 通知\n\n请认真布署。\n\n```\n布署\n```\n\n`布署` 与 [文件](https://example.org/布署)\n";
        let f = Extracted::markdown(md).check(&Linter::new());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].line, 3);
        assert_eq!(&md[f[0].span], "布署");
    }

    #[test]
    fn suppression_comments() {
        let md = "<!-- sanshen-disable-next-line typo -->\n请认真布署。\n请认真布署。\n<!-- sanshen-disable sensitive -->\n布署，台湾政府。\n<!-- sanshen-enable -->\n台湾政府。\n";
        let f = Extracted::markdown(md).check(&Linter::new());
        let got: Vec<(usize, &str)> = f.iter().map(|f| (f.line, f.text.as_str())).collect();
        assert_eq!(got, [(3, "布署"), (5, "布署"), (7, "台湾政府")]);
    }

    #[test]
    fn odd_markup_does_not_panic() {
        for s in
            ["<", "<<>>", "&", "&#;", "&#x110000;", "<script>", "<!--", "a<b", "```", "](", "`x"]
        {
            let _ = Extracted::html(s).check(&Linter::new());
            let _ = Extracted::markdown(s).check(&Linter::new());
        }
    }
}
