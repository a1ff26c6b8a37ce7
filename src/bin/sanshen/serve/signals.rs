//! Signals: SIGHUP reloads; SIGTERM and SIGINT stop taking requests and let those in flight
//! finish, for at most the grace period.

use super::Shared;
use std::time::Duration;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::watch;

/// The stop request, shared by the server (stop accepting) and the grace timer.
pub(crate) struct Stop {
    rx: watch::Receiver<bool>,
}

impl Stop {
    /// Resolves when a stop was requested.
    pub(crate) fn requested(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.rx.clone();
        async move {
            let _ = rx.wait_for(|stop| *stop).await;
        }
    }

    /// Resolves `grace` after a stop was requested.
    pub(crate) async fn expired(&self, grace: Duration) {
        self.requested().await;
        tokio::time::sleep(grace).await;
    }
}

/// Listens for the signals in the background.
pub(crate) fn watch(state: Shared) -> Stop {
    let (tx, rx) = watch::channel(false);
    tokio::spawn(reloads(state.clone()));
    tokio::spawn(async move {
        let why = stop_signal().await;
        eprintln!("sanshen serve: {why}: finishing the requests in flight");
        state.start_draining();
        let _ = tx.send(true);
    });
    Stop { rx }
}

async fn stop_signal() -> &'static str {
    let (Ok(mut term), Ok(mut int)) =
        (signal(SignalKind::terminate()), signal(SignalKind::interrupt()))
    else {
        // Without signal handlers the service still runs; it just cannot stop gracefully.
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => "SIGTERM",
        _ = int.recv() => "SIGINT",
    }
}

async fn reloads(state: Shared) {
    let Ok(mut hup) = signal(SignalKind::hangup()) else { return };
    while hup.recv().await.is_some() {
        match state.reload().await {
            Ok(entries) => {
                eprintln!("sanshen serve: SIGHUP: reloaded, {entries} dictionary entries")
            }
            Err(e) => eprintln!(
                "sanshen serve: SIGHUP: reload failed, keeping the previous dictionaries: {e}"
            ),
        }
    }
}
