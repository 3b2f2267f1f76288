//! The consultation response collector behind `csplan collect`: a small HTTP server that
//! takes a participant's response as JSON, checks it against the consultation it was
//! started with ([`check::accept`], the same check `csplan responses summarise --scenario`
//! makes), stores it in SQLite ([`store`]) and answers `201` with a receipt only once the
//! row is committed.
//!
//! Routes:
//! - `POST /consultations/{id}/responses`: a response (`application/json`). Answers `201
//!   {"receipt", "received"}`, or a 4xx with `{"error", "problems"?}`: `400` not JSON,
//!   `403` another site's page or not open yet, `404` another consultation, `410` closed,
//!   `413` too big, `415` not JSON content, `422` not a valid response (each problem
//!   names its field), `429` too many from one client (with `Retry-After`). Nothing is
//!   stored unless the answer is `201`.
//! - `GET /`: which consultation this collector takes, and whether it is open.
//!
//! What is stored is the checked response (its balance recalculated) and the time it
//! arrived: no address, browser or other detail of the participant. Client addresses are
//! held in memory only, for the rate limit.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use csplan_model::{Consultation, Scenario};
use csplan_validation::Problem;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::Serialize;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub mod check;
pub mod clock;
pub mod store;

pub use check::accept;
pub use store::{Store, StoreError, Stored};

/// How the collector runs, from `csplan collect`'s options.
#[derive(Clone, Debug)]
pub struct Options {
    /// The SQLite file responses go into (made if missing).
    pub db: PathBuf,
    /// Web origins whose pages may post responses (`https://council.example`), exactly.
    pub origins: Vec<String>,
    /// Responses accepted from one client address a minute (also the burst allowed).
    pub per_client_per_minute: NonZeroU32,
    /// The largest request body accepted, in bytes; by default enough for every choice
    /// to carry the longest comment allowed.
    pub max_body_bytes: Option<usize>,
}

/// The body limit for a consultation: a full comment (2,000 characters of up to 4 bytes)
/// on every choice and overall, every question answered, and room for the rest.
pub fn default_max_body(c: &Consultation) -> usize {
    let per_comment = csplan_model::MAX_COMMENT_CHARS.saturating_mul(4).saturating_add(256);
    per_comment
        .saturating_mul(c.levers.len().saturating_add(1))
        .saturating_add(c.questions.len().saturating_mul(1_024))
        .saturating_add(16_384)
}

/// The address participants' pages post to, for the collector listening on `addr`.
pub fn responses_url(addr: SocketAddr, c: &Consultation) -> String {
    format!("http://{addr}/consultations/{}/responses", c.id)
}

/// Checks the options and the scenario before anything listens; every problem is named.
pub fn prepare(scenario: &Scenario, options: &Options) -> Result<Consultation, String> {
    let problems: Vec<Problem> = csplan_validation::validate(scenario).into_iter().filter(Problem::is_error).collect();
    if let Some(p) = problems.first() {
        return Err(format!("--scenario: the scenario has problems; `csplan validate` lists them all. First: {p}"));
    }
    let Some(c) = scenario.consultation.clone() else {
        return Err("--scenario: that scenario has no consultation section".to_string());
    };
    for o in &options.origins {
        origin_header(o)?;
    }
    Ok(c)
}

fn origin_header(origin: &str) -> Result<HeaderValue, String> {
    let ok = (origin.starts_with("https://") || origin.starts_with("http://"))
        && !origin.trim_end_matches('/').split_once("://").is_some_and(|(_, rest)| rest.contains('/'))
        && !origin.chars().any(char::is_whitespace);
    if !ok {
        return Err(format!(
            "--origin {origin}: give the site the app is served from as scheme and host only, like https://council.example"
        ));
    }
    HeaderValue::from_str(origin.trim_end_matches('/')).map_err(|_| format!("--origin {origin}: not a web address"))
}

struct App {
    scenario: Scenario,
    consultation: Consultation,
    store: Store,
    origins: Vec<HeaderValue>,
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
    max_body: usize,
}

/// The collector's routes over an open store (used by [`serve`], and by tests in-process).
fn router(app: Arc<App>) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(app.origins.clone()))
        .allow_methods([Method::POST, Method::GET])
        .allow_headers([header::CONTENT_TYPE])
        .max_age(Duration::from_secs(600));
    // Bodies up to four times the limit (at least 1 MiB) are read to the end and then
    // refused, so the client reads a clean 413 on a connection it can use again; beyond
    // that the collector stops reading and closes the connection.
    let max_read = app.max_body.saturating_mul(4).max(1 << 20);
    Router::new()
        .route("/", get(about))
        .route("/consultations/{id}/responses", post(submit))
        .fallback(|| async {
            refuse(
                StatusCode::NOT_FOUND,
                "There is nothing at this address. Responses are posted to /consultations/ID/responses",
            )
        })
        .method_not_allowed_fallback(|| async { refuse(StatusCode::METHOD_NOT_ALLOWED, "Send a response with POST") })
        .with_state(app)
        .layer(DefaultBodyLimit::max(max_read))
        .layer(cors)
}

/// Runs the collector on `listener` until Ctrl+C or SIGTERM, with its own Tokio runtime.
pub fn serve(scenario: Scenario, listener: std::net::TcpListener, options: Options) -> Result<(), String> {
    let consultation = prepare(&scenario, &options)?;
    let store = Store::open(&options.db).map_err(|e| format!("--db {}: {e}", options.db.display()))?;
    let origins = options.origins.iter().map(|o| origin_header(o)).collect::<Result<Vec<_>, _>>()?;
    let quota = Quota::per_minute(options.per_client_per_minute);
    let app = Arc::new(App {
        max_body: options.max_body_bytes.unwrap_or_else(|| default_max_body(&consultation)),
        scenario,
        consultation,
        store,
        origins,
        limiter: RateLimiter::keyed(quota),
        clock: DefaultClock::default(),
    });
    listener.set_nonblocking(true).map_err(|e| format!("cannot listen: {e}"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| format!("cannot listen: {e}"))?;
        let pruner = Arc::clone(&app);
        tokio::spawn(async move {
            // Forget clients whose limit has fully recovered, so memory stays bounded.
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                pruner.limiter.retain_recent();
                pruner.limiter.shrink_to_fit();
            }
        });
        axum::serve(listener, router(app).into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| format!("the server stopped: {e}"))
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}

#[derive(Serialize)]
struct Refusal<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    problems: &'a [Problem],
}

fn refuse(status: StatusCode, message: &str) -> Response {
    refuse_with(status, message, &[])
}

fn refuse_with(status: StatusCode, message: &str, problems: &[Problem]) -> Response {
    (status, Json(Refusal { error: message, problems })).into_response()
}

#[derive(Serialize)]
struct About<'a> {
    consultation: &'a str,
    title: &'a str,
    opens: &'a str,
    closes: &'a str,
    open: bool,
}

async fn about(State(app): State<Arc<App>>) -> Response {
    let c = &app.consultation;
    let today = clock::date(clock::now_seconds());
    let open = today.as_str() >= c.opens.as_str() && today.as_str() <= c.closes.as_str();
    Json(About { consultation: &c.id, title: &c.title, opens: &c.opens, closes: &c.closes, open }).into_response()
}

#[derive(Serialize)]
struct Receipt {
    receipt: String,
    received: String,
}

async fn submit(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if let Some(origin) = headers.get(header::ORIGIN) {
        if !app.origins.contains(origin) {
            return refuse(StatusCode::FORBIDDEN, "Responses are accepted only from the consultation's own page");
        }
    }
    if let Err(not_until) = app.limiter.check_key(&peer.ip()) {
        let wait = not_until.wait_time_from(app.clock.now()).as_secs().saturating_add(1);
        let mut r = refuse(
            StatusCode::TOO_MANY_REQUESTS,
            &format!("Too many responses from this address. Try again in {wait} seconds"),
        );
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return r;
    }
    let c = &app.consultation;
    if id != c.id {
        return refuse(StatusCode::NOT_FOUND, &format!("There is no consultation \u{201c}{id}\u{201d} here"));
    }
    let now = clock::now_seconds();
    let today = clock::date(now);
    if today.as_str() < c.opens.as_str() {
        return refuse(
            StatusCode::FORBIDDEN,
            &format!("This consultation opens on {}; responses are not taken yet", c.opens),
        );
    }
    if today.as_str() > c.closes.as_str() {
        return refuse(
            StatusCode::GONE,
            &format!("This consultation closed on {}; responses are no longer taken", c.closes),
        );
    }
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json")));
    if !json {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the response as JSON (Content-Type: application/json)",
        );
    }
    let bytes = match body {
        Ok(b) if b.len() > app.max_body => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                &format!("A response must be {} bytes or fewer", app.max_body),
            );
        }
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            // The rest of the body is not read, so the connection cannot be used again:
            // say so, or a client would send its next request down a closed connection.
            let mut r =
                refuse(StatusCode::PAYLOAD_TOO_LARGE, &format!("A response must be {} bytes or fewer", app.max_body));
            r.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
            return r;
        }
        Err(e) => {
            return refuse(StatusCode::BAD_REQUEST, &format!("The response could not be read: {}", e.body_text()))
        }
    };
    let response = match parse(&bytes) {
        Ok(r) => r,
        Err((status, message)) => return refuse(status, &message),
    };
    let response = match accept(&app.scenario, c, response) {
        Ok(r) => r,
        Err(problems) => {
            return refuse_with(StatusCode::UNPROCESSABLE_ENTITY, "The response was not accepted", &problems)
        }
    };
    let Ok(text) = serde_json::to_string(&response) else {
        return refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The response could not be stored; nothing was stored. Try again",
        );
    };
    let received = clock::timestamp(now);
    let store_app = Arc::clone(&app);
    let stamp = received.clone();
    let stored =
        tokio::task::spawn_blocking(move || store_app.store.insert(&store_app.consultation.id, &stamp, &text)).await;
    match stored {
        Ok(Ok(receipt)) => (StatusCode::CREATED, Json(Receipt { receipt, received })).into_response(),
        _ => refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "The response could not be stored; nothing was stored. Try again in a minute",
        ),
    }
}

/// Reads a response: `400` if it is not JSON at all, `422` (naming the field) if it is JSON
/// but not a response.
fn parse(bytes: &[u8]) -> Result<csplan_model::Response, (StatusCode, String)> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let parsed: Result<csplan_model::Response, _> = serde_path_to_error::deserialize(&mut *de);
    let response = parsed.map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Syntax
            | serde_json::error::Category::Eof
            | serde_json::error::Category::Io => {
                (StatusCode::BAD_REQUEST, format!("The response is not valid JSON: {inner}"))
            }
            serde_json::error::Category::Data => {
                let at = if path == "." { String::new() } else { format!("{path}: ") };
                (StatusCode::UNPROCESSABLE_ENTITY, format!("The response is not a csplan response: {at}{inner}"))
            }
        }
    })?;
    de.end().map_err(|e| (StatusCode::BAD_REQUEST, format!("The response is not valid JSON: {e}")))?;
    Ok(response)
}
