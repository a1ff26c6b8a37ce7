//! What clients send: one post or a batch, with the date, markup and rule selection of each.

use super::error::ApiError;
use super::rules;
use sanshen::{Date, Finding, Markup, Severity};
use serde::Deserialize;
use serde_json::Value;

/// Declares a post's struct with, after its own fields, whether it is a reply: `reply`, and
/// the type fields the command line reads in JSON Lines ([`sanshen::TYPE_FIELDS`]), so that a
/// CMS can send its posts' records as they are. Listed once here for both structs, since serde
/// cannot flatten them into a struct that refuses unknown fields.
macro_rules! post_with_type {
    ($(#[$meta:meta])* pub(crate) struct $name:ident { $($field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        pub(crate) struct $name {
            $(pub(crate) $field: $ty,)*
            /// Whether the post is a reply, said outright; wins over its type.
            pub(crate) reply: Option<bool>,
            #[serde(rename = "type")]
            type_: Option<Value>,
            kind: Option<Value>,
            msg_type: Option<Value>,
            message_type: Option<Value>,
            post_type: Option<Value>,
            content_type: Option<Value>,
            #[serde(rename = "类型")]
            type_zh: Option<Value>,
        }

        impl $name {
            /// The string value of a type field, by its name in the request.
            fn type_field(&self, name: &str) -> Option<&str> {
                let value = match name {
                    "type" => &self.type_,
                    "kind" => &self.kind,
                    "msg_type" => &self.msg_type,
                    "message_type" => &self.message_type,
                    "post_type" => &self.post_type,
                    "content_type" => &self.content_type,
                    "类型" => &self.type_zh,
                    _ => return None,
                };
                value.as_ref().and_then(Value::as_str)
            }

            /// Whether the post says it is a reply (`reply`, else a type field, read as
            /// [`sanshen::is_reply`] reads it); `None` when it says nothing either way.
            pub(crate) fn is_reply(&self) -> Option<bool> {
                let typed = sanshen::TYPE_FIELDS.iter().any(|f| self.type_field(f).is_some());
                let by_type = typed.then(|| sanshen::is_reply(None, |f| self.type_field(f)));
                self.reply.or(by_type)
            }
        }
    };
}

post_with_type! {
    /// The body of `POST /v1/check` and `POST /v1/fix`: one post (`text`) or a batch
    /// (`posts`). `date`, `format`, `select` and the type given beside `posts` apply to the
    /// posts that have none.
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct CheckRequest {
        text: Option<String>,
        id: Option<Id>,
        date: Option<String>,
        format: Option<Markup>,
        select: Option<Selection>,
        posts: Option<Vec<Post>>,
    }
}

post_with_type! {
    /// One post of a batch.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct Post {
        text: String,
        id: Option<Id>,
        date: Option<String>,
        format: Option<Markup>,
        select: Option<Selection>,
    }
}

/// A post's id as the client's system keeps it: a string or a number.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Id {
    Text(String),
    Number(serde_json::Number),
}

impl Id {
    pub(crate) fn into_string(self) -> String {
        match self {
            Id::Text(s) => s,
            Id::Number(n) => n.to_string(),
        }
    }
}

/// Which findings a request wants. A selector is a family (`typo`), a rule id
/// (`format/date`) or a category (`advertising`), as in sanshen.toml's `[severity]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Selection {
    /// Only findings matching one of these (all when absent).
    pub(crate) only: Option<Vec<String>>,
    /// Never findings matching one of these.
    #[serde(default)]
    pub(crate) disable: Vec<String>,
    /// Only findings at or above this severity.
    pub(crate) min_severity: Option<Severity>,
}

impl Selection {
    /// Refuses selectors that look like a family or rule id but name none.
    pub(crate) fn validate(&self) -> Result<(), ApiError> {
        let all = self.only.iter().flatten().chain(&self.disable);
        match all.into_iter().find(|s| !rules::is_known_selector(s)) {
            Some(s) => Err(ApiError::bad_request("unknown_selector", format!("未知的规则：{s}"))
                .detail(format!("`{s}` is neither a family, a rule id nor a category name"))),
            None => Ok(()),
        }
    }

    /// Whether a finding is wanted.
    pub(crate) fn keeps(&self, f: &Finding) -> bool {
        let matches = |s: &String| selects(s, f);
        self.only.as_ref().is_none_or(|only| only.iter().any(matches))
            && !self.disable.iter().any(matches)
            && self.min_severity.is_none_or(|min| f.severity >= min)
    }
}

fn selects(selector: &str, f: &Finding) -> bool {
    rules::selects(selector, f)
}

/// A post's date (`YYYY-MM-DD`, anything after the tenth character ignored, as with the
/// command line's `--date-field`), or `today` when it has none.
pub(crate) fn date_of(date: Option<&str>, today: Date) -> Result<Date, ApiError> {
    let Some(s) = date else { return Ok(today) };
    s.get(..10).and_then(|d| d.parse().ok()).ok_or_else(|| {
        ApiError::bad_request("invalid_date", format!("日期格式应为 YYYY-MM-DD：{s}"))
    })
}

/// Today in Beijing (UTC+8): the day a post without a date is published on.
pub(crate) fn beijing_today() -> Date {
    Date::today()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selections_match_families_rules_and_categories() {
        let linter = sanshen::Linter::new();
        let findings = linter.check("各单位要认真布署，国办秘函[2019]19号。");
        let kept = |json: &str| -> Vec<String> {
            let s: Selection = serde_json::from_str(json).unwrap();
            findings.iter().filter(|f| s.keeps(f)).map(|f| f.rule.clone()).collect()
        };
        assert!(kept("{}").len() >= 2, "{findings:?}");
        assert_eq!(kept(r#"{"only": ["typo"]}"#), ["typo/dictionary"]);
        assert!(!kept(r#"{"disable": ["typo/dictionary"]}"#).contains(&"typo/dictionary".into()));
        assert!(kept(r#"{"only": ["format/document-number"]}"#).len() == 1);
    }

    #[test]
    fn dates_take_the_first_ten_characters() {
        let today = Date::new(2026, 1, 1).unwrap();
        assert_eq!(date_of(None, today).unwrap(), today);
        let d = date_of(Some("2024-03-05T08:00:00+08:00"), today).unwrap();
        assert_eq!(d, Date::new(2024, 3, 5).unwrap());
        assert_eq!(date_of(Some("2024-3-5"), today).unwrap_err().code, "invalid_date");
    }

    #[test]
    fn every_type_field_of_the_command_line_marks_a_reply() {
        for field in sanshen::TYPE_FIELDS {
            let json = serde_json::json!({"text": "x", *field: "回复"}).to_string();
            let r: CheckRequest = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(r.is_reply(), Some(true), "{field}");
            let json = serde_json::json!({"posts": [{"text": "x", *field: "article"}]});
            let r: CheckRequest = serde_json::from_value(json).unwrap();
            assert_eq!(r.posts.unwrap()[0].is_reply(), Some(false), "{field}");
        }
    }

    #[test]
    fn reply_is_said_outright_or_by_type_or_not_at_all() {
        let reply = |json: &str| serde_json::from_str::<CheckRequest>(json).unwrap().is_reply();
        assert_eq!(reply(r#"{"text": "x"}"#), None);
        assert_eq!(reply(r#"{"text": "x", "type": 3}"#), None);
        assert_eq!(reply(r#"{"text": "x", "reply": true}"#), Some(true));
        assert_eq!(reply(r#"{"text": "x", "type": "comment", "reply": false}"#), Some(false));
        assert!(serde_json::from_str::<CheckRequest>(r#"{"text": "x", "typ": "reply"}"#).is_err());
    }

    #[test]
    fn ids_keep_numbers_as_written() {
        let r: CheckRequest = serde_json::from_str(r#"{"text": "x", "id": 42}"#).unwrap();
        assert_eq!(r.id.unwrap().into_string(), "42");
    }
}
