//! The language server: tower-lsp over stdio. With `cli` and `workspace`, the only
//! code that does I/O, and the only code that touches `lsp_types`/tokio. Handlers are
//! thin: `from_proto` → `ide` → `to_proto` (`server.rs`, conversions in `convert.rs`).

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod config;
pub mod convert;
mod extensions;
mod files;
mod server;
mod session;
mod state;
mod stdio;
pub mod store;
mod transport;

pub use extensions::{
    DebugTextParams, DebugTextResult, StatusNotification, StatusParams, DEBUG_TEXT_METHOD,
    EXPLAIN_COMMAND,
};
pub use server::FIX_ALL_KIND;
pub use state::{Backend, DEBOUNCE};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tower_lsp::{LspService, Server};

/// Serves LSP on stdin/stdout until `exit` (or end of input). Returns the process exit
/// status: 0 when `shutdown` came before `exit`, 1 otherwise (as the spec asks).
pub fn run() -> i32 {
    crate::workspace::warm_up(crate::model::DocKind::ALL.to_vec());
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .enable_io()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            transport::log_stderr(&format!("policy-lsp: cannot start the async runtime: {e}"));
            return 2;
        }
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    rt.block_on(async move {
        let (input, output, restore) = stdio::open();
        let io = format!("stdin {}, stdout {}", input.kind(), output.kind());
        let (service, socket) = LspService::build(|client| Backend::new(client, flag, io))
            .custom_method(DEBUG_TEXT_METHOD, Backend::debug_text)
            .custom_method(transport::INVALID_MESSAGE_METHOD, Backend::invalid_message)
            .finish();
        let stdin = transport::ExitWatch::new(input);
        Server::new(stdin, output, socket).serve(service).await;
        restore.run();
    });
    // A blocking stdin reader (stdin neither a pipe nor a socket) may still be parked
    // in read(2): don't wait for it.
    rt.shutdown_background();
    if shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}
