//! `sanshen serve`'s command-line options.

use std::net::SocketAddr;
use std::path::PathBuf;

/// The environment variable that may hold the bearer token instead of `--token-file`.
pub(crate) const TOKEN_ENV: &str = "SANSHEN_TOKEN";

#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Address and port to listen on. Anything but a loopback address should go with a token.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8600")]
    pub(crate) listen: SocketAddr,

    /// The configuration and dictionaries, read again on every reload.
    #[command(flatten)]
    pub(crate) configuration: crate::args::ConfigArgs,

    /// Do not run the statistical model (rule `typo/model`), whatever sanshen.toml says; by
    /// default it runs unless the configuration has `model = false`.
    #[arg(long)]
    pub(crate) no_model: bool,

    /// Require `Authorization: Bearer TOKEN` on /v1/ with the token in this file (the
    /// SANSHEN_TOKEN environment variable also sets it).
    #[arg(long, value_name = "PATH")]
    pub(crate) token_file: Option<PathBuf>,

    /// Largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 4 << 20)]
    pub(crate) max_body: usize,

    /// Most posts in one batch.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub(crate) max_posts: usize,

    /// Time one request may take, in milliseconds, before it is answered with 503.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub(crate) timeout_ms: u64,

    /// Requests served at once; more are answered with 503 and Retry-After.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub(crate) max_concurrent: usize,

    /// Checks running at once [default: the number of cores].
    #[arg(long, value_name = "N")]
    pub(crate) check_threads: Option<usize>,

    /// Seconds to let in-flight requests finish after SIGTERM before exiting anyway.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub(crate) grace_secs: u64,

    /// Do not write a line per request to standard error.
    #[arg(long)]
    pub(crate) no_access_log: bool,
}

impl ServeArgs {
    pub(crate) fn workers(&self) -> usize {
        self.check_threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
        })
    }

    /// The bearer token, if one is configured: the file's content without surrounding
    /// whitespace, or the environment variable.
    pub(crate) fn token(&self) -> Result<Option<String>, String> {
        let token = match &self.token_file {
            Some(path) => std::fs::read_to_string(path)
                .map_err(|e| format!("{}: cannot read: {e}", path.display()))?,
            None => std::env::var(TOKEN_ENV).unwrap_or_default(),
        };
        let token = token.trim();
        match (token.is_empty(), &self.token_file) {
            (true, Some(path)) => Err(format!("{}: the token file is empty", path.display())),
            (true, None) => Ok(None),
            (false, _) => Ok(Some(token.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::args::{Cli, Command};
    use clap::Parser;

    fn parse(args: &[&str]) -> super::ServeArgs {
        match Cli::try_parse_from(["sanshen", "serve"].iter().chain(args)) {
            Ok(Cli { command: Command::Serve(args) }) => *args,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn binds_to_loopback_port_8600_by_default() {
        let args = parse(&[]);
        assert_eq!(args.listen.to_string(), "127.0.0.1:8600");
        assert!(args.listen.ip().is_loopback());
        assert_eq!(parse(&["--listen", "0.0.0.0:9000"]).listen.port(), 9000);
    }
}
