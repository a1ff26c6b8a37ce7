//! Texts as they arrive: plain, HTML or Markdown. Every front reads a text by its kind through
//! these calls, so a finding in a web page is the same whether the command line, the HTTP
//! service, the browser package or the Python binding found it.
//!
//! ```
//! use sanshen::{Linter, Markup};
//!
//! let html = "<p>请认真<b>布署</b>。</p>";
//! let linter = Linter::new();
//! let findings = linter.check_markup(html, Markup::Html);
//! assert_eq!(&html[findings[0].span], "布署");
//! assert_eq!(linter.fix_markup(html, Markup::Html).text, "<p>请认真<b>部署</b>。</p>");
//! ```

use crate::date::Date;
use crate::finding::Finding;
use crate::fix::{fix_found_in_rounds, fix_in_rounds, Fixed};
use crate::linter::Linter;
use crate::markup::{Carry, Extracted};
use serde::Deserialize;

/// How a text is marked up, which decides what of it is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Markup {
    /// Plain text, read as it is (`plain`, or `text`).
    #[default]
    #[serde(alias = "text")]
    Plain,
    /// HTML: tags, scripts, styles and comments skipped, entities decoded (`html`).
    Html,
    /// Markdown: code, link targets and comments skipped (`markdown`, or `md`).
    #[serde(alias = "md")]
    Markdown,
}

impl std::str::FromStr for Markup {
    type Err = String;

    /// `plain` (or `text`), `html`, `markdown` (or `md`).
    fn from_str(name: &str) -> Result<Markup, String> {
        match name {
            "plain" | "text" => Ok(Markup::Plain),
            "html" => Ok(Markup::Html),
            "markdown" | "md" => Ok(Markup::Markdown),
            _ => Err(format!("unknown format {name:?} (expected plain, html or markdown)")),
        }
    }
}

impl Markup {
    /// The text a reader sees, with a map back; `None` for plain text, read as it is.
    fn extract(self, text: &str) -> Option<Extracted<'_>> {
        match self {
            Markup::Plain => None,
            Markup::Html => Some(Extracted::html(text)),
            Markup::Markdown => Some(Extracted::markdown(text)),
        }
    }
}

impl Linter {
    /// [`Linter::check`] of a text read as `markup`: spans, lines and columns refer to `text`
    /// as given; in HTML and Markdown, suppression comments apply and a finding whose original
    /// holds markup keeps no suggestion (see [`Extracted::check`]).
    pub fn check_markup(&self, text: &str, markup: Markup) -> Vec<Finding> {
        self.check_markup_as_of(text, markup, self.date())
    }

    /// [`Linter::check_markup`] as of `date` (see [`Linter::check_as_of`]).
    pub fn check_markup_as_of(&self, text: &str, markup: Markup, date: Date) -> Vec<Finding> {
        match markup.extract(text) {
            None => self.check_as_of(text, date),
            Some(page) => page.map_back(self.check_as_of(&page.text, date)),
        }
    }

    /// [`Linter::check_markup`] of one piece of a long document, cut where
    /// [`crate::markup::last_cut`] allows, after the pieces before it (whose state `carry`
    /// holds): spans, lines and columns refer to the piece; a document read this way a piece
    /// at a time gives the findings it gives whole, but for the format rules that look at the
    /// whole document (the outline of headings), which see one piece at a time.
    pub fn check_markup_piece(
        &self,
        piece: &str,
        markup: Markup,
        carry: &mut Carry,
    ) -> Vec<Finding> {
        match markup.extract(piece) {
            None => self.check(piece),
            Some(page) => page.map_back_continuing(self.check(&page.text), carry),
        }
    }

    /// [`Linter::fix_markup`] of one piece of a long document (see
    /// [`Linter::check_markup_piece`]) whose findings are known: `found` are what
    /// `check_markup_piece` gave for it (those to leave alone, such as findings a baseline
    /// accepted, may be left out), `before` the carry as it was before the piece. The same
    /// rounds as a whole text gets; spans refer to the piece.
    pub fn fix_markup_piece(
        &self,
        piece: &str,
        markup: Markup,
        found: Vec<Finding>,
        before: &Carry,
    ) -> Fixed {
        fix_found_in_rounds(piece, found, |t| {
            self.check_markup_piece(t, markup, &mut before.clone())
        })
    }

    /// [`Linter::fix`] of a text read as `markup`: the same rounds for every kind, so fixing
    /// the result again changes nothing in HTML and Markdown either.
    pub fn fix_markup(&self, text: &str, markup: Markup) -> Fixed {
        self.fix_markup_as_of(text, markup, self.date())
    }

    /// [`Linter::fix_markup`] as of `date` (see [`Linter::check_as_of`]).
    pub fn fix_markup_as_of(&self, text: &str, markup: Markup, date: Date) -> Fixed {
        fix_in_rounds(text, |t| self.check_markup_as_of(t, markup, date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LinterBuilder;

    /// 甲乙 → 丙乙, and 丙乙丁 → 丙乙戊: fixing the first makes the second.
    fn chained() -> Linter {
        let mut b = LinterBuilder::new();
        b.builtin(false).add_dictionary("t", "!family typo\n甲乙\t丙乙\n丙乙丁\t丙乙戊\n").unwrap();
        b.build().unwrap()
    }

    #[track_caller]
    fn assert_fix(markup: Markup, text: &str, want: &str) {
        let linter = chained();
        let fixed = linter.fix_markup(text, markup);
        assert_eq!(fixed.text, want);
        assert_eq!(linter.fix_markup(&fixed.text, markup).text, want, "fixing again");
    }

    #[test]
    fn every_kind_is_fixed_in_the_same_rounds() {
        assert_fix(Markup::Plain, "甲乙丁", "丙乙戊");
        assert_fix(Markup::Html, "<p>甲乙丁</p>", "<p>丙乙戊</p>");
        assert_fix(Markup::Markdown, "# 甲乙丁\n\n`甲乙丁`\n", "# 丙乙戊\n\n`甲乙丁`\n");
    }

    #[test]
    fn a_document_fixed_a_piece_at_a_time_is_fixed_as_whole() {
        let linter = chained();
        for (markup, text) in [
            (Markup::Plain, "甲乙丁。\n甲乙。\n"),
            (Markup::Html, "<p>甲乙丁</p><!-- sanshen-disable typo --><p>甲乙丁</p>"),
            (Markup::Markdown, "# 甲乙丁\n\n<!-- sanshen-disable typo -->\n\n甲乙丁\n"),
        ] {
            let whole = linter.fix_markup(text, markup).text;
            let mut carry = Carry::default();
            let mut pieced = String::new();
            let mut rest = text;
            while !rest.is_empty() {
                let end = crate::markup::last_cut(markup, &rest.as_bytes()[..rest.len().min(40)])
                    .filter(|&e| e > 0 && markup != Markup::Plain)
                    .unwrap_or(rest.find('\n').map_or(rest.len(), |i| i + 1));
                let before = carry.clone();
                let found = linter.check_markup_piece(&rest[..end], markup, &mut carry);
                pieced += &linter.fix_markup_piece(&rest[..end], markup, found, &before).text;
                rest = &rest[end..];
            }
            assert_eq!(pieced, whole, "{markup:?}");
            assert_ne!(pieced, text, "{markup:?}");
        }
    }

    #[test]
    fn every_round_of_a_piece_keeps_what_the_pieces_before_left_open() {
        let linter = chained();
        let mut carry = Carry::default();
        let _ =
            linter.check_markup_piece("<!-- sanshen-disable typo -->\n", Markup::Html, &mut carry);
        // The second round (丙乙丁 → 丙乙戊) must not fix what the first left alone either.
        let piece = "<p>甲乙丁</p>\n<!-- sanshen-enable -->\n<p>甲乙丁</p>\n";
        let before = carry.clone();
        let found = linter.check_markup_piece(piece, Markup::Html, &mut carry);
        let fixed = linter.fix_markup_piece(piece, Markup::Html, found, &before);
        assert_eq!(fixed.text, "<p>甲乙丁</p>\n<!-- sanshen-enable -->\n<p>丙乙戊</p>\n");
    }

    #[test]
    fn plain_is_the_plain_check() {
        let linter = Linter::new();
        let text = "请认真布署。<b>布署</b>";
        assert_eq!(linter.check_markup(text, Markup::Plain), linter.check(text));
        assert_eq!(linter.fix_markup(text, Markup::Plain), linter.fix(text));
    }

    #[test]
    fn markup_is_read_as_a_reader_sees_it() {
        let linter = Linter::new();
        let html = "<p>请认真&#x5E03;署</p><script>布署</script>";
        let found = linter.check_markup(html, Markup::Html);
        assert_eq!(found.len(), 1);
        assert_eq!(&html[found[0].span], "&#x5E03;署");
        // The reference is reported in place but never rewritten.
        assert_eq!(linter.fix_markup(html, Markup::Html).text, html);
    }

    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Markup>();
        check::<Extracted<'static>>();
        check::<crate::markup::Suppressions>();
    }

    #[test]
    fn names_of_the_kinds() {
        assert_eq!("md".parse(), Ok(Markup::Markdown));
        assert_eq!("text".parse(), Ok(Markup::Plain));
        assert_eq!("html".parse(), Ok(Markup::Html));
        let err = "docx".parse::<Markup>().unwrap_err();
        assert_eq!(err, "unknown format \"docx\" (expected plain, html or markdown)");
    }
}
