//! Where a long HTML or Markdown document may be cut, so that it can be read and checked a
//! piece at a time and give the findings it gives whole.
//!
//! A place qualifies when every construct that the reading of the text before it opened has
//! closed before it: no tag, comment, `<script>` or `<style>` (HTML) or code fence (Markdown)
//! is open there, no suppression comment is open and no `sanshen-disable-next-line` still
//! waits for its line. The places are line ends and, in HTML with no such line end in sight
//! (a page written on one line), the end of a block tag (`</p>`, `<div …>`), which ends a line
//! of the text a reader sees. A construct whose end is not in the
//! bytes given may close anywhere later, so no place after its start qualifies.
//!
//! Everything these constructs are made of is ASCII, so the bytes may be UTF-8 or any encoding
//! in which an ASCII byte always stands for itself (GB18030, GBK, Big5); in those, a code fence
//! indented with a non-ASCII space is not seen as one.

use super::html::{closing_tag, is_block};
use crate::document::Markup;

/// The last place in `bytes` where the document may be cut (see the module), if any. A place
/// is an offset after which the next piece starts; 0 and `bytes.len()` are never returned.
///
/// ```
/// use sanshen::markup::last_cut;
/// use sanshen::Markup;
///
/// let html = b"<p>\xe4\xb8\x80</p><script>\nvar a;\n</script>";
/// assert_eq!(last_cut(Markup::Html, html), Some(10)); // after `</p>`
/// assert_eq!(last_cut(Markup::Markdown, b"```\ncode\n"), None);
/// ```
pub fn last_cut(markup: Markup, bytes: &[u8]) -> Option<usize> {
    let places = match markup {
        Markup::Plain => return memchr::memrchr(b'\n', bytes).map(|i| i + 1),
        Markup::Html => html_places(bytes),
        Markup::Markdown => Places { lines: markdown_places(bytes), ..Places::new(bytes) },
    };
    let comments = Comments::of(bytes);
    let stop = places.stop.min(comments.stop);
    let last = |candidates: Vec<usize>| {
        candidates
            .into_iter()
            .rev()
            .filter(|&at| at > 0 && at < bytes.len() && at <= stop)
            .find(|&at| !comments.blocks(at))
    };
    // A line end first: the lines of the pieces are then whole, as the text around a finding
    // (its fingerprint's context, the line shown under it) is taken from its line.
    last(places.lines).or_else(|| last(places.blocks))
}

/// The places found in a document's bytes, and where the reading stopped (the start of the
/// first construct not closed in them, or their end).
struct Places {
    /// Just after a line end.
    lines: Vec<usize>,
    /// Just after an HTML block tag.
    blocks: Vec<usize>,
    stop: usize,
}

impl Places {
    fn new(bytes: &[u8]) -> Places {
        Places { lines: Vec::new(), blocks: Vec::new(), stop: bytes.len() }
    }
}

/// The places where HTML's reading is between constructs.
fn html_places(bytes: &[u8]) -> Places {
    let mut places = Places::new(bytes);
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|p| i + p) else {
            places.lines.extend(last_line_end(bytes, i, bytes.len()));
            break;
        };
        places.lines.extend(last_line_end(bytes, i, lt));
        match html_construct(bytes, lt) {
            Construct::Text => i = lt + 1,
            Construct::Skipped(end) => i = end,
            Construct::Block(end) => {
                places.blocks.push(end);
                i = end;
            }
            Construct::Open => {
                places.stop = lt;
                break;
            }
        }
    }
    places
}

/// Just after the last `\n` of `bytes[from..to]`.
fn last_line_end(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    memchr::memrchr(b'\n', &bytes[from..to]).map(|p| from + p + 1)
}

/// What the `<` at `at` starts, read as [`super::Extracted::html`] reads it.
enum Construct {
    /// A `<` that is text.
    Text,
    /// Markup ending just before the offset.
    Skipped(usize),
    /// A block tag ending just before the offset.
    Block(usize),
    /// Markup whose end is not in the bytes.
    Open,
}

fn html_construct(bytes: &[u8], at: usize) -> Construct {
    let rest = &bytes[at..];
    if rest.starts_with(b"<!--") {
        return find(rest, b"-->").map_or(Construct::Open, |e| Construct::Skipped(at + e + 3));
    }
    // The reader takes `<` for text when no tag name, `/` or `!` follows it.
    match rest.get(1) {
        None => return Construct::Open,
        Some(b) if !(b.is_ascii_alphanumeric() || *b == b'/' || *b == b'!') => {
            return Construct::Text
        }
        Some(_) => {}
    }
    let Some(close) = memchr::memchr(b'>', rest) else { return Construct::Open };
    let inside = &rest[1..close];
    let name: Vec<u8> = inside
        .iter()
        .skip_while(|&&b| b == b'/')
        .take_while(|b| b.is_ascii_alphanumeric())
        .map(u8::to_ascii_lowercase)
        .collect();
    let end = at + close + 1;
    let opening = !inside.starts_with(b"/");
    if opening && (name == b"script" || name == b"style") {
        let name = if name == b"script" { "script" } else { "style" };
        return closing_tag(&bytes[end..], name)
            .and_then(|e| memchr::memchr(b'>', &bytes[end + e..]).map(|c| end + e + c + 1))
            .map_or(Construct::Open, Construct::Skipped);
    }
    match std::str::from_utf8(&name).is_ok_and(is_block) {
        true => Construct::Block(end),
        false => Construct::Skipped(end),
    }
}

/// The line ends of Markdown outside code fences, read as [`super::Extracted::markdown`] reads
/// them.
fn markdown_places(bytes: &[u8]) -> Vec<usize> {
    let mut places = Vec::new();
    let mut fenced = false;
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        let line = trim_start(&bytes[start..end]);
        if line.starts_with(b"```") || line.starts_with(b"~~~") {
            fenced = !fenced;
        }
        start = end + 1;
        if !fenced {
            places.push(start);
        }
    }
    places
}

/// A line without its leading white space: Unicode's (as the reader trims it) when the line is
/// UTF-8, else ASCII's.
fn trim_start(line: &[u8]) -> &[u8] {
    match std::str::from_utf8(line) {
        Ok(text) => text.trim_start().as_bytes(),
        Err(_) => line.trim_ascii_start(),
    }
}

/// HTML comments as [`super::Suppressions`] finds them (anywhere, in Markdown too): the
/// stretches where a cut would change which comments it sees.
struct Comments {
    /// Offsets `(from, to)`: a place `from < at <= to` is no cut.
    blocked: Vec<(usize, usize)>,
    /// The start of the first comment or directive not closed in the bytes, or the end.
    stop: usize,
}

impl Comments {
    fn of(bytes: &[u8]) -> Comments {
        let mut blocked = Vec::new();
        let mut search = 0;
        while let Some(at) = find(&bytes[search..], b"<!--").map(|p| search + p) {
            let Some(close) = find(&bytes[at..], b"-->") else {
                return Comments { blocked, stop: at };
            };
            let end = at + close + 3;
            blocked.push((at, end - 1));
            // The comment's line and the line after it belong together (more lines are
            // taken for directives than the reader takes: that only costs a place).
            if find(&bytes[at..end], b"sanshen-disable-next-line").is_some() {
                let Some(next) = nth_line_end(bytes, end, 2) else {
                    return Comments { blocked, stop: at };
                };
                blocked.push((at, next));
            }
            search = end;
        }
        Comments { blocked, stop: bytes.len() }
    }

    fn blocks(&self, at: usize) -> bool {
        self.blocked.iter().any(|&(from, to)| from < at && at <= to)
    }
}

/// The offset of the `n`th `\n` from `from`.
fn nth_line_end(bytes: &[u8], from: usize, n: usize) -> Option<usize> {
    memchr::memchr_iter(b'\n', &bytes[from..]).nth(n - 1).map(|p| from + p)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::{Carry, Extracted};
    use crate::Linter;

    /// Findings of `doc` checked whole, and checked in pieces cut at every place [`last_cut`]
    /// gives when it sees `window` bytes at a time: the same spans, lines and columns.
    #[track_caller]
    fn same_in_pieces(markup: Markup, doc: &str, window: usize) -> usize {
        let linter = Linter::new();
        let whole = linter.check_markup(doc, markup);
        assert!(!whole.is_empty(), "a document with findings");
        let mut pieces = Vec::new();
        let mut carry = Carry::default();
        let (mut start, mut cuts) = (0, 0);
        while start < doc.len() {
            // As a reader does: more bytes while no place to cut is in sight.
            let mut seen = window;
            let cut = loop {
                let end = (start + seen).min(doc.len());
                if end == doc.len() {
                    break end - start;
                }
                match last_cut(markup, &doc.as_bytes()[start..end]) {
                    Some(cut) => break cut,
                    None => seen *= 2,
                }
            };
            cuts += usize::from(start + cut < doc.len());
            let piece = &doc[start..start + cut];
            for mut f in linter.check_markup_piece(piece, markup, &mut carry) {
                f.span = crate::Span::new(f.span.start + start, f.span.end + start);
                pieces.push((f.span, f.rule.to_owned(), f.suggestions.clone()));
            }
            start += cut;
        }
        let whole: Vec<_> =
            whole.into_iter().map(|f| (f.span, f.rule.to_owned(), f.suggestions)).collect();
        assert_eq!(pieces, whole, "window {window}");
        cuts
    }

    const HTML: &str = concat!(
        "<html><head><title>关于认真布署的通知</title>\n<style>\np { color: red }\n</style>\n",
        "<script>\nvar s = '布署';\n</script></head><body><div class=\"x\"><p>请认真布署，",
        "<b>再接再励</b>。</p><p title=\"迫不急待\">正文\n第二行布署</p><!-- 注释\n布署 -->",
        "<p>按装</p>\n<!-- sanshen-disable-next-line typo -->\n<p>布署</p>\n<p>布署</p>",
        "<!-- sanshen-disable typo --><p>布署</p>\n<p>布署</p><!-- sanshen-enable -->",
        "<p>a < b 布署</p><br><td>再接再励</td>\n</div></body></html>\n",
    );

    #[test]
    fn html_checked_in_pieces_is_html_checked_whole() {
        assert!(same_in_pieces(Markup::Html, HTML, 32) > 10, "cut in many places");
        for window in [64, 100, 160, 400, HTML.len()] {
            same_in_pieces(Markup::Html, HTML, window);
        }
    }

    const MARKDOWN: &str = concat!(
        "# 关于认真布署的通知\n\n请认真布署。\n\n```\n布署\n\n布署\n```\n\n`布署` 与 ",
        "[文件](https://example.org/布署)\n<!-- sanshen-disable-next-line typo -->\n再接再励\n",
        "再接再励\n<!-- sanshen-disable -->\n按装\n\n按装\n<!-- sanshen-enable -->\n按装\n",
        "    布署\n~~~\n布署\n~~~\n末行布署\n",
    );

    #[test]
    fn markdown_checked_in_pieces_is_markdown_checked_whole() {
        assert!(same_in_pieces(Markup::Markdown, MARKDOWN, 16) > 10, "cut in many places");
        for window in [48, 64, 100, 160, MARKDOWN.len()] {
            same_in_pieces(Markup::Markdown, MARKDOWN, window);
        }
    }

    #[test]
    fn no_place_inside_what_is_open() {
        let html = "<p>一</p><script>\nvar a;\n";
        assert_eq!(last_cut(Markup::Html, html.as_bytes()), Some("<p>一</p>".len()));
        let open_tag = "一\n<p title=\"二\n三";
        assert_eq!(last_cut(Markup::Html, open_tag.as_bytes()), Some("一\n".len()));
        let comment = "一\n<!-- 二\n三\n";
        assert_eq!(last_cut(Markup::Html, comment.as_bytes()), Some("一\n".len()));
        assert_eq!(last_cut(Markup::Markdown, comment.as_bytes()), Some("一\n".len()));
        let directive = "一\n<!-- sanshen-disable-next-line -->\n二\n";
        assert_eq!(last_cut(Markup::Markdown, directive.as_bytes()), Some("一\n".len()));
        assert_eq!(last_cut(Markup::Markdown, b"```\n\xe4\xb8\x80\n```\nx"), Some(12));
        assert_eq!(last_cut(Markup::Html, b"a < b\n"), None, "the end is never a place");
        assert_eq!(last_cut(Markup::Html, b"a < b\nc"), Some(6));
    }

    #[test]
    fn gb18030_bytes_cut_where_their_text_would() {
        let text = "<p>请认真布署</p>\n<p>再接再励</p>";
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        let cut = last_cut(Markup::Html, &bytes).unwrap();
        let (head, _, _) = encoding_rs::GB18030.decode(&bytes[..cut]);
        assert_eq!(head, "<p>请认真布署</p>\n", "a line end before a later block tag");
        let one_line = "<p>请认真布署</p><p>再接再励</p>";
        let (bytes, _, _) = encoding_rs::GB18030.encode(one_line);
        let cut = last_cut(Markup::Html, &bytes).unwrap();
        let (head, _, _) = encoding_rs::GB18030.decode(&bytes[..cut]);
        assert_eq!(head, "<p>请认真布署</p><p>", "else after the last block tag");
    }

    #[test]
    fn odd_bytes_do_not_panic() {
        for s in [
            "<",
            "<!--",
            "<!-->",
            "<script",
            "<script>",
            "</",
            "<a",
            "\n",
            "`",
            "<!-- sanshen-disable-next-line -->",
        ] {
            for m in [Markup::Html, Markup::Markdown, Markup::Plain] {
                let _ = last_cut(m, s.as_bytes());
                let _ = Extracted::html(s);
            }
        }
    }
}
