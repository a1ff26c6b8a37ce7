//! `sanshen`: the command-line face of the library, for pre-publish hooks and whole archives.
//!
//! Exit codes: 0 nothing at or above `--fail-on` was found; 1 something was; 2 usage or input
//! errors (bad arguments, unreadable or non-UTF-8 inputs, malformed dictionaries).

mod args;
mod input;
mod output;

use args::{CheckArgs, Cli, ColorChoice, Command, Format};
use clap::Parser;
use sanshen::{Linter, LinterBuilder};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(&args),
    }
}

fn build(args: &CheckArgs) -> Result<Linter, sanshen::Error> {
    let mut b = LinterBuilder::new();
    b.builtin(!args.no_builtin);
    for path in &args.dicts {
        b.add_dictionary_file(path)?;
    }
    for phrase in &args.allow {
        b.allow(phrase);
    }
    for family in &args.disable {
        b.family(*family, false);
    }
    for category in &args.disable_category {
        b.disable_category(category);
    }
    if let Some(s) = args.min_severity {
        b.min_severity(s);
    }
    if let Some(d) = args.as_of {
        b.as_of(d);
    }
    b.build()
}

fn check(args: &CheckArgs) -> ExitCode {
    let linter = match build(args) {
        Ok(l) => l,
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
    let (inputs, mut errors) = input::expand(&args.paths);
    errors.iter().for_each(|e| eprintln!("sanshen: {e}"));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut counts = [0usize; 3];
    let mut failed = false;
    for input in &inputs {
        let loaded = match input::load(input) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("sanshen: {e}");
                errors.push(e);
                continue;
            }
        };
        let findings = if args.write {
            write_fixes(&linter, input, &loaded, &mut errors)
        } else {
            linter.check(&loaded.text)
        };
        for f in &findings {
            counts[output::severity_index(f.severity)] += 1;
            failed |= f.severity >= args.fail_on;
            let record = output::Record::new(&input.name, loaded.offset, f);
            let written = match args.format {
                Format::Jsonl => output::jsonl(&mut out, &record),
                Format::Human => output::human(&mut out, &record, color),
            };
            if written.is_err() {
                // Standard output is gone (a closed pipe): nothing more can be reported.
                return ExitCode::from(2);
            }
        }
    }
    if args.format == Format::Human {
        let _ = output::summary(&mut out, &counts, inputs.len());
    }
    let _ = out.flush();
    if !errors.is_empty() {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Applies the unambiguous fixes to a file and returns what is left to report.
fn write_fixes(
    linter: &Linter,
    input: &input::Input,
    loaded: &input::Loaded,
    errors: &mut Vec<String>,
) -> Vec<sanshen::Finding> {
    let fixed = linter.fix(&loaded.text);
    let Some(path) = &input.path else {
        // Standard input has no file to write back to: report only.
        return linter.check(&loaded.text);
    };
    if fixed.applied.is_empty() {
        return fixed.remaining;
    }
    let bom = if loaded.offset == 3 { "\u{feff}" } else { "" };
    let content = format!("{bom}{}", fixed.text);
    if let Err(e) = write_atomically(path, content.as_bytes()) {
        let msg = format!("{}: cannot write fixes: {e}", input.name);
        eprintln!("sanshen: {msg}");
        errors.push(msg);
        return linter.check(&loaded.text);
    }
    eprintln!("sanshen: {}: fixed {} finding(s)", input.name, fixed.applied.len());
    linter.check(&fixed.text)
}

/// Writes to a temporary file beside `path` and renames it over `path`, keeping permissions,
/// so a failure never leaves a half-written file.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir =
        path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.sanshen-{}.tmp", std::process::id()));
    let result = (|| {
        let permissions = std::fs::metadata(path)?.permissions();
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::set_permissions(&tmp, permissions)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
