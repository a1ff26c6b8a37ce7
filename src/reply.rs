//! Replies: posts that answer a citizen or a reporter, where abusive and contemptuous language
//! (the `abuse` category of the sensitive family) is an error rather than a warning.

/// The sensitive category of insults, contemptuous and discriminatory labels (刁民, 你懂个屁).
/// Its entries are warnings by default; a front checking a reply raises them to errors with
/// [`LinterBuilder::override_severity`](crate::LinterBuilder::override_severity).
pub const ABUSE_CATEGORY: &str = "abuse";

/// Post types, as exports of comment systems and new-media platforms write them, that mark a
/// post as a reply.
pub const REPLY_TYPES: &[&str] = &["reply", "comment", "回复", "评论", "答复", "留言回复"];

/// Names of the field that holds a post's type in common exports of posts and comments,
/// looked at when a front is not told which field it is. A post is a reply when any of them
/// holds a [reply type](is_reply_type).
pub const TYPE_FIELDS: &[&str] =
    &["type", "kind", "msg_type", "message_type", "post_type", "content_type", "类型"];

/// Whether a post's type (the value of its type field) marks it as a reply; letter case and
/// surrounding white space are ignored.
///
/// ```
/// assert!(sanshen::is_reply_type("Reply"));
/// assert!(sanshen::is_reply_type(" 回复 "));
/// assert!(!sanshen::is_reply_type("article"));
/// ```
pub fn is_reply_type(value: &str) -> bool {
    let value = value.trim();
    REPLY_TYPES.iter().any(|t| t.eq_ignore_ascii_case(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Family, LinterBuilder, Severity};

    #[test]
    fn abuse_is_a_warning_and_an_error_when_raised_for_replies() {
        let text = "你懂个屁，别瞎说。";
        let plain = LinterBuilder::new().build().expect("builds").check(text);
        let abuse: Vec<_> = plain.iter().filter(|f| f.family == Family::Sensitive).collect();
        assert_eq!(abuse.len(), 1);
        assert_eq!(abuse[0].category.as_deref(), Some(ABUSE_CATEGORY));
        assert_eq!(abuse[0].severity, Severity::Warning);
        let mut b = LinterBuilder::new();
        b.override_severity(ABUSE_CATEGORY, Severity::Error);
        let raised = b.build().expect("builds").check(text);
        assert_eq!(raised[0].severity, Severity::Error);
    }

    #[test]
    fn only_reply_types_are_replies() {
        for t in ["reply", "COMMENT", "评论", "答复"] {
            assert!(is_reply_type(t), "{t}");
        }
        for t in ["", "post", "article", "回复率", "news"] {
            assert!(!is_reply_type(t), "{t}");
        }
    }
}
