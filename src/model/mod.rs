//! The statistical model of official Chinese: a character 5-gram model with confusion sets,
//! which proposes typos anywhere in a text, not only where a dictionary pattern matches.
//!
//! The n-gram table (`dictionaries/model/ngram.bin`, built by `tools/train_model.py`) and the
//! confusion sets (`confusions.bin`, compiled by `tools/make_confusions.py` from the reviewed
//! `pinyin.txt`, `shape.txt` and `words.txt`) are embedded and read in place; only the idiom
//! list is parsed, once, on first use.
//!
//! Without the crate's `model` feature (on by default) the data is left out and the model
//! proposes nothing.
//!
//! ```
//! # #[cfg(feature = "model")] {
//! use sanshen::model::Model;
//!
//! let text = "持续优化营商环竟";
//! let found = Model::embedded().suspects(text, |_| false);
//! assert_eq!(&text[found[0].span], "竟");
//! assert_eq!(found[0].suggestion, "境");
//! assert!(found[0].confidence > 0.5);
//! # }
//! ```

mod candidates;
mod guards;
mod idioms;
mod prefer;
mod score;
mod table;

pub use candidates::{Kind, TableLineError};
#[doc(hidden)]
pub use score::Stats;
pub use table::TableError;

use crate::span::Span;
use std::sync::{LazyLock, OnceLock};
use table::Table;

#[cfg(feature = "model")]
mod data {
    pub(super) static NGRAMS: &[u8] = include_bytes!("../../dictionaries/model/ngram.bin");
    pub(super) static BIGRAMS: &[u8] = include_bytes!("../../dictionaries/model/bigrams.bin");
    pub(super) static CONFUSIONS: &[u8] = include_bytes!("../../dictionaries/model/confusions.bin");
    pub(super) static IDIOMS: &str = include_str!("../../dictionaries/model/idioms.txt");
    /// The reviewed tables `confusions.bin` is compiled from (a test checks they agree).
    #[cfg(test)]
    pub(super) static PINYIN: &str = include_str!("../../dictionaries/model/pinyin.txt");
    #[cfg(test)]
    pub(super) static SHAPE: &str = include_str!("../../dictionaries/model/shape.txt");
}

/// Without the `model` feature: a table of one empty slot and no confusion sets, so the model
/// knows no character and proposes nothing.
#[cfg(not(feature = "model"))]
mod data {
    pub(super) static NGRAMS: &[u8] = &EMPTY;
    /// The header, five orders of no n-gram, and for each an empty table (base and end of
    /// its one bucket).
    const EMPTY: [u8; 112] = {
        let mut bytes = [0; 112];
        (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[8]) =
            (b'S', b'S', b'L', b'M', 2, 5);
        bytes
    };
    pub(super) static BIGRAMS: &[u8] = &[];
    /// Tables of no character.
    pub(super) static CONFUSIONS: &[u8] = &[
        b'S', b'S', b'C', b'F', 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];
    pub(super) static IDIOMS: &str = "";
}

use data::{BIGRAMS, CONFUSIONS, IDIOMS, NGRAMS};

/// A place where the model suspects a typo.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Suspect {
    /// The suspected character, in bytes of the checked text.
    pub span: Span,
    /// The most likely correction.
    pub suggestion: String,
    /// Estimated probability that the character is wrong, from 0 to 1 (calibrated on labelled
    /// official-document sentences, where about one character in forty is wrong; in cleaner
    /// text the same score is somewhat less often right). At most 0.98 where the written form
    /// is a legitimate alternative (a word too, 接合部 and 结合部; one division level for
    /// another) or lies in a short quotation, unless the margin is overwhelming.
    pub confidence: f32,
    /// How many times more likely (log10) the text is with the correction, less the penalty of
    /// the candidate's kind.
    pub margin: f32,
    /// How the correction relates to the character.
    pub kind: Kind,
    /// The calibration's view of the text around it: the mean log10 probability of the window
    /// with the correction, of up to three characters before it, and the written character's
    /// own (for the fit of the calibration).
    #[doc(hidden)]
    pub around: [f32; 3],
}

/// Fixed settings of the scan, chosen on the tuning half of the labelled sentences (public only
/// for the evaluation, which varies them).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Tuning {
    /// Characters at least this likely (log10) after their context get no candidates.
    pub gate: f32,
    /// Characters whose log10 probability after their context exceeds their own frequency's by
    /// this much get no candidates either (a rare character where it belongs).
    pub lift: f32,
    /// Nor those whose log10 probability plus the next character's reaches this.
    pub local: f32,
    /// Margins below this are not reported at all.
    pub floor: f32,
    /// Candidates of a character, after the bigram filter, scored on the text around them
    /// (the best by the probabilities of their bigrams with the two neighbours).
    pub shortlist: usize,
    /// Candidates of the shortlist scored on the full window, the best on the positions they
    /// touch most.
    pub full: usize,
    /// Evidence (log10) a candidate of each kind needs beyond a same-tone one.
    pub penalties: [f32; 5],
    /// Logistic calibration: confidence = 1 / (1 + e^-(slope · margin + kinds[kind] +
    /// in_word · [a character of the written form lies in a word] + makes_word · [the
    /// correction lies in a word] + context · (mean log10 probability of the window with the
    /// correction) + before · (that of up to three characters before it) + own · (the written
    /// character's, no lower than [`OWN_LOWEST`]) + bias)), words of two to four characters of
    /// the segmentation lexicon (fitted by `tools/fit_calibration.py`).
    pub slope: f32,
    /// See `slope`.
    pub bias: f32,
    /// See `slope`: the evidence of each kind of candidate (same tone, other tone, shape,
    /// word, fuzzy sound).
    pub kinds: [f32; 5],
    /// See `slope`: a written form that reads as a word is less often a slip.
    pub in_word: f32,
    /// See `slope`: a correction that reads as a word is more often right.
    pub makes_word: f32,
    /// See `slope`: a correction that leaves its window unlikely (a name, rare wording the
    /// n-grams do not know either way) is less often right. Not negative.
    pub context: f32,
    /// See `slope`: unlikely characters just before (names, lists, classical wording) make a
    /// slip less likely. Not negative.
    pub before: f32,
    /// See `slope`: the more unlikely the written character itself, the likelier a slip.
    pub own: f32,
    /// The lowest confidence reported (0: every suspect whose margin reaches `floor`): the
    /// scan skips every position where no replacement could reach it.
    pub from: f32,
}

/// The lowest log10 probability of the written character the calibration counts.
pub const OWN_LOWEST: f32 = -8.0;

/// What the calibration reads of the text around a position, before any replacement: the sum
/// of the log10 probabilities of the window a replacement of `width` characters touches, its
/// length in characters, the mean of up to three characters before, and the written
/// character's own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Around {
    pub(crate) window: f32,
    pub(crate) len: usize,
    pub(crate) before: f32,
    pub(crate) own: f32,
}

impl Around {
    /// The mean log10 probability of the window once `gain` is added (a replacement's).
    fn context(&self, gain: f32) -> f32 {
        ((self.window + gain) / self.len.max(1) as f32).min(0.0)
    }
}

impl Tuning {
    /// The shipped settings.
    pub const DEFAULT: Tuning = Tuning {
        gate: -2.5,
        lift: 0.5,
        local: -5.5,
        floor: 0.5,
        shortlist: 3,
        full: 1,
        penalties: [0.0, 0.5, 1.0, 1.0, 1.0],
        slope: 1.063,
        bias: -2.632,
        kinds: [0.0, -0.501, 0.218, -0.369, -0.328],
        in_word: -1.229,
        makes_word: 1.277,
        context: 0.914,
        before: 0.578,
        own: -0.203,
        from: 0.0,
    };

    fn penalty(&self, kind: Kind) -> f32 {
        self.penalties[kind as usize]
    }

    fn confidence(&self, margin: f32, kind: Kind, words: Words, around: &Around) -> f32 {
        let evidence = self.kinds[kind as usize]
            + if words.written { self.in_word } else { 0.0 }
            + if words.corrected { self.makes_word } else { 0.0 }
            + self.context * around.context(margin + self.penalty(kind))
            + self.surroundings(around);
        1.0 / (1.0 + (-(self.slope * margin + evidence + self.bias)).exp())
    }

    /// The evidence of what lies before the position and of the written character itself.
    fn surroundings(&self, around: &Around) -> f32 {
        self.before * around.before.min(0.0) + self.own * around.own.max(OWN_LOWEST)
    }

    /// `confidence` with `evidence` (natural log of the odds) less.
    fn doubted(&self, confidence: f32, evidence: f32) -> f32 {
        let c = confidence.clamp(1e-7, 1.0 - 1e-7);
        1.0 / (1.0 + (((1.0 - c) / c).ln() + evidence).exp())
    }

    /// The settings that report from `confidence`: the scan skips every position where no
    /// replacement could reach it (see [`Tuning::floor_at`]).
    pub fn reporting_from(mut self, confidence: f32) -> Tuning {
        self.from = confidence;
        self
    }

    /// The lowest margin with which a replacement at a position with `around` can reach the
    /// confidence `from` (with the most favourable kind and words), and never below `floor`.
    /// The confidence grows with the margin both directly and through the window's mean, so
    /// the bound is exact up to the kind and words.
    fn floor_at(&self, around: &Around) -> f32 {
        if self.from <= 0.0 || self.context < 0.0 || self.before < 0.0 {
            return self.floor;
        }
        let c = self.from.clamp(1e-6, 1.0 - 1e-6);
        let len = around.len.max(1) as f32;
        let most = self.kinds.iter().copied().fold(f32::MIN, f32::max)
            + self.in_word.max(0.0)
            + self.makes_word.max(0.0)
            + self.context * (around.window + self.penalties.iter().copied().fold(0.0, f32::max))
                / len
            + self.surroundings(around);
        let margin = ((c / (1.0 - c)).ln() - self.bias - most) / (self.slope + self.context / len);
        self.floor.max(margin)
    }
}

/// Whether a character of the written form, and the whole correction, lie in a word of the
/// segmentation lexicon.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Words {
    written: bool,
    corrected: bool,
}

/// The character n-gram model and its confusion sets.
#[derive(Debug)]
pub struct Model {
    table: Table,
    confusions: candidates::Confusions,
    /// The idiom list as shipped or given, read at its first use: only the model's own rule
    /// reads it, and the typo rule's judge asks the model with that rule off.
    idioms_text: &'static str,
    idioms: OnceLock<idioms::Idioms>,
    tuning: Tuning,
}

impl Model {
    /// The shipped model. The first call reads the tables' headers; the n-gram table and the
    /// confusion sets are read where they lie, and the idiom list is parsed at its first use
    /// by the model's own rule.
    ///
    /// # Panics
    ///
    /// Never with the shipped data (a test loads it).
    pub fn embedded() -> &'static Model {
        static MODEL: LazyLock<Model> = LazyLock::new(|| {
            Model::load_embedded().unwrap_or_else(|e| panic!("shipped model data: {e}"))
        });
        &MODEL
    }

    /// Reads the shipped data anew (for the benchmark of the load time; use
    /// [`Model::embedded`]).
    ///
    /// # Errors
    ///
    /// Never with the shipped data.
    #[doc(hidden)]
    pub fn load_embedded() -> Result<Model, crate::Error> {
        Model::from_parts(NGRAMS, BIGRAMS, CONFUSIONS, IDIOMS)
    }

    /// A model from its four data files: `ngram.bin`, `bigrams.bin` (may be empty),
    /// `confusions.bin` and `idioms.txt`.
    ///
    /// # Errors
    ///
    /// The n-gram or bigram file is not a model's, or the confusion tables are not whole.
    pub fn from_parts(
        ngrams: &'static [u8],
        bigrams: &'static [u8],
        confusions: &'static [u8],
        idioms: &'static str,
    ) -> Result<Model, crate::Error> {
        let table = Table::parse(ngrams)
            .and_then(|t| t.with_bigrams(bigrams))
            .map_err(|e| crate::Error::Config(e.to_string()))?;
        let confusions = candidates::Confusions::parse(confusions)
            .map_err(|e| crate::Error::Config(e.to_string()))?;
        let (idioms_text, idioms) = (idioms, OnceLock::new());
        Ok(Model { table, confusions, idioms_text, idioms, tuning: Tuning::DEFAULT })
    }

    /// The idioms the model leaves alone, read at the first call.
    pub(crate) fn idioms(&self) -> &idioms::Idioms {
        self.idioms.get_or_init(|| idioms::Idioms::parse(self.idioms_text))
    }

    /// Every suspect of `text` in order, except in characters where `skip` says true (terms
    /// known to be right, names, findings already made).
    pub fn suspects(&self, text: &str, skip: impl Fn(Span) -> bool) -> Vec<Suspect> {
        self.suspects_tuned(text, skip, &self.tuning)
    }

    /// The suspects of `text` whose confidence reaches `confidence`: those of
    /// [`Model::suspects`] that reach it, found quicker, as the scan skips every position where
    /// no replacement could (they may differ slightly, as the scan reads on after a weaker
    /// suspect as if it were corrected, and this one never finds those).
    pub fn suspects_from(
        &self,
        text: &str,
        skip: impl Fn(Span) -> bool,
        confidence: f32,
    ) -> Vec<Suspect> {
        let tuning = self.tuning.reporting_from(confidence);
        let mut out = self.suspects_tuned(text, skip, &tuning);
        out.retain(|s| s.confidence >= confidence);
        out
    }

    /// [`Model::suspects`] with other settings (for the evaluation).
    #[doc(hidden)]
    pub fn suspects_tuned(
        &self,
        text: &str,
        skip: impl Fn(Span) -> bool,
        tuning: &Tuning,
    ) -> Vec<Suspect> {
        self.scan_counted(text, skip, tuning).0
    }

    /// For every character: its span, log10 probability after its context, log10 frequency
    /// and the log10 probabilities of the four characters after it (for the tuning).
    #[doc(hidden)]
    pub fn features(&self, text: &str) -> Vec<(Span, [f32; 6])> {
        score::features(self, text)
    }

    /// [`Model::suspects_tuned`] with the count of the work done (for the benchmarks).
    #[doc(hidden)]
    pub fn scan_counted(
        &self,
        text: &str,
        skip: impl Fn(Span) -> bool,
        tuning: &Tuning,
    ) -> (Vec<Suspect>, Stats) {
        let mut out = Vec::new();
        let stats = score::scan(self, tuning, text, &skip, &mut out);
        guards::settle(text, &mut out);
        (out, stats)
    }
}

#[cfg(all(test, not(feature = "model")))]
mod tests_without_data {
    use super::*;

    #[test]
    fn without_its_data_the_model_proposes_nothing() {
        let found = Model::embedded().suspects("持续优化营商环竟，加强锦荣监管", |_| false);
        assert!(found.is_empty(), "{found:?}");
        let no_opinion = Model::embedded().preference("营商环竟", Span::new(9, 12), "境");
        assert_eq!(no_opinion, Some(0.0));
    }
}

#[cfg(all(test, feature = "model"))]
mod tests {
    use super::*;

    #[track_caller]
    fn assert_suspect(text: &str, wrong: &str, right: &str) {
        let found = Model::embedded().suspects(text, |_| false);
        let got: Vec<(&str, &str)> =
            found.iter().map(|s| (&text[s.span], s.suggestion.as_str())).collect();
        assert!(got.contains(&(wrong, right)), "{text}: {got:?}");
    }

    #[track_caller]
    fn assert_clean(text: &str) {
        let found = Model::embedded().suspects(text, |_| false);
        let strong: Vec<_> = found.iter().filter(|s| s.confidence >= 0.5).collect();
        assert!(strong.is_empty(), "{text}: {strong:?}");
    }

    #[test]
    fn finds_input_slips() {
        assert_suspect("持续优化营商环竟，激发市场主体活力。", "竟", "境");
        assert_suspect("加强安全生产监官，压实企业主体责任。", "官", "管");
        assert_suspect("不断提升服务效律和群众满意度。", "律", "率");
    }

    #[test]
    fn finds_words_that_sound_alike() {
        assert_suspect("加强锦荣监管，防范化解风险。", "锦荣", "金融");
    }

    #[test]
    fn clean_official_prose_is_clean() {
        assert_clean("国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见");
        assert_clean("各地区各部门要认真贯彻落实党中央、国务院决策部署。");
    }

    #[test]
    fn skipped_characters_are_not_second_guessed() {
        let text = "持续优化营商环竟";
        let found = Model::embedded().suspects(text, |s| s.start >= 18);
        assert!(found.iter().all(|s| s.span.start < 18), "{found:?}");
    }

    /// A position as the scan sees it before a replacement: a window of five characters whose
    /// log10 probabilities sum to `window`, three before it of mean `before`, the written
    /// character's own `own`.
    fn place(window: f32, before: f32, own: f32) -> Around {
        Around { window, len: 5, before, own }
    }

    /// The floor `floor_at` sets is a bound: no margin below it reaches the confidence,
    /// whatever the kind and the words around it, and with the most favourable ones a margin
    /// just above it does.
    #[test]
    fn the_reporting_floor_loses_nothing() {
        let kinds = [Kind::SameTone, Kind::OtherTone, Kind::Shape, Kind::Word, Kind::Fuzzy];
        let places = [place(-12.0, -2.0, -5.0), place(-20.0, -0.5, -9.0), place(-14.0, -3.5, -3.0)];
        for target in [0.4, 0.45, 0.9, 0.97, 0.99] {
            let t = Tuning::DEFAULT.reporting_from(target);
            for around in &places {
                let floor = t.floor_at(around);
                for kind in kinds {
                    for (written, corrected) in [(false, false), (false, true), (true, false)] {
                        let words = Words { written, corrected };
                        let c = t.confidence(floor - 0.01, kind, words, around);
                        assert!(c < target, "{target} {kind:?} {around:?}: {c}");
                    }
                }
                let best = Words { written: false, corrected: true };
                let c = t.confidence(floor + 0.01, Kind::Shape, best, around);
                assert!(floor <= t.floor || c >= target, "{target} {around:?}: {c}");
            }
        }
    }

    /// Reporting from a confidence skips more of a position whose surroundings make a slip
    /// less likely: the floor is per position.
    #[test]
    fn the_floor_follows_the_position() {
        let t = Tuning::DEFAULT.reporting_from(0.97);
        let plain = t.floor_at(&place(-12.0, -1.0, -5.0));
        let unusual = t.floor_at(&place(-12.0, -4.0, -5.0));
        assert!(unusual > plain + 1.0, "{plain} {unusual}");
        assert_eq!(Tuning::DEFAULT.floor_at(&place(-12.0, -4.0, -5.0)), Tuning::DEFAULT.floor);
    }

    #[test]
    fn words_raise_and_lower_the_confidence() {
        let t = Tuning::DEFAULT;
        let around = place(-12.0, -2.0, -5.0);
        let at = |written, corrected| {
            t.confidence(4.0, Kind::SameTone, Words { written, corrected }, &around)
        };
        assert!(at(false, true) > at(false, false));
        assert!(at(true, false) < at(false, false));
    }

    /// The same gain is less often a slip where the text before is unusual (a name, a list of
    /// rare terms) or where the correction leaves its window unlikely, and more often where
    /// the written character is itself very unlikely.
    #[test]
    fn the_text_around_raises_and_lowers_the_confidence() {
        let t = Tuning::DEFAULT;
        let at = |around: Around| t.confidence(3.0, Kind::SameTone, Words::default(), &around);
        let plain = at(place(-10.0, -1.5, -5.0));
        assert!(at(place(-10.0, -3.5, -5.0)) < plain - 0.1, "unusual text before");
        assert!(at(place(-16.0, -1.5, -5.0)) < plain - 0.1, "an unlikely window");
        assert!(at(place(-10.0, -1.5, -7.5)) > plain + 0.05, "an unlikely character");
    }

    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Model>();
        check::<Suspect>();
        check::<Kind>();
    }

    #[track_caller]
    fn assert_untouched(text: &str, part: &str) {
        let at = text.find(part).unwrap();
        let found = Model::embedded().suspects(text, |_| false);
        let inside = |s: &&Suspect| s.span.start < at + part.len() && at < s.span.end;
        let touched: Vec<&Suspect> = found.iter().filter(inside).collect();
        assert!(touched.is_empty(), "{text}: {touched:?}");
    }

    #[test]
    fn capital_numerals_are_left_alone() {
        assert_untouched("被告人赔偿原告人民币叁万元整。", "叁");
        assert_suspect("被告人赔偿原告人民币叁万元整，持续优化营商环竟。", "竟", "境");
    }

    #[test]
    fn divisions_are_left_alone_without_their_county() {
        assert_untouched("加快卢氏红豆杉产业发展", "卢氏");
        assert_untouched("加快建设靖宇至松江河公路", "靖宇");
        assert_suspect("卢氏县持续优化营商环竟，激发市场主体活力。", "竟", "境");
    }

    #[test]
    fn people_are_left_alone_where_a_person_is_spoken_of() {
        assert_untouched("经研究，决定汤晔同志任宁波市副市长。", "汤晔");
        assert_suspect("经研究，决定汤晔同志任宁波市副市长，加强安全生产监官。", "官", "管");
    }

    /// A form written three times and its correction never is doubted: its confidence drops
    /// (the odds of a slip by far more than ten times), unless the text writes the correction too.
    #[test]
    fn forms_the_text_repeats_are_doubted() {
        let confidence = |text: &str| {
            let at = text.find('竟').unwrap();
            let found = Model::embedded().suspects(text, |_| false);
            found.iter().find(|s| s.span.start == at).map_or(0.0, |s| s.confidence)
        };
        let thrice = "持续优化营商环竟，营商环竟更好，营商环竟最优。";
        let corrected_elsewhere = format!("{thrice}营商环境");
        let (repeated, slip) = (confidence(thrice), confidence(&corrected_elsewhere));
        assert!(slip > 0.9 && (1.0 - repeated) > 10.0 * (1.0 - slip), "{repeated} {slip}");
    }

    /// Where the written form is a word too (接合部, 结合部) the n-grams' preference for one is
    /// no evidence of a slip: never more than information at the default.
    #[test]
    fn real_word_alternatives_are_not_warnings() {
        let text = "散居楼栋、城乡接合部、农村院落分类";
        let at = text.find('接').unwrap();
        let found = Model::embedded().suspects(text, |_| false);
        let confidence = found.iter().find(|s| s.span.start == at).map_or(0.0, |s| s.confidence);
        assert!(confidence <= guards::ALTERNATIVE, "{confidence}");
        assert_suspect("散居楼栋、城乡接合部、农村院落分类，持续优化营商环竟。", "竟", "境");
    }

    /// A rare but right word the lexicon lacks (亟须), or a word the correction would break
    /// (螺丝), is at most information; a homophone word far likelier than the pair written
    /// (神迹 for 审计) is still a warning.
    #[test]
    fn weak_words_and_broken_words_are_not_warnings() {
        let at = |text: &str, part: &str| {
            let at = text.find(part).unwrap();
            let found = Model::embedded().suspects(text, |_| false);
            found.iter().find(|s| s.span.start == at).map_or(0.0, |s| s.confidence)
        };
        let confidence = at("坚持保障和改善民生，亟须加快恢复发展经济。", "亟须");
        assert!(confidence <= guards::ALTERNATIVE, "{confidence}");
        let confidence = at("压实管党治党的责任螺丝，让监督问责时刻在线。", "丝");
        assert!(confidence <= guards::ALTERNATIVE, "{confidence}");
        let confidence = at("明确领导干部经济责任神迹职责和国有重点大型企业", "神迹");
        assert!(confidence >= 0.99, "{confidence}");
    }

    /// A short quotation is a coined term or a slogan, quoted as it is meant.
    #[test]
    fn quoted_terms_are_not_warnings() {
        let text = "构建以“五微一体”为体系的思想理论学习机制";
        let at = text.find('微').unwrap();
        let found = Model::embedded().suspects(text, |_| false);
        let confidence = found.iter().find(|s| s.span.start == at).map_or(0.0, |s| s.confidence);
        assert!(confidence <= guards::ALTERNATIVE, "{confidence}");
    }

    #[test]
    fn latin_and_numbers_are_left_alone() {
        assert!(Model::embedded().suspects("https://www.gov.cn 2024 ABC", |_| false).is_empty());
    }
}
