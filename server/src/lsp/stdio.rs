//! stdin and stdout of the server, read and written on the runtime's own thread when
//! they are pipes or sockets, which is how editors start a language server (VS Code
//! and Neovim, through libuv, hand over Unix socket pairs; most other clients pipes).
//!
//! tokio's `Stdin` and `Stdout` do each read and write on a blocking-pool thread, so
//! every message crosses between threads twice on its way in and out. On a busy
//! machine each hand-off waits for a thread to be scheduled, which is most of a short
//! request's tail latency. Pipes and sockets are instead registered with the reactor
//! (non-blocking, polled with epoll), and anything else (a file, a terminal, another
//! platform) keeps tokio's blocking stdio.
//!
//! Non-blocking mode belongs to the open file, which the client, or a process between
//! it and us, could share: [`Restore`] puts blocking mode back once the server is done.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

pub(crate) enum Input {
    #[cfg(unix)]
    Pipe(tokio::net::unix::pipe::Receiver),
    #[cfg(unix)]
    Socket(tokio::net::UnixStream),
    Std(tokio::io::Stdin),
}

pub(crate) enum Output {
    #[cfg(unix)]
    Pipe(tokio::net::unix::pipe::Sender),
    #[cfg(unix)]
    Socket(tokio::net::UnixStream),
    Std(tokio::io::Stdout),
}

impl Input {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            #[cfg(unix)]
            Input::Pipe(_) => "pipe",
            #[cfg(unix)]
            Input::Socket(_) => "socket",
            Input::Std(_) => "blocking stdio",
        }
    }
}

impl Output {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            #[cfg(unix)]
            Output::Pipe(_) => "pipe",
            #[cfg(unix)]
            Output::Socket(_) => "socket",
            Output::Std(_) => "blocking stdio",
        }
    }
}

/// How to put the descriptors back in blocking mode.
#[derive(Default)]
pub(crate) struct Restore {
    #[cfg(unix)]
    fds: Vec<(unix::Kind, std::os::fd::OwnedFd)>,
}

/// stdin and stdout for the server, with what undoes their non-blocking mode. Must be
/// called within a tokio runtime that has I/O enabled.
pub(crate) fn open() -> (Input, Output, Restore) {
    let mut restore = Restore::default();
    #[cfg(unix)]
    {
        let input = unix::input(&mut restore).unwrap_or_else(|| Input::Std(tokio::io::stdin()));
        let output = unix::output(&mut restore).unwrap_or_else(|| Output::Std(tokio::io::stdout()));
        (input, output, restore)
    }
    #[cfg(not(unix))]
    {
        (
            Input::Std(tokio::io::stdin()),
            Output::Std(tokio::io::stdout()),
            restore,
        )
    }
}

impl Restore {
    /// Best effort: a descriptor the client has closed meanwhile cannot be helped.
    pub(crate) fn run(self) {
        #[cfg(unix)]
        for (kind, fd) in self.fds {
            unix::set_blocking(kind, fd);
        }
    }
}

#[cfg(unix)]
mod unix {
    use super::{Input, Output, Restore};
    use std::fs::File;
    use std::os::fd::{AsFd, OwnedFd};
    use std::os::unix::fs::FileTypeExt;
    use tokio::net::unix::pipe;

    #[derive(Clone, Copy)]
    pub(super) enum Kind {
        Pipe,
        Socket,
    }

    /// Whether the descriptor is a pipe or a socket, with two duplicates of it: one to
    /// serve, one to restore blocking mode with.
    fn classify(fd: std::os::fd::BorrowedFd<'_>) -> Option<(Kind, OwnedFd, OwnedFd)> {
        let file = File::from(fd.try_clone_to_owned().ok()?);
        let ty = file.metadata().ok()?.file_type();
        let kind = if ty.is_fifo() {
            Kind::Pipe
        } else if ty.is_socket() {
            Kind::Socket
        } else {
            return None;
        };
        let owned = OwnedFd::from(file);
        let keep = owned.try_clone().ok()?;
        Some((kind, owned, keep))
    }

    fn socket(fd: OwnedFd) -> Option<tokio::net::UnixStream> {
        let s = std::os::unix::net::UnixStream::from(fd);
        s.set_nonblocking(true).ok()?;
        tokio::net::UnixStream::from_std(s).ok()
    }

    /// The descriptor as a pipe or a socket for the reactor. If that fails part way
    /// (non-blocking mode may be set already), blocking mode is put back at once, for
    /// the caller falls back to tokio's blocking stdio.
    fn open<T>(
        fd: std::os::fd::BorrowedFd<'_>,
        restore: &mut Restore,
        pipe: impl FnOnce(OwnedFd) -> std::io::Result<T>,
        socket_end: impl FnOnce(tokio::net::UnixStream) -> T,
    ) -> Option<T> {
        let (kind, fd, keep) = classify(fd)?;
        let opened = match kind {
            Kind::Pipe => pipe(fd).ok(),
            Kind::Socket => socket(fd).map(socket_end),
        };
        if opened.is_some() {
            restore.fds.push((kind, keep));
        } else {
            set_blocking(kind, keep);
        }
        opened
    }

    pub(super) fn input(restore: &mut Restore) -> Option<Input> {
        open(
            std::io::stdin().as_fd(),
            restore,
            |fd| pipe::Receiver::from_owned_fd(fd).map(Input::Pipe),
            Input::Socket,
        )
    }

    pub(super) fn output(restore: &mut Restore) -> Option<Output> {
        open(
            std::io::stdout().as_fd(),
            restore,
            |fd| pipe::Sender::from_owned_fd(fd).map(Output::Pipe),
            Output::Socket,
        )
    }

    /// Needs the runtime for pipes: tokio's pipe types are the safe way to reach the
    /// flag, and they register with the reactor first.
    pub(super) fn set_blocking(kind: Kind, fd: OwnedFd) {
        match kind {
            Kind::Socket => {
                let _ = std::os::unix::net::UnixStream::from(fd).set_nonblocking(false);
            }
            Kind::Pipe => {
                // Either end works: the flag is the open file's. `unchecked` because
                // the access mode of a duplicate of stdout is write-only.
                let _ =
                    pipe::Sender::from_owned_fd_unchecked(fd).and_then(|p| p.into_blocking_fd());
            }
        }
    }
}

macro_rules! each {
    ($self:ident, $x:ident => $e:expr) => {
        match $self.get_mut() {
            #[cfg(unix)]
            Self::Pipe($x) => {
                let $x = Pin::new($x);
                $e
            }
            #[cfg(unix)]
            Self::Socket($x) => {
                let $x = Pin::new($x);
                $e
            }
            Self::Std($x) => {
                let $x = Pin::new($x);
                $e
            }
        }
    };
}

impl AsyncRead for Input {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        each!(self, x => x.poll_read(cx, buf))
    }
}

impl AsyncWrite for Output {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        each!(self, x => x.poll_write(cx, buf))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        each!(self, x => x.poll_flush(cx))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        each!(self, x => x.poll_shutdown(cx))
    }
}
