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
mod ordered;
mod output;
mod place;
mod process;
mod progress;
mod readbuf;
mod replies;
mod reporter;
mod review_cmd;
mod roster;
mod rules;
#[cfg(feature = "serve")]
mod serve;
mod setup;
mod special;
mod spool;
mod stream;
#[cfg(test)]
#[path = "../../test_rng.rs"]
mod test_rng;
mod write;
mod write_diff;
mod write_stream;

use args::{CheckArgs, Cli, Command, InputKind};
use clap::Parser;
use process::Processed;
use progress::Progress;
use reporter::Reporter;
use sanshen::Date;
use setup::{build, Inputs, Setup};
use std::io::Write;
use std::process::ExitCode;

/// How many files may be checked beyond the last one reported (their findings wait in memory).
const FILES_AT_ONCE: usize = 64;

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

fn check(args: &CheckArgs) -> ExitCode {
    if args.list_rules {
        return rules::list(args.format);
    }
    let (setups, inputs, mut errors) = match setup::setups(args) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sanshen: {e}");
            return ExitCode::from(2);
        }
    };
    errors.iter().for_each(|e| eprintln!("sanshen: {e}"));
    let reviewer = setups.iter().find_map(|s| s.reviewer.clone());
    let gate = match gate::Gate::of(args, reviewer, inputs.len()) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("sanshen: {e}");
            return ExitCode::from(2);
        }
    };
    // `--write -`: standard output holds the corrected text.
    let silent = args.write && inputs.iter().any(|(_, i)| i.path.is_none());
    let stdout = std::io::stdout();
    let mut reporter = Reporter::new(std::io::BufWriter::new(stdout.lock()), args, gate, silent);
    let run = Run { args, day: args.as_of.unwrap_or_else(Date::today), setups: &setups };
    // Every configuration builds on the same shipped roster: the first one speaks for it.
    freshness::warn_once(&setups[0].linter, run.day);
    reporter.roster = freshness::summary(&setups[0].linter, run.day);
    if run.check_all(&inputs, &mut reporter, &mut errors).is_err() {
        // Standard output is gone (a closed pipe): nothing more can be reported.
        return ExitCode::from(2);
    }
    write_baseline(args, &mut reporter, &mut errors);
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

/// One `sanshen check`: its arguments, the day it checks as of, and the setups of its inputs.
struct Run<'a> {
    args: &'a CheckArgs,
    day: Date,
    setups: &'a [Setup],
}

impl Run<'_> {
    /// Checks every input: files on every worker thread, each reported in order as soon as it
    /// and those before it are done (at most [`FILES_AT_ONCE`] ahead of the last reported);
    /// JSON Lines files as streams, checked in parallel batches of records when their turn
    /// comes. An error means standard output is gone.
    fn check_all<W: Write>(
        &self,
        inputs: &Inputs,
        reporter: &mut Reporter<W>,
        errors: &mut Vec<String>,
    ) -> std::io::Result<()> {
        let mut progress = Progress::new();
        let wants = reporter.wants();
        let accepted = std::sync::Arc::clone(&reporter.gate.baselines);
        let work = |(g, input): &(usize, input::Input)| match self.kind_of(input) {
            InputKind::Jsonl => None,
            kind => {
                let linter = &self.setups[*g].linter;
                Some(process::process(linter, self.args, kind, input, Some(&*accepted), wants))
            }
        };
        let threads = ordered::threads();
        ordered::in_order(inputs, threads, FILES_AT_ONCE, work, |(g, input), p| {
            self.report(&self.setups[*g], input, p, reporter, errors, &mut progress)?;
            progress.tick(1, 0);
            Ok::<(), std::io::Error>(())
        })?;
        progress.done();
        Ok(())
    }

    /// How an input is read: all as JSON Lines with `--jsonl`, else as asked or by its name.
    fn kind_of(&self, input: &input::Input) -> InputKind {
        match self.args.jsonl {
            true => InputKind::Jsonl,
            false => input.kind(self.args.input),
        }
    }

    /// Reports one input: what [`process::process`] gave (`p`), or else its JSON Lines posts
    /// as they are checked; the baseline and review record follow it.
    fn report<W: Write>(
        &self,
        setup: &Setup,
        input: &input::Input,
        p: Option<Processed>,
        reporter: &mut Reporter<W>,
        errors: &mut Vec<String>,
        progress: &mut Progress,
    ) -> std::io::Result<()> {
        reporter.fail_on = setup.fail_on;
        if let Err(e) = reporter.gate.start(input.path.as_deref()) {
            eprintln!("sanshen: {e}");
            errors.push(e);
            return Ok(());
        }
        let linters = setup.linters();
        let written = match p {
            Some(p) => reporter::report_processed(reporter, input, p, errors),
            None => reporter::check_jsonl(
                &linters, self.args, self.day, input, reporter, errors, progress,
            ),
        };
        if let Err(e) = reporter.gate.finish(input.path.as_ref().map(|_| input.name.as_str())) {
            eprintln!("sanshen: {e}");
            errors.push(e);
        }
        written
    }
}

/// `--write-baseline`: the fingerprints of every finding reported.
fn write_baseline<W: Write>(
    args: &CheckArgs,
    reporter: &mut Reporter<W>,
    errors: &mut Vec<String>,
) {
    if let (Some(path), Some(collected)) = (&args.write_baseline, reporter.gate.collected.take()) {
        if let Err(e) = baseline::write(path, collected) {
            eprintln!("sanshen: {e}");
            errors.push(e);
        }
    }
}
