//! What every request shares: the current linter (swapped whole on reload), the limits, the
//! metrics.

use super::metrics::Metrics;
use super::options::ServeArgs;
use crate::config;
use arc_swap::ArcSwap;
use sanshen::{Linter, LinterBuilder, Severity};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The linter and the settings that come with it from sanshen.toml.
#[derive(Debug)]
pub(crate) struct Current {
    pub(crate) linter: Linter,
    /// The linter for replies: the same with abusive language an error
    /// ([`Linter::for_replies`]), sharing everything built.
    replies: Linter,
    /// A post passes when nothing at or above this severity is found.
    pub(crate) fail_on: Severity,
}

impl Current {
    pub(crate) fn new(linter: Linter, fail_on: Severity) -> Current {
        Current { replies: linter.for_replies(), linter, fail_on }
    }

    /// The linter for a post: the replies' one for a reply.
    pub(crate) fn linter_for(&self, job: &super::review::Job) -> &Linter {
        if job.reply {
            &self.replies
        } else {
            &self.linter
        }
    }
}

/// Where the linter's settings come from, read again on every reload.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// The configuration file found at start (`--config` or the nearest sanshen.toml).
    pub(crate) config: Option<PathBuf>,
    /// `--dict` files, loaded on top of the configuration's.
    pub(crate) dicts: Vec<PathBuf>,
    /// `--no-model`: the statistical model off, whatever the configuration says.
    pub(crate) no_model: bool,
}

impl Source {
    /// Finds the configuration as the command line does: `--config`, else the nearest
    /// sanshen.toml, none with `--no-config`.
    pub(crate) fn find(args: &ServeArgs) -> Source {
        let cwd = std::env::current_dir().unwrap_or_default();
        let config = config::chosen(&args.configuration, &cwd);
        Source { config, dicts: args.configuration.dicts.clone(), no_model: args.no_model }
    }

    /// Reads the configuration and the dictionaries and builds a linter.
    pub(crate) fn build(&self) -> Result<Current, String> {
        let loaded = match &self.config {
            Some(path) => config::load(path).map_err(|e| e.to_string())?,
            None => config::Loaded::default(),
        };
        let mut b = LinterBuilder::new();
        loaded.config.apply(&mut b, &loaded.root).map_err(|e| e.to_string())?;
        b.check_settings().map_err(|e| match &loaded.path {
            Some(path) => format!("{}: {e}", path.display()),
            None => e.to_string(),
        })?;
        for path in &self.dicts {
            b.add_dictionary_file(path).map_err(|e| e.to_string())?;
        }
        if self.no_model {
            b.model(false);
        }
        let linter = b.build().map_err(|e| e.to_string())?;
        Ok(Current::new(linter, loaded.config.fail_on.unwrap_or(Severity::Warning)))
    }
}

/// Limits on what one request may ask.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) max_body: usize,
    pub(crate) max_posts: usize,
    pub(crate) timeout: Duration,
}

/// The service's shared state.
#[derive(Debug)]
pub(crate) struct AppState {
    current: ArcSwap<Current>,
    source: Source,
    pub(crate) limits: Limits,
    pub(crate) metrics: Metrics,
    pub(crate) token: Option<String>,
    /// Requests admitted at once; beyond it, 503.
    pub(crate) admitted: Arc<tokio::sync::Semaphore>,
    /// Checks running at once on the blocking threads (the number of cores by default).
    pub(crate) workers: Arc<tokio::sync::Semaphore>,
    /// One reload at a time.
    reloading: tokio::sync::Mutex<()>,
    draining: AtomicBool,
    pub(crate) access_log: bool,
}

impl AppState {
    pub(crate) fn new(args: &ServeArgs, source: Source, current: Current) -> AppState {
        AppState {
            current: ArcSwap::from_pointee(current),
            source,
            limits: Limits {
                max_body: args.max_body,
                max_posts: args.max_posts,
                timeout: Duration::from_millis(args.timeout_ms),
            },
            metrics: Metrics::default(),
            token: None,
            admitted: Arc::new(tokio::sync::Semaphore::new(args.max_concurrent.max(1))),
            workers: Arc::new(tokio::sync::Semaphore::new(args.workers().max(1))),
            reloading: tokio::sync::Mutex::new(()),
            draining: AtomicBool::new(false),
            access_log: !args.no_access_log,
        }
    }

    /// The linter in force now; a reload never changes the one a request already holds.
    pub(crate) fn current(&self) -> Arc<Current> {
        self.current.load_full()
    }

    /// Builds a new linter from the configuration and swaps it in; on error the old one stays.
    /// Returns the number of dictionary entries in use.
    pub(crate) async fn reload(&self) -> Result<usize, String> {
        let _one = self.reloading.lock().await;
        let source = self.source.clone();
        let built = tokio::task::spawn_blocking(move || source.build())
            .await
            .map_err(|e| format!("reload failed: {e}"))
            .and_then(|r| r);
        self.metrics.reload(built.is_ok());
        let current = built?;
        let entries = current.linter.entry_count();
        self.current.store(Arc::new(current));
        Ok(entries)
    }

    pub(crate) fn start_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    pub(crate) fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }
}
