//! sanshen (三审) in the browser: a [`Checker`] holding the linter, answering with the library's
//! JSON record ([`sanshen::Record`]) so web editors get the same fields as the command line
//! and the HTTP service, UTF-16 offsets included for JavaScript strings.
//!
//! The browser has no clock the library may read: the day a text is checked as of comes from
//! JavaScript (`options.date`, `YYYY-MM-DD`). The package's `sanshen.js` wraps these exports
//! with typed `check(text, options)` and `fix(text, options)` (see `sanshen.d.ts`).
//! `options.reply` marks a reply to a citizen, where abusive language is an error, as in the
//! command line's JSON Lines and the HTTP service.

#![forbid(unsafe_code)]

mod prebuilt;

use sanshen::{Date, Linter, Markup, Record};
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// The shipped linter, built once.
#[wasm_bindgen]
pub struct Checker {
    linter: Linter,
    /// The replies' linter ([`Linter::for_replies`]), made at the first reply.
    replies: OnceCell<Linter>,
}

/// What a call may say besides the text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    /// The day to check as of, `YYYY-MM-DD`.
    date: String,
    /// `plain` (default), `html` or `markdown`.
    #[serde(default)]
    format: Markup,
    /// Whether the text is a reply to a citizen (abusive language is then an error).
    #[serde(default)]
    reply: bool,
}

#[derive(Serialize)]
struct FixAnswer<'a> {
    text: &'a str,
    applied: Vec<Record<'a>>,
    remaining: Vec<Record<'a>>,
}

#[wasm_bindgen]
impl Checker {
    /// Builds the linter from the embedded dictionaries, reading the pattern automaton built
    /// with the package rather than constructing it.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Checker, JsError> {
        let linter = Linter::builder().automaton_store(Arc::new(prebuilt::Prebuilt)).build()?;
        Ok(Checker { linter, replies: OnceCell::new() })
    }

    /// The findings of `text` as a JSON array of records; `options` is JSON
    /// (`{"date": "2026-12-06", "format": "plain", "reply": false}`).
    pub fn check(&self, text: &str, options: &str) -> Result<String, JsError> {
        let options = parse(options).map_err(|e| JsError::new(&e))?;
        check_json(self.linter_for(&options), text, &options).map_err(|e| JsError::new(&e))
    }

    /// `text` with its unambiguous fixes applied, as JSON: `{"text", "applied", "remaining"}`
    /// (`applied` in offsets of `text`, `remaining` in offsets of the fixed text).
    pub fn fix(&self, text: &str, options: &str) -> Result<String, JsError> {
        let options = parse(options).map_err(|e| JsError::new(&e))?;
        fix_json(self.linter_for(&options), text, &options).map_err(|e| JsError::new(&e))
    }

    /// The posts' linter, or the replies' one when the options mark a reply.
    fn linter_for(&self, options: &Parsed) -> &Linter {
        if options.reply {
            self.replies.get_or_init(|| self.linter.for_replies())
        } else {
            &self.linter
        }
    }

    /// Number of dictionary entries in use.
    #[wasm_bindgen(js_name = entryCount)]
    pub fn entry_count(&self) -> usize {
        self.linter.entry_count()
    }
}

/// Whether the linter had to construct its pattern automaton at load because the one built
/// with the package did not fit (a check for tests; `false` in a sound package).
#[wasm_bindgen(js_name = automatonBuiltAtLoad)]
pub fn automaton_built_at_load() -> bool {
    prebuilt::built_at_load()
}

/// Whether the statistical typo model (rule `typo/model`) runs here: `false`, since the
/// package leaves the model's tables out to stay small (the command line, the service and the
/// Python binding run it by default). Dictionary typos are found as everywhere else.
#[wasm_bindgen(js_name = modelIncluded)]
pub fn model_included() -> bool {
    sanshen::LinterBuilder::new().model_in_use()
}

/// The options of a call, read and checked.
struct Parsed {
    date: Date,
    format: Markup,
    reply: bool,
}

fn check_json(linter: &Linter, text: &str, options: &Parsed) -> Result<String, String> {
    let findings = linter.check_markup_as_of(text, options.format, options.date);
    serde_json::to_string(&Record::all("-", text, &findings)).map_err(|e| e.to_string())
}

fn fix_json(linter: &Linter, text: &str, options: &Parsed) -> Result<String, String> {
    let fixed = linter.fix_markup_as_of(text, options.format, options.date);
    let answer = FixAnswer {
        text: &fixed.text,
        applied: Record::all("-", text, &fixed.applied),
        remaining: Record::all("-", &fixed.text, &fixed.remaining),
    };
    serde_json::to_string(&answer).map_err(|e| e.to_string())
}

fn parse(options: &str) -> Result<Parsed, String> {
    let o: Options = serde_json::from_str(options).map_err(|e| format!("options: {e}"))?;
    let date = o.date.get(..10).and_then(|d| d.parse().ok());
    let date = date.ok_or_else(|| format!("options.date is not YYYY-MM-DD: {}", o.date))?;
    Ok(Parsed { date, format: o.format, reply: o.reply })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_json(linter: &Linter, text: &str, options: &str) -> Result<String, String> {
        super::check_json(linter, text, &parse(options)?)
    }

    fn fix_json(linter: &Linter, text: &str, options: &str) -> Result<String, String> {
        super::fix_json(linter, text, &parse(options)?)
    }

    fn severities(checker: &Checker, text: &str, options: &str) -> Vec<String> {
        let options = parse(options).unwrap();
        let json = super::check_json(checker.linter_for(&options), text, &options).unwrap();
        let v: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        v.iter().map(|f| f["severity"].as_str().unwrap().to_owned()).collect()
    }

    #[test]
    fn the_package_says_it_leaves_the_model_out() {
        assert!(!model_included());
        let checker = Checker::new().unwrap();
        // A slip only the model would see is not reported; a dictionary typo still is.
        let json = check_json(
            &checker.linter,
            "持续优化营商环竟。要认真布署。",
            r#"{"date": "2026-12-06"}"#,
        )
        .unwrap();
        assert!(!json.contains("typo/model") && json.contains("布署"), "{json}");
    }

    #[test]
    fn replies_report_abuse_as_errors() {
        let checker = Checker::new().unwrap();
        let text = "你懂个屁，别瞎说。";
        assert_eq!(severities(&checker, text, r#"{"date": "2026-12-06"}"#), ["warning"]);
        let reply = r#"{"date": "2026-12-06", "reply": true}"#;
        assert_eq!(severities(&checker, text, reply), ["error"]);
        let post = r#"{"date": "2026-12-06", "reply": false}"#;
        assert_eq!(severities(&checker, text, post), ["warning"]);
    }

    #[test]
    fn checks_answer_records_with_utf16_offsets() {
        let linter = Linter::new();
        let json = check_json(&linter, "🇨🇳认真布署", r#"{"date": "2026-12-06"}"#).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!((v[0]["start_utf16"].as_u64(), v[0]["end_utf16"].as_u64()), (Some(6), Some(8)));
        assert_eq!(v[0]["rule"], "typo/dictionary");
    }

    #[test]
    fn html_and_fixes() {
        let linter = Linter::new();
        let options = r#"{"date": "2026-12-06", "format": "html"}"#;
        let v: serde_json::Value =
            serde_json::from_str(&check_json(&linter, "<p>认真布署</p>", options).unwrap())
                .unwrap();
        assert_eq!(v[0]["start"], 9);
        let fixed = fix_json(&linter, "要再接再励", r#"{"date": "2026-12-06"}"#).unwrap();
        let v: serde_json::Value = serde_json::from_str(&fixed).unwrap();
        assert_eq!(v["text"], "要再接再厉");
    }

    #[test]
    fn options_need_a_date() {
        let linter = Linter::new();
        let err = check_json(&linter, "x", r#"{"date": "today"}"#).unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        let err = check_json(&linter, "x", r#"{"format": "html"}"#).unwrap_err();
        assert!(err.contains("date"), "{err}");
    }
}
