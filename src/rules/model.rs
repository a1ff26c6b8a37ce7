//! `typo/model`: the statistical model's suspects as findings. They come second: a character
//! that a dictionary finding, a protected term, an allowed phrase or a roster name covers is
//! not second-guessed.

use super::Context;
use crate::finding::{Family, Finding, Severity};
use crate::model::{Model, Suspect};
use crate::review::{Candidates, Detector};
use crate::span::Span;

/// Rule id of the model's findings; its selector is `model` as well as the id.
pub(crate) const RULE: &str = crate::registry::TYPO_MODEL.id;

/// The model as a source of candidates beside the automaton. It reads what the automaton found
/// first: characters inside an allowed phrase, a protected term, a dictionary hit or a roster
/// name are not second-guessed.
#[derive(Debug)]
pub(crate) struct ModelDetector(pub(crate) ModelSettings);

impl Detector for ModelDetector {
    fn detect(&self, cx: &Context<'_>, out: &mut Candidates) {
        let mut taken: Vec<Span> = out.allow.clone();
        taken.extend(out.protected.iter().map(|(s, _)| *s));
        taken.extend(out.entries.iter().map(|(_, s)| *s));
        taken.extend(out.mentions.names.iter().map(|(_, s)| *s));
        taken.sort_unstable();
        let mut end = 0;
        let reach = taken.iter().map(|t| {
            end = end.max(t.end);
            end
        });
        let reach: Vec<usize> = reach.collect();
        // Covered when some span starting at or before it reaches past its end.
        let skip = |s: Span| {
            let n = taken.partition_point(|t| t.start <= s.start);
            n > 0 && reach[n - 1] >= s.end
        };
        out.proposed.extend(findings(cx.text, self.0, skip));
    }
}

/// When the model runs and how its findings are graded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ModelSettings {
    /// Confidence from which a finding is a warning; below it, down to `report_at`, info.
    pub(crate) warning_at: f32,
    /// Confidence below which nothing is reported.
    pub(crate) report_at: f32,
}

impl ModelSettings {
    /// The default operating point, chosen so that warnings stay under 0.3 per MB of clean
    /// official prose and all findings under 3 per MB (docs/EVALUATION.md).
    pub(crate) const DEFAULT: ModelSettings = ModelSettings { warning_at: 0.99, report_at: 0.97 };
}

/// The model's findings in `text`, outside the spans `skip` covers.
pub(crate) fn findings(
    text: &str,
    settings: ModelSettings,
    skip: impl Fn(Span) -> bool,
) -> impl Iterator<Item = Finding> + '_ {
    let floor = settings.report_at.min(settings.warning_at);
    let suspects = Model::embedded().suspects_from(text, skip, floor);
    suspects.into_iter().map(move |s| judge(&s, text, settings))
}

/// A finding for one suspect: a warning with the correction as its one suggestion when the
/// model is confident, else information with no suggestion.
fn judge(s: &Suspect, text: &str, settings: ModelSettings) -> Finding {
    let found = &text[s.span];
    let confident = s.confidence >= settings.warning_at;
    let message = match confident {
        true => format!(
            "“{found}”疑为“{}”之误（统计模型提示，置信度{:.2}）",
            s.suggestion, s.confidence
        ),
        false => format!(
            "“{found}”可能有误，或为“{}”（统计模型提示，置信度{:.2}，仅供参考）",
            s.suggestion, s.confidence
        ),
    };
    Finding {
        family: Family::Typo,
        rule: RULE.to_owned(),
        category: None,
        severity: if confident { Severity::Warning } else { Severity::Info },
        span: s.span,
        line: 0,
        column: 0,
        text: found.to_owned(),
        message,
        suggestions: if confident { vec![s.suggestion.clone()] } else { Vec::new() },
        evasion: None,
        source: Some(crate::source::Source::model()),
    }
}

#[cfg(all(test, feature = "model"))]
mod tests {
    use super::*;

    fn settings(warning_at: f32) -> ModelSettings {
        ModelSettings { warning_at, report_at: 0.0 }
    }

    #[test]
    fn confident_findings_are_fixable_warnings() {
        let text = "持续优化营商环竟，激发市场主体活力。";
        let found: Vec<Finding> = findings(text, settings(0.0), |_| false).collect();
        let f = found.iter().find(|f| f.text == "竟").expect("a finding at 竟");
        assert_eq!(
            (f.severity, f.suggestions.as_slice()),
            (Severity::Warning, &["境".to_owned()][..])
        );
        assert!(f.message.contains("统计模型"), "{}", f.message);
    }

    #[test]
    fn unsure_findings_are_information_without_a_fix() {
        let text = "持续优化营商环竟，激发市场主体活力。";
        let found: Vec<Finding> = findings(text, settings(1.1), |_| false).collect();
        let f = found.iter().find(|f| f.text == "竟").expect("a finding at 竟");
        assert_eq!(f.severity, Severity::Info);
        assert!(f.suggestions.is_empty());
    }
}
