//! The SQLite database: opening and checking the file, the schema migration, and every query the
//! handlers run. Timestamps are stored as text by [`super::timestamps::to_storage`].

use std::ffi::c_int;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteRow,
};
use sqlx::{Row, SqlitePool as Pool};

use crate::error::usage;

/// Statuses of a session that is still in use: a status check past `expires_at` marks them
/// `expired`.
pub const LIVE_STATUSES: [&str; 3] = ["active", "designing", "payment_pending"];

/// Time a query waits for another connection's write lock before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A row of the `machines` table.
#[derive(Debug, Clone)]
pub struct Machine {
    pub id: String,
    pub name: String,
    pub location: Option<String>,
    pub is_active: bool,
    pub created_at: String,
    pub last_heartbeat: Option<String>,
    pub qr_config: String,
}

/// A row of the `sessions` table.
#[derive(Debug, Clone)]
pub struct Session {
    pub session_id: String,
    pub machine_id: String,
    pub status: String,
    pub user_progress: String,
    pub created_at: Option<String>,
    pub expires_at: String,
    pub last_activity: Option<String>,
    pub payment_amount: Option<f64>,
    pub payment_method: Option<String>,
    pub order_id: Option<String>,
    pub ip_address: Option<String>,
    pub session_data: Option<String>,
}

/// A session removed by a cleanup.
#[derive(Debug, Clone)]
pub struct DeletedSession {
    pub session_id: String,
    pub status: String,
    pub created_at: Option<String>,
}

/// Opens the database at `path`, creating it with its schema when missing. Every problem that the
/// user can fix (not a SQLite file, another program's database, read-only, locked) is a usage
/// error that names the path and the fix.
pub async fn open(path: &Path) -> anyhow::Result<SqlitePool> {
    check_file(path)?;

    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(BUSY_TIMEOUT);
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .after_connect(|connection, _| Box::pin(enable_planner_stability(connection)))
        .connect_with(options)
        .await
        .map_err(|error| open_error(path, &error))?;

    check_schema(&pool, path).await?;
    sqlx::migrate!().run(&pool).await.map_err(|error| {
        usage(format!(
            "cannot create or update the schema of the database {}: {error}; {}",
            path.display(),
            hint(&error.to_string())
        ))
    })?;
    Ok(pool)
}

/// Turns on SQLite's query planner stability guarantee (`SQLITE_DBCONFIG_ENABLE_QPSG`) for a new
/// connection. Without it, SQLite 3.54 lets the value bound to a `column = ?` term steer the plan.
/// The `sqlite3_clear_bindings` that sqlx runs before each execution then forces a re-prepare of
/// the statement, which was 9% of serve's CPU time in a perf profile of list requests.
async fn enable_planner_stability(connection: &mut SqliteConnection) -> sqlx::Result<()> {
    let mut handle = connection.lock_handle().await?;
    let database = handle.as_raw_handle().as_ptr();
    // SAFETY: `database` is the open connection that `handle` keeps locked for this call, and
    // ENABLE_QPSG takes an int (1 turns it on) and an optional int pointer for the new state.
    let code = unsafe {
        libsqlite3_sys::sqlite3_db_config(
            database,
            libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as c_int,
            std::ptr::null_mut::<c_int>(),
        )
    };
    if code != libsqlite3_sys::SQLITE_OK {
        return Err(sqlx::Error::Configuration(
            format!("failed to turn on the SQLite query planner stability guarantee: code {code}")
                .into(),
        ));
    }
    Ok(())
}

/// Rejects a path that is a directory or a file that does not start with the SQLite header.
/// An empty file is accepted: SQLite treats it as an empty database.
fn check_file(path: &Path) -> anyhow::Result<()> {
    if path.is_dir() {
        return Err(usage(format!(
            "the database path {} is a directory; pass --database with a file name",
            path.display()
        )));
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        // Missing or unreadable: the open that follows reports the precise error.
        return Ok(());
    };
    let mut header = Vec::with_capacity(16);
    file.by_ref().take(16).read_to_end(&mut header)?;
    if !header.is_empty() && header != b"SQLite format 3\0" {
        return Err(usage(format!(
            "{} is not a SQLite database; pass --database with the path of a vendctl database or of a new file",
            path.display()
        )));
    }
    Ok(())
}

/// Rejects a SQLite database that has tables but not vendctl's, so that serve never adds its
/// tables to another program's database.
async fn check_schema(pool: &SqlitePool, path: &Path) -> anyhow::Result<()> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(pool)
            .await
            .map_err(|error| open_error(path, &error))?;
    if tables.is_empty() {
        return Ok(());
    }
    let is_vendctl = ["_sqlx_migrations", "machines", "sessions"]
        .iter()
        .all(|name| tables.iter().any(|table| table == name));
    if !is_vendctl {
        return Err(usage(format!(
            "{} is a SQLite database but not a vendctl database (it has no vendctl tables); \
             pass --database with the path of a vendctl database or of a new file",
            path.display()
        )));
    }
    Ok(())
}

/// Turns an error from opening the database into a usage error naming the path and the fix.
fn open_error(path: &Path, error: &sqlx::Error) -> anyhow::Error {
    let text = error.to_string();
    usage(format!(
        "cannot open the database {}: {text}; {}",
        path.display(),
        hint(&text)
    ))
}

/// Returns what the user can do about a SQLite error message.
fn hint(error: &str) -> &'static str {
    if error.contains("locked") || error.contains("busy") {
        "another program holds a lock on it: stop that program or pass another --database"
    } else if error.contains("readonly") || error.contains("read-only") {
        "the file or its directory is read-only: make both writable or pass another --database"
    } else if error.contains("unable to open") {
        "check that the directory exists and is writable, or pass another --database"
    } else {
        "pass --database with the path of a vendctl database or of a new file"
    }
}

/// Returns true when the database contains no machine and no session.
pub async fn is_empty(pool: &Pool) -> sqlx::Result<bool> {
    let count: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM machines) + (SELECT COUNT(*) FROM sessions)",
    )
    .fetch_one(pool)
    .await?;
    Ok(count == 0)
}

/// Returns true when machine `id` is in the database.
pub async fn machine_exists(pool: &Pool, id: &str) -> sqlx::Result<bool> {
    Ok(machine(pool, id).await?.is_some())
}

/// Fetches machine `id`.
pub async fn machine(pool: &Pool, id: &str) -> sqlx::Result<Option<Machine>> {
    let row = sqlx::query(
        "SELECT id, name, location, is_active, created_at, last_heartbeat, qr_config
         FROM machines WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    row.map(|row| machine_from_row(&row)).transpose()
}

fn machine_from_row(row: &SqliteRow) -> sqlx::Result<Machine> {
    Ok(Machine {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        location: row.try_get("location")?,
        is_active: row.try_get("is_active")?,
        created_at: row.try_get("created_at")?,
        last_heartbeat: row.try_get("last_heartbeat")?,
        qr_config: row.try_get("qr_config")?,
    })
}

/// Inserts `machine` unless a machine with its id exists.
pub async fn insert_machine(pool: &Pool, machine: &Machine) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO machines (id, name, location, is_active, created_at, last_heartbeat, qr_config)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&machine.id)
    .bind(&machine.name)
    .bind(&machine.location)
    .bind(machine.is_active)
    .bind(&machine.created_at)
    .bind(&machine.last_heartbeat)
    .bind(&machine.qr_config)
    .execute(pool)
    .await?;
    Ok(())
}

/// Inserts `session`.
pub async fn insert_session(pool: &Pool, session: &Session) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (session_id, machine_id, status, user_progress, created_at,
             expires_at, last_activity, payment_amount, payment_method, order_id, ip_address,
             session_data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&session.session_id)
    .bind(&session.machine_id)
    .bind(&session.status)
    .bind(&session.user_progress)
    .bind(&session.created_at)
    .bind(&session.expires_at)
    .bind(&session.last_activity)
    .bind(session.payment_amount)
    .bind(&session.payment_method)
    .bind(&session.order_id)
    .bind(&session.ip_address)
    .bind(&session.session_data)
    .execute(pool)
    .await?;
    Ok(())
}

const SESSION_COLUMNS: &str = "session_id, machine_id, status, user_progress, created_at, \
    expires_at, last_activity, payment_amount, payment_method, order_id, ip_address, session_data";

fn session_from_row(row: &SqliteRow) -> sqlx::Result<Session> {
    Ok(Session {
        session_id: row.try_get("session_id")?,
        machine_id: row.try_get("machine_id")?,
        status: row.try_get("status")?,
        user_progress: row.try_get("user_progress")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        last_activity: row.try_get("last_activity")?,
        payment_amount: row.try_get("payment_amount")?,
        payment_method: row.try_get("payment_method")?,
        order_id: row.try_get("order_id")?,
        ip_address: row.try_get("ip_address")?,
        session_data: row.try_get("session_data")?,
    })
}

/// Fetches session `id`.
pub async fn session(pool: &Pool, id: &str) -> sqlx::Result<Option<Session>> {
    let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE session_id = ?");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.map(|row| session_from_row(&row)).transpose()
}

/// Lists up to `limit` sessions of `machine_id`, newest first, with status `status` when given.
/// Sessions created at the same time come in reverse insertion order.
pub async fn list_sessions(
    pool: &Pool,
    machine_id: &str,
    status: Option<&str>,
    limit: i64,
) -> sqlx::Result<Vec<Session>> {
    let sql = format!(
        "SELECT {SESSION_COLUMNS} FROM sessions
         WHERE machine_id = ?1 AND (?2 IS NULL OR status = ?2)
         ORDER BY created_at DESC, rowid DESC LIMIT ?3"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(machine_id)
        .bind(status)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    rows.iter().map(session_from_row).collect()
}

/// Counts the sessions of `machine_id`: all of them, and those `active` and not expired at `now`.
pub async fn session_counts(pool: &Pool, machine_id: &str, now: &str) -> sqlx::Result<(i64, i64)> {
    let row = sqlx::query(
        // Two counts that each read only the index on (machine_id, status, expires_at).
        "SELECT (SELECT COUNT(*) FROM sessions WHERE machine_id = ?1) AS total,
                (SELECT COUNT(*) FROM sessions
                 WHERE machine_id = ?1 AND status = 'active' AND expires_at > ?2) AS active",
    )
    .bind(machine_id)
    .bind(now)
    .fetch_one(pool)
    .await?;
    Ok((row.try_get("total")?, row.try_get("active")?))
}

/// Marks the `active` sessions of `machine_id` whose `expires_at` is before `now` as `expired`,
/// and returns how many changed.
pub async fn expire_active(pool: &Pool, machine_id: &str, now: &str) -> sqlx::Result<u64> {
    let result = sqlx::query(
        "UPDATE sessions SET status = 'expired'
         WHERE machine_id = ? AND status = 'active' AND expires_at < ?",
    )
    .bind(machine_id)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(result.rows_affected())
}

/// Marks session `id` as `expired` if its status is live. Returns true only when this call
/// changed it, so that concurrent status checks decrement the counter once.
pub async fn mark_expired(pool: &Pool, id: &str) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE sessions SET status = 'expired'
         WHERE session_id = ? AND status IN ('active', 'designing', 'payment_pending')",
    )
    .bind(id)
    .execute(pool)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Sets `last_activity` of session `id` to `now`.
pub async fn touch(pool: &Pool, id: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE sessions SET last_activity = ? WHERE session_id = ?")
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Deletes session `id` and returns its machine id, or `None` when there is no such session.
pub async fn delete_session(pool: &Pool, id: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("DELETE FROM sessions WHERE session_id = ? RETURNING machine_id")
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Deletes the sessions of `machine_id` that a cleanup removes: all of them when `force`, else
/// those past `expires_at` at `now` or with status expired, cancelled or payment_completed.
/// Returns them oldest first.
pub async fn cleanup(
    pool: &Pool,
    machine_id: &str,
    force: bool,
    now: &str,
) -> sqlx::Result<Vec<DeletedSession>> {
    let rows = sqlx::query(
        "DELETE FROM sessions
         WHERE machine_id = ?1
           AND (?2 OR expires_at < ?3
                OR status IN ('expired', 'cancelled', 'payment_completed'))
         RETURNING session_id, status, created_at",
    )
    .bind(machine_id)
    .bind(force)
    .bind(now)
    .fetch_all(pool)
    .await?;

    let mut deleted = rows
        .iter()
        .map(|row| {
            Ok(DeletedSession {
                session_id: row.try_get("session_id")?,
                status: row.try_get("status")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    // RETURNING has no defined order.
    deleted.sort_by(|a, b| a.created_at.cmp(&b.created_at));
    Ok(deleted)
}
