//! The linter for replies (JSON Lines posts whose type marks a reply): abusive language is an
//! error there. It is the posts' linter with that one severity changed, sharing everything
//! built, made when the first reply is met.

use sanshen::{Linter, LinterBuilder};

pub(crate) struct Replies {
    /// Whether the override applies: `None` when the configuration sets the severity itself,
    /// else whether the settings with it are valid (the category may not exist without the
    /// shipped dictionaries).
    over: Option<Result<(), String>>,
    linter: std::sync::OnceLock<Option<Linter>>,
}

impl Replies {
    /// The settings of `posts`, with abusive language an error unless `severity_set` (the
    /// configuration sets the category's severity itself).
    pub(crate) fn new(posts: &LinterBuilder, severity_set: bool) -> Replies {
        let over = (!severity_set).then(|| {
            let mut builder = posts.clone();
            builder.override_severity(sanshen::ABUSE_CATEGORY, sanshen::Severity::Error);
            builder.check_settings().map_err(|e| e.to_string())
        });
        Replies { over, linter: std::sync::OnceLock::new() }
    }

    /// The replies' linter, or `posts` (with a message, once) if it cannot be made.
    pub(crate) fn get<'a>(&'a self, posts: &'a Linter) -> &'a Linter {
        let made = self.linter.get_or_init(|| match &self.over {
            None => None,
            Some(Ok(())) => Some(posts.for_replies()),
            Some(Err(e)) => {
                eprintln!("sanshen: replies are checked as other posts: {e}");
                None
            }
        });
        made.as_ref().unwrap_or(posts)
    }
}
