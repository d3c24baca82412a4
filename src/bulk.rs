//! Running one request per item (machine or session) with bounded concurrency, results in
//! input order, a progress bar on a terminal, and a graceful stop on Ctrl-C.

use std::future::Future;
use std::time::Duration;

use futures::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use tokio::sync::watch;

use crate::terminal::Terminal;

/// How long requests already in flight may take to finish after Ctrl-C.
pub const INTERRUPT_GRACE: Duration = Duration::from_secs(5);

/// The Ctrl-C state of the run, shared by every task.
#[derive(Debug, Clone)]
pub struct Interrupt {
    receiver: watch::Receiver<bool>,
}

impl Interrupt {
    /// Starts listening for Ctrl-C (SIGINT) and, on Unix, SIGTERM. Must be called inside the
    /// runtime. The handlers are installed before this returns, so a signal that comes at once
    /// is not lost to the default action.
    pub fn listen() -> Self {
        let (sender, receiver) = watch::channel(false);
        let signals = Signals::install();
        tokio::spawn(async move {
            signals.received().await;
            let _ = sender.send(true);
        });
        Self { receiver }
    }

    /// Returns true once Ctrl-C has been pressed.
    pub fn is_set(&self) -> bool {
        *self.receiver.borrow()
    }

    /// Completes when Ctrl-C is pressed.
    pub async fn fired(&self) {
        let mut receiver = self.receiver.clone();
        // An error means the sender is gone without firing, which happens only at shutdown.
        if receiver.wait_for(|set| *set).await.is_err() {
            std::future::pending::<()>().await;
        }
    }

    /// Completes [`INTERRUPT_GRACE`] after Ctrl-C is pressed.
    pub async fn grace_expired(&self) {
        self.fired().await;
        tokio::time::sleep(INTERRUPT_GRACE).await;
    }
}

/// The signal handlers that end bulk work and prompts.
#[cfg(unix)]
struct Signals {
    interrupt: Option<tokio::signal::unix::Signal>,
    terminate: Option<tokio::signal::unix::Signal>,
}

#[cfg(unix)]
impl Signals {
    fn install() -> Self {
        use tokio::signal::unix::{SignalKind, signal};
        // Without a handler the signal keeps its default action and still ends the process.
        Self {
            interrupt: signal(SignalKind::interrupt()).ok(),
            terminate: signal(SignalKind::terminate()).ok(),
        }
    }

    async fn received(self) {
        async fn next(signal: Option<tokio::signal::unix::Signal>) {
            match signal {
                Some(mut signal) => {
                    signal.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        }
        tokio::select! {
            () = next(self.interrupt) => {}
            () = next(self.terminate) => {}
        }
    }
}

#[cfg(not(unix))]
struct Signals;

#[cfg(not(unix))]
impl Signals {
    fn install() -> Self {
        Self
    }

    async fn received(self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The outcome of one item.
#[derive(Debug)]
pub enum Step<T> {
    /// The work ran to its end (successfully or not).
    Done(T),
    /// Ctrl-C came before the work started; nothing was sent.
    NotStarted,
    /// The work was in flight at Ctrl-C and did not finish within [`INTERRUPT_GRACE`]; its
    /// outcome is unknown.
    Abandoned,
}

/// Runs `work` on every item, at most `jobs` at once, and returns the steps in input order.
/// After Ctrl-C no new item starts, and items in flight get [`INTERRUPT_GRACE`] to finish.
pub async fn run_ordered<I, T, F, Fut>(
    items: Vec<I>,
    jobs: usize,
    interrupt: &Interrupt,
    progress: Option<&ProgressBar>,
    work: F,
) -> Vec<Step<T>>
where
    F: Fn(I) -> Fut,
    Fut: Future<Output = T>,
{
    let work = &work;
    futures::stream::iter(items)
        .map(|item| async move {
            if interrupt.is_set() {
                return Step::NotStarted;
            }
            let step = tokio::select! {
                result = work(item) => Step::Done(result),
                () = interrupt.grace_expired() => Step::Abandoned,
            };
            if let Some(progress) = progress {
                progress.inc(1);
            }
            step
        })
        .buffered(jobs.max(1))
        .collect()
        .await
}

/// Returns a progress bar on stderr when stderr is a terminal and there is more than one item.
pub fn progress_bar(terminal: &Terminal, total: usize, what: &str) -> Option<ProgressBar> {
    if !terminal.stderr || total < 2 {
        return None;
    }
    let bar = ProgressBar::new(total as u64);
    let style = ProgressStyle::with_template(&format!("{{bar:30}} {{pos}}/{{len}} {what}"))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}
