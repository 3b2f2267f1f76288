//! The collector's own accept loop over hyper, in place of `axum::serve`, which sets no
//! timer (so no header timeout takes effect), no bound on connections and no cap on what
//! hyper buffers. Each connection gets:
//! - [`HEADER_TIMEOUT`] to send its request headers, counted from the moment it connects
//!   and again while it sits idle between requests (hyper's header read timeout, with a
//!   Tokio timer): slow-header (slowloris) and idle connections are closed;
//! - a read buffer of at most [`MAX_BUF`] bytes;
//! - one of [`Limits::max_connections`] slots: when all are taken the loop stops accepting
//!   (new connections wait in the kernel's queue) instead of failing for want of file
//!   descriptors. The soft file-descriptor limit is raised to the hard one at start.
//!
//! Accept errors are logged, with a short pause so a full descriptor table is not spun on.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long a connection may take to send its request headers, or sit idle between requests.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The most hyper buffers from one connection (its minimum is 8 KiB).
pub const MAX_BUF: usize = 16 * 1024;
/// The longest any one connection is served, however busy: a backstop for a client that
/// keeps a connection alive by trickling requests.
pub const MAX_CONNECTION_LIFE: Duration = Duration::from_secs(600);
/// How long a shutdown waits for requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);
/// Descriptors kept back from connections, for the database and the rest.
const RESERVED_FDS: u64 = 64;
/// Connections open at once, unless `--max-connections` says otherwise.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1_000;

/// What the accept loop allows.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The most connections open at once.
    pub max_connections: usize,
}

impl Limits {
    /// Raises this process's soft file-descriptor limit as far as the hard limit allows,
    /// and allows `wanted` connections (by default [`DEFAULT_MAX_CONNECTIONS`]) or as many
    /// as the descriptors allow, whichever is fewer.
    pub fn for_this_process(wanted: Option<usize>) -> Self {
        let fds = raise_fd_limit();
        let room = fds.map_or(usize::MAX, |n| usize::try_from(n.saturating_sub(RESERVED_FDS)).unwrap_or(usize::MAX));
        Self { max_connections: wanted.unwrap_or(DEFAULT_MAX_CONNECTIONS).min(room).max(1) }
    }
}

/// The soft file-descriptor limit after raising it to the hard limit, if it is known.
fn raise_fd_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        match rlimit::increase_nofile_limit(u64::MAX) {
            Ok(n) => Some(n),
            Err(e) => {
                crate::log(&format!("could not raise the open-file limit: {e}"));
                rlimit::getrlimit(rlimit::Resource::NOFILE).ok().map(|(soft, _)| soft)
            }
        }
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then waits up to 10 s for
/// requests in flight.
pub async fn run(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> Result<(), String> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT).max_buf_size(MAX_BUF);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot.map_err(|e| format!("the server stopped: {e}"))?,
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    crate::log(&format!("could not accept a connection: {e}"));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            router.clone().oneshot(request)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = tokio::time::timeout(MAX_CONNECTION_LIFE, connection).await;
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {},
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {},
    }
    Ok(())
}
