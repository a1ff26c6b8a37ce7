//! Command-line arguments.

use clap::{Parser, Subcommand, ValueEnum};
use sanshen::{Date, Severity};
use std::path::PathBuf;

/// 三审: review Chinese text before it is published.
#[derive(Debug, Parser)]
#[command(name = "sanshen", version, about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check files, directories or standard input.
    Check(Box<CheckArgs>),
    /// Write a commented starter sanshen.toml in the current directory.
    Init,
    /// Edit a review record (accept, dismiss, reopen a finding) or export its false alarms.
    Review(Box<crate::review_cmd::ReviewArgs>),
    /// Print the leader roster in use: its date, then one row a line (name, title, dates).
    Roster(RosterArgs),
    /// Inspect a CMS export for a period and write the quarterly report (report.md,
    /// report.html, report.docx, report.json, one CSV per annex table).
    Audit(Box<crate::audit::options::AuditArgs>),
    /// Serve checks over HTTP for the pre-publish hooks of publishing systems.
    #[cfg(feature = "serve")]
    Serve(Box<crate::serve::options::ServeArgs>),
}

#[derive(Debug, clap::Args)]
pub(crate) struct RosterArgs {
    /// Print this roster file instead of the shipped one (validated as `check --roster` does).
    #[arg(long, value_name = "FILE")]
    pub(crate) roster: Option<PathBuf>,

    /// Only the rows valid on this date (YYYY-MM-DD): who held which title that day.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(crate) on: Option<Date>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Files or directories to check; standard input when none is given or for `-`.
    pub(crate) paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,

    #[command(flatten)]
    pub(crate) configuration: ConfigArgs,

    /// Do not load the shipped dictionaries.
    #[arg(long)]
    pub(crate) no_builtin: bool,

    /// Never flag this phrase (repeatable).
    #[arg(long, value_name = "PHRASE")]
    pub(crate) allow: Vec<String>,

    /// Turn a family off (repeatable, or a comma list): typo, sensitive, leader, format; or a
    /// rule with a selector of its own: protected, model.
    #[arg(long, value_name = "FAMILY", value_delimiter = ',')]
    pub(crate) disable: Vec<String>,

    /// Turn a rule off (repeatable, or a comma list), e.g. typo/protected (see --list-rules).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub(crate) disable_rule: Vec<String>,

    /// Turn a category off (repeatable, or a comma list), e.g. advertising.
    #[arg(long, value_name = "CATEGORY", value_delimiter = ',')]
    pub(crate) disable_category: Vec<String>,

    /// Print every rule (id, family, default severity, selectors, name and description) and
    /// exit; with `--format json`, as JSON.
    #[arg(long)]
    pub(crate) list_rules: bool,

    /// Report only findings at or above this severity.
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub(crate) min_severity: Option<Severity>,

    /// Run the statistical model of official Chinese (rule `typo/model`), which proposes typos
    /// anywhere in the text. It runs by default; the flag overrides `model = false` in
    /// sanshen.toml and an earlier --no-model.
    #[arg(long, overrides_with = "no_model")]
    pub(crate) model: bool,

    /// Do not run the statistical model (rule `typo/model`; the same as --disable model):
    /// only the dictionaries' and the format rules' findings.
    #[arg(long, overrides_with = "model")]
    pub(crate) no_model: bool,

    /// The statistical model's confidence (0 to 1) from which its findings are warnings with a
    /// suggested fix; higher is stricter [default: 0.99].
    #[arg(long, value_name = "CONFIDENCE", value_parser = parse_confidence)]
    pub(crate) model_threshold: Option<f32>,

    /// Exit with 1 when a finding at or above this severity is reported [default: warning].
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub(crate) fail_on: Option<Severity>,

    /// In directories, check only files matching this glob (repeatable); `!GLOB` excludes.
    #[arg(long, value_name = "GLOB")]
    pub(crate) glob: Vec<String>,

    /// Use this leader roster file instead of the shipped roster (same format as
    /// dictionaries/leader/roster.tsv, with its own `!as-of`); shipped titles stay known.
    #[arg(long, value_name = "FILE")]
    pub(crate) roster: Option<PathBuf>,

    /// Check as of this date (YYYY-MM-DD) instead of today: leader titles are judged against
    /// the roster on that day.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(crate) as_of: Option<Date>,

    /// Apply unambiguous fixes to the files in place (ambiguous findings are only reported);
    /// for standard input (`-`), write the corrected text to standard output.
    #[arg(long, visible_alias = "fix")]
    pub(crate) write: bool,

    /// With `--write`, write Word documents over the original instead of beside it as
    /// NAME.sanshen.docx.
    #[arg(long, requires = "write")]
    pub(crate) in_place: bool,

    /// With `--write`: also write files that have no write permission (refused by default).
    #[arg(long, requires = "write")]
    pub(crate) write_read_only: bool,

    /// With `--write`: also write files with several hard links; the rewritten file gets a
    /// name of its own and the other names keep the old text (refused by default).
    #[arg(long, requires = "write")]
    pub(crate) break_hard_links: bool,

    /// Read inputs as JSON Lines (one post per line); the same as `--input jsonl`.
    #[arg(long)]
    pub(crate) jsonl: bool,

    /// How to read inputs; `auto` goes by the file name: .jsonl/.ndjson, .md/.markdown,
    /// .html/.htm/.xhtml/.shtml, anything else as plain text (Word, OpenDocument and PDF
    /// files are recognised by their contents whatever this says).
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    pub(crate) input: InputKind,

    /// Show the unambiguous fixes as a unified diff instead of writing them.
    #[arg(long, conflicts_with = "write")]
    pub(crate) diff: bool,

    /// Read files in this encoding (e.g. gb18030, gbk, utf-16le) instead of detecting it:
    /// UTF-8, UTF-16 with a byte-order mark, and GB18030/GBK are recognised by themselves.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub(crate) encoding: Option<&'static encoding_rs::Encoding>,

    /// JSON Lines input: the field that holds the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub(crate) field: String,

    /// JSON Lines input: the field reported as each finding's `id`.
    #[arg(long, value_name = "NAME")]
    pub(crate) id_field: Option<String>,

    /// JSON Lines input: the field holding the post's date (YYYY-MM-DD…), which leader titles
    /// are judged against; posts without it are checked as of `--as-of` or today.
    #[arg(long, value_name = "NAME")]
    pub(crate) date_field: Option<String>,

    /// JSON Lines input: the field naming the publishing unit or account, counted by `--stats`.
    #[arg(long, value_name = "NAME")]
    pub(crate) unit_field: Option<String>,

    /// JSON Lines input: the field holding the post's type. Posts whose type marks a reply
    /// (reply, comment, 回复, 评论, 答复, 留言回复) report abusive language (category `abuse`)
    /// as errors; other posts as warnings. Without it, the usual fields are read: type, kind,
    /// msg_type, message_type, post_type, content_type, 类型.
    #[arg(long, value_name = "NAME")]
    pub(crate) type_field: Option<String>,

    /// Print counts by family, category, severity, unit and the most frequent findings to
    /// standard error at the end.
    #[arg(long)]
    pub(crate) stats: bool,

    /// Leave out findings whose fingerprints this file holds (accepted by an earlier review);
    /// repeatable.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Vec<PathBuf>,

    /// Write the fingerprints of every finding reported to this file, to be given to
    /// `--baseline` by later review stages.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,

    /// Keep this review record (TOML) of the text: show only the findings still open, add new
    /// ones, mark those gone as fixed. Without it, `--stage` keeps one beside each text
    /// (`通知.txt.review.toml`).
    #[arg(long, value_name = "FILE")]
    pub(crate) review: Option<PathBuf>,

    /// The review stage, 初审, 复审 or 终审 (or 1, 2, 3); turns the review record on.
    #[arg(long, value_name = "STAGE", value_parser = parse_stage)]
    pub(crate) stage: Option<sanshen::Stage>,

    /// The reviewer's name for the review record [default: `reviewer` in sanshen.toml].
    #[arg(long, value_name = "NAME")]
    pub(crate) reviewer: Option<String>,

    /// With a review record: show accepted and dismissed findings too, with their state (they
    /// never fail the run).
    #[arg(long)]
    pub(crate) show_decided: bool,

    /// Under each finding, the rule's description and the entry behind it (file:line, note,
    /// examples; for leaders the roster row and its date); in JSON, `explanation`.
    #[arg(long)]
    pub(crate) explain: bool,

    /// Say on standard error which configuration file each path is checked with.
    #[arg(long, short = 'v')]
    pub(crate) verbose: bool,

    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// file:line:col, family, matched text, message, suggestions.
    Human,
    /// One JSON object per finding per line.
    Jsonl,
    /// One JSON document: the findings and a summary by family, category and severity.
    Json,
    /// SARIF 2.1.0, for code-scanning interfaces.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputKind {
    /// By the file name.
    Auto,
    /// Plain text.
    Text,
    /// Markdown: code, link targets and comments are skipped.
    Markdown,
    /// HTML: tags, scripts, styles and comments are skipped, entities decoded.
    Html,
    /// JSON Lines posts (`--field`, `--id-field`, `--date-field`).
    Jsonl,
}

/// The configuration and dictionaries a linter is built from, for every command that builds
/// one (`check`, `audit`, `serve`).
#[derive(Clone, Debug, clap::Args)]
pub(crate) struct ConfigArgs {
    /// Use this configuration file instead of the nearest sanshen.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub(crate) config: Option<PathBuf>,

    /// Ignore any sanshen.toml.
    #[arg(long)]
    pub(crate) no_config: bool,

    /// Load a dictionary or roster file (repeatable), on top of the configuration's.
    #[arg(long = "dict", value_name = "PATH")]
    pub(crate) dicts: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

fn parse_encoding(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    let e = encoding_rs::Encoding::for_label(s.as_bytes())
        .ok_or_else(|| format!("unknown encoding `{s}` (e.g. utf-8, utf-16le, gb18030, gbk)"))?;
    // GBK files are read and written as GB18030, which holds every GBK sequence.
    Ok(if e == encoding_rs::GBK { encoding_rs::GB18030 } else { e })
}

pub(crate) fn parse_stage(s: &str) -> Result<sanshen::Stage, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

/// A confidence between 0 and 1.
pub(crate) fn parse_confidence(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a confidence between 0 and 1")),
    }
}
