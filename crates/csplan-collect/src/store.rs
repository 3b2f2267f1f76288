//! Where responses are kept: one SQLite file in WAL mode, written with `synchronous=FULL`
//! so a row is on disk before the collector answers 201. Every statement is parameterised.
//!
//! A row counts as stored only when its `INSERT` has run to completion and committed:
//! [`Store::insert`] makes the receipt in a read, then `execute`s the insert, which steps
//! the statement to its end and reports a failed commit (a full disk, a file size limit,
//! an I/O error) as an error, never as a receipt. [`Store::checkpoint`] copies the WAL into
//! the database file and truncates it, so the `.db` file itself holds every response.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

/// The database layout this version makes (`PRAGMA user_version`): 2 added the
/// idempotency key. Version 1 files are upgraded when the collector opens them.
pub const DB_VERSION: i64 = 2;

/// A failure to open, read or write the database.
#[derive(Debug)]
pub enum StoreError {
    /// SQLite reported an error (the file is missing, locked, full or damaged).
    Sqlite(rusqlite::Error),
    /// The file was made by a newer csplan, or is not a csplan responses database.
    Layout(String),
    /// The database file was deleted or replaced while the collector had it open.
    Gone(String),
    /// A retry carried the key of a response already stored, with different figures.
    KeyReused,
    /// Another request panicked while holding the database (not expected).
    Poisoned,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Sqlite(e) => write!(f, "database error: {e}"),
            StoreError::Layout(m) | StoreError::Gone(m) => f.write_str(m),
            StoreError::KeyReused => f.write_str("that idempotency key was already used for a different response"),
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
    /// When it was received, UTC, `YYYY-MM-DDTHH:MM:SSZ` (to the hour unless the
    /// collector was started with `--exact-time`).
    pub received: String,
    /// The response as stored (JSON text of a checked [`csplan_model::Response`]).
    pub response: String,
}

/// What [`Store::insert`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inserted {
    /// The receipt (the stored one, for a retry of a stored response).
    pub receipt: String,
    /// When the stored row was received.
    pub received: String,
    /// False when the idempotency key showed this response was already stored.
    pub new: bool,
}

/// Which file is open, so a deleted or replaced database is noticed.
#[derive(Debug, PartialEq, Eq)]
struct Identity(u64, u64);

fn identity(path: &Path) -> Option<Identity> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(Identity(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        Some(Identity(0, u64::from(meta.is_file())))
    }
}

/// The collector's open database. One connection behind a mutex: SQLite has one writer
/// at a time anyway, and each insert is a single short statement.
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    identity: Option<Identity>,
}

impl Store {
    /// Opens (creating if need be) the database at `path`, in WAL mode, upgrades a
    /// version 1 file, and proves it can write: a row is written and removed in one
    /// committed transaction, and the WAL checkpointed, or the open fails.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Layout(format!("{} cannot use write-ahead logging (got {mode})", path.display())));
        }
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
        migrate(&conn, path)?;
        write_test(&conn).map_err(|e| {
            StoreError::Layout(format!(
                "{} cannot be written ({e}); check the disk has space and the file is writable",
                path.display()
            ))
        })?;
        let store = Self { identity: identity(path), conn: Mutex::new(conn), path: path.to_path_buf() };
        store.checkpoint()?;
        Ok(store)
    }

    /// Stores one response and returns its receipt. The row is committed (and, with
    /// `synchronous=FULL`, on disk) when this returns `Ok`; any failure, including one at
    /// commit, is an `Err` and nothing is stored. A `key` already stored with the same
    /// response returns the stored receipt (`new: false`) instead of a second row.
    pub fn insert(
        &self,
        consultation: &str,
        received: &str,
        response: &str,
        key: Option<&str>,
    ) -> Result<Inserted, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        if identity(&self.path) != self.identity {
            return Err(StoreError::Gone(format!(
                "{} was deleted or replaced while the collector was running; restart it",
                self.path.display()
            )));
        }
        let result = insert_row(&conn, consultation, received, response, key);
        if result.is_err() && !conn.is_autocommit() {
            // A failed commit can leave the transaction open; end it so the next insert
            // starts clean. (Nothing of it was stored either way.)
            let _ = conn.execute_batch("ROLLBACK");
        }
        result
    }

    /// True when a response with this idempotency key is stored.
    pub fn has_key(&self, key: &str) -> Result<bool, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let n: i64 = conn.query_row("SELECT count(*) FROM responses WHERE key = ?1", params![key], |r| r.get(0))?;
        Ok(n > 0)
    }

    /// How many responses are stored.
    pub fn count(&self) -> Result<i64, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        Ok(conn.query_row("SELECT count(*) FROM responses", [], |r| r.get(0))?)
    }

    /// Copies every committed row from the WAL into the database file and truncates the
    /// WAL (`PRAGMA wal_checkpoint(TRUNCATE)`). Returns false if readers kept part of it.
    pub fn checkpoint(&self) -> Result<bool, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }
}

fn insert_row(
    conn: &Connection,
    consultation: &str,
    received: &str,
    response: &str,
    key: Option<&str>,
) -> Result<Inserted, StoreError> {
    if let Some(key) = key {
        let stored: Option<(String, String, String)> = conn
            .prepare_cached("SELECT receipt, received, response FROM responses WHERE key = ?1")?
            .query_row(params![key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        if let Some((receipt, received, stored)) = stored {
            return if stored == response {
                Ok(Inserted { receipt, received, new: false })
            } else {
                Err(StoreError::KeyReused)
            };
        }
    }
    // A clash of two 64-bit random receipts is vanishingly rare; try again if it happens.
    for _ in 0..3 {
        let receipt: String = conn.query_row("SELECT upper(hex(randomblob(8)))", [], |r| r.get(0))?;
        let inserted = conn
            .prepare_cached(
                "INSERT INTO responses (receipt, consultation, received, response, key) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![receipt, consultation, received, response, key]);
        match inserted {
            Ok(1) => return Ok(Inserted { receipt, received: received.to_string(), new: true }),
            Ok(n) => return Err(StoreError::Layout(format!("an insert changed {n} rows"))),
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Layout("could not make a unique receipt".to_string()))
}

/// Writes and removes one row in a committed transaction: fails if the file cannot grow.
fn write_test(conn: &Connection) -> Result<(), rusqlite::Error> {
    let result = conn.execute_batch(
        "BEGIN IMMEDIATE;
         INSERT INTO responses (receipt, consultation, received, response) VALUES ('write-test', '', '', '');
         DELETE FROM responses WHERE receipt = 'write-test';
         COMMIT;",
    );
    if result.is_err() && !conn.is_autocommit() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    result
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
                     response TEXT NOT NULL,
                     key TEXT UNIQUE
                 ) STRICT;
                 PRAGMA user_version = 2;
                 COMMIT;",
            )?;
            Ok(())
        }
        1 => {
            conn.execute_batch(
                "BEGIN;
                 ALTER TABLE responses ADD COLUMN key TEXT;
                 CREATE UNIQUE INDEX responses_key ON responses (key);
                 PRAGMA user_version = 2;
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
    if !(1..=DB_VERSION).contains(&version) {
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

/// Writes a consistent copy of the database at `db` to `to` (SQLite's `VACUUM INTO`),
/// safe while the collector is running: it holds every committed response, the WAL's
/// included. Refuses to overwrite a file that exists.
pub fn backup(db: &Path, to: &Path) -> Result<i64, StoreError> {
    if to.exists() {
        return Err(StoreError::Layout(format!("{} exists already; give a new file name", to.display())));
    }
    let conn = open_read_only(db)?;
    let Some(target) = to.to_str() else {
        return Err(StoreError::Layout(format!("{} is not a file name SQLite can take", to.display())));
    };
    conn.execute("VACUUM INTO ?1", params![target])?;
    let copy = open_read_only(to)?;
    Ok(copy.query_row("SELECT count(*) FROM responses", [], |r| r.get(0))?)
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
        let a = store.insert("c", "2026-01-01T00:00:00Z", "{\"a\":1}", None).unwrap().receipt;
        let b = store.insert("c", "2026-01-01T00:00:01Z", "{\"b\":'); DROP TABLE responses;--}", None).unwrap().receipt;
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

    #[test]
    fn a_retry_with_the_same_key_is_stored_once_and_a_reused_key_is_refused() {
        let path = temp("key");
        let store = Store::open(&path).unwrap();
        let first = store.insert("c", "2026-01-01T10:00:00Z", "{\"a\":1}", Some("k1")).unwrap();
        assert!(first.new);
        let again = store.insert("c", "2026-01-01T11:00:00Z", "{\"a\":1}", Some("k1")).unwrap();
        assert_eq!(
            (again.receipt.as_str(), again.received.as_str(), again.new),
            (first.receipt.as_str(), "2026-01-01T10:00:00Z", false)
        );
        assert!(matches!(
            store.insert("c", "2026-01-01T11:00:00Z", "{\"a\":2}", Some("k1")),
            Err(StoreError::KeyReused)
        ));
        // No key, or another key: a new row each time.
        store.insert("c", "2026-01-01T11:00:00Z", "{\"a\":1}", None).unwrap();
        store.insert("c", "2026-01-01T11:00:00Z", "{\"a\":1}", Some("k2")).unwrap();
        assert_eq!(store.count().unwrap(), 3);
    }

    #[test]
    fn a_version_1_file_is_upgraded_and_keeps_its_rows() {
        let path = temp("v1");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE responses (id INTEGER PRIMARY KEY, receipt TEXT NOT NULL UNIQUE, consultation TEXT NOT NULL,
                 received TEXT NOT NULL, response TEXT NOT NULL) STRICT;
             INSERT INTO responses (receipt, consultation, received, response) VALUES ('OLD', 'c', 't', '{}');
             PRAGMA user_version = 1;",
        )
        .unwrap();
        drop(conn);
        assert_eq!(read_all(&path).unwrap().len(), 1, "a version 1 file is read as it is");
        let store = Store::open(&path).unwrap();
        store.insert("c", "t", "{}", Some("k")).unwrap();
        assert_eq!(store.count().unwrap(), 2);
        let version: i64 = Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, DB_VERSION);
    }

    #[test]
    fn a_deleted_database_is_noticed_and_nothing_is_acknowledged() {
        let path = temp("deleted");
        let store = Store::open(&path).unwrap();
        store.insert("c", "t", "{}", None).unwrap();
        std::fs::remove_file(&path).unwrap();
        let e = store.insert("c", "t", "{}", None).unwrap_err();
        assert!(matches!(e, StoreError::Gone(_)), "{e}");
        assert!(e.to_string().contains("deleted or replaced"), "{e}");
    }

    #[test]
    fn a_checkpoint_puts_every_row_in_the_database_file_and_a_backup_copies_them() {
        let path = temp("checkpoint");
        let store = Store::open(&path).unwrap();
        for i in 0..500 {
            store.insert("c", "t", &format!("{{\"n\":{i}}}"), None).unwrap();
        }
        let wal = path.with_extension("db-wal");
        assert!(std::fs::metadata(&wal).unwrap().len() > 0, "rows are in the WAL before a checkpoint");
        assert!(store.checkpoint().unwrap());
        assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0, "the WAL is truncated");
        // The .db file alone, copied as a careless backup would, holds every row.
        let copy = path.with_file_name("copied.db");
        std::fs::copy(&path, &copy).unwrap();
        assert_eq!(read_all(&copy).unwrap().len(), 500);
        // A backup while the collector is writing holds every committed row.
        store.insert("c", "t", "{\"n\":500}", None).unwrap();
        let backup_path = path.with_file_name("backup.db");
        assert_eq!(backup(&path, &backup_path).unwrap(), 501);
        assert_eq!(integrity_check(&backup_path).unwrap(), "ok");
        let e = backup(&path, &backup_path).unwrap_err().to_string();
        assert!(e.contains("exists already"), "{e}");
    }

    #[test]
    fn a_database_that_cannot_grow_is_refused_at_open_and_a_failed_insert_is_an_error() {
        let path = temp("full");
        let store = Store::open(&path).unwrap();
        {
            let conn = store.conn.lock().unwrap();
            let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
            conn.pragma_update(None, "max_page_count", pages).unwrap();
        }
        let big = "x".repeat(100_000);
        let mut stored = Vec::new();
        let mut failed = 0;
        for _ in 0..20 {
            match store.insert("c", "t", &big, None) {
                Ok(i) => stored.push(i.receipt),
                Err(_) => failed += 1,
            }
        }
        assert_eq!(failed, 20, "nothing fits: every insert says so");
        assert_eq!(read_all(&path).unwrap().len(), stored.len());
        // The store still works for what fits.
        store.insert("c", "t", "{}", None).unwrap();
    }
}
