//! One access-log line per request on standard error, and the request metrics.

use super::Shared;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::net::SocketAddr;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Times the request, counts it by route and status, and logs it:
/// `2026-12-06T09:30:00Z 127.0.0.1:52344 POST /v1/check 200 3.1ms`.
pub(crate) async fn log(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    s.metrics.enter();
    let response = next.run(req).await;
    s.metrics.leave();
    let took = started.elapsed();
    let status = response.status().as_u16();
    s.metrics.request(route.as_deref().unwrap_or("unmatched"), status, took);
    if s.access_log {
        let peer = peer.map_or("-".to_owned(), |p| p.to_string());
        let ms = took.as_secs_f64() * 1e3;
        eprintln!("{} {peer} {method} {path} {status} {ms:.1}ms", timestamp(SystemTime::now()));
    }
    response
}

/// UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
fn timestamp(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let day = sanshen::Date::from_days_since_epoch((secs / 86_400) as i64);
    let s = secs % 86_400;
    format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_are_utc() {
        let t = UNIX_EPOCH + Duration::from_secs(1_780_000_000);
        assert_eq!(timestamp(t), "2026-05-28T20:26:40Z");
    }
}
