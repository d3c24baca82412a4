//! `vendctl serve`: the admin API over a local SQLite database.

mod admin;
mod counter;
mod db;
mod demo;
mod routes;
mod timestamps;
mod validation;
mod vending;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::cli::ServeArgs;
use crate::error::usage;
use counter::Counters;
use routes::AppState;

/// Runs the server until Ctrl-C or SIGTERM, then finishes the requests in progress.
pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    check_exposure(&args)?;

    // Bind first: a port in use must not leave a new database file behind.
    let listener = TcpListener::bind(args.listen).await.map_err(|error| {
        usage(format!(
            "cannot listen on {}: {error}; pass another --listen address",
            args.listen
        ))
    })?;

    let pool = db::open(&args.database).await?;
    let counters = Arc::new(Counters::new(args.session_limit));
    let demo_outcome = if args.demo {
        let outcome = demo::seed(&pool, &counters)
            .await
            .with_context(|| format!("seeding the demo data into {}", args.database.display()))?;
        Some(outcome)
    } else {
        None
    };

    let address = listener.local_addr().context("reading the bound address")?;
    let shutdown = ShutdownSignals::install()?;
    // Tests and scripts read this first line to find the port, so it goes out before any log line.
    let _ = crate::output::write_stderr_line(&format!("listening on http://{address}"));
    log_start(&args, demo_outcome);

    let state = AppState {
        pool: pool.clone(),
        counters,
        admin_token: args.admin_token.clone(),
    };
    let app = routes::router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.received())
        .await
        .context("serving HTTP")?;

    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Rejects a non-loopback listen address without an admin token, unless the user allowed it.
fn check_exposure(args: &ServeArgs) -> anyhow::Result<()> {
    if args.listen.ip().is_loopback() || args.admin_token.is_some() || args.allow_unauthenticated {
        return Ok(());
    }
    Err(usage(format!(
        "refusing to listen on {} without authentication: other hosts could reach the admin API; \
         set --admin-token (or VENDCTL_ADMIN_TOKEN), or pass --allow-unauthenticated",
        args.listen
    )))
}

fn log_start(args: &ServeArgs, demo_outcome: Option<demo::Outcome>) {
    tracing::info!(
        "serving {} with a session limit of {} per machine; admin token {}",
        args.database.display(),
        args.session_limit,
        if args.admin_token.is_some() {
            "required"
        } else {
            "not required"
        }
    );
    match demo_outcome {
        Some(demo::Outcome::Seeded) => tracing::info!("seeded the demo machines and sessions"),
        Some(demo::Outcome::Skipped { stuck_counter_set }) => tracing::info!(
            "the database already has data, so --demo added nothing; counter of {} {}",
            demo::STUCK_MACHINE,
            if stuck_counter_set {
                "set to 5"
            } else {
                "left at 0: the machine is not in the database"
            }
        ),
        None => {}
    }
}

/// The Ctrl-C (SIGINT) and SIGTERM handlers. They are installed before the server announces
/// its address, so a signal sent as soon as the address is known stops it gracefully instead of
/// killing it.
struct ShutdownSignals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

impl ShutdownSignals {
    fn install() -> anyhow::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt()).context("listening for Ctrl-C")?,
            terminate: signal(SignalKind::terminate()).context("listening for SIGTERM")?,
        })
    }

    /// Waits for Ctrl-C or SIGTERM.
    async fn received(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => tracing::info!("received Ctrl-C, stopping after the requests in progress"),
            _ = self.terminate.recv() => tracing::info!("received SIGTERM, stopping after the requests in progress"),
        }
    }
}
