//! Markdown read as a reader sees it.

use super::Extracted;

impl<'t> Extracted<'t> {
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
}
