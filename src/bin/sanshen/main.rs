//! `sanshen`: the command-line face of the library, for pre-publish hooks and whole archives.
//!
//! Exit codes: 0 nothing at or above `--fail-on` was found; 1 something was; 2 usage or input
//! errors (bad arguments, unreadable or non-UTF-8 inputs, malformed dictionaries).

#![forbid(unsafe_code)]

mod args;
mod audit;
mod baseline;
mod config;
mod decode;
mod freshness;
mod input;
mod jsonl;
mod lines;
mod office;
mod output;
mod place;
mod rules;
#[cfg(feature = "serve")]
mod serve;
mod write;

use args::{CheckArgs, Cli, ColorChoice, Command, Format, InputKind};
use clap::Parser;
use rayon::prelude::*;
use sanshen::markup::Extracted;

/// A progress line on standard error for long runs, only when it is a terminal.
struct Progress {
    on: bool,
    started: std::time::Instant,
    last: std::time::Instant,
    files: usize,
    records: usize,
}

impl Progress {
    fn new() -> Progress {
        let now = std::time::Instant::now();
        let on = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        Progress { on, started: now, last: now, files: 0, records: 0 }
    }

    fn tick(&mut self, files: usize, records: usize) {
        self.files += files;
        self.records += records;
        let now = std::time::Instant::now();
        if self.on && now.duration_since(self.last).as_millis() >= 500 {
            self.last = now;
            let secs = now.duration_since(self.started).as_secs();
            eprint!("\r已检查 {} 个文件、{} 条记录（{secs} 秒）", self.files, self.records);
        }
    }

    fn done(&self) {
        if self.on && self.last != self.started {
            eprintln!();
        }
    }
}

/// How many files are read and checked in parallel before their findings are reported.
const FILES_AT_ONCE: usize = 64;
use sanshen::{Linter, LinterBuilder, Record};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Init => init(),
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
        setups.push(Setup { linter, replies, fail_on });
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
    /// Fingerprints accepted by `--baseline`.
    accepted: Option<std::collections::HashSet<String>>,
    /// Fingerprints collected for `--write-baseline`.
    collected: Option<Vec<String>>,
    fingerprints: baseline::Fingerprinter,
    /// How old the roster is for the day checked, for the JSON and SARIF summaries.
    roster: serde_json::Value,
    /// Counts findings without writing them: standard output holds corrected text
    /// (`--write -`).
    silent: bool,
}

impl<W: Write> Reporter<W> {
    /// Reports a finding unless the baseline has accepted it; `context` is the text around it.
    /// Reports a finding unless the baseline accepts it; `context` (the text around it, for
    /// the fingerprint) is asked for only when there is a baseline.
    fn report_in(
        &mut self,
        record: Record<'_>,
        source: Option<(&str, usize)>,
        context: impl FnOnce() -> (String, String),
    ) -> std::io::Result<()> {
        if self.accepted.is_some() || self.collected.is_some() {
            let fingerprint = self.fingerprints.of(&record, &context());
            if self.accepted.as_ref().is_some_and(|a| a.contains(&fingerprint)) {
                return Ok(());
            }
            if let Some(c) = &mut self.collected {
                c.push(fingerprint);
            }
        }
        self.report(record, source)
    }

    fn report(&mut self, record: Record<'_>, source: Option<(&str, usize)>) -> std::io::Result<()> {
        let severity: sanshen::Severity =
            record.severity.parse().unwrap_or(sanshen::Severity::Error);
        self.counts[output::severity_index(severity)] += 1;
        self.failed |= severity >= self.fail_on;
        if let Some(stats) = &mut self.stats {
            stats.add(&record);
        }
        if self.silent {
            return Ok(());
        }
        match self.format {
            Format::Jsonl => output::jsonl(&mut self.out, &record),
            Format::Human => output::human(&mut self.out, &record, source, self.color),
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
    fn finish(&mut self, files: usize, errors: &[String]) -> std::io::Result<()> {
        let held = std::mem::take(&mut self.held);
        match self.format {
            Format::Human => output::summary(&mut self.out, &self.counts, files, errors.len()),
            Format::Json => {
                let document = output::json_document(held, files, self.roster.clone(), errors);
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
                errors.iter().try_for_each(|e| output::github_error(&mut self.out, e))
            }
            Format::Jsonl => Ok(()),
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
        accepted: None,
        collected: args.write_baseline.as_ref().map(|_| Vec::new()),
        fingerprints: baseline::Fingerprinter::default(),
        roster: serde_json::Value::Null,
        silent: args.write && inputs.iter().any(|(_, i)| i.path.is_none()),
    };
    if let Some(path) = &args.baseline {
        match baseline::Baseline::load(path) {
            Ok(a) => reporter.accepted = Some(a),
            Err(e) => {
                eprintln!("sanshen: {e}");
                return ExitCode::from(2);
            }
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
    for chunk in inputs.chunks(FILES_AT_ONCE) {
        let processed: Vec<Option<Processed>> = chunk
            .par_iter()
            .map(|(g, input)| match kind_of(input) {
                InputKind::Jsonl => None,
                kind => {
                    let linter = &setups[*g].linter;
                    Some(process(linter, args, kind, input, reporter.accepted.as_ref()))
                }
            })
            .collect();
        for ((g, input), p) in chunk.iter().zip(processed) {
            reporter.fail_on = setups[*g].fail_on;
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
            if written.is_err() {
                // Standard output is gone (a closed pipe): nothing more can be reported.
                return ExitCode::from(2);
            }
        }
    }
    progress.done();
    if let (Some(path), Some(collected)) = (&args.write_baseline, reporter.collected.take()) {
        if let Err(e) = baseline::Baseline::write(path, collected) {
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
    match kind {
        InputKind::Html => Extracted::html(text).check(linter),
        InputKind::Markdown => Extracted::markdown(text).check(linter),
        _ => linter.check(text),
    }
}

/// The text with its unambiguous fixes applied, and what is left to report. Findings the
/// baseline accepted are left as they are.
fn fixed_text(
    linter: &Linter,
    kind: InputKind,
    name: &str,
    loaded: &input::Loaded,
    accepted: Option<&std::collections::HashSet<String>>,
) -> sanshen::Fixed {
    let text = &loaded.text;
    let Some(accepted) = accepted else {
        return match kind {
            InputKind::Html | InputKind::Markdown => {
                sanshen::apply_fixes(text, findings_of(linter, kind, text))
            }
            _ => linter.fix(text),
        };
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
    accepted: Option<&std::collections::HashSet<String>>,
) -> Processed {
    if let Some(done) = office::process(linter, input, args) {
        return done;
    }
    let mut p = Processed::empty();
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
    let Some(loaded) = p.loaded else { return Ok(()) };
    let mut utf16 = sanshen::Utf16Counter::new(&loaded.text);
    let mut lines = lines::LineFinder::new(&loaded.text);
    for (i, f) in p.findings.iter().enumerate() {
        let at = utf16.at(f.span.start);
        let context = || baseline::context(&loaded.text, f.span);
        let mut record = Record::new(&input.name, loaded.offset, f, at);
        record.start = loaded.codec.file_offset(f.span.start);
        record.end = loaded.codec.file_offset(f.span.end);
        if let Some(place) = p.places.get(i) {
            place.fill(&mut record);
        }
        let source = Some(lines.line_of(f.span.start));
        reporter.report_in(record, source, context)?;
    }
    Ok(())
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
