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

/// Tags that start a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "title",
    "dd",
    "dt",
    "nav",
    "aside",
    "figcaption",
];

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

    /// The text of an HTML document: tags dropped (block tags end a line), `<script>`,
    /// `<style>` and comments (server-side includes, `<!--#include … -->`, among them) skipped,
    /// character references decoded; `alt` and `title` attributes and the `content` of
    /// `<meta name="description">` and `<meta name="keywords">` read, each on a line of its own.
    pub fn html(original: &'t str) -> Self {
        let mut out = Extracted::new(original);
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'<' => i = out.tag(i),
                b'&' => i = out.reference(i),
                _ => {
                    let next = next_of(original, i, |b| b == b'<' || b == b'&');
                    out.copy(i, next);
                    i = next;
                }
            }
        }
        out.finish()
    }

    /// Handles the markup starting with `<` at `at` and returns where the text goes on.
    fn tag(&mut self, at: usize) -> usize {
        let rest = &self.original[at..];
        if rest.starts_with("<!--") {
            return rest.find("-->").map_or(self.original.len(), |e| at + e + 3);
        }
        let Some(close) = rest.find('>') else {
            self.copy(at, at + 1);
            return at + 1;
        };
        let inside = &rest[1..close];
        let name: String = inside
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() && !inside.starts_with('/') && !inside.starts_with('!') {
            // A lone `<` in text.
            self.copy(at, at + 1);
            return at + 1;
        }
        let end = at + close + 1;
        if (name == "script" || name == "style") && !inside.starts_with('/') {
            let closing = format!("</{name}");
            let lower = self.original[end..].to_ascii_lowercase();
            return lower.find(&closing).map_or(self.original.len(), |e| {
                let from = end + e;
                self.original[from..].find('>').map_or(self.original.len(), |c| from + c + 1)
            });
        }
        if BLOCKS.contains(&name.as_str()) {
            self.push("\n", at, end);
        }
        if !inside.starts_with('/') {
            self.attributes(&name, at + 1, at + close);
        }
        end
    }

    /// The attribute values a reader sees (`alt`, `title`, and the `content` of
    /// `<meta name="description|keywords">`), each on a line of its own. `from..to` is the
    /// inside of the tag.
    fn attributes(&mut self, tag: &str, from: usize, to: usize) {
        let attrs = attributes(&self.original[from..to]);
        let value_of = |key: &str| attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(key));
        let meta_text = tag == "meta"
            && value_of("name").is_some_and(|(_, v)| {
                let name = self.original[from + v.start..from + v.end].trim();
                name.eq_ignore_ascii_case("description") || name.eq_ignore_ascii_case("keywords")
            });
        for (key, value) in &attrs {
            let shown = key.eq_ignore_ascii_case("alt")
                || key.eq_ignore_ascii_case("title")
                || (meta_text && key.eq_ignore_ascii_case("content"));
            if shown && !value.is_empty() {
                self.push("\n", from + value.start, from + value.start);
                self.text_between(from + value.start, from + value.end);
                self.push("\n", from + value.end, from + value.end);
            }
        }
    }

    /// Copies `from..to` with character references decoded.
    fn text_between(&mut self, from: usize, to: usize) {
        let mut i = from;
        while i < to {
            let ends = self.original[i..to].find(';').is_some();
            if self.original.as_bytes()[i] == b'&' && ends {
                i = self.reference(i).min(to);
            } else {
                let next = next_of(&self.original[..to], i, |b| b == b'&');
                self.copy(i, next);
                i = next;
            }
        }
    }

    /// Decodes the character reference at `at` (`&amp;`, `&ZeroWidthSpace;`, `&#20013;`,
    /// `&#x4E2D;`).
    fn reference(&mut self, at: usize) -> usize {
        let rest = &self.original[at..];
        let end = rest.char_indices().take(LONGEST_REFERENCE).find(|(_, c)| *c == ';');
        let decoded = end.and_then(|(e, _)| decode_reference(&rest[..=e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                self.push(&c, at, at + len);
                at + len
            }
            None => {
                self.copy(at, at + 1);
                at + 1
            }
        }
    }

    /// The text of a Markdown document: code blocks, inline code, link targets and HTML
    /// comments skipped; everything else as written.
    pub fn markdown(original: &'t str) -> Self {
        let mut out = Extracted::new(original);
        let mut fenced = false;
        let mut offset = 0;
        for line in original.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
                fenced = !fenced;
                out.push("\n", start, offset);
                continue;
            }
            if fenced || line.starts_with("    ") || line.starts_with('\t') {
                out.push("\n", start, offset);
                continue;
            }
            out.markdown_line(start, offset);
        }
        out.finish()
    }

    fn markdown_line(&mut self, start: usize, end: usize) {
        let line = &self.original[start..end];
        let mut i = 0;
        while i < line.len() {
            let rest = &line[i..];
            let skip = if let Some(code) = rest.strip_prefix('`') {
                code.find('`').map(|e| e + 2)
            } else if rest.starts_with("](") {
                self.copy(start + i, start + i + 1);
                i += 1;
                rest[1..].find(')').map(|e| e + 1)
            } else if rest.starts_with("<!--") {
                rest.find("-->").map(|e| e + 3)
            } else if rest.starts_with("http://") || rest.starts_with("https://") {
                Some(rest.find(char::is_whitespace).unwrap_or(rest.len()))
            } else {
                None
            };
            match skip {
                Some(n) => {
                    self.push(" ", start + i, start + i + n);
                    i += n;
                }
                None => {
                    let c = rest.chars().next().map_or(1, char::len_utf8);
                    self.copy(start + i, start + i + c);
                    i += c;
                }
            }
        }
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
        let suppressed = Suppressions::of(self.original);
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

/// The attributes of a tag's inside (`img src="a" alt='图'`): names and the byte ranges of
/// their values (quotes excluded) in `inside`.
fn attributes(inside: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let bytes = inside.as_bytes();
    let mut out = Vec::new();
    // Skip the tag name.
    let mut i = bytes.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(bytes.len());
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=/>".contains(&bytes[i]) {
            i += 1;
        }
        let name = &inside[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] != b'=' {
            if name.is_empty() {
                i += 1;
            }
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let (start, end, next) = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end =
                    bytes[i + 1..].iter().position(|&b| b == q).map_or(bytes.len(), |p| i + 1 + p);
                (i + 1, end, end + 1)
            }
            _ => {
                let end = bytes[i..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .map_or(bytes.len(), |p| i + p);
                (i, end, end)
            }
        };
        out.push((name, start..end));
        i = next;
    }
    out
}

/// The byte offset after `at` where `stop` first holds, at a char boundary.
fn next_of(s: &str, at: usize, stop: impl Fn(u8) -> bool) -> usize {
    s.as_bytes()[at + 1..].iter().position(|&b| stop(b)).map_or(s.len(), |p| at + 1 + p)
}

/// Characters a character reference may take, `&` and `;` included: the longest named one is
/// `&CounterClockwiseContourIntegral;`.
const LONGEST_REFERENCE: usize = 40;

/// Every HTML5 named character reference that ends in `;`, from the `entities` crate's table
/// of the WHATWG list.
static NAMED: std::sync::LazyLock<std::collections::HashMap<&'static str, &'static str>> =
    std::sync::LazyLock::new(|| {
        entities::ENTITIES
            .iter()
            .filter(|e| e.entity.ends_with(';'))
            .map(|e| (e.entity, e.characters))
            .collect()
    });

/// What a whole reference (`&name;`, `&#…;`) stands for.
fn decode_reference(reference: &str) -> Option<String> {
    let name = reference.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0').map(String::from);
    }
    NAMED.get(reference).map(|s| (*s).to_owned())
}

/// Regions where comments turn findings off:
/// `<!-- sanshen-disable-next-line [family|rule …] -->`, `<!-- sanshen-disable [...] -->` …
/// `<!-- sanshen-enable -->`. Without a list every family is off.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// (first byte, end byte, selectors); empty selectors mean everything.
    regions: Vec<(usize, usize, Vec<String>)>,
}

impl Suppressions {
    /// The suppression comments of a document.
    pub fn of(original: &str) -> Suppressions {
        let mut regions = Vec::new();
        let mut open: Option<(usize, Vec<String>)> = None;
        let mut search = 0;
        while let Some(found) = original[search..].find("<!--") {
            let at = search + found;
            let Some(close) = original[at..].find("-->") else { break };
            let end = at + close + 3;
            let body: Vec<&str> = original[at + 4..at + close].split_whitespace().collect();
            let selectors = |rest: &[&str]| rest.iter().map(|s| (*s).to_owned()).collect();
            match body.split_first() {
                Some((&"sanshen-disable-next-line", rest)) => {
                    let line_end =
                        original[end..].find('\n').map_or(original.len(), |n| end + n + 1);
                    let next_end =
                        original[line_end..].find('\n').map_or(original.len(), |n| line_end + n);
                    regions.push((line_end, next_end, selectors(rest)));
                }
                Some((&"sanshen-disable", rest)) => open = Some((end, selectors(rest))),
                Some((&"sanshen-enable", _)) => {
                    if let Some((from, sel)) = open.take() {
                        regions.push((from, at, sel));
                    }
                }
                _ => {}
            }
            search = end;
        }
        if let Some((from, sel)) = open {
            regions.push((from, original.len(), sel));
        }
        Suppressions { regions }
    }

    /// Whether a finding (spans in the original document) is turned off.
    pub fn hides(&self, f: &Finding) -> bool {
        self.regions.iter().any(|(from, to, sel)| {
            *from <= f.span.start
                && f.span.start < *to
                && (sel.is_empty() || sel.iter().any(|s| s == f.family.as_str() || *s == f.rule))
        })
    }
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
    fn attribute_scanner() {
        let attrs = attributes("img src=a.png alt = '图' title=\"x\" hidden");
        let names: Vec<&str> = attrs.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["src", "alt", "title"]);
        for s in ["a =", "a b=\"", "x='", "a/ b=c/"] {
            let _ = attributes(s);
        }
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
