//! The signals that stop a command early: Ctrl-C (SIGINT, exit 130) and SIGTERM (exit 143, what
//! `kill`, `timeout` and CI runners send). Both end a command the same way: what was received
//! stays on stdout, the JSON summary or the partial bench report is still written, and the
//! exit code says which signal it was. Which one arrived is kept for the process, so the code
//! that writes the report after the run (not the code that waited) can name it.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::exit::Exit;

/// The exit code of the stop signal received, or 0 for none yet.
static RECEIVED: AtomicU8 = AtomicU8::new(0);

/// Waits for SIGINT or SIGTERM and returns the exit code it stands for. The handlers are
/// installed when this is first polled, so it must sit in a `select!` beside the work it stops.
pub async fn stopped() -> Exit {
    let exit = tokio::select! {
        _ = interrupt() => Exit::Interrupted,
        _ = terminate() => Exit::Terminated,
    };
    RECEIVED.store(exit.code(), Ordering::Relaxed);
    exit
}

/// The stop signal received so far, if any.
pub fn received() -> Option<Exit> {
    match RECEIVED.load(Ordering::Relaxed) {
        0 => None,
        c if c == Exit::Terminated.code() => Some(Exit::Terminated),
        _ => Some(Exit::Interrupted),
    }
}

/// The word an error message uses for a stop signal's exit code.
pub fn word(exit: Exit) -> &'static str {
    match exit {
        Exit::Terminated => "terminated",
        _ => "interrupted",
    }
}

async fn interrupt() {
    // A handler that cannot be installed must not look like a signal.
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

#[cfg(unix)]
async fn terminate() {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut s) => {
            s.recv().await;
        }
        Err(_) => std::future::pending::<()>().await,
    }
}

#[cfg(not(unix))]
async fn terminate() {
    std::future::pending::<()>().await
}
