//! Limits on the way in: the bearer token, the number of requests at once, the time one may
//! take, and the threads checks run on.

use super::error::ApiError;
use super::Shared;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Refuses requests without the configured bearer token.
pub(crate) async fn authorize(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let Some(token) = &s.token else { return next.run(req).await };
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if given.is_some_and(|g| same(g.trim().as_bytes(), token.as_bytes())) {
        return next.run(req).await;
    }
    ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", "缺少或错误的访问令牌").into_response()
}

/// Compares without stopping at the first difference, so timing tells nothing about the token.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Admits a request if fewer than the limit are being served (else 503 with `Retry-After`),
/// and answers 503 if it takes longer than the timeout.
pub(crate) async fn admit(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let Ok(_permit) = s.admitted.clone().try_acquire_owned() else {
        s.metrics.rejected();
        return ApiError::unavailable("busy", "服务繁忙，请稍后重试", 1).into_response();
    };
    match tokio::time::timeout(s.limits.timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => {
            let message = "检查超时，请稍后重试或分批提交";
            ApiError::unavailable("timeout", message, 1).into_response()
        }
    }
}

/// Runs CPU-bound work on a blocking thread once one of the check slots is free. The slot is
/// held until the work ends, even when the request has timed out, so abandoned checks never
/// pile up beyond the number of slots. A panic is answered as an internal error.
pub(crate) async fn on_worker<T, F>(s: &Shared, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let slot =
        s.workers.clone().acquire_owned().await.map_err(|e| ApiError::internal(e.to_string()))?;
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        work()
    })
    .await
    .map_err(|e| ApiError::internal(format!("the check failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"secret", b"secret"));
        assert!(!same(b"secret", b"secreT"));
        assert!(!same(b"secret", b"secret2"));
        assert!(!same(b"", b"x"));
    }
}
