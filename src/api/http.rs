//! HTTP/1.1 on one connection: writing a request, reading the reply's head, and reading its
//! body as it arrives (Content-Length, chunked, or up to the connection's close), straight from
//! the socket into one buffer. The exchange reads a streamed reply through `Response::chunk`:
//! each call is at most one socket read, whose return time it keeps (`read_at`), and the data
//! it hands back is a slice of that read, never copied or passed through another task.
//!
//! Time limits cost nothing per read: one timer per reply is re-armed only when it fires early
//! (the reply went on reading since it was set), so a long stream re-arms it once per idle
//! period, not once per token.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use http::header::{HeaderMap, HeaderName, HeaderValue};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;

/// The longest reply head fw reads; real ones are a few hundred bytes.
const HEAD_CAP: usize = 64 * 1024;
/// The longest chunk-size or trailer line.
const LINE_CAP: usize = 4 * 1024;
const READ_SIZE: usize = 16 * 1024;

/// Where a connection goes when its reply has been read to the end (the client's pool).
pub type Home = Arc<dyn Fn(Conn) + Send + Sync>;

/// What went wrong in the transport, and the kind the callers decide on.
#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The URL cannot be sent to (not http or https, no host).
    Url,
    /// No connection: DNS, refused, unreachable, TLS handshake, proxy tunnel.
    Connect,
    /// The connection could not be made within the connect time limit.
    ConnectTimeout,
    /// No data within the read time limit, or the whole-request limit ran out.
    Timeout,
    /// A kept-alive connection the server had already closed before any of the reply: nothing
    /// reached the server's application.
    Stale,
    /// A redirect that was not followed (`client::RedirectRefused` is the source).
    Redirect,
    /// The reply broke the protocol, or the connection ended inside it.
    Protocol,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            source: None,
        }
    }

    pub fn with(
        kind: ErrorKind,
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        Error {
            kind,
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }

    pub fn is_timeout(&self) -> bool {
        matches!(self.kind, ErrorKind::Timeout | ErrorKind::ConnectTimeout)
    }

    pub fn is_connect(&self) -> bool {
        matches!(self.kind, ErrorKind::Connect | ErrorKind::ConnectTimeout)
    }

    pub fn is_stale(&self) -> bool {
        self.kind == ErrorKind::Stale
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A connection: plain TCP, or TLS over TCP.
pub enum Stream {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
}

impl Stream {
    fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => s.get_ref().0,
        }
    }
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// One connection with its read buffer, and the pool key it goes back under.
pub struct Conn {
    io: Stream,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    pub key: String,
    /// Taken from the pool (not new): a failure before any reply byte means the server had
    /// closed it.
    pub reused: bool,
}

impl Conn {
    pub fn new(io: Stream, key: String) -> Conn {
        Conn {
            io,
            buf: vec![0; READ_SIZE],
            pos: 0,
            end: 0,
            key,
            reused: false,
        }
    }

    /// Whether a pooled connection is still usable: open, nothing unasked-for waiting on it, and
    /// its socket registered with a runtime that still runs (a client can outlive the runtime
    /// that opened its connections).
    pub fn is_idle_open(&self) -> bool {
        use std::os::fd::AsRawFd;
        if self.pos != self.end || self.runtime_ended() {
            return false;
        }
        let mut b = 0u8;
        // SAFETY: a one-byte peek into a valid byte on a socket this connection owns.
        let n = unsafe {
            libc::recv(
                self.io.tcp().as_raw_fd(),
                (&mut b as *mut u8).cast(),
                1,
                libc::MSG_PEEK | libc::MSG_DONTWAIT,
            )
        };
        n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::WouldBlock
    }

    /// Whether the runtime whose reactor this socket is registered with has shut down: its
    /// readiness then fails at once. A poll that finds it running leaves nothing behind but a
    /// no-op waker, replaced by the next real read.
    fn runtime_ended(&self) -> bool {
        let mut cx = Context::from_waker(std::task::Waker::noop());
        matches!(self.io.tcp().poll_read_ready(&mut cx), Poll::Ready(Err(_)))
    }

    /// Writes the whole request at once.
    pub async fn write(&mut self, bytes: &[u8], timer: &mut Timer) -> io::Result<()> {
        let io = &mut self.io;
        let write = async {
            io.write_all(bytes).await?;
            io.flush().await
        };
        match timer.total {
            Some(t) => tokio::time::timeout_at(t.into(), write)
                .await
                .unwrap_or_else(|_| Err(io::ErrorKind::TimedOut.into())),
            None => write.await,
        }
    }

    /// One read into the buffer (after what is held); 0 at the end of the connection.
    async fn read_more(&mut self, timer: &mut Timer) -> Result<usize, Error> {
        if self.pos == self.end {
            self.pos = 0;
            self.end = 0;
        } else if self.end == self.buf.len() {
            if self.pos > 0 {
                self.buf.copy_within(self.pos..self.end, 0);
                self.end -= self.pos;
                self.pos = 0;
            } else {
                let n = self.buf.len() * 2;
                self.buf.resize(n, 0);
            }
        }
        let Conn { io, buf, end, .. } = self;
        let spare = &mut buf[*end..];
        let n = std::future::poll_fn(|cx| {
            let mut rb = ReadBuf::new(spare);
            if let Poll::Ready(r) = Pin::new(&mut *io).poll_read(cx, &mut rb) {
                return Poll::Ready(r.map(|()| rb.filled().len()).map_err(|e| {
                    Error::with(ErrorKind::Protocol, format!("reading the reply: {e}"), e)
                }));
            }
            timer.poll_expired(cx).map(Err)
        })
        .await?;
        let now = Instant::now();
        timer.last_read = now;
        self.end += n;
        Ok(n)
    }
}

/// The time limits of one request: a read limit between reads, and a deadline for the whole.
pub struct Timer {
    sleep: Pin<Box<tokio::time::Sleep>>,
    idle: Duration,
    total: Option<Instant>,
    /// When the last read returned.
    pub last_read: Instant,
    /// The sleep has been polled since it was last armed.
    registered: bool,
}

impl Timer {
    pub fn new(idle: Duration, total: Option<Duration>) -> Timer {
        let now = Instant::now();
        let total = total.and_then(|d| now.checked_add(d));
        let mut t = Timer {
            sleep: Box::pin(tokio::time::sleep_until(now.into())),
            idle,
            total,
            last_read: now,
            registered: false,
        };
        let due = t.due();
        t.sleep.as_mut().reset(due.into());
        t
    }

    fn due(&self) -> Instant {
        let idle = self
            .last_read
            .checked_add(self.idle)
            .unwrap_or(self.last_read);
        self.total.map_or(idle, |t| t.min(idle))
    }

    /// Ready with the timeout error once a limit has passed; otherwise re-arms for the next.
    /// The timer is polled (and so holds the task's waker) once per arming, not on every read
    /// that waits: a task's waker stays the same, so the timer still wakes it.
    fn poll_expired(&mut self, cx: &mut Context<'_>) -> Poll<Error> {
        if self.registered && !self.sleep.is_elapsed() {
            return Poll::Pending;
        }
        self.registered = true;
        loop {
            if self.sleep.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            let due = self.due();
            if Instant::now() >= due {
                return Poll::Ready(Error::new(ErrorKind::Timeout, "operation timed out"));
            }
            self.sleep.as_mut().reset(due.into());
        }
    }
}

/// How the body of a reply ends.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Body {
    Length(u64),
    Chunked(Chunk),
    /// Up to the end of the connection.
    Close,
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Chunk {
    Size,
    Data(u64),
    /// The CRLF after a chunk's data.
    End,
    Trailers,
}

/// A reply: status, headers, and a body read on demand.
pub struct Response {
    status: u16,
    headers: HeaderMap,
    body: Body,
    keep_alive: bool,
    conn: Option<Conn>,
    timer: Timer,
    /// Where a connection goes when its reply has been read to the end.
    pool: Option<Home>,
}

impl Response {
    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// When the read that carried the latest chunk returned.
    pub fn read_at(&self) -> Instant {
        self.timer.last_read
    }

    /// The next piece of the body as it arrives (at most one socket read), `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<&[u8]>, Error> {
        let range = loop {
            let Some(conn) = self.conn.as_mut() else {
                return Ok(None);
            };
            let held = conn.end - conn.pos;
            let read = match &mut self.body {
                Body::Done => return Ok(None),
                Body::Length(0) => {
                    self.finish();
                    return Ok(None);
                }
                Body::Length(n) | Body::Chunked(Chunk::Data(n)) if held > 0 => {
                    let k = (*n).min(held as u64) as usize;
                    *n -= k as u64;
                    let r = conn.pos..conn.pos + k;
                    conn.pos += k;
                    if self.body == Body::Chunked(Chunk::Data(0)) {
                        self.body = Body::Chunked(Chunk::End);
                    }
                    break r;
                }
                Body::Close if held > 0 => {
                    let r = conn.pos..conn.end;
                    conn.pos = conn.end;
                    break r;
                }
                Body::Chunked(Chunk::End) if held >= 2 => {
                    if &conn.buf[conn.pos..conn.pos + 2] != b"\r\n" {
                        return Err(bad_chunk());
                    }
                    conn.pos += 2;
                    self.body = Body::Chunked(Chunk::Size);
                    continue;
                }
                Body::Chunked(state @ (Chunk::Size | Chunk::Trailers)) => {
                    match line(&conn.buf[conn.pos..conn.end]) {
                        Some((text, used)) => {
                            conn.pos += used;
                            *state = match state {
                                Chunk::Size => match chunk_size(text)? {
                                    0 => Chunk::Trailers,
                                    n => Chunk::Data(n),
                                },
                                _ if text.is_empty() => {
                                    self.finish();
                                    return Ok(None);
                                }
                                _ => Chunk::Trailers,
                            };
                            continue;
                        }
                        None if held > LINE_CAP => return Err(bad_chunk()),
                        None => true,
                    }
                }
                _ => true,
            };
            if read && conn.read_more(&mut self.timer).await? == 0 {
                if self.body == Body::Close {
                    self.body = Body::Done;
                    self.keep_alive = false;
                    self.conn = None;
                    return Ok(None);
                }
                self.conn = None;
                return Err(Error::new(
                    ErrorKind::Protocol,
                    "the connection closed before the reply ended",
                ));
            }
        };
        Ok(self.conn.as_ref().map(|c| &c.buf[range]))
    }

    /// The body is read to its end: the connection goes back to the pool if it may be reused.
    fn finish(&mut self) {
        self.body = Body::Done;
        if let (Some(conn), Some(pool), true) = (self.conn.take(), &self.pool, self.keep_alive) {
            pool(conn);
        }
    }
}

fn bad_chunk() -> Error {
    Error::new(
        ErrorKind::Protocol,
        "malformed chunked body in the reply (bad chunk framing)",
    )
}

/// A CRLF-ended line at the start of `buf`: its text (without the CRLF) and the bytes used.
fn line(buf: &[u8]) -> Option<(&[u8], usize)> {
    let i = buf.windows(2).position(|w| w == b"\r\n")?;
    Some((&buf[..i], i + 2))
}

/// A chunk-size line: hex digits, then optional extensions after `;`.
fn chunk_size(text: &[u8]) -> Result<u64, Error> {
    let digits = text
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default()
        .trim_ascii();
    std::str::from_utf8(digits)
        .ok()
        .filter(|d| !d.is_empty() && d.len() <= 15)
        .and_then(|d| u64::from_str_radix(d, 16).ok())
        .ok_or_else(bad_chunk)
}

/// The request as bytes: request line, headers, body.
pub fn request_bytes(
    method: &str,
    target: &str,
    host: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + body.map_or(0, <[u8]>::len));
    for part in [method, " ", target, " HTTP/1.1\r\nHost: ", host, "\r\n"] {
        out.extend_from_slice(part.as_bytes());
    }
    for (k, v) in headers {
        for part in [*k, ": ", *v, "\r\n"] {
            out.extend_from_slice(part.as_bytes());
        }
    }
    if let Some(body) = body {
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        out.extend_from_slice(body);
    } else {
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Reads the reply's head on `conn` (skipping `100 Continue` and other interim replies) and
/// returns the reply, whose body is read from the same connection.
pub async fn read_reply(
    mut conn: Conn,
    mut timer: Timer,
    head_only: bool,
    pool: Option<Home>,
) -> Result<Response, Error> {
    let mut got_any = false;
    loop {
        let mut raw = [httparse::EMPTY_HEADER; 128];
        let mut parsed = httparse::Response::new(&mut raw);
        match parsed.parse(&conn.buf[conn.pos..conn.end]) {
            Ok(httparse::Status::Complete(used)) => {
                let status = parsed.code.unwrap_or(0);
                let version = parsed.version.unwrap_or(1);
                let mut headers = HeaderMap::with_capacity(parsed.headers.len());
                for h in parsed.headers.iter() {
                    if let (Ok(k), Ok(v)) = (
                        HeaderName::from_bytes(h.name.as_bytes()),
                        HeaderValue::from_bytes(h.value),
                    ) {
                        headers.append(k, v);
                    }
                }
                conn.pos += used;
                if (100..200).contains(&status) && status != 101 {
                    continue;
                }
                let body = framing(status, head_only, &headers)?;
                let close = header_has(&headers, "connection", "close");
                let keep_alive = body != Body::Close
                    && !close
                    && (version == 1 || header_has(&headers, "connection", "keep-alive"));
                let mut resp = Response {
                    status,
                    headers,
                    body,
                    keep_alive,
                    conn: Some(conn),
                    timer,
                    pool,
                };
                if resp.body == Body::Length(0) {
                    resp.finish();
                }
                return Ok(resp);
            }
            Ok(httparse::Status::Partial) => {}
            Err(e) => {
                return Err(Error::new(
                    ErrorKind::Protocol,
                    format!("malformed reply head: {e}"),
                ))
            }
        }
        if conn.end - conn.pos > HEAD_CAP {
            return Err(Error::new(
                ErrorKind::Protocol,
                format!("the reply's head is larger than {} KiB", HEAD_CAP >> 10),
            ));
        }
        let n = match conn.read_more(&mut timer).await {
            Err(e) if conn.reused && !got_any && e.kind == ErrorKind::Protocol => 0,
            r => r?,
        };
        if n == 0 {
            return Err(if conn.reused && !got_any {
                Error::new(
                    ErrorKind::Stale,
                    "the kept-alive connection was closed by the server",
                )
            } else {
                Error::new(
                    ErrorKind::Protocol,
                    "the connection closed before a complete reply head",
                )
            });
        }
        got_any = true;
    }
}

/// How the body of a reply with this status and these headers ends (RFC 9112, section 6.3).
fn framing(status: u16, head_only: bool, headers: &HeaderMap) -> Result<Body, Error> {
    if head_only || status == 204 || status == 304 {
        return Ok(Body::Length(0));
    }
    if let Some(te) = headers.get_all("transfer-encoding").iter().next_back() {
        let last = te
            .to_str()
            .unwrap_or("")
            .rsplit(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        return Ok(if last == "chunked" {
            Body::Chunked(Chunk::Size)
        } else {
            Body::Close
        });
    }
    let mut lengths = headers.get_all("content-length").iter();
    match lengths.next() {
        None => Ok(Body::Close),
        Some(v) => {
            let n = v
                .to_str()
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|n| lengths.all(|o| o.to_str().ok().map(str::trim) == Some(&n.to_string())))
                .ok_or_else(|| {
                    Error::new(ErrorKind::Protocol, "malformed Content-Length in the reply")
                })?;
            Ok(Body::Length(n))
        }
    }
}

/// Whether a comma-separated header holds `token` (any case).
fn header_has(headers: &HeaderMap, name: &str, token: &str) -> bool {
    headers.get_all(name).iter().any(|v| {
        v.to_str()
            .unwrap_or("")
            .split(',')
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    })
}

#[cfg(test)]
mod tests;
