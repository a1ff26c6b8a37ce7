//! HTML read as a reader sees it.

use super::Extracted;

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

/// Where `</name` (in any case) first stands in `bytes`: the end of a `<script>` or `<style>`,
/// found without copying the rest of the document for each one.
pub(super) fn closing_tag(bytes: &[u8], name: &str) -> Option<usize> {
    let name = name.as_bytes();
    memchr::memmem::find_iter(bytes, b"</").find(|&at| {
        bytes.get(at + 2..at + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

/// Whether a tag (named in lower case) starts a new line of text.
pub(super) fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

impl<'t> Extracted<'t> {
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
            return closing_tag(&self.original.as_bytes()[end..], &name).map_or(
                self.original.len(),
                |e| {
                    let from = end + e;
                    self.original[from..].find('>').map_or(self.original.len(), |c| from + c + 1)
                },
            );
        }
        if is_block(&name) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_of_a_script_in_any_case() {
        assert_eq!(closing_tag(b"var a = 1 < 2; </b></SCRIPT>", "script"), Some(19));
        assert_eq!(closing_tag(b"</scrip", "script"), None);
        assert_eq!(closing_tag("一</Style>".as_bytes(), "style"), Some(3));
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
}
