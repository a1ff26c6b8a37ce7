//! The endpoints.

use super::error::{self, ApiError};
use super::limits::on_worker;
use super::request::{beijing_today, CheckRequest};
use super::{review, rules, Shared};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// `POST /v1/check`: the findings of one post or a batch.
pub(crate) async fn check(
    State(s): State<Shared>,
    body: Result<Json<CheckRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    answer(s, body, review::check).await
}

/// `POST /v1/fix`: the text with unambiguous fixes applied, what was fixed, what is left.
pub(crate) async fn fix(
    State(s): State<Shared>,
    body: Result<Json<CheckRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    answer(s, body, review::fix).await
}

type Work = fn(&super::state::Current, &[review::Job], &super::metrics::Metrics) -> Vec<u8>;

async fn answer(
    s: Shared,
    body: Result<Json<CheckRequest>, JsonRejection>,
    work: Work,
) -> Result<Response, ApiError> {
    let Json(req) = body.map_err(|e| error::from_rejection(&e))?;
    let jobs = review::jobs(req, s.limits.max_posts, beijing_today())?;
    let current = s.current();
    let shared = s.clone();
    let json = on_worker(&s, move || work(&current, &jobs, &shared.metrics)).await?;
    Ok(json_response(StatusCode::OK, json))
}

/// `GET /v1/rules`: families and rule ids, for selections.
pub(crate) async fn rules() -> Response {
    json_response(StatusCode::OK, super::json(&rules::listing()))
}

/// `POST /v1/reload`: reads sanshen.toml and the dictionaries again; on error the old
/// linter keeps serving and the answer says why.
pub(crate) async fn reload(State(s): State<Shared>) -> Result<Response, ApiError> {
    match s.reload().await {
        Ok(entries) => {
            eprintln!("sanshen serve: reloaded, {entries} dictionary entries");
            let body = serde_json::json!({ "reloaded": true, "entries": entries });
            Ok(json_response(StatusCode::OK, super::json(&body)))
        }
        Err(e) => {
            eprintln!("sanshen serve: reload failed, keeping the previous dictionaries: {e}");
            let message = "新的配置或词典有误，继续使用原词典";
            Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "reload_failed", message).detail(e))
        }
    }
}

/// `GET /healthz`: the process answers.
pub(crate) async fn healthz() -> Response {
    json_response(StatusCode::OK, br#"{"status":"ok"}"#.to_vec())
}

/// `GET /readyz`: ready for checks, unless shutting down.
pub(crate) async fn readyz(State(s): State<Shared>) -> Response {
    if s.is_draining() {
        return ApiError::unavailable("shutting_down", "服务正在停止", 5).into_response();
    }
    let entries = s.current().linter.entry_count();
    let body = serde_json::json!({ "status": "ready", "entries": entries });
    json_response(StatusCode::OK, super::json(&body))
}

/// `GET /metrics`: Prometheus text format.
pub(crate) async fn metrics(State(s): State<Shared>) -> Response {
    let content_type = "text/plain; version=0.0.4; charset=utf-8";
    ([(header::CONTENT_TYPE, content_type)], s.metrics.render()).into_response()
}

/// Any other path.
pub(crate) async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "没有这个接口")
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}
