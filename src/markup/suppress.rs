//! Comments that turn findings off in HTML and Markdown.

use crate::finding::Finding;

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
