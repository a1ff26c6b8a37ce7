//! Checking and fixing the posts of a request, and the JSON answers, off the async threads.

use super::error::ApiError;
use super::metrics::Metrics;
use super::request::{date_of, CheckRequest, Selection};
use super::state::Current;
use sanshen::{Date, Finding, Linter, Markup, Record, Severity};
use serde::Serialize;

/// What the records name as their input: the request body.
const PATH: &str = "-";

/// One post, its date and options resolved.
#[derive(Debug)]
pub(crate) struct Job {
    pub(crate) text: String,
    pub(crate) id: Option<String>,
    /// Position in a batch (1-based); `None` for a single post.
    pub(crate) record: Option<usize>,
    pub(crate) date: Date,
    pub(crate) format: Markup,
    pub(crate) select: Selection,
    /// A reply: checked by the replies' linter, where abusive language is an error.
    pub(crate) reply: bool,
}

/// The posts of a request. Errors: both or neither of `text` and `posts`, too many posts, a
/// bad date or selector (naming the post).
pub(crate) fn jobs(req: CheckRequest, max_posts: usize, today: Date) -> Result<Vec<Job>, ApiError> {
    let default_date = date_of(req.date.as_deref(), today)?;
    let default_reply = req.is_reply().unwrap_or(false);
    let default_select = req.select.unwrap_or_default();
    default_select.validate()?;
    let default_format = req.format.unwrap_or_default();
    match (req.text, req.posts) {
        (Some(text), None) => Ok(vec![Job {
            text,
            id: req.id.map(|i| i.into_string()),
            record: None,
            date: default_date,
            format: default_format,
            select: default_select,
            reply: default_reply,
        }]),
        (None, Some(posts)) if posts.len() > max_posts => Err(ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_posts",
            format!("一次最多提交 {max_posts} 篇稿件，本次 {} 篇", posts.len()),
        )),
        (None, Some(posts)) => posts
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let at = |e: ApiError| {
                    let detail =
                        format!("posts[{i}]: {}", e.detail.as_deref().unwrap_or(&e.message));
                    e.detail(detail)
                };
                let reply = p.is_reply().unwrap_or(default_reply);
                let select = p.select.unwrap_or_else(|| default_select.clone());
                select.validate().map_err(at)?;
                Ok(Job {
                    text: p.text,
                    id: p.id.map(|i| i.into_string()),
                    record: Some(i + 1),
                    date: date_of(p.date.as_deref(), default_date).map_err(at)?,
                    format: p.format.unwrap_or(default_format),
                    select,
                    reply,
                })
            })
            .collect(),
        (Some(_), Some(_)) => Err(ApiError::bad_request(
            "ambiguous_body",
            "请求体只能包含 text（单篇）或 posts（批量）之一",
        )),
        (None, None) => Err(ApiError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "missing_text",
            "请求体缺少 text 或 posts 字段",
        )),
    }
}

/// The findings of a text read as `format`, spans into the text as sent.
fn findings_of(linter: &Linter, job: &Job) -> Vec<Finding> {
    linter.check_markup_as_of(&job.text, job.format, job.date)
}

/// Findings by severity.
#[derive(Debug, Default, Serialize)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
}

impl Counts {
    fn of<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            *match f.severity {
                Severity::Error => &mut c.error,
                Severity::Warning => &mut c.warning,
                Severity::Info => &mut c.info,
            } += 1;
        }
        c
    }
}

#[derive(Serialize)]
struct CheckAnswer<'a> {
    findings: Vec<Record<'a>>,
    counts: Counts,
    /// Nothing at or above sanshen.toml's `fail_on` was found.
    pass: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    posts: Option<Vec<PostSummary<'a>>>,
}

#[derive(Serialize)]
struct PostSummary<'a> {
    record: usize,
    id: Option<&'a str>,
    counts: Counts,
    pass: bool,
}

/// Checks every post; the answer as JSON.
pub(crate) fn check<'j>(current: &Current, jobs: &'j [Job], metrics: &Metrics) -> Vec<u8> {
    let checked: Vec<Vec<Finding>> = jobs
        .iter()
        .map(|job| {
            let found: Vec<Finding> = findings_of(current.linter_for(job), job)
                .into_iter()
                .filter(|f| job.select.keeps(f))
                .collect();
            metrics.post(found.iter().map(|f| f.family));
            found
        })
        .collect();
    let passes = |found: &[Finding]| found.iter().all(|f| f.severity < current.fail_on);
    let mut findings = Vec::new();
    for (job, found) in jobs.iter().zip(&checked) {
        findings.extend(records(&job.text, found, job));
    }
    let posts = jobs.first().and_then(|j| j.record).map(|_| {
        let summary = |(job, found): (&'j Job, &Vec<Finding>)| PostSummary {
            record: job.record.unwrap_or_default(),
            id: job.id.as_deref(),
            counts: Counts::of(found),
            pass: passes(found),
        };
        jobs.iter().zip(&checked).map(summary).collect()
    });
    let all = checked.iter().flatten();
    let counts = Counts::of(all.clone());
    let pass = all.clone().all(|f| f.severity < current.fail_on);
    let answer = CheckAnswer { findings, counts, pass, posts };
    super::json(&answer)
}

/// The records of a post's findings, carrying its id and batch position.
fn records<'a>(text: &str, found: &'a [Finding], job: &'a Job) -> Vec<Record<'a>> {
    let mut records = Record::all(PATH, text, found);
    for r in &mut records {
        r.record = job.record;
        r.id = job.id.as_deref();
    }
    records
}

#[derive(Serialize)]
struct FixAnswer<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    /// The text with every unambiguous fix applied.
    text: &'a str,
    changed: bool,
    /// What was fixed; offsets into the text as sent.
    applied: Vec<Record<'a>>,
    /// What is left for a person; offsets into the fixed text.
    remaining: Vec<Record<'a>>,
}

#[derive(Serialize)]
struct FixBatch<'a> {
    posts: Vec<FixAnswer<'a>>,
}

/// Fixes every post; the answer as JSON: one post's fix, or `{"posts": [...]}` for a batch.
pub(crate) fn fix(current: &Current, jobs: &[Job], metrics: &Metrics) -> Vec<u8> {
    let fixed: Vec<sanshen::Fixed> =
        jobs.iter().map(|job| fix_one(current.linter_for(job), job)).collect();
    for f in &fixed {
        metrics.post(f.applied.iter().chain(&f.remaining).map(|f| f.family));
    }
    let answers: Vec<FixAnswer<'_>> = jobs
        .iter()
        .zip(&fixed)
        .map(|(job, f)| FixAnswer {
            record: job.record,
            id: job.id.as_deref(),
            text: &f.text,
            changed: f.text != job.text,
            applied: records(&job.text, &f.applied, job),
            remaining: records(&f.text, &f.remaining, job),
        })
        .collect();
    match jobs.first().and_then(|j| j.record) {
        None => super::json(&answers[0]),
        Some(_) => super::json(&FixBatch { posts: answers }),
    }
}

/// A post with its unambiguous fixes applied: in rounds with every rule (as `sanshen check
/// --write` does), one round for a selection.
fn fix_one(linter: &Linter, job: &Job) -> sanshen::Fixed {
    let everything = job.select.only.is_none() && job.select.disable.is_empty();
    if everything && job.select.min_severity.is_none() {
        return linter.fix_markup_as_of(&job.text, job.format, job.date);
    }
    let found = findings_of(linter, job).into_iter().filter(|f| job.select.keeps(f)).collect();
    sanshen::apply_fixes(&job.text, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn current() -> Current {
        Current::new(Linter::new(), Severity::Warning)
    }

    fn run(json: &str, f: fn(&Current, &[Job], &Metrics) -> Vec<u8>) -> serde_json::Value {
        let req: CheckRequest = serde_json::from_str(json).unwrap();
        let jobs = jobs(req, 10, Date::new(2026, 1, 1).unwrap()).unwrap();
        serde_json::from_slice(&f(&current(), &jobs, &Metrics::default())).unwrap()
    }

    #[test]
    fn html_offsets_point_into_the_markup() {
        let v = run(r#"{"text": "<p>认真<b>布署</b></p>", "format": "html"}"#, check);
        let f = &v["findings"][0];
        assert_eq!((f["text"].as_str(), f["start_utf16"].as_u64()), (Some("布署"), Some(8)));
        assert_eq!(v["pass"], false);
    }

    #[test]
    fn batches_name_each_post() {
        let v = run(r#"{"posts": [{"text": "好"}, {"text": "认真布署", "id": 7}]}"#, check);
        assert_eq!(v["findings"][0]["record"], 2);
        assert_eq!(v["findings"][0]["id"], "7");
        assert_eq!(v["posts"][0]["pass"], true);
        assert_eq!(v["posts"][1]["counts"]["error"], 1);
    }

    #[test]
    fn replies_are_checked_by_the_replies_linter() {
        let body = r#"{"type": "评论", "posts": [{"text": "你懂个屁。"}, {"text": "你懂个屁。", "type": "post"}]}"#;
        let v = run(body, check);
        assert_eq!(v["findings"][0]["category"], "abuse");
        assert_eq!(v["findings"][0]["severity"], "error");
        assert_eq!(v["findings"][1]["severity"], "warning");
        let v = run(r#"{"text": "你懂个屁。", "reply": true}"#, fix);
        assert_eq!(v["remaining"][0]["severity"], "error");
    }

    #[test]
    fn fixes_say_what_changed() {
        let v = run(r#"{"text": "要再接再励，认真布署。"}"#, fix);
        assert_eq!(v["text"], "要再接再厉，认真部署。");
        assert_eq!(v["applied"].as_array().map(Vec::len), Some(2));
        let v = run(r#"{"text": "要再接再励，认真布署。", "select": {"disable": ["idiom"]}}"#, fix);
        assert_eq!(v["text"], "要再接再励，认真部署。");
    }

    #[test]
    fn bodies_need_text_or_posts_not_both() {
        let today = Date::new(2026, 1, 1).unwrap();
        let code = |json: &str| {
            let req: CheckRequest = serde_json::from_str(json).unwrap();
            jobs(req, 1, today).unwrap_err().code
        };
        assert_eq!(code(r#"{}"#), "missing_text");
        assert_eq!(code(r#"{"text": "a", "posts": []}"#), "ambiguous_body");
        assert_eq!(code(r#"{"posts": [{"text": "a"}, {"text": "b"}]}"#), "too_many_posts");
        assert_eq!(code(r#"{"posts": [{"text": "a", "date": "x"}]}"#), "invalid_date");
    }
}
