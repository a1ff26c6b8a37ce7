//! Reporting findings in the chosen format, with the counts that make the exit code.

use crate::args::{CheckArgs, ColorChoice, Format};
use crate::process::Processed;
use crate::progress::Progress;
use crate::{explain, gate, input, jsonl, located, output, stream};
use sanshen::Record;
use std::io::Write;

/// Writes findings in the chosen format and keeps the counts.
pub(crate) struct Reporter<W: Write> {
    pub(crate) out: W,
    pub(crate) format: Format,
    pub(crate) color: bool,
    pub(crate) fail_on: sanshen::Severity,
    pub(crate) counts: [usize; 3],
    pub(crate) failed: bool,
    /// For the formats written as one document at the end.
    pub(crate) held: Vec<serde_json::Value>,
    /// For `--stats`.
    pub(crate) stats: Option<output::Stats>,
    /// Baselines and the review record: fingerprints, what is left out and why.
    pub(crate) gate: gate::Gate,
    /// `--explain`: each finding's rule and source under it.
    pub(crate) explain: bool,
    /// How old the roster is for the day checked, for the JSON and SARIF summaries.
    pub(crate) roster: serde_json::Value,
    /// Counts findings without writing them: standard output holds corrected text
    /// (`--write -`).
    pub(crate) silent: bool,
}

impl<W: Write> Reporter<W> {
    /// A reporter writing to `out` as the arguments ask, with the baselines and review record
    /// of `gate`; `silent` counts findings without writing them.
    pub(crate) fn new(out: W, args: &CheckArgs, gate: gate::Gate, silent: bool) -> Reporter<W> {
        Reporter {
            out,
            format: args.format,
            color: color(args.color),
            fail_on: sanshen::Severity::Warning,
            counts: [0; 3],
            failed: false,
            held: Vec::new(),
            stats: args.stats.then(output::Stats::default),
            gate,
            explain: args.explain,
            roster: serde_json::Value::Null,
            silent,
        }
    }

    /// What placing a finding must keep of the text around it for this output.
    pub(crate) fn wants(&self) -> located::Wants {
        located::Wants { source: self.format == Format::Human, context: self.gate.active() }
    }

    /// Reports a finding unless a baseline or the review record leaves it out; `context` (the
    /// text around it, for the fingerprint) is asked for only when there is one of them.
    pub(crate) fn report_in(
        &mut self,
        mut record: Record<'_>,
        source: Option<(&str, usize)>,
        context: impl FnOnce() -> gate::Around,
    ) -> std::io::Result<()> {
        let pass = match self.gate.active() {
            true => self.gate.pass(&mut record, &context()),
            false => gate::Pass::Report,
        };
        if self.explain {
            record.explanation = sanshen::Explanation::of(record.rule);
        }
        match pass {
            gate::Pass::Hide => Ok(()),
            gate::Pass::Decided => self.report(record, source, false),
            gate::Pass::Report => self.report(record, source, true),
        }
    }

    /// Writes a finding; one that `counts` is counted and may fail the run (one decided in the
    /// review record is shown only).
    fn report(
        &mut self,
        record: Record<'_>,
        source: Option<(&str, usize)>,
        counts: bool,
    ) -> std::io::Result<()> {
        let severity: sanshen::Severity =
            record.severity.parse().unwrap_or(sanshen::Severity::Error);
        if counts {
            self.counts[output::severity_index(severity)] += 1;
            self.failed |= severity >= self.fail_on;
        }
        if let Some(stats) = &mut self.stats {
            stats.add(&record);
        }
        if self.silent {
            return Ok(());
        }
        match self.format {
            Format::Jsonl => output::jsonl(&mut self.out, &record),
            Format::Human => {
                output::human(&mut self.out, &record, source, self.color)?;
                explain::human(&mut self.out, &record, self.explain)
            }
            Format::Github => output::github(&mut self.out, &record),
            Format::Json => {
                self.held.push(serde_json::to_value(&record)?);
                Ok(())
            }
            Format::Sarif => {
                self.held.push(output::sarif_result(&record));
                Ok(())
            }
        }
    }

    /// Writes what the format keeps for the end: the human summary, the JSON or SARIF document;
    /// and the inputs that could not be checked, in every format but JSON Lines (whose lines
    /// are all findings; there they are on standard error only, like everywhere).
    /// For formats with no summary of their own, what was left out goes to standard error.
    fn note_left_out(&self) {
        let left_out = self.gate.left_out.human();
        if !left_out.is_empty() {
            eprintln!("sanshen: {}", left_out.trim_start_matches('；'));
        }
    }

    pub(crate) fn finish(&mut self, files: usize, errors: &[String]) -> std::io::Result<()> {
        let held = std::mem::take(&mut self.held);
        match self.format {
            Format::Human => {
                output::summary(&mut self.out, &self.counts, files, errors.len())?;
                let left_out = self.gate.left_out.human();
                if !left_out.is_empty() {
                    writeln!(self.out, "{}", left_out.trim_start_matches('；'))?;
                }
                Ok(())
            }
            Format::Json => {
                let mut document = output::json_document(held, files, self.roster.clone(), errors);
                document["summary"]["left_out"] = self.gate.left_out.json();
                serde_json::to_writer_pretty(&mut self.out, &document)?;
                writeln!(self.out)
            }
            Format::Sarif => {
                serde_json::to_writer_pretty(
                    &mut self.out,
                    &output::sarif_log(held, self.roster.clone(), errors),
                )?;
                writeln!(self.out)
            }
            Format::Github => {
                errors.iter().try_for_each(|e| output::github_error(&mut self.out, e))?;
                self.note_left_out();
                Ok(())
            }
            Format::Jsonl => {
                self.note_left_out();
                Ok(())
            }
        }
    }
}

/// Reports what [`process`] gave for one file.
pub(crate) fn report_processed<W: Write>(
    reporter: &mut Reporter<W>,
    input: &input::Input,
    p: Processed,
    errors: &mut Vec<String>,
) -> std::io::Result<()> {
    for e in &p.errors {
        eprintln!("sanshen: {e}");
    }
    for n in &p.notes {
        eprintln!("sanshen: {n}");
    }
    errors.extend(p.errors);
    if let Some(corrected) = p.corrected {
        corrected.copy_to(&mut reporter.out)?;
    }
    if let Some(diff) = p.diff {
        // Only the diff is printed; the exit code says whether there is anything to fix.
        diff.copy_to(&mut reporter.out)?;
        reporter.failed = true;
    }
    let (mut located, mut bom) = (p.located, p.bom);
    if let Some(loaded) = p.loaded {
        let piece = stream::Piece::whole(&loaded.text, &loaded.codec);
        located::locate(&piece, p.findings, reporter.wants(), &mut located);
        bom = loaded.offset;
    }
    for (i, l) in located.iter_mut().enumerate() {
        let mut record = Record::new(&input.name, bom, &l.finding, l.utf16);
        (record.start, record.end) = (l.start, l.end);
        if let Some(place) = p.places.get(i) {
            place.fill(&mut record);
        }
        let source = l.source.as_ref().map(|(line, at)| (line.as_str(), *at));
        let context = l.context.take();
        reporter.report_in(record, source, || context.unwrap_or_else(gate::Around::none))?;
    }
    Ok(())
}

/// Checks a JSON Lines input as a stream of posts, reporting each post's findings in order.
pub(crate) fn check_jsonl<W: Write>(
    linters: &jsonl::Linters<'_>,
    args: &CheckArgs,
    day: sanshen::Date,
    input: &input::Input,
    reporter: &mut Reporter<W>,
    errors: &mut Vec<String>,
    progress: &mut Progress,
) -> std::io::Result<()> {
    let reader: Box<dyn std::io::BufRead> = match &input.path {
        Some(p) => match input::open(p) {
            Ok((_, f)) => Box::new(std::io::BufReader::with_capacity(1 << 16, f)),
            Err(e) => {
                let msg = format!("{}: cannot read: {e}", input.name);
                eprintln!("sanshen: {msg}");
                errors.push(msg);
                return Ok(());
            }
        },
        None => Box::new(std::io::stdin().lock()),
    };
    jsonl::check_stream(&input.name, reader, linters, args, day, errors, |post| {
        progress.tick(0, 1);
        for ((f, &at), context) in post.findings.iter().zip(&post.utf16).zip(&post.context) {
            let mut record = Record::new(&input.name, 0, f, at);
            record.record = Some(post.line);
            record.id = post.id.as_deref();
            record.unit = post.unit.as_deref();
            reporter.report_in(record, None, || context.clone())?;
        }
        Ok(())
    })
}

/// Whether human output is coloured: as asked, or when standard output is a terminal and
/// `NO_COLOR` is not set.
fn color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::IsTerminal::is_terminal(&std::io::stdout())
                && std::env::var_os("NO_COLOR").is_none()
        }
    }
}
