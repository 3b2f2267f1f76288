//! The consultation response collector behind `csplan collect`: a small HTTP server that
//! takes a participant's response as JSON, checks it against the consultation it was
//! started with ([`check::accept`], the same check `csplan responses summarise --scenario`
//! makes), stores it in SQLite ([`store`]) and answers `201` with a receipt only once the
//! row is committed.
//!
//! Routes:
//! - `POST /consultations/{id}/responses`: a response (`application/json`), with an
//!   optional `Idempotency-Key` header. Answers `201 {"receipt", "received"}`; `200` with
//!   the same receipt when a retry carries the key of a response already stored; or a 4xx
//!   with `{"error", "problems"?}`: `400` not JSON or a bad key, `403` another site's page
//!   or not open yet, `404` another consultation, `408` a body too slow to arrive, `409` a
//!   key reused for different figures, `410` closed (but a retry, by its key, of a
//!   response stored before the close gets its receipt), `413` too big, `415` not JSON
//!   content, `422` not a valid response (at most [`MAX_PROBLEMS`] problems, each naming
//!   its field), `429` too many from one client (with `Retry-After`); `503` when the
//!   response could not be stored (logged). Nothing is stored unless the answer is 2xx.
//! - `GET /`: which consultation this collector takes, whether it is open, and whether it
//!   can store (`503` after a failed write, until a write succeeds).
//!
//! The Origin, the rate limit, the address and the declared length are all checked before
//! any of the body is read; a body is then read within [`BODY_TIMEOUT`]. Connections are
//! served by [`server`]: header and idle timeouts, a capped read buffer, a bound on open
//! connections.
//!
//! What is stored is the checked response (its balance recalculated), the time it arrived
//! (to the hour, unless started with `--exact-time`) and the page's idempotency key (random,
//! made per response): no address, browser or other detail of the participant. Client
//! addresses are held in memory only, for the rate limit.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request, State};
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
pub mod server;
pub mod store;

pub use check::accept;
pub use store::{Store, StoreError, Stored};

/// The most problems a `422` lists; it says how many more there were.
pub const MAX_PROBLEMS: usize = 20;
/// How long a request's body may take to arrive (waiting for a place to read it
/// included), from when its headers are read.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(20);
/// Bodies over the limit but at most this long are read to the end (and thrown away) so
/// the client reads a clean `413` on a connection it can use again; a longer declared
/// body is refused at once and the connection closed.
const DRAIN_MAX: u64 = 1 << 20;
/// Bodies read and held in memory at once; more wait, within [`BODY_TIMEOUT`]. (A body
/// declared longer than the limit is read and thrown away, and needs no place.)
const READING_AT_ONCE: usize = 256;
/// The longest `Idempotency-Key` accepted.
const MAX_KEY_CHARS: usize = 100;

/// How the collector runs: `csplan collect`'s options, described once here (the command
/// line flattens them in, and its help is these comments).
#[derive(Clone, Debug, clap::Args)]
pub struct Options {
    /// The SQLite database file responses go into (made if missing).
    #[arg(long)]
    pub db: PathBuf,
    /// The site the app is served from, e.g. https://council.example (repeat for more).
    /// Browsers let only these pages post responses.
    #[arg(long = "origin")]
    pub origins: Vec<String>,
    /// Responses accepted from one client address a minute (also the burst allowed).
    #[arg(long, default_value_t = NonZeroU32::new(60).unwrap_or(NonZeroU32::MIN))]
    pub per_client_per_minute: NonZeroU32,
    /// Largest response accepted, in bytes (default: room for every comment at full length).
    #[arg(long)]
    pub max_body_bytes: Option<usize>,
    /// The address of the reverse proxy in front of the collector (nginx, say): only on
    /// its connections is X-Forwarded-For believed (its last address is the client's), so
    /// each participant has their own rate limit.
    #[arg(long)]
    pub trusted_proxy: Option<IpAddr>,
    /// Store when each response arrived to the second (default: to the hour).
    #[arg(long)]
    pub exact_time: bool,
    /// The most connections open at once (more wait to be accepted); default 1,000, or
    /// what the open-file limit allows.
    #[arg(long)]
    pub max_connections: Option<usize>,
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
    trusted_proxy: Option<IpAddr>,
    exact_time: bool,
    /// False after a write failed, until one succeeds (`GET /` answers 503 meanwhile).
    storing: AtomicBool,
    reading: tokio::sync::Semaphore,
}

/// The collector's routes over an open store (used by [`serve`], and by tests in-process).
fn router(app: Arc<App>) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(app.origins.clone()))
        .allow_methods([Method::POST, Method::GET])
        .allow_headers([header::CONTENT_TYPE, header::HeaderName::from_static("idempotency-key")])
        .max_age(Duration::from_secs(600));
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
        .layer(cors)
}

/// Writes one line to the collector's log (standard error), with the time.
pub fn log(message: &str) {
    eprintln!("{} csplan collect: {message}", clock::timestamp(clock::now_seconds()));
}

/// Opens the database `--db` names ([`Store::open`]: made if missing, and written to once
/// to prove it can be), before anything listens.
pub fn open_store(options: &Options) -> Result<Store, String> {
    Store::open(&options.db).map_err(|e| match e {
        StoreError::Sqlite(e) => format!(
            "--db {}: cannot be opened and written ({e}); check the disk has space and the file is writable",
            options.db.display()
        ),
        e => format!("--db {}: {e}", options.db.display()),
    })
}

/// Runs the collector on `listener`, storing into `store` (from [`open_store`]), until
/// Ctrl+C or SIGTERM, with its own Tokio runtime.
pub fn serve(
    scenario: Scenario,
    store: Store,
    listener: std::net::TcpListener,
    options: Options,
) -> Result<(), String> {
    let consultation = prepare(&scenario, &options)?;
    let origins = options.origins.iter().map(|o| origin_header(o)).collect::<Result<Vec<_>, _>>()?;
    let quota = Quota::per_minute(options.per_client_per_minute);
    let limits = server::Limits::for_this_process(options.max_connections);
    let app = Arc::new(App {
        max_body: options.max_body_bytes.unwrap_or_else(|| default_max_body(&consultation)),
        scenario,
        consultation,
        store,
        origins,
        limiter: RateLimiter::keyed(quota),
        clock: DefaultClock::default(),
        trusted_proxy: options.trusted_proxy,
        exact_time: options.exact_time,
        storing: AtomicBool::new(true),
        reading: tokio::sync::Semaphore::new(READING_AT_ONCE),
    });
    listener.set_nonblocking(true).map_err(|e| format!("cannot listen: {e}"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| format!("cannot listen: {e}"))?;
        let timer = Arc::clone(&app);
        tokio::spawn(async move {
            // Every minute: forget clients whose limit has fully recovered, so memory stays
            // bounded, and checkpoint the WAL into the database file, so it stays small.
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                timer.limiter.retain_recent();
                timer.limiter.shrink_to_fit();
                let store = Arc::clone(&timer);
                match tokio::task::spawn_blocking(move || store.store.checkpoint()).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => log(&format!("could not checkpoint the database: {e}")),
                    Err(e) => log(&format!("could not checkpoint the database: {e}")),
                }
            }
        });
        server::run(listener, router(app), limits, shutdown()).await
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
    storing: bool,
}

async fn about(State(app): State<Arc<App>>) -> Response {
    let c = &app.consultation;
    let today = clock::date(clock::now_seconds());
    let open = today.as_str() >= c.opens.as_str() && today.as_str() <= c.closes.as_str();
    let storing = app.storing.load(Ordering::Relaxed);
    let status = if storing { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(About { consultation: &c.id, title: &c.title, opens: &c.opens, closes: &c.closes, open, storing }))
        .into_response()
}

#[derive(Serialize)]
struct Receipt {
    receipt: String,
    received: String,
}

/// The client a request counts against for the rate limit: the connection's address, or
/// the last `X-Forwarded-For` address when the connection is from the trusted proxy.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted_proxy: Option<IpAddr>) -> IpAddr {
    if trusted_proxy != Some(peer) {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|a| a.trim().parse().ok())
        .unwrap_or(peer)
}

/// A `422`'s problems: at most [`MAX_PROBLEMS`], then one saying how many more.
pub fn capped(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len().saturating_sub(MAX_PROBLEMS);
        problems.truncate(MAX_PROBLEMS);
        problems.push(Problem::error("", format!("and {more} more problem{}", if more == 1 { "" } else { "s" })));
    }
    problems
}

fn closing(mut r: Response) -> Response {
    r.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

/// The body, read by `deadline` and at most `max` bytes of it kept (none unless `keep`):
/// `Ok(None)` when it was longer (and at most `drain_max` bytes, all read and thrown away).
async fn read_body(
    body: Body,
    max: usize,
    keep: bool,
    drain_max: u64,
    deadline: tokio::time::Instant,
) -> Result<Option<Vec<u8>>, Response> {
    use http_body_util::BodyExt;
    let mut body = body;
    let mut kept = Vec::new();
    let mut seen: u64 = 0;
    let max_u64 = u64::try_from(max).unwrap_or(u64::MAX);
    let read = async {
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| format!("{e}"))?;
            let Ok(data) = frame.into_data() else { continue };
            seen = seen.saturating_add(u64::try_from(data.len()).unwrap_or(u64::MAX));
            if seen > drain_max {
                return Ok(false);
            }
            if keep && seen <= max_u64 {
                kept.extend_from_slice(&data);
            }
        }
        Ok::<bool, String>(true)
    };
    match tokio::time::timeout_at(deadline, read).await {
        Err(_) => Err(closing(refuse(
            StatusCode::REQUEST_TIMEOUT,
            "The response took too long to arrive; nothing was stored. Try again",
        ))),
        Ok(Err(e)) => Err(closing(refuse(StatusCode::BAD_REQUEST, &format!("The response could not be read: {e}")))),
        Ok(Ok(false)) => Err(closing(too_big(max))),
        Ok(Ok(true)) if seen > max_u64 => Ok(None),
        Ok(Ok(true)) => Ok(Some(kept)),
    }
}

fn too_big(max: usize) -> Response {
    refuse(StatusCode::PAYLOAD_TOO_LARGE, &format!("A response must be {max} bytes or fewer"))
}

async fn submit(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    // One deadline for waiting for a reading place and for the body itself.
    let deadline = tokio::time::Instant::now() + BODY_TIMEOUT;
    let headers = request.headers();
    if let Some(origin) = headers.get(header::ORIGIN) {
        if !app.origins.contains(origin) {
            return closing(refuse(
                StatusCode::FORBIDDEN,
                "Responses are accepted only from the consultation's own page",
            ));
        }
    }
    let client = client_address(peer.ip(), headers, app.trusted_proxy);
    if let Err(not_until) = app.limiter.check_key(&client) {
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
        return refuse(
            StatusCode::NOT_FOUND,
            &format!("There is no consultation \u{201c}{}\u{201d} here", csplan_validation::echo(&id)),
        );
    }
    let now = clock::now_seconds();
    let today = clock::date(now);
    if today.as_str() < c.opens.as_str() {
        return refuse(
            StatusCode::FORBIDDEN,
            &format!("This consultation opens on {}; responses are not taken yet", c.opens),
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
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(k)) if !k.is_empty() && k.len() <= MAX_KEY_CHARS && k.bytes().all(|b| b.is_ascii_graphic()) => {
            Some(k.to_string())
        }
        Some(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                &format!("The Idempotency-Key header must be 1 to {MAX_KEY_CHARS} visible ASCII characters"),
            )
        }
    };
    if today.as_str() > c.closes.as_str() {
        // A retry of a response stored before the close (its answer lost on the way
        // back) still gets its receipt; nothing new is taken.
        let stored_before = match key.clone() {
            Some(k) => {
                let store_app = Arc::clone(&app);
                tokio::task::spawn_blocking(move || store_app.store.has_key(&k)).await.ok().and_then(Result::ok)
            }
            None => None,
        };
        if stored_before != Some(true) {
            return refuse(
                StatusCode::GONE,
                &format!("This consultation closed on {}; responses are no longer taken", c.closes),
            );
        }
    }
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let drain_max = DRAIN_MAX.max(u64::try_from(app.max_body).unwrap_or(u64::MAX));
    if declared.is_some_and(|n| n > drain_max) {
        // Not a byte of it is read: refuse now and close the connection.
        return closing(too_big(app.max_body));
    }
    let held = declared.is_none_or(|n| n <= u64::try_from(app.max_body).unwrap_or(u64::MAX));
    let permit = if held {
        let Ok(Ok(permit)) = tokio::time::timeout_at(deadline, app.reading.acquire()).await else {
            return closing(refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "The response service is busy; nothing was stored. Try again in a minute",
            ));
        };
        Some(permit)
    } else {
        None
    };
    let bytes = match read_body(request.into_body(), app.max_body, held, drain_max, deadline).await {
        Ok(Some(b)) => b,
        Ok(None) => return too_big(app.max_body),
        Err(r) => return r,
    };
    drop(permit);
    let response = match parse(&bytes) {
        Ok(r) => r,
        Err((status, message)) => return refuse(status, &message),
    };
    let response = match accept(&app.scenario, c, response) {
        Ok(r) => r,
        Err(problems) => {
            return refuse_with(StatusCode::UNPROCESSABLE_ENTITY, "The response was not accepted", &capped(problems))
        }
    };
    let Ok(text) = serde_json::to_string(&response) else {
        return refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The response could not be stored; nothing was stored. Try again",
        );
    };
    let received = if app.exact_time { clock::timestamp(now) } else { clock::hour(now) };
    let store_app = Arc::clone(&app);
    let stored = tokio::task::spawn_blocking(move || {
        store_app.store.insert(&store_app.consultation.id, &received, &text, key.as_deref())
    })
    .await;
    match stored {
        Ok(Ok(done)) => {
            if done.new {
                app.storing.store(true, Ordering::Relaxed);
            }
            let status = if done.new { StatusCode::CREATED } else { StatusCode::OK };
            (status, Json(Receipt { receipt: done.receipt, received: done.received })).into_response()
        }
        Ok(Err(StoreError::KeyReused)) => refuse(
            StatusCode::CONFLICT,
            "This Idempotency-Key was sent before with a different response; send a new key for new figures",
        ),
        failed => {
            let why = match failed {
                Ok(Err(e)) => e.to_string(),
                Err(e) => e.to_string(),
                Ok(Ok(_)) => String::new(),
            };
            log(&format!("a response could not be stored and was refused with 503: {why}"));
            app.storing.store(false, Ordering::Relaxed);
            refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "The response could not be stored; nothing was stored. Try again in a minute",
            )
        }
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
