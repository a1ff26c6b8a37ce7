//! `sanshen audit`: the quarterly inspection report of a county's portal and new-media accounts
//! from a CMS export. The counting is pure (`tally`, `finish`); this module reads the exports a
//! batch at a time, reviews each post in the period as of its own date with the same linter
//! `sanshen check` builds, and writes the report (`write`).

mod document;
mod finish;
mod model;
pub(crate) mod options;
mod problems;
mod read;
mod render_docx;
mod render_html;
mod render_md;
mod stamp;
mod tally;
mod write;

use options::{AuditArgs, Fields};
use rayon::prelude::*;
use read::Export;
use stamp::Stamp;
use std::process::ExitCode;
use tally::{Found, Item, Message, Period, Post, Tally};

/// How many records are read and reviewed together (as `sanshen check` does for JSON Lines).
const BATCH_RECORDS: usize = 2048;
const BATCH_BYTES: usize = 8 << 20;
/// How many unreadable records the report lists (all are counted).
const ERRORS_LISTED: usize = 100;

/// Records that could not be read: listed up to a bound, all counted, each said on stderr.
#[derive(Default)]
struct Errors {
    listed: Vec<String>,
    count: usize,
}

impl Errors {
    fn push(&mut self, msg: String) {
        eprintln!("sanshen: {msg}");
        self.count += 1;
        if self.listed.len() < ERRORS_LISTED {
            self.listed.push(msg);
        }
    }
}

/// Runs the audit: 0 when the report is written from every record, 2 when arguments or files
/// are wrong or some records could not be read (the report is still written from the others).
pub(crate) fn run(args: &AuditArgs) -> ExitCode {
    match audit(args) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(2),
        Err(e) => {
            eprintln!("sanshen: {e}");
            ExitCode::from(2)
        }
    }
}

/// Returns how many records could not be read.
fn audit(args: &AuditArgs) -> Result<usize, String> {
    if args.to < args.from {
        return Err(format!("--to {} is before --from {}", args.to, args.from));
    }
    let fields = Fields::new(&args.fields)?;
    let townships = townships(args)?;
    let linter = args.linter()?;
    let mut errors = Errors::default();
    let items = match &args.important {
        Some(path) => items(path, &fields, &mut errors)?,
        None => Vec::new(),
    };
    let period = Period { from: args.from, to: args.to };
    let mut tally = Tally::new(period, args.rules(), items);
    posts(&args.posts, &fields, &linter, &mut tally, &mut errors)?;
    if let Some(path) = &args.messages {
        messages(path, &fields, &mut tally, &mut errors)?;
    }
    let report = finish::report(&tally, &townships, errors.listed, errors.count);
    write::all(&args.out, &report)
        .map_err(|e| format!("{}: cannot write: {e}", args.out.display()))?;
    eprintln!("sanshen: report written to {}", args.out.display());
    Ok(errors.count)
}

fn townships(args: &AuditArgs) -> Result<finish::Townships, String> {
    let Some(path) = &args.townships else { return Ok(finish::Townships::default()) };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let names = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    Ok(finish::Townships { names: Some(names) })
}

/// Every record of an export, a batch at a time, as its wanted fields (or what is wrong).
fn each_batch(
    export: &mut Export,
    errors: &mut Errors,
    mut each: impl FnMut(&str, Vec<read::Raw>, &mut Errors),
) {
    loop {
        let (batch, failed) = export.batch(BATCH_RECORDS, BATCH_BYTES);
        let ended = batch.is_empty() || failed.is_some();
        each(&export.name, batch, errors);
        if let Some(e) = failed {
            errors.push(e);
        }
        if ended {
            return;
        }
    }
}

fn required<'a>(
    values: &'a [Option<String>],
    names: &[String],
    i: usize,
) -> Result<&'a str, String> {
    values[i]
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| format!("no field `{}`", names[i]))
}

fn items(
    path: &std::path::Path,
    fields: &Fields,
    errors: &mut Errors,
) -> Result<Vec<Item>, String> {
    let names = fields.names("important", &["issued_at", "level", "title", "key"]);
    let mut export = Export::open(path, &names, 1)?;
    let mut out = Vec::new();
    each_batch(&mut export, errors, |file, batch, errors| {
        for raw in batch {
            let line = raw.line;
            let item = raw.fields(&names).and_then(|v| {
                let Some(v) = v else { return Ok(None) };
                let issued: Stamp = required(&v, &names, 0)?.parse()?;
                let key = v[3].clone().filter(|k| !k.trim().is_empty()).or_else(|| v[2].clone());
                let key = key
                    .filter(|k| !k.trim().is_empty())
                    .ok_or_else(|| format!("no field `{}` or `{}`", names[3], names[2]))?;
                let level = v[1].clone().unwrap_or_default();
                Ok(Some(Item { key: key.trim().to_owned(), level, issued }))
            });
            match item {
                Ok(Some(item)) => out.push(item),
                Ok(None) => {}
                Err(e) => errors.push(format!("{file}:{line}: {e}")),
            }
        }
    });
    Ok(out)
}

fn messages(
    path: &std::path::Path,
    fields: &Fields,
    tally: &mut Tally,
    errors: &mut Errors,
) -> Result<(), String> {
    let names = fields.names("messages", &["account", "received_at", "replied_at"]);
    let mut export = Export::open(path, &names, 2)?;
    each_batch(&mut export, errors, |file, batch, errors| {
        for raw in batch {
            let line = raw.line;
            let message = raw.fields(&names).and_then(|v| {
                let Some(v) = v else { return Ok(None) };
                let account = required(&v, &names, 0)?.trim().to_owned();
                let received: Stamp = required(&v, &names, 1)?.parse()?;
                let replied = match v[2].as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(s) => Some(s.parse::<Stamp>()?),
                };
                Ok(Some(Message { account, received, replied }))
            });
            match message {
                Ok(Some(m)) => tally.add_message(&m),
                Ok(None) => {}
                Err(e) => errors.push(format!("{file}:{line}: {e}")),
            }
        }
    });
    Ok(())
}

/// A post read and reviewed, ready to be counted.
struct Reviewed {
    values: Vec<Option<String>>,
    at: Stamp,
    place: String,
    items: Vec<usize>,
    findings: Vec<Found>,
}

const POST_KEYS: [&str; 8] =
    ["unit", "published_at", "text", "account", "platform", "column", "title", "url"];

fn posts(
    path: &std::path::Path,
    fields: &Fields,
    linter: &sanshen::Linter,
    tally: &mut Tally,
    errors: &mut Errors,
) -> Result<(), String> {
    let names = fields.names("posts", &POST_KEYS);
    let mut export = Export::open(path, &names, 3)?;
    let mut progress = crate::progress::Progress::from_start();
    each_batch(&mut export, errors, |file, batch, errors| {
        let shared: &Tally = tally;
        let reviewed: Vec<(usize, Result<Option<Reviewed>, String>)> = batch
            .into_par_iter()
            .map(|raw| (raw.line, review(file, raw, &names, linter, shared)))
            .collect();
        progress.tick(0, reviewed.len());
        for (line, r) in reviewed {
            match r {
                Ok(Some(r)) => count(tally, &r),
                Ok(None) => {}
                Err(e) => errors.push(format!("{file}:{line}: {e}")),
            }
        }
    });
    progress.done();
    Ok(())
}

/// Reads one post and, if it falls in the period, reviews its title and text as of its date.
fn review(
    file: &str,
    raw: read::Raw,
    names: &[String],
    linter: &sanshen::Linter,
    tally: &Tally,
) -> Result<Option<Reviewed>, String> {
    let place = format!("{file}:{}", raw.line);
    let Some(values) = raw.fields(names)? else { return Ok(None) };
    required(&values, names, 0)?;
    let at: Stamp = required(&values, names, 1)?.parse()?;
    let text = values[2].as_deref().ok_or_else(|| format!("no field `{}`", names[2]))?;
    // Posts outside the period only mark when a column or account was last updated.
    let (items, findings) = if tally.counts(at) {
        let title = values[6].as_deref().unwrap_or_default();
        (tally.items_in(title, text), check(linter, title, text, at.date()))
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Some(Reviewed { values, at, place, items, findings }))
}

/// The findings in a post's title, then those in its text.
fn check(linter: &sanshen::Linter, title: &str, text: &str, on: sanshen::Date) -> Vec<Found> {
    let found = |in_title| move |finding| Found { in_title, finding };
    let title = linter.check_as_of(title, on).into_iter().map(found(true));
    title.chain(linter.check_as_of(text, on).into_iter().map(found(false))).collect()
}

fn count(tally: &mut Tally, r: &Reviewed) {
    let field = |i: usize| r.values[i].as_deref().map(str::trim).unwrap_or_default();
    let account = Some(field(3)).filter(|a| !a.is_empty() && !is_portal(field(4)));
    let post = Post {
        unit: field(0),
        account,
        platform: field(4),
        column: field(5),
        at: r.at,
        title: field(6),
        url: field(7),
        place: &r.place,
    };
    tally.add_post(&post, &r.items, &r.findings);
}

/// A platform name that means the portal itself rather than a new-media account.
fn is_portal(platform: &str) -> bool {
    matches!(platform, "网站" | "门户网站" | "政府网站" | "政府门户网站" | "portal" | "website")
}
