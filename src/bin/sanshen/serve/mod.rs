//! `sanshen serve`: checks over HTTP/1.1 and JSON for the pre-publish hooks of publishing
//! systems. Every answer speaks the library's JSON record ([`sanshen::Record`]).
//!
//! The linter sits in an [`arc_swap::ArcSwap`]: a request takes the one in force when it
//! starts, and a reload (SIGHUP or `POST /v1/reload`) builds a new one on the side and swaps
//! it in, so no request waits or fails for it. Checks run on blocking threads, as many at once
//! as there are cores; requests beyond `--max-concurrent` are answered 503 at once.

mod access;
mod error;
mod limits;
mod metrics;
pub(crate) mod options;
mod request;
mod review;
mod rules;
mod signals;
mod state;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use options::ServeArgs;
use state::{AppState, Source};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

type Shared = Arc<AppState>;

/// Runs the service until SIGTERM or SIGINT. Exit code 0 after a graceful stop, 2 when it
/// cannot start (bad configuration or dictionary, address in use).
pub(crate) fn run(args: &ServeArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => return fail(&format!("cannot start: {e}")),
    };
    match runtime.block_on(serve(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("sanshen serve: {message}");
    ExitCode::from(2)
}

async fn serve(args: &ServeArgs) -> Result<(), String> {
    let source = Source::find(args);
    let current = source.build()?;
    let mut state = AppState::new(args, source, current);
    state.token = args.token()?;
    if state.token.is_none() && !args.listen.ip().is_loopback() {
        eprintln!("sanshen serve: warning: listening on {} without a token", args.listen);
    }
    let state: Shared = Arc::new(state);
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    eprintln!("sanshen serve: listening on http://{local}");
    let stop = signals::watch(state.clone());
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let server = axum::serve(listener, app).with_graceful_shutdown(stop.requested());
    let grace = std::time::Duration::from_secs(args.grace_secs);
    tokio::select! {
        served = server => served.map_err(|e| e.to_string())?,
        () = stop.expired(grace) => eprintln!("sanshen serve: in-flight requests cut off after {grace:?}"),
    }
    eprintln!("sanshen serve: stopped");
    Ok(())
}

/// Every route with its limits. `/v1/` needs the token when one is set and counts against
/// the concurrency limit and timeout; the probes and metrics do neither.
fn router(state: Shared) -> Router {
    let v1 = Router::new()
        .route("/v1/check", post(routes::check))
        .route("/v1/fix", post(routes::fix))
        .route("/v1/rules", get(routes::rules))
        .route("/v1/reload", post(routes::reload))
        .layer(axum::middleware::from_fn_with_state(state.clone(), limits::admit))
        .layer(axum::middleware::from_fn_with_state(state.clone(), limits::authorize))
        .layer(DefaultBodyLimit::max(state.limits.max_body));
    Router::new()
        .merge(v1)
        .route("/healthz", get(routes::healthz))
        .route("/readyz", get(routes::readyz))
        .route("/metrics", get(routes::metrics))
        .fallback(routes::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), access::log))
        .with_state(state)
}

/// A value as JSON bytes. Serialising the service's own types cannot fail; if it ever did,
/// the answer would be an empty object rather than a panic.
fn json(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec())
}

mod routes;
