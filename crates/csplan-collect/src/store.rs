//! Where responses are kept: one SQLite file in WAL mode, written with `synchronous=FULL`
//! so a row is on disk before the collector answers 201. Every statement is parameterised.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

/// The database layout this version makes and reads (`PRAGMA user_version`).
pub const DB_VERSION: i64 = 1;

/// A failure to open, read or write the database.
#[derive(Debug)]
pub enum StoreError {
    /// SQLite reported an error (the file is missing, locked, full or damaged).
    Sqlite(rusqlite::Error),
    /// The file was made by a newer csplan, or is not a csplan responses database.
    Layout(String),
    /// Another request panicked while holding the database (not expected).
    Poisoned,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Sqlite(e) => write!(f, "database error: {e}"),
            StoreError::Layout(m) => f.write_str(m),
            StoreError::Poisoned => f.write_str("the database is unavailable after an internal error"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

/// One stored response, as `csplan responses export` writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stored {
    /// The receipt given to the participant.
    pub receipt: String,
    /// When it was received, UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub received: String,
    /// The response as stored (JSON text of a checked [`csplan_model::Response`]).
    pub response: String,
}

/// The collector's open database. One connection behind a mutex: SQLite has one writer
/// at a time anyway, and each insert is a single short statement.
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if need be) the database at `path`, in WAL mode.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Layout(format!("{} cannot use write-ahead logging (got {mode})", path.display())));
        }
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
        migrate(&conn, path)?;
        Ok(Self { conn: Mutex::new(conn) })
    }

    /// Stores one response and returns its receipt. The row is committed (and, with
    /// `synchronous=FULL`, on disk) when this returns.
    pub fn insert(&self, consultation: &str, received: &str, response: &str) -> Result<String, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let mut stmt = conn.prepare_cached(
            "INSERT INTO responses (receipt, consultation, received, response) \
             VALUES (upper(hex(randomblob(8))), ?1, ?2, ?3) RETURNING receipt",
        )?;
        // A clash of two 64-bit random receipts is vanishingly rare; try again if it happens.
        for _ in 0..3 {
            match stmt.query_row(params![consultation, received, response], |r| r.get::<_, String>(0)) {
                Ok(receipt) => return Ok(receipt),
                Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {}
                Err(e) => return Err(e.into()),
            }
        }
        Err(StoreError::Layout("could not make a unique receipt".to_string()))
    }

    /// How many responses are stored.
    pub fn count(&self) -> Result<i64, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        Ok(conn.query_row("SELECT count(*) FROM responses", [], |r| r.get(0))?)
    }
}

fn migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    match version {
        0 => {
            let tables: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(StoreError::Layout(format!(
                    "{} is a database that csplan did not make; give a new file name",
                    path.display()
                )));
            }
            conn.execute_batch(
                "BEGIN;
                 CREATE TABLE responses (
                     id INTEGER PRIMARY KEY,
                     receipt TEXT NOT NULL UNIQUE,
                     consultation TEXT NOT NULL,
                     received TEXT NOT NULL,
                     response TEXT NOT NULL
                 ) STRICT;
                 PRAGMA user_version = 1;
                 COMMIT;",
            )?;
            Ok(())
        }
        DB_VERSION => Ok(()),
        v => Err(StoreError::Layout(format!(
            "{} was made by a newer csplan (database version {v}; this one reads {DB_VERSION})",
            path.display()
        ))),
    }
}

fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    if !path.is_file() {
        return Err(StoreError::Layout(format!("there is no database at {}", path.display())));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version != DB_VERSION {
        return Err(StoreError::Layout(format!(
            "{} is not a csplan responses database this version reads (database version {version})",
            path.display()
        )));
    }
    Ok(conn)
}

/// Every stored response, oldest first (safe while the collector is running: WAL lets a
/// reader see the last committed state).
pub fn read_all(path: &Path) -> Result<Vec<Stored>, StoreError> {
    let conn = open_read_only(path)?;
    let mut stmt = conn.prepare("SELECT receipt, received, response FROM responses ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok(Stored { receipt: r.get(0)?, received: r.get(1)?, response: r.get(2)? }))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The response with this receipt, if stored.
pub fn find(path: &Path, receipt: &str) -> Result<Option<Stored>, StoreError> {
    let conn = open_read_only(path)?;
    Ok(conn
        .query_row("SELECT receipt, received, response FROM responses WHERE receipt = ?1", params![receipt], |r| {
            Ok(Stored { receipt: r.get(0)?, received: r.get(1)?, response: r.get(2)? })
        })
        .optional()?)
}

/// SQLite's `PRAGMA integrity_check`: `ok`, or what is damaged.
pub fn integrity_check(path: &Path) -> Result<String, StoreError> {
    let conn = open_read_only(path)?;
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("csplan-store-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("responses.db")
    }

    #[test]
    fn rows_are_stored_with_unique_receipts_and_read_back_in_order() {
        let path = temp("rows");
        let store = Store::open(&path).unwrap();
        let a = store.insert("c", "2026-01-01T00:00:00Z", "{\"a\":1}").unwrap();
        let b = store.insert("c", "2026-01-01T00:00:01Z", "{\"b\":'); DROP TABLE responses;--}").unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 16);
        assert_eq!(store.count().unwrap(), 2);
        let all = read_all(&path).unwrap();
        assert_eq!(all.iter().map(|s| s.receipt.as_str()).collect::<Vec<_>>(), [a.as_str(), b.as_str()]);
        assert_eq!(all[1].response, "{\"b\":'); DROP TABLE responses;--}");
        assert_eq!(find(&path, &b).unwrap().unwrap().received, "2026-01-01T00:00:01Z");
        assert_eq!(find(&path, "nope").unwrap(), None);
        assert_eq!(integrity_check(&path).unwrap(), "ok");
        // Reopening keeps what was there.
        drop(store);
        assert_eq!(Store::open(&path).unwrap().count().unwrap(), 2);
    }

    #[test]
    fn a_database_csplan_did_not_make_is_refused() {
        let path = temp("foreign");
        Connection::open(&path).unwrap().execute_batch("CREATE TABLE other (x)").unwrap();
        let e = Store::open(&path).unwrap_err().to_string();
        assert!(e.contains("did not make"), "{e}");
        assert!(read_all(&temp("missing")).unwrap_err().to_string().contains("there is no database"));
    }
}
