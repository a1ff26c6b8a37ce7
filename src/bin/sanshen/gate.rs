//! What stands between a finding and the output: the baselines (`--baseline`, repeatable) and
//! the review record (`--review`). Gives each finding its fingerprint, leaves out what was
//! accepted, dismissed or fixed, and counts what it left out and why.

use crate::baseline::{self, Baselines};
use crate::ledger::{self, Item, Ledger};
use sanshen::{Decision, Fingerprinter, Record, Stage, Verdict};
use std::path::PathBuf;

/// The context of a finding for both kinds of fingerprint.
#[derive(Clone, Debug, Default)]
pub(crate) struct Around {
    pub(crate) now: (String, String),
    pub(crate) legacy: (String, String),
}

impl Around {
    pub(crate) fn of(text: &str, span: sanshen::Span) -> Around {
        Around { now: sanshen::context(text, span), legacy: baseline::legacy_context(text, span) }
    }

    /// No text around (for a finding placed when no fingerprint was wanted).
    pub(crate) fn none() -> Around {
        Around { now: Default::default(), legacy: Default::default() }
    }
}

/// Why findings were left out, counted.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LeftOut {
    pub(crate) baseline: usize,
    pub(crate) accepted: usize,
    pub(crate) dismissed: usize,
}

impl LeftOut {
    pub(crate) fn total(&self) -> usize {
        self.baseline + self.accepted + self.dismissed
    }

    /// `；另有 N 条未显示（基线 a，已接受 b，误报 c）`, or nothing.
    pub(crate) fn human(&self) -> String {
        if self.total() == 0 {
            return String::new();
        }
        let mut why = Vec::new();
        for (n, what) in [
            (self.baseline, "基线已接受"),
            (self.accepted, "审核已接受"),
            (self.dismissed, "已判为误报"),
        ] {
            if n > 0 {
                why.push(format!("{what} {n} 条"));
            }
        }
        format!("；另有 {} 条未显示（{}）", self.total(), why.join("，"))
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "total": self.total(),
            "baseline": self.baseline,
            "accepted": self.accepted,
            "dismissed": self.dismissed,
        })
    }
}

/// Who reviews, at which stage, and where the record of each text is.
#[derive(Clone, Debug, Default)]
pub(crate) struct ReviewSettings {
    /// `--review FILE`; `None` with `on`: beside each text.
    pub(crate) file: Option<PathBuf>,
    pub(crate) on: bool,
    pub(crate) stage: Option<Stage>,
    pub(crate) reviewer: Option<String>,
    /// `--show-decided`: report decided findings too, with their state.
    pub(crate) show_decided: bool,
}

/// The record of the text being reported.
struct Open {
    path: PathBuf,
    ledger: Ledger,
    /// Which items this check found.
    seen: Vec<bool>,
    changed: bool,
}

/// The filter, for the whole run.
#[derive(Default)]
pub(crate) struct Gate {
    /// Shared with the threads that fix files, which leave accepted findings as they are.
    pub(crate) baselines: std::sync::Arc<Baselines>,
    /// Fingerprints collected for `--write-baseline`.
    pub(crate) collected: Option<Vec<String>>,
    pub(crate) review: ReviewSettings,
    pub(crate) left_out: LeftOut,
    fingerprints: Fingerprinter,
    legacy: baseline::Legacy,
    record: Option<Open>,
}

/// What to do with a finding.
pub(crate) enum Pass {
    /// Report it (its record now carries the fingerprint and state).
    Report,
    /// Report it, as decided: it does not count towards the exit code.
    Decided,
    /// Leave it out.
    Hide,
}

impl Gate {
    /// The gate the command line asks for: `--baseline`, `--write-baseline`, `--review`,
    /// `--stage`, `--reviewer` (else `reviewer`, the configuration's), `--show-decided`.
    pub(crate) fn of(
        args: &crate::args::CheckArgs,
        reviewer: Option<String>,
        inputs: usize,
    ) -> Result<Gate, String> {
        let on = args.review.is_some() || args.stage.is_some();
        if args.review.is_some() && inputs > 1 {
            return Err("--review FILE keeps the record of one text; for several, leave it out \
                        and give --stage: each text gets its record beside it"
                .to_owned());
        }
        let review = ReviewSettings {
            file: args.review.clone(),
            on,
            stage: args.stage,
            reviewer: args.reviewer.clone().or(reviewer),
            // SARIF shows decided findings as suppressed results.
            show_decided: args.show_decided || args.format == crate::args::Format::Sarif,
        };
        Ok(Gate {
            baselines: std::sync::Arc::new(Baselines::load(&args.baseline)?),
            collected: args.write_baseline.as_ref().map(|_| Vec::new()),
            review,
            ..Gate::default()
        })
    }

    /// Whether findings need fingerprints at all.
    pub(crate) fn active(&self) -> bool {
        !self.baselines.is_empty() || self.collected.is_some() || self.review.on
    }

    /// Starts a new input: numbering starts again, and its review record is read.
    pub(crate) fn start(&mut self, input: Option<&std::path::Path>) -> Result<(), String> {
        self.fingerprints = Fingerprinter::default();
        self.legacy = baseline::Legacy::default();
        if !self.review.on {
            return Ok(());
        }
        let path = match (&self.review.file, input) {
            (Some(f), _) => f.clone(),
            (None, Some(p)) => ledger::beside(p),
            (None, None) => {
                return Err("standard input has no file to keep a review record beside: \
                            give one with --review FILE"
                    .to_owned())
            }
        };
        let ledger = Ledger::load(&path)?;
        let seen = vec![false; ledger.findings.len()];
        self.record = Some(Open { path, ledger, seen, changed: false });
        Ok(())
    }

    /// Decides about one finding of the current input.
    pub(crate) fn pass(&mut self, record: &mut Record<'_>, around: &Around) -> Pass {
        if !self.active() {
            return Pass::Report;
        }
        let fingerprint = self.fingerprints.of_parts(
            record.rule,
            record.text,
            (&around.now.0, &around.now.1),
            record.id,
        );
        let legacy = &mut self.legacy;
        let old = || legacy.of(record, (&around.legacy.0, &around.legacy.1));
        if self.baselines.holds(&fingerprint, old) {
            self.left_out.baseline += 1;
            return Pass::Hide;
        }
        if let Some(c) = &mut self.collected {
            c.push(fingerprint.clone());
        }
        record.fingerprint = Some(fingerprint.clone());
        let Some(open) = &mut self.record else { return Pass::Report };
        let verdict = open.meet(&fingerprint, record, around, &self.review);
        let decision = verdict.decision;
        record.review = Some(verdict);
        match decision {
            Decision::Open | Decision::Fixed => Pass::Report,
            _ if self.review.show_decided => Pass::Decided,
            Decision::Accepted => {
                self.left_out.accepted += 1;
                Pass::Hide
            }
            _ => {
                self.left_out.dismissed += 1;
                Pass::Hide
            }
        }
    }

    /// Ends the current input: open findings this check no longer found are fixed; the record
    /// is written if anything changed.
    pub(crate) fn finish(&mut self, checked: Option<&str>) -> Result<(), String> {
        let Some(mut open) = self.record.take() else { return Ok(()) };
        for (item, seen) in open.ledger.findings.iter_mut().zip(&open.seen) {
            if !seen && item.decision == Decision::Open {
                item.decide(self.review.verdict(Decision::Fixed, None));
                open.changed = true;
            }
        }
        // Standard input keeps the name the record had.
        if let Some(name) = checked.filter(|n| open.ledger.text.as_deref() != Some(n)) {
            open.ledger.text = Some(name.to_owned());
            open.changed = true;
        }
        if open.changed {
            open.ledger.save(&open.path)?;
        }
        Ok(())
    }
}

/// With a review record, the fingerprints it holds as accepted or dismissed, which `--write`
/// and `--diff` leave as they are; `None` without one. A record that cannot be read counts as
/// empty here: reporting says what is wrong with it.
pub(crate) fn decided(
    args: &crate::args::CheckArgs,
    input: Option<&std::path::Path>,
) -> Option<std::collections::HashSet<String>> {
    if args.review.is_none() && args.stage.is_none() {
        return None;
    }
    let path = args.review.clone().or_else(|| input.map(ledger::beside))?;
    let ledger = Ledger::load(&path).ok()?;
    let decided = ledger
        .findings
        .into_iter()
        .filter(|i| matches!(i.decision, Decision::Accepted | Decision::Dismissed));
    Some(decided.map(|i| i.fingerprint).collect())
}

impl ReviewSettings {
    /// A verdict of this stage and reviewer, now.
    pub(crate) fn verdict(&self, decision: Decision, reason: Option<String>) -> Verdict {
        Verdict::new(decision, reason, self.stage, self.reviewer.clone(), Some(ledger::now()))
    }
}

impl Open {
    /// The state of a finding met in the text: its item's, or a new open item.
    fn meet(
        &mut self,
        fingerprint: &str,
        r: &Record<'_>,
        around: &Around,
        settings: &ReviewSettings,
    ) -> Verdict {
        let source = r.source.and_then(sanshen::Source::location);
        match self.ledger.find(fingerprint) {
            Some(i) => {
                self.seen[i] = true;
                let item = &mut self.ledger.findings[i];
                if (item.line, item.column) != (r.line, r.column) || item.source != source {
                    (item.line, item.column, item.source) = (r.line, r.column, source);
                    self.changed = true;
                }
                // Fixed once, back again: open it for the next reviewer.
                if item.decision == Decision::Fixed {
                    item.decide(settings.verdict(Decision::Open, Some("再次出现".to_owned())));
                    self.changed = true;
                }
                item.verdict()
            }
            None => {
                let v = settings.verdict(Decision::Open, None);
                self.ledger.findings.push(Item {
                    fingerprint: fingerprint.to_owned(),
                    rule: r.rule.to_owned(),
                    text: r.text.to_owned(),
                    before: around.now.0.clone(),
                    after: around.now.1.clone(),
                    line: r.line,
                    column: r.column,
                    message: r.message.to_owned(),
                    source,
                    id: r.id.map(str::to_owned),
                    decision: Decision::Open,
                    reason: None,
                    stage: v.stage,
                    reviewer: v.reviewer.clone(),
                    time: v.time.clone(),
                    history: Vec::new(),
                });
                self.seen.push(true);
                self.changed = true;
                v
            }
        }
    }
}
