//! `sanshen audit` arguments, field names and the linter they build.

use super::tally::Rules;
use sanshen::Date;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub(crate) struct AuditArgs {
    /// The posts export: JSON Lines, or CSV with a header row (by the `.csv` extension).
    pub(crate) posts: PathBuf,

    /// Messages left to new-media accounts (fields account, received_at, replied_at).
    #[arg(long, value_name = "FILE")]
    pub(crate) messages: Option<PathBuf>,

    /// Important items every account must repost (fields title or key, level, issued_at).
    #[arg(long, value_name = "FILE")]
    pub(crate) important: Option<PathBuf>,

    /// First day of the period (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(crate) from: Date,

    /// Last day of the period, inclusive (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(crate) to: Date,

    /// Folder the report is written to.
    #[arg(long, value_name = "DIR", default_value = "audit")]
    pub(crate) out: PathBuf,

    /// A field's name in the exports, as KEY=NAME, or FILE.KEY=NAME for one export (posts,
    /// messages, important) (repeatable); keys: unit, account, platform, column, published_at,
    /// title, text, url, received_at, replied_at, key, level, issued_at.
    #[arg(long = "field", value_name = "KEY=NAME")]
    pub(crate) fields: Vec<String>,

    /// The townships and streets, one name a line (附件1); other units are departments.
    /// Without it, units whose names end in 镇, 乡 or 街道 are townships.
    #[arg(long, value_name = "FILE")]
    pub(crate) townships: Option<PathBuf>,

    /// 动态、要闻类栏目 must be updated within this many days.
    #[arg(long, default_value_t = Rules::default().news_days, value_parser = clap::value_parser!(i64).range(1..))]
    pub(crate) news_days: i64,

    /// 通知公告、政策文件类栏目 must be updated within this many days.
    #[arg(long, default_value_t = Rules::default().notice_days, value_parser = clap::value_parser!(i64).range(1..))]
    pub(crate) notice_days: i64,

    /// Other columns must be updated within this many days.
    #[arg(long, default_value_t = Rules::default().other_days, value_parser = clap::value_parser!(i64).range(1..))]
    pub(crate) other_days: i64,

    /// New-media accounts must post within this many days.
    #[arg(long, default_value_t = Rules::default().account_days, value_parser = clap::value_parser!(i64).range(1..))]
    pub(crate) account_days: i64,

    /// Messages must be answered within this many hours.
    #[arg(long, default_value_t = Rules::default().reply_hours, value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) reply_hours: u32,

    /// Important items must be reposted within this many hours of being issued.
    #[arg(long, default_value_t = Rules::default().repost_hours, value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) repost_hours: u32,

    /// The posts' content is checked with the nearest sanshen.toml above the posts export,
    /// as `sanshen check` would check them.
    #[command(flatten)]
    pub(crate) configuration: crate::args::ConfigArgs,

    /// Use this leader roster file instead of the shipped one, as for `sanshen check`.
    #[arg(long, value_name = "FILE")]
    pub(crate) roster: Option<PathBuf>,

    /// Turn a family or rule off (repeatable), as for `sanshen check`.
    #[arg(long, value_name = "FAMILY")]
    pub(crate) disable: Vec<String>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

impl AuditArgs {
    pub(crate) fn rules(&self) -> Rules {
        Rules {
            news_days: self.news_days,
            notice_days: self.notice_days,
            other_days: self.other_days,
            account_days: self.account_days,
            reply_hours: self.reply_hours,
            repost_hours: self.repost_hours,
        }
    }

    /// The same linter `sanshen check` builds from these options, so findings agree.
    pub(crate) fn linter(&self) -> Result<sanshen::Linter, String> {
        use clap::Parser;
        let mut argv: Vec<std::ffi::OsString> = vec!["sanshen".into(), "check".into()];
        for d in &self.configuration.dicts {
            argv.extend(["--dict".into(), d.clone().into_os_string()]);
        }
        if let Some(r) = &self.roster {
            argv.extend(["--roster".into(), r.clone().into_os_string()]);
        }
        for d in &self.disable {
            argv.extend(["--disable".into(), d.into()]);
        }
        let cli = crate::args::Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
        let crate::args::Command::Check(check) = cli.command else {
            return Err("internal: not a check".into());
        };
        let posts = std::env::current_dir().unwrap_or_default().join(&self.posts);
        let path = crate::config::chosen(&self.configuration, posts.parent().unwrap_or(&posts));
        let loaded = match path {
            Some(p) => crate::config::load(&p).map_err(|e| e.to_string())?,
            None => crate::config::Loaded::default(),
        };
        crate::build(&check, &loaded).map_err(|e| e.to_string())
    }
}

/// The field names of the exports: KEY=NAME for every export, or FILE.KEY=NAME for one
/// (`posts`, `messages` or `important`), which wins.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields(Vec<(Option<&'static str>, &'static str, String)>);

const KEYS: [&str; 13] = [
    "unit",
    "account",
    "platform",
    "column",
    "published_at",
    "title",
    "text",
    "url",
    "received_at",
    "replied_at",
    "key",
    "level",
    "issued_at",
];

const FILES: [&str; 3] = ["posts", "messages", "important"];

impl Fields {
    /// The defaults (each key is its own name) with `overrides` applied.
    pub(crate) fn new(overrides: &[String]) -> Result<Fields, String> {
        let mut fields = Fields::default();
        for o in overrides {
            let (key, name) =
                o.split_once('=').ok_or_else(|| format!("--field `{o}`: expected KEY=NAME"))?;
            let (file, key) = match key.trim().split_once('.') {
                Some((f, k)) => {
                    let file = FILES.iter().find(|x| **x == f).ok_or_else(|| {
                        format!("--field `{o}`: unknown export `{f}` (one of {})", FILES.join(", "))
                    })?;
                    (Some(*file), k)
                }
                None => (None, key.trim()),
            };
            let key = KEYS.iter().find(|k| **k == key).ok_or_else(|| {
                format!("--field `{o}`: unknown key `{key}` (one of {})", KEYS.join(", "))
            })?;
            fields.0.push((file, key, name.trim().to_owned()));
        }
        Ok(fields)
    }

    /// The names in export `file` of `keys`, in order.
    pub(crate) fn names(&self, file: &str, keys: &[&str]) -> Vec<String> {
        let find = |k: &str, scoped: bool| {
            self.0.iter().rev().find(|(f, key, _)| {
                *key == k && if scoped { *f == Some(file) } else { f.is_none() }
            })
        };
        keys.iter()
            .map(|k| {
                find(k, true)
                    .or_else(|| find(k, false))
                    .map_or_else(|| (*k).to_owned(), |x| x.2.clone())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_overrides() {
        let f =
            Fields::new(&["text=正文".into(), " unit = 单位".into(), "messages.unit=部门".into()])
                .unwrap();
        assert_eq!(f.names("posts", &["text", "unit", "url"]), ["正文", "单位", "url"]);
        assert_eq!(f.names("messages", &["unit", "text"]), ["部门", "正文"]);
        assert!(Fields::new(&["replies.unit=x".into()]).unwrap_err().contains("unknown export"));
        assert!(Fields::new(&["body=x".into()]).unwrap_err().contains("unknown key `body`"));
        assert!(Fields::new(&["text".into()]).unwrap_err().contains("KEY=NAME"));
    }
}
