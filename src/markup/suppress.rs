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
        Suppressions::continuing(original, None).0
    }

    /// The suppression comments of one piece of a long document (see [`super::last_cut`]), with
    /// the selectors of a `sanshen-disable` that earlier pieces left open; returns what this
    /// piece leaves open for the next.
    pub fn continuing(
        original: &str,
        open: Option<Vec<String>>,
    ) -> (Suppressions, Option<Vec<String>>) {
        let mut regions = Vec::new();
        let mut open: Option<(usize, Vec<String>)> = open.map(|sel| (0, sel));
        let mut search = 0;
        while let Some(found) = original[search..].find("<!--") {
            let at = search + found;
            let Some(close) = original[at..].find("-->") else { break };
            let end = at + close + 3;
            // `<!-->` closes where it opens: its body is empty.
            let body = original.get(at + 4..at + close).unwrap_or_default();
            let body: Vec<&str> = body.split_whitespace().collect();
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
        if let Some((from, sel)) = &open {
            regions.push((*from, original.len(), sel.clone()));
        }
        (Suppressions { regions }, open.map(|(_, sel)| sel))
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
    use crate::Linter;

    #[test]
    fn an_empty_comment_is_no_directive() {
        let text = "<!-->请认真布署。";
        let found = Linter::new().check_markup(text, crate::Markup::Html);
        assert_eq!(found.len(), 1);
        assert!(Suppressions::of("<!-->").regions.is_empty());
    }

    #[test]
    fn a_region_left_open_goes_on_in_the_next_piece() {
        let (first, open) = Suppressions::continuing("一<!-- sanshen-disable typo -->二", None);
        assert_eq!(first.regions, [(32, 35, vec!["typo".to_owned()])]);
        let (second, open) = Suppressions::continuing("三<!-- sanshen-enable -->四", open);
        assert_eq!(second.regions, [(0, 3, vec!["typo".to_owned()])]);
        assert_eq!(open, None);
    }
}
