//! Replies: posts that answer a citizen or a reporter, where abusive and contemptuous language
//! (the `abuse` category of the sensitive family) is an error rather than a warning.

use crate::{Linter, Severity};

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

/// Whether a post is a reply, from its fields: `field` gives the string value of the field
/// named (`None` when it is absent or not a string). The type is read from `type_field` when
/// the front was told which field holds it, else from every one of [`TYPE_FIELDS`]. This is
/// the one reading every front shares: a JSON Lines record for the command line, a request's
/// post for the HTTP service, a dictionary for Python.
///
/// ```
/// let post = [("text", "收到"), ("msg_type", "回复")];
/// let field = |name: &str| post.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
/// assert!(sanshen::is_reply(None, field));
/// assert!(!sanshen::is_reply(Some("kind"), field));
/// ```
pub fn is_reply<'a>(
    type_field: Option<&str>,
    mut field: impl FnMut(&str) -> Option<&'a str>,
) -> bool {
    let usual = TYPE_FIELDS.iter().copied().filter(|_| type_field.is_none());
    type_field.into_iter().chain(usual).filter_map(&mut field).any(is_reply_type)
}

impl Linter {
    /// The linter for replies: this one with abusive language ([`ABUSE_CATEGORY`]) an error,
    /// sharing everything built ([`Linter::with_severity`]). When the settings already give
    /// the category a severity of their own (a `sanshen.toml`'s `[severity]`), they are kept
    /// and this is the same linter.
    ///
    /// ```
    /// use sanshen::{Linter, Severity};
    /// let replies = Linter::new().for_replies();
    /// assert_eq!(replies.check("你懂个屁。")[0].severity, Severity::Error);
    /// ```
    pub fn for_replies(&self) -> Linter {
        if self.settings.severities.contains_key(ABUSE_CATEGORY) {
            return self.clone();
        }
        self.with_severity(ABUSE_CATEGORY, Severity::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Family, LinterBuilder};

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
    fn replies_are_read_from_the_named_field_or_the_usual_ones() {
        let post = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
        };
        assert!(is_reply(None, post(&[("type", "reply")])));
        assert!(is_reply(None, post(&[("类型", "评论")])));
        assert!(!is_reply(None, post(&[("type", "article"), ("channel", "reply")])));
        assert!(is_reply(Some("channel"), post(&[("channel", "reply")])));
        // A named field replaces the usual ones rather than adding to them.
        assert!(!is_reply(Some("channel"), post(&[("type", "reply")])));
    }

    #[test]
    fn the_replies_linter_keeps_a_severity_the_settings_chose() {
        let text = "你懂个屁。";
        let replies = Linter::new().for_replies();
        assert_eq!(replies.check(text)[0].severity, Severity::Error);
        let mut b = LinterBuilder::new();
        b.override_severity(ABUSE_CATEGORY, Severity::Info);
        let chosen = b.build().expect("builds").for_replies();
        assert_eq!(chosen.check(text)[0].severity, Severity::Info);
        // The posts' linter is left as it was.
        assert_eq!(Linter::new().check(text)[0].severity, Severity::Warning);
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
