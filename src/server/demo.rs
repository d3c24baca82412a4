//! `--demo`: demonstration machines and sessions, with machine `CXYLOGD8OQUK` stuck as seen in
//! the field: its counter at 5 while only two of its sessions are live.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::counter::Counters;
use super::db::{self, Machine, Session};
use super::timestamps::to_storage;
use super::vending::session_id;

/// The machine whose counter the demo sets to 5.
pub const STUCK_MACHINE: &str = "CXYLOGD8OQUK";
/// Counter value of the stuck machine.
const STUCK_COUNT: u32 = 5;

/// The outcome of `--demo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The database was empty and got the demo data.
    Seeded,
    /// The database had data, so nothing was added; the stuck counter was set if the stuck
    /// machine exists.
    Skipped { stuck_counter_set: bool },
}

/// A demo session: status, user progress, age and lifetime in minutes, payment.
struct Seed {
    status: &'static str,
    user_progress: &'static str,
    age_minutes: i64,
    lifetime_minutes: i64,
    payment: Option<(f64, &'static str)>,
}

const STUCK_SESSIONS: [Seed; 5] = [
    Seed {
        status: "expired",
        user_progress: "started",
        age_minutes: 180,
        lifetime_minutes: 30,
        payment: None,
    },
    Seed {
        status: "cancelled",
        user_progress: "started",
        age_minutes: 120,
        lifetime_minutes: 30,
        payment: None,
    },
    Seed {
        status: "payment_completed",
        user_progress: "started",
        age_minutes: 90,
        lifetime_minutes: 30,
        payment: Some((19.99, "vending_machine")),
    },
    Seed {
        status: "payment_pending",
        user_progress: "payment_pending",
        age_minutes: 10,
        lifetime_minutes: 30,
        payment: None,
    },
    Seed {
        status: "active",
        user_progress: "started",
        age_minutes: 2,
        lifetime_minutes: 30,
        payment: None,
    },
];

const LIVE_SESSIONS: [Seed; 2] = [
    Seed {
        status: "designing",
        user_progress: "designing",
        age_minutes: 8,
        lifetime_minutes: 30,
        payment: None,
    },
    Seed {
        status: "active",
        user_progress: "started",
        age_minutes: 1,
        lifetime_minutes: 30,
        payment: None,
    },
];

/// Seeds an empty database and sets the demo counters. A database with data gets nothing new,
/// but the stuck machine's counter is set to 5 if it exists, so every demo start shows it stuck.
pub async fn seed(pool: &SqlitePool, counters: &Counters) -> sqlx::Result<Outcome> {
    if !db::is_empty(pool).await? {
        let exists = db::machine_exists(pool, STUCK_MACHINE).await?;
        if exists {
            counters.set(STUCK_MACHINE, STUCK_COUNT);
        }
        return Ok(Outcome::Skipped {
            stuck_counter_set: exists,
        });
    }

    let now = Utc::now();
    insert_machine(pool, STUCK_MACHINE, "Mall entrance", &STUCK_SESSIONS, now).await?;
    counters.set(STUCK_MACHINE, STUCK_COUNT);
    for (machine_id, location) in [("10HKNTDOH2BA", "Station hall"), ("VM001", "Office lobby")] {
        insert_machine(pool, machine_id, location, &LIVE_SESSIONS, now).await?;
        counters.set(
            machine_id,
            u32::try_from(LIVE_SESSIONS.len()).unwrap_or(u32::MAX),
        );
    }
    Ok(Outcome::Seeded)
}

async fn insert_machine(
    pool: &SqlitePool,
    machine_id: &str,
    location: &str,
    seeds: &[Seed],
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let machine = Machine {
        id: machine_id.to_owned(),
        name: format!("Chinese Vending Machine {machine_id}"),
        location: Some(location.to_owned()),
        is_active: true,
        created_at: to_storage(now - Duration::days(30)),
        last_heartbeat: None,
        qr_config: json!({"auto_created": true, "created_for": "chinese_integration", "timeout_minutes": 30})
            .to_string(),
    };
    db::insert_machine(pool, &machine).await?;

    for seed in seeds {
        let created = now - Duration::minutes(seed.age_minutes);
        let session = Session {
            session_id: session_id(machine_id, created),
            machine_id: machine_id.to_owned(),
            status: seed.status.to_owned(),
            user_progress: seed.user_progress.to_owned(),
            created_at: Some(to_storage(created)),
            expires_at: to_storage(created + Duration::minutes(seed.lifetime_minutes)),
            last_activity: Some(to_storage(created)),
            payment_amount: seed.payment.map(|(amount, _)| amount),
            payment_method: seed.payment.map(|(_, method)| method.to_owned()),
            order_id: None,
            ip_address: Some("127.0.0.1".to_owned()),
            session_data: None,
        };
        db::insert_session(pool, &session).await?;
    }
    Ok(())
}
