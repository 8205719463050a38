//! How the server ends and what it reads from: shutdown and exit as the spec says, end
//! of input, sockets (polled, then left blocking) and a file as stdin.

use super::{debug_options, frame, started, started_with, POLICY, URI};
use crate::common::{Io, Server};
use serde_json::{json, Value};
use std::process::{Command, Stdio};

#[test]
fn shutdown_and_exit_follow_the_spec() {
    let mut s = Server::start();
    // Before initialize: requests fail with ServerNotInitialized, notifications are dropped.
    assert_eq!(
        s.error_code(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}})
        ),
        -32002
    );
    s.open(URI, POLICY);
    s.initialize(json!({}), debug_options());
    assert_eq!(
        s.text(URI),
        Value::Null,
        "didOpen before initialize is dropped"
    );
    // A second initialize is an error.
    let res = s.request_raw("initialize", json!({"capabilities": {}}));
    assert!(res.get("error").is_some(), "{res}");
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    assert_eq!(s.request("shutdown", Value::Null), Value::Null);
    // After shutdown: requests are invalid, notifications other than exit are dropped.
    assert_eq!(
        s.error_code(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}})
        ),
        -32600
    );
    s.change(URI, 2, json!([{"text": "{}"}]));
    s.notify("exit", Value::Null);
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn end_of_input_without_exit_ends_the_server() {
    let mut s = started();
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    s.close_input();
    assert_eq!(
        s.wait_exit(),
        1,
        "end of input without shutdown exits with 1"
    );
}

#[test]
fn end_of_input_over_sockets_ends_the_server() {
    let mut s = started_with(Io::Sockets);
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    s.close_input();
    assert_eq!(s.wait_exit(), 1);
}

/// Whether the open file behind `fd` (of this process) is in non-blocking mode, from
/// the `flags` line (octal) of `/proc/self/fdinfo`.
fn nonblocking(fd: &std::os::fd::OwnedFd) -> bool {
    use std::os::fd::AsRawFd;
    let info =
        std::fs::read_to_string(format!("/proc/self/fdinfo/{}", fd.as_raw_fd())).expect("fdinfo");
    let flags = info
        .lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        .expect("flags line");
    flags & 0o4000 != 0 // O_NONBLOCK
}

#[test]
fn sockets_are_polled_and_left_blocking_again() {
    let mut s = started_with(Io::Sockets);
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    let log = s.wait_for("the start-up log message", |m| {
        m["method"] == "window/logMessage"
    });
    assert!(
        log["params"]["message"]
            .as_str()
            .is_some_and(|m| m.ends_with(": stdin socket, stdout socket")),
        "{log}"
    );
    let probe = s.stdin_probe.take().expect("socket mode keeps a probe");
    assert!(
        nonblocking(&probe),
        "the server reads its stdin socket through the reactor"
    );
    assert_eq!(s.stop(), 0);
    assert!(
        !nonblocking(&probe),
        "blocking mode is restored before the server exits"
    );
}

#[test]
fn stdin_from_a_file_is_served_with_blocking_reads() {
    // Neither a pipe nor a socket. A client may send nothing before the answer to
    // `initialize`, so the file holds just that request; then input ends.
    let dir = std::env::temp_dir().join(format!("policy-lsp-stdin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("session.bin");
    let init = Server::message(
        Some(1),
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    std::fs::write(&input, frame(init.to_string().as_bytes())).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policy-lsp"))
        .arg("--stdio")
        .stdin(std::fs::File::open(&input).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output()
        .expect("run policy-lsp");
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&out.stdout);
    let (_, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no message: {text:?}"));
    let res: Value = serde_json::from_str(body).expect("one JSON body");
    assert_eq!(res["id"], 1, "{text}");
    assert!(res["result"]["capabilities"].is_object(), "{text}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "end of input without shutdown: 1"
    );
}
