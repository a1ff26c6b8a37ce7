//! `sanshen`: the command-line face of the library, for pre-publish hooks and whole archives.
//!
//! Exit codes: 0 nothing at or above `--fail-on` was found; 1 something was; 2 usage or input
//! errors (bad arguments, unreadable or non-UTF-8 inputs, malformed dictionaries).

#![forbid(unsafe_code)]

mod args;
mod audit;
mod baseline;
mod cache;
mod config;
mod decode;
mod explain;
mod freshness;
mod gate;
mod input;
mod jsonl;
mod ledger;
mod lines;
mod located;
mod office;
mod output;
mod place;
mod progress;
mod review_cmd;
mod roster;
mod rules;
#[cfg(feature = "serve")]
mod serve;
mod stream;
mod write;

use args::{CheckArgs, Cli, ColorChoice, Command, Format, InputKind};
use clap::Parser;
use progress::Progress;
use rayon::prelude::*;

/// How many files are read and checked in parallel before their findings are reported.
const FILES_AT_ONCE: usize = 64;
use sanshen::{Linter, LinterBuilder, Markup, Record};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Init => init(),
        Command::Review(args) => review_cmd::run(&args),
        Command::Roster(args) => roster::run(&args),
        Command::Audit(args) => audit::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
    }
}

/// `sanshen init`: writes the starter configuration, never over an existing file.
fn init() -> ExitCode {
    let path = std::path::Path::new(config::FILE_NAME);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(config::STARTER.as_bytes()));
    match written {
        Ok(()) => {
            eprintln!("sanshen: wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sanshen: {}: {e}", path.display());
            ExitCode::from(2)
        }
    }
}

/// The inputs, each with the index of its [`Setup`].
type Inputs = Vec<(usize, input::Input)>;

/// What the inputs under one configuration are checked with.
struct Setup {
    linter: Linter,
    /// The linter for replies (`--type-field`), where it differs.
    replies: Option<Linter>,
    fail_on: sanshen::Severity,
    /// `reviewer` in the configuration.
    reviewer: Option<String>,
}

impl Setup {
    fn linters(&self) -> jsonl::Linters<'_> {
        jsonl::Linters { posts: &self.linter, replies: self.replies.as_ref() }
    }
}

/// The configurations and the inputs under each: `--config` (or none with `--no-config`) for
/// all, else the nearest sanshen.toml above each path (the working directory for standard
/// input). `--verbose` says which was used.
fn setups(args: &CheckArgs) -> Result<(Vec<Setup>, Inputs, Vec<String>), String> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let groups: Vec<(Option<std::path::PathBuf>, Vec<std::path::PathBuf>)> = if args.no_config {
        vec![(None, args.paths.clone())]
    } else if let Some(c) = &args.config {
        vec![(Some(c.clone()), args.paths.clone())]
    } else {
        config::group_by_nearest(&args.paths, &cwd)
    };
    let (mut setups, mut inputs, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    for (path, paths) in groups {
        let loaded = match &path {
            Some(p) => config::load(p).map_err(|e| e.to_string())?,
            None => config::Loaded::default(),
        };
        if args.verbose {
            let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            let shown = if shown.is_empty() { "-".to_owned() } else { shown.join(", ") };
            match &path {
                Some(p) => eprintln!("sanshen: {shown}: configuration {}", p.display()),
                None => eprintln!("sanshen: {shown}: no configuration"),
            }
        }
        let linter = build(args, &loaded).map_err(|e| e.to_string())?;
        let replies = build_for_replies(args, &loaded).map_err(|e| e.to_string())?;
        let root = if loaded.path.is_some() { loaded.root.clone() } else { cwd.clone() };
        let walk = input::Walk { globs: &args.glob, ignore: &loaded.config.ignore, root: &root };
        let (found, walk_errors) = input::expand(&paths, &walk);
        let fail_on = args.fail_on.or(loaded.config.fail_on).unwrap_or(sanshen::Severity::Warning);
        inputs.extend(found.into_iter().map(|i| (setups.len(), i)));
        errors.extend(walk_errors);
        let reviewer = loaded.config.reviewer.clone();
        setups.push(Setup { linter, replies, fail_on, reviewer });
    }
    Ok((setups, inputs, errors))
}

/// The linter: the configuration first, then the command line on top.
fn build(args: &CheckArgs, loaded: &config::Loaded) -> Result<Linter, sanshen::Error> {
    builder(args, loaded)?.build()
}

/// The linter for replies (`--type-field`): abusive language is an error there, unless the
/// configuration sets the category's severity itself.
fn build_for_replies(
    args: &CheckArgs,
    loaded: &config::Loaded,
) -> Result<Option<Linter>, sanshen::Error> {
    if args.type_field.is_none() {
        return Ok(None);
    }
    let mut b = builder(args, loaded)?;
    if !loaded.config.severity.contains_key(sanshen::ABUSE_CATEGORY) {
        b.override_severity(sanshen::ABUSE_CATEGORY, sanshen::Severity::Error);
    }
    b.build().map(Some)
}

/// The builder of [`build`], before building.
fn builder(args: &CheckArgs, loaded: &config::Loaded) -> Result<LinterBuilder, sanshen::Error> {
    let mut b = LinterBuilder::new();
    loaded.config.apply(&mut b, &loaded.root)?;
    if args.no_builtin {
        b.builtin(false);
    }
    // Names the configuration file when it names a rule, family or category that does not exist.
    b.check_settings().map_err(|e| match &loaded.path {
        Some(path) => sanshen::Error::Config(format!("{}: {e}", path.display())),
        None => e,
    })?;
    for path in &args.dicts {
        b.add_dictionary_file(path)?;
    }
    for phrase in &args.allow {
        b.allow(phrase);
    }
    for selector in &args.disable {
        b.disable_rule(selector);
    }
    for rule in &args.disable_rule {
        b.disable_rule(rule);
    }
    for category in &args.disable_category {
        b.disable_category(category);
    }
    if let Some(s) = args.min_severity {
        b.min_severity(s);
    }
    if args.model {
        b.model(true);
    }
    if let Some(t) = args.model_threshold {
        b.model_threshold(t);
    }
    // The library reads no clock: "today" is the CLI's, in Beijing time.
    if let Some(path) = &args.roster {
        b.add_dictionary_file(path)?;
        freshness::validate_file(path);
        b.shipped_roster(false);
    }
    b.as_of(args.as_of.unwrap_or_else(sanshen::Date::today));
    if let Some(store) = cache::FileStore::platform() {
        b.automaton_store(std::sync::Arc::new(store));
    }
    Ok(b)
}

/// Writes findings in the chosen format and keeps the counts.
struct Reporter<W: Write> {
    out: W,
    format: Format,
    color: bool,
    fail_on: sanshen::Severity,
    counts: [usize; 3],
    failed: bool,
    /// For the formats written as one document at the end.
    held: Vec<serde_json::Value>,
    /// For `--stats`.
    stats: Option<output::Stats>,
    /// Baselines and the review record: fingerprints, what is left out and why.
    gate: gate::Gate,
    /// `--explain`: each finding's rule and source under it.
    explain: bool,
    /// How old the roster is for the day checked, for the JSON and SARIF summaries.
    roster: serde_json::Value,
    /// Counts findings without writing them: standard output holds corrected text
    /// (`--write -`).
    silent: bool,
}

impl<W: Write> Reporter<W> {
    /// What placing a finding must keep of the text around it for this output.
    fn wants(&self) -> located::Wants {
        located::Wants { source: self.format == Format::Human, context: self.gate.active() }
    }

    /// Reports a finding unless a baseline or the review record leaves it out; `context` (the
    /// text around it, for the fingerprint) is asked for only when there is one of them.
    fn report_in(
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

    fn finish(&mut self, files: usize, errors: &[String]) -> std::io::Result<()> {
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

fn check(args: &CheckArgs) -> ExitCode {
    if args.list_rules {
        return rules::list(args.format);
    }
    let (setups, inputs, mut errors) = match setups(args) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sanshen: {e}");
            return ExitCode::from(2);
        }
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    errors.iter().for_each(|e| eprintln!("sanshen: {e}"));
    let stdout = std::io::stdout();
    let mut reporter = Reporter {
        out: std::io::BufWriter::new(stdout.lock()),
        format: args.format,
        color,
        fail_on: sanshen::Severity::Warning,
        counts: [0; 3],
        failed: false,
        held: Vec::new(),
        stats: args.stats.then(output::Stats::default),
        gate: gate::Gate::default(),
        explain: args.explain,
        roster: serde_json::Value::Null,
        silent: args.write && inputs.iter().any(|(_, i)| i.path.is_none()),
    };
    let reviewer = setups.iter().find_map(|s| s.reviewer.clone());
    match gate::Gate::of(args, reviewer, inputs.len()) {
        Ok(g) => reporter.gate = g,
        Err(e) => {
            eprintln!("sanshen: {e}");
            return ExitCode::from(2);
        }
    }
    let day = args.as_of.unwrap_or_else(sanshen::Date::today);
    // Every configuration builds on the same shipped roster: the first one speaks for it.
    freshness::warn_once(&setups[0].linter, day);
    reporter.roster = freshness::summary(&setups[0].linter, day);
    // Files are checked in parallel a chunk at a time and reported in order; JSON Lines files
    // are read as streams and checked in parallel batches of records.
    let kind_of = |input: &input::Input| match args.jsonl {
        true => InputKind::Jsonl,
        false => input.kind(args.input),
    };
    let mut progress = Progress::new();
    let wants = reporter.wants();
    for chunk in inputs.chunks(FILES_AT_ONCE) {
        let processed: Vec<Option<Processed>> = chunk
            .par_iter()
            .map(|(g, input)| match kind_of(input) {
                InputKind::Jsonl => None,
                kind => {
                    let linter = &setups[*g].linter;
                    let accepted = Some(&reporter.gate.baselines);
                    Some(process(linter, args, kind, input, accepted, wants))
                }
            })
            .collect();
        for ((g, input), p) in chunk.iter().zip(processed) {
            reporter.fail_on = setups[*g].fail_on;
            if let Err(e) = reporter.gate.start(input.path.as_deref()) {
                eprintln!("sanshen: {e}");
                errors.push(e);
                continue;
            }
            let written = match p {
                Some(p) => report_processed(&mut reporter, input, p, &mut errors),
                None => {
                    let linters = setups[*g].linters();
                    check_jsonl(
                        &linters,
                        args,
                        day,
                        input,
                        &mut reporter,
                        &mut errors,
                        &mut progress,
                    )
                }
            };
            progress.tick(1, 0);
            if let Err(e) = reporter.gate.finish(input.path.as_ref().map(|_| input.name.as_str())) {
                eprintln!("sanshen: {e}");
                errors.push(e);
            }
            if written.is_err() {
                // Standard output is gone (a closed pipe): nothing more can be reported.
                return ExitCode::from(2);
            }
        }
    }
    progress.done();
    if let (Some(path), Some(collected)) = (&args.write_baseline, reporter.gate.collected.take()) {
        if let Err(e) = baseline::write(path, collected) {
            eprintln!("sanshen: {e}");
            errors.push(e);
        }
    }
    if let Some(stats) = &reporter.stats {
        let _ = stats.write(&mut std::io::stderr().lock());
    }
    if !args.diff && !reporter.silent && reporter.finish(inputs.len(), &errors).is_err() {
        return ExitCode::from(2);
    }
    let _ = reporter.out.flush();
    // The process ends here: freeing the linters' tables one by one would cost a cold check of
    // a post a twentieth of its time, and the system takes the memory back anyway.
    std::mem::forget(setups);
    if !errors.is_empty() {
        ExitCode::from(2)
    } else if reporter.failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The findings of a text read as `kind`, with spans into the text.
fn findings_of(linter: &Linter, kind: InputKind, text: &str) -> Vec<sanshen::Finding> {
    linter.check_markup(text, markup_of(kind))
}

/// How a text of an input kind is marked up (JSON Lines posts are plain text).
fn markup_of(kind: InputKind) -> Markup {
    match kind {
        InputKind::Html => Markup::Html,
        InputKind::Markdown => Markup::Markdown,
        InputKind::Auto | InputKind::Text | InputKind::Jsonl => Markup::Plain,
    }
}

/// The text with its unambiguous fixes applied, and what is left to report. Findings the
/// baseline accepted are left as they are (in one round, as the baseline names findings of
/// the text as read).
fn fixed_text(
    linter: &Linter,
    kind: InputKind,
    name: &str,
    loaded: &input::Loaded,
    accepted: Option<&baseline::Baselines>,
) -> sanshen::Fixed {
    let text = &loaded.text;
    let Some(accepted) = accepted.filter(|b| !b.is_empty()) else {
        return linter.fix_markup(text, markup_of(kind));
    };
    let findings = findings_of(linter, kind, text);
    let skip = write::accepted_indexes(accepted, name, loaded.offset, text, &findings);
    let (mut kept, mut left) = (Vec::new(), Vec::new());
    for (i, f) in findings.into_iter().enumerate() {
        if skip.contains(&i) {
            left.push(f);
        } else {
            kept.push(f);
        }
    }
    let mut fixed = sanshen::apply_fixes(text, kept);
    fixed.remaining.append(&mut left);
    fixed
}

/// What checking one text file gave, before it is reported.
struct Processed {
    loaded: Option<input::Loaded>,
    findings: Vec<sanshen::Finding>,
    diff: Option<String>,
    /// `--write -`: the corrected text, for standard output.
    corrected: Option<Vec<u8>>,
    /// Messages for standard error; `errors` also make the exit code 2.
    errors: Vec<String>,
    notes: Vec<String>,
    /// Office documents and PDFs: where each finding stands.
    places: Vec<place::Place>,
    /// Plain text read a piece at a time: the findings already placed, and the BOM's length.
    located: Vec<located::Located>,
    bom: usize,
}

impl Processed {
    fn empty() -> Processed {
        Processed {
            loaded: None,
            findings: Vec::new(),
            diff: None,
            corrected: None,
            errors: Vec::new(),
            notes: Vec::new(),
            places: Vec::new(),
            located: Vec::new(),
            bom: 0,
        }
    }
}

/// Reads and checks one text file (and fixes or diffs it); prints nothing, so files can be
/// processed in parallel and reported in order.
fn process(
    linter: &Linter,
    args: &CheckArgs,
    kind: InputKind,
    input: &input::Input,
    accepted: Option<&baseline::Baselines>,
    wants: located::Wants,
) -> Processed {
    if let Some(done) = office::process(linter, input, args) {
        return done;
    }
    let mut p = Processed::empty();
    if kind == InputKind::Text && !args.diff && !args.write {
        streamed(linter, args, input, wants, &mut p);
        return p;
    }
    // Findings the review record decided are left as they are, like those of a baseline.
    let merged;
    let accepted = match gate::decided(args, input.path.as_deref()) {
        Some(decided) if args.write || args.diff => {
            let mut all = accepted.cloned().unwrap_or_default();
            all.current.extend(decided);
            merged = all;
            Some(&merged)
        }
        _ => accepted,
    };
    let loaded = match input::load(input, args.encoding) {
        Ok(l) => l,
        Err(e) => {
            p.errors.push(e);
            return p;
        }
    };
    if args.diff {
        let fixed = fixed_text(linter, kind, &input.name, &loaded, accepted);
        if fixed.text != loaded.text {
            p.diff = Some(output::unified_diff(&input.name, &loaded.text, &fixed.text));
        }
    } else if args.write {
        let fixed = fixed_text(linter, kind, &input.name, &loaded, accepted);
        let allow =
            write::Allow { read_only: args.write_read_only, hard_links: args.break_hard_links };
        p.findings = match (&input.path, &loaded.snapshot) {
            (Some(path), Some(snapshot)) => {
                let written = write_fixes(path, snapshot, &loaded, &fixed, allow);
                match written {
                    Ok(0) => findings_of(linter, kind, &loaded.text),
                    Ok(n) => {
                        p.notes.push(format!("{}: fixed {n} finding(s)", input.name));
                        findings_of(linter, kind, &fixed.text)
                    }
                    Err(e) => {
                        p.errors.push(format!("{}: cannot write fixes: {e}", input.name));
                        findings_of(linter, kind, &loaded.text)
                    }
                }
            }
            _ => {
                p.corrected = Some(loaded.encode(&fixed.text));
                findings_of(linter, kind, &fixed.text)
            }
        };
    } else {
        p.findings = findings_of(linter, kind, &loaded.text);
    }
    p.loaded = Some(loaded);
    p
}

/// Reports what [`process`] gave for one file.
fn report_processed<W: Write>(
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
        reporter.out.write_all(&corrected)?;
    }
    if let Some(diff) = p.diff {
        // Only the diff is printed; the exit code says whether there is anything to fix.
        reporter.out.write_all(diff.as_bytes())?;
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

/// Checks a plain-text input a piece at a time (see [`stream`]), placing each piece's findings
/// before the next is read; nothing is reported of an input that could not be read to its end.
fn streamed(
    linter: &Linter,
    args: &CheckArgs,
    input: &input::Input,
    wants: located::Wants,
    p: &mut Processed,
) {
    let mut located = Vec::new();
    let check = |piece: &stream::Piece<'_>| {
        located::locate(piece, linter.check(piece.text), wants, &mut located);
        Ok(())
    };
    let read = match &input.path {
        Some(path) => std::fs::File::open(path)
            .map_err(stream::StreamError::Io)
            .and_then(|f| stream::read_pieces(f, args.encoding, check)),
        None => stream::read_pieces(std::io::stdin().lock(), args.encoding, check),
    };
    match read {
        Ok(detected) => {
            p.located = located;
            p.bom = detected.bom;
        }
        Err(e) => p.errors.push(e.message(&input.name)),
    }
}

fn check_jsonl<W: Write>(
    linters: &jsonl::Linters<'_>,
    args: &CheckArgs,
    day: sanshen::Date,
    input: &input::Input,
    reporter: &mut Reporter<W>,
    errors: &mut Vec<String>,
    progress: &mut Progress,
) -> std::io::Result<()> {
    let reader: Box<dyn std::io::BufRead> = match &input.path {
        Some(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(std::io::BufReader::with_capacity(1 << 16, f)),
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

/// Writes a file's fixes back, if there are any; returns how many were applied.
fn write_fixes(
    path: &std::path::Path,
    snapshot: &write::Snapshot,
    loaded: &input::Loaded,
    fixed: &sanshen::Fixed,
    allow: write::Allow,
) -> Result<usize, write::Refused> {
    if fixed.applied.is_empty() {
        return Ok(0);
    }
    if !loaded.round_trips {
        return Err(write::Refused::Encoding(loaded.codec.encoding.name()));
    }
    write::replace(path, snapshot, &loaded.encode(&fixed.text), allow)?;
    Ok(fixed.applied.len())
}
