//! The client: one per run, holding the key, the time limits, the proxy rules, TLS set up only
//! when a URL needs it, and a pool of kept-alive connections. It connects (TCP, a proxy's
//! CONNECT tunnel, TLS with rustls), sends a request through `api::http`, and follows redirects
//! only within the origin asked for. A plain-http loopback URL loads no root certificates, which
//! is most of a short request's cost.

use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use http::header::HeaderMap;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use url::Url;

use super::http::{self as wire, Conn, Error, ErrorKind, Home, Response, Stream, Timer};
use super::request::{Request, USER_AGENT};
use crate::exit::{Class, Exit, Failure};
use crate::secret::Secret;

pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    /// `Bearer KEY`, checked to be a valid header value.
    auth: String,
    options: Options,
    tls: Option<tokio_rustls::TlsConnector>,
    /// Kept-alive connections, by origin (and proxy).
    pool: Mutex<Vec<Conn>>,
    /// Puts a connection whose reply has ended back in `pool`; one per client, shared by
    /// every reply.
    home: Home,
    log: Option<ConnectLog>,
}

/// How the client connects: time limits, proxies, extra root certificates. Settings make one.
#[derive(Debug, Clone)]
pub struct Options {
    pub connect: std::time::Duration,
    /// Longest silence between two reads of a reply.
    pub read: std::time::Duration,
    /// Whole request, when set.
    pub total: Option<std::time::Duration>,
    pub proxy: crate::proxy::ProxyRules,
    /// Extra root certificates (PEM), for corporate proxies.
    pub extra_ca: Option<std::path::PathBuf>,
}

/// Every new connection the client opens: when it started and how long it took (TCP, plus TLS
/// for https). `fw bench` reports these apart, so set-up time never hides inside TTFT.
#[derive(Clone, Default)]
pub struct ConnectLog(Arc<Mutex<Vec<(Instant, Duration)>>>);

impl ConnectLog {
    pub fn entries(&self) -> Vec<(Instant, Duration)> {
        self.0.lock().map(|v| v.clone()).unwrap_or_default()
    }

    fn push(&self, start: Instant) {
        if let Ok(mut v) = self.0.lock() {
            v.push((start, start.elapsed()));
        }
    }
}

/// Idle connections kept per client; more are closed when their reply ends.
const POOL_MAX: usize = 4096;

impl Client {
    /// A client for `settings`; `tls` is false when every URL it will call is plain http, so no
    /// root certificates are loaded.
    pub fn new(options: &Options, key: &Secret, tls: bool) -> Result<Client> {
        Client::build(options, key, tls, None)
    }

    /// Like `new`, recording every connection it opens in `log`.
    pub fn with_connect_log(
        options: &Options,
        key: &Secret,
        tls: bool,
        log: ConnectLog,
    ) -> Result<Client> {
        Client::build(options, key, tls, Some(log))
    }

    fn build(
        options: &Options,
        key: &Secret,
        tls: bool,
        log: Option<ConnectLog>,
    ) -> Result<Client> {
        let auth = format!("Bearer {}", key.expose());
        if !auth
            .bytes()
            .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
        {
            return Err(Failure::new(
                Exit::Auth,
                "the API key contains characters that cannot go in a header",
            )
            .hint("check for stray quotes or line breaks around the key")
            .into());
        }
        let tls = if tls {
            Some(tls_connector(options.extra_ca.as_deref())?)
        } else {
            None
        };
        let inner = Arc::new_cyclic(|weak: &std::sync::Weak<Inner>| {
            let weak = weak.clone();
            Inner {
                auth,
                options: options.clone(),
                tls,
                pool: Mutex::new(Vec::new()),
                home: Arc::new(move |mut c: Conn| {
                    if let Some(inner) = weak.upgrade() {
                        if let Ok(mut pool) = inner.pool.lock() {
                            if pool.len() < POOL_MAX {
                                c.reused = true;
                                pool.push(c);
                            }
                        }
                    }
                }),
                log,
            }
        });
        Ok(Client { inner })
    }

    /// Sends the request and returns the response head, whatever its status.
    pub async fn send(&self, req: &Request) -> Result<Response> {
        let r = match self.send_raw(req).await {
            // A kept-alive connection the server had closed: nothing reached it, so once more.
            Err(e) if e.is_stale() => self.send_raw(req).await,
            r => r,
        };
        r.map_err(|e| network_failure(&e, &req.url).into())
    }

    /// `send` with the transport error as it is, and no second try on a closed kept-alive
    /// connection (`is_stale_connection`): the exchange decides that itself.
    pub async fn send_raw(&self, req: &Request) -> Result<Response, Error> {
        let first = Url::parse(&req.url)
            .map_err(|e| Error::with(ErrorKind::Url, format!("bad URL: {e}"), e))?;
        let body = (!req.body.is_null()).then(|| serde_json::to_vec(&req.body).unwrap_or_default());
        let mut method = req.method;
        let mut body = body.as_deref();
        let mut url = first.clone();
        let mut hops = 0;
        loop {
            let resp = self.once(&url, method, &req.headers, body).await?;
            let location = resp
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .filter(|_| matches!(resp.status(), 301 | 302 | 303 | 307 | 308));
            let Some(location) = location else {
                return Ok(resp);
            };
            let to = url.join(location).map_err(|e| {
                Error::with(
                    ErrorKind::Protocol,
                    format!("a redirect to a bad URL: {e}"),
                    e,
                )
            })?;
            let refused = if first.origin() != to.origin() {
                Some(RedirectRefused {
                    from: first.origin().ascii_serialization(),
                    to: crate::proxy::redact_url(to.as_str()),
                })
            } else if hops >= 10 {
                Some(RedirectRefused {
                    from: to.origin().ascii_serialization(),
                    to: "more than 10 redirects".into(),
                })
            } else {
                None
            };
            if let Some(r) = refused {
                return Err(Error::with(ErrorKind::Redirect, r.to_string(), r));
            }
            if resp.status() == 303 || (matches!(resp.status(), 301 | 302) && method == "POST") {
                method = "GET";
                body = None;
            }
            hops += 1;
            url = to;
        }
    }

    /// One request on one connection (pooled or new), up to the reply's head.
    async fn once(
        &self,
        url: &Url,
        method: &str,
        headers: &[(&'static str, String)],
        body: Option<&[u8]>,
    ) -> Result<Response, Error> {
        let o = &self.inner.options;
        let https = match url.scheme() {
            "https" => true,
            "http" => false,
            other => {
                return Err(Error::new(
                    ErrorKind::Url,
                    format!("URL scheme {other} is not supported (http or https)"),
                ))
            }
        };
        let host = url
            .host_str()
            .ok_or_else(|| Error::new(ErrorKind::Url, "the URL has no host"))?;
        let port = url
            .port_or_known_default()
            .unwrap_or(if https { 443 } else { 80 });
        let proxy = o
            .proxy
            .for_url(url)
            .map_err(|e| Error::new(ErrorKind::Url, e))?;
        let key = format!(
            "{}://{host}:{port} {}",
            url.scheme(),
            proxy.as_ref().map_or("", |p| p.as_str())
        );
        let host_header = match url.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.to_string(),
        };
        let path = &url[url::Position::BeforePath..url::Position::AfterQuery];
        // Through a proxy, a plain-http request names its whole URL; https is tunnelled.
        let target = match &proxy {
            Some(_) if !https => &url[..url::Position::AfterQuery],
            _ => path,
        };
        let proxy_auth = proxy.as_ref().and_then(proxy_authorization);
        let mut list: Vec<(&str, &str)> = Vec::with_capacity(headers.len() + 3);
        list.push(("User-Agent", USER_AGENT));
        list.push(("Authorization", &self.inner.auth));
        if let (Some(a), false) = (&proxy_auth, https) {
            list.push(("Proxy-Authorization", a));
        }
        for (k, v) in headers {
            if *k != "User-Agent" {
                list.push((k, v));
            }
        }
        let bytes = wire::request_bytes(method, target, &host_header, &list, body);

        let mut timer = Timer::new(o.read, o.total);
        let mut conn = match self.pooled(&key) {
            Some(c) => c,
            None => {
                let c = self
                    .connect(host, port, https, proxy.as_ref(), proxy_auth.as_deref())
                    .await?;
                Conn::new(c, key)
            }
        };
        if let Err(e) = conn.write(&bytes, &mut timer).await {
            return Err(if conn.reused {
                Error::with(
                    ErrorKind::Stale,
                    "the kept-alive connection was closed by the server",
                    e,
                )
            } else if e.kind() == std::io::ErrorKind::TimedOut {
                Error::new(ErrorKind::Timeout, "operation timed out")
            } else {
                Error::with(ErrorKind::Protocol, format!("sending the request: {e}"), e)
            });
        }
        timer.last_read = Instant::now();
        wire::read_reply(conn, timer, method == "HEAD", Some(self.inner.home.clone())).await
    }

    /// How many kept-alive connections wait in the pool.
    pub fn idle(&self) -> usize {
        self.inner.pool.lock().map_or(0, |p| p.len())
    }

    /// Closes every kept-alive connection in the pool.
    pub fn close_idle(&self) {
        if let Ok(mut p) = self.inner.pool.lock() {
            p.clear();
        }
    }

    /// An idle kept-alive connection to the same place that is still open.
    fn pooled(&self, key: &str) -> Option<Conn> {
        let mut pool = self.inner.pool.lock().ok()?;
        while let Some(i) = pool.iter().rposition(|c| c.key == key) {
            let c = pool.swap_remove(i);
            if c.is_idle_open() {
                return Some(c);
            }
        }
        None
    }

    /// A new connection to `host:port` (through the proxy, when there is one), with TLS for
    /// https, within the connect time limit.
    async fn connect(
        &self,
        host: &str,
        port: u16,
        https: bool,
        proxy: Option<&Url>,
        proxy_auth: Option<&str>,
    ) -> Result<Stream, Error> {
        let start = Instant::now();
        let work = async {
            let tcp = match proxy {
                Some(p) => {
                    if p.scheme() != "http" {
                        // A set-up to fix, not a network failure worth another try.
                        return Err(Error::new(
                            ErrorKind::Url,
                            format!(
                                "proxy scheme {} is not supported: give the proxy as http://HOST:PORT",
                                p.scheme()
                            ),
                        ));
                    }
                    let ph = p.host_str().unwrap_or_default();
                    tcp_connect(ph, p.port_or_known_default().unwrap_or(80)).await?
                }
                None => tcp_connect(host, port).await?,
            };
            let _ = tcp.set_nodelay(true);
            if !https {
                return Ok(Stream::Plain(tcp));
            }
            let tcp = match proxy {
                Some(_) => tunnel(tcp, host, port, proxy_auth).await?,
                None => tcp,
            };
            let Some(tls) = &self.inner.tls else {
                return Err(Error::new(
                    ErrorKind::Connect,
                    "this client was set up without TLS, for plain-http URLs only",
                ));
            };
            let name = rustls::pki_types::ServerName::try_from(
                host.trim_start_matches('[')
                    .trim_end_matches(']')
                    .to_string(),
            )
            .map_err(|e| Error::with(ErrorKind::Url, format!("bad host name: {e}"), e))?;
            let s = tls
                .connect(name, tcp)
                .await
                .map_err(|e| Error::with(ErrorKind::Connect, format!("TLS: {e}"), e))?;
            Ok(Stream::Tls(Box::new(s)))
        };
        let stream = tokio::time::timeout(self.inner.options.connect, work)
            .await
            .map_err(|_| Error::new(ErrorKind::ConnectTimeout, "connecting timed out"))??;
        if let Some(log) = &self.inner.log {
            log.push(start);
        }
        Ok(stream)
    }

    /// Sends a request and reads the whole reply; a non-success status is a classified failure.
    /// `on_head` sees the status and headers first (`-v` prints them).
    pub async fn fetch(&self, req: &Request, on_head: &dyn Fn(u16, &HeaderMap)) -> Result<String> {
        let mut resp = self.send(req).await?;
        on_head(resp.status(), resp.headers());
        if !resp.is_success() {
            return Err(super::error::reply_failure(resp).await.into());
        }
        let body = super::body::read_capped(&mut resp, super::body::BODY_CAP)
            .await
            .map_err(|e| network_failure(&e, &req.url))?;
        if body.truncated {
            return Err(super::body::too_large().into());
        }
        Ok(body.text)
    }
}

/// A TCP connection to `host:port`: an IP address as it is, a name through DNS (each address
/// in turn).
async fn tcp_connect(host: &str, port: u16) -> Result<TcpStream, Error> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let fail = |e: std::io::Error| Error::with(ErrorKind::Connect, e.to_string(), e);
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return TcpStream::connect((ip, port)).await.map_err(fail);
    }
    let addrs = tokio::net::lookup_host((bare, port))
        .await
        .map_err(|e| Error::with(ErrorKind::Connect, format!("dns error: {e}"), e))?;
    let mut last = None;
    for a in addrs {
        match TcpStream::connect(a).await {
            Ok(s) => return Ok(s),
            Err(e) => last = Some(e),
        }
    }
    Err(last.map_or_else(
        || {
            Error::new(
                ErrorKind::Connect,
                format!("dns error: no address for {bare}"),
            )
        },
        fail,
    ))
}

/// Opens a tunnel to `host:port` through an http proxy (`CONNECT`), for https. The key is
/// never sent to the proxy: it travels inside the TLS session that follows.
async fn tunnel(
    mut tcp: TcpStream,
    host: &str,
    port: u16,
    auth: Option<&str>,
) -> Result<TcpStream, Error> {
    let mut head = format!("CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n");
    if let Some(a) = auth {
        head.push_str(&format!("Proxy-Authorization: {a}\r\n"));
    }
    head.push_str("\r\n");
    let io_err = |e: std::io::Error| Error::with(ErrorKind::Connect, format!("proxy: {e}"), e);
    tcp.write_all(head.as_bytes()).await.map_err(io_err)?;
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    // Byte by byte, so nothing of the TLS session that follows is read here.
    while !buf.ends_with(b"\r\n\r\n") {
        use tokio::io::AsyncReadExt;
        if buf.len() > 16 * 1024 || tcp.read(&mut byte).await.map_err(io_err)? == 0 {
            return Err(Error::new(
                ErrorKind::Connect,
                "the proxy closed the connection during CONNECT",
            ));
        }
        buf.push(byte[0]);
    }
    let status = std::str::from_utf8(&buf)
        .ok()
        .and_then(|h| h.split(' ').nth(1))
        .and_then(|s| s.parse::<u16>().ok())
        .unwrap_or(0);
    if !(200..300).contains(&status) {
        return Err(Error::new(
            ErrorKind::Connect,
            format!("the proxy refused the tunnel to {host}:{port} (HTTP {status})"),
        ));
    }
    Ok(tcp)
}

/// `Basic` credentials for a proxy URL that carries a user name (and password).
fn proxy_authorization(proxy: &Url) -> Option<String> {
    use base64::Engine;
    if proxy.username().is_empty() {
        return None;
    }
    // Percent-decoding only: a `+` in user info is a plus, not a space.
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    let pair = format!(
        "{}:{}",
        decode(proxy.username()),
        decode(proxy.password().unwrap_or(""))
    );
    Some(format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    ))
}

/// TLS with the built-in webpki roots and any extra ones (`SSL_CERT_FILE`), HTTP/1.1 by ALPN.
fn tls_connector(extra: Option<&std::path::Path>) -> Result<tokio_rustls::TlsConnector> {
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = extra {
        for cert in extra_roots(path)? {
            roots.add(cert).map_err(|e| {
                Failure::usage(format!(
                    "SSL_CERT_FILE {} holds a certificate that cannot be used: {e}",
                    path.display()
                ))
            })?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Failure::new(Exit::Internal, format!("cannot set up TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

/// A redirect that was not followed.
#[derive(Debug)]
pub struct RedirectRefused {
    pub from: String,
    pub to: String,
}

impl std::fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "redirect from {} to {} not followed", self.from, self.to)
    }
}

impl std::error::Error for RedirectRefused {}

/// The certificates of a PEM bundle, added to the built-in roots.
fn extra_roots(path: &std::path::Path) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>> {
    use rustls::pki_types::pem::PemObject;
    let pem = std::fs::read(path).map_err(|e| {
        Failure::usage(format!("cannot read SSL_CERT_FILE {}: {e}", path.display()))
    })?;
    let certs = rustls::pki_types::CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            Failure::usage(format!(
                "SSL_CERT_FILE {} holds no usable PEM certificates: {e}",
                path.display()
            ))
        })?;
    if certs.is_empty() {
        return Err(Failure::usage(format!(
            "SSL_CERT_FILE {} holds no PEM certificates",
            path.display()
        ))
        .into());
    }
    Ok(certs)
}

/// A transport error as a one-line failure with the root cause.
pub fn network_failure(e: &Error, url: &str) -> Failure {
    let url = crate::proxy::redact_url(url);
    if e.kind == ErrorKind::Url {
        return Failure::usage(format!("cannot send a request to {url}: {e}"));
    }
    if let Some(r) = find_cause::<RedirectRefused>(e) {
        return Failure::new(
            Exit::Server,
            format!(
                "{url} answered with a redirect to {}; fw follows redirects only within {}, \
                 so the request and the key went no further",
                r.to, r.from
            ),
        )
        .hint("if that address is right and trusted, use it as the base URL (--base-url)")
        .class(Class::Malformed);
    }
    let what = if e.is_timeout() {
        "timed out".to_string()
    } else {
        root_cause(e)
    };
    let mut f = Failure::new(Exit::Network, format!("cannot reach {url}: {what}")).hint(
        "check the base URL and the network; --connect-timeout, --idle-timeout and --timeout \
         set the limits",
    );
    // A failed connection is worth another try; the user's own time limit is not.
    f.retryable = e.is_connect() || !e.is_timeout();
    f.class(if e.is_timeout() {
        Class::Timeout
    } else {
        Class::Network
    })
}

/// The first cause of type `T` in an error's chain.
fn find_cause<'a, T: std::error::Error + 'static>(
    e: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    let mut cur = Some(e);
    while let Some(c) = cur {
        if let Some(t) = c.downcast_ref::<T>() {
            return Some(t);
        }
        cur = c.source();
    }
    None
}

/// The innermost cause's message, which is the informative one for transport errors.
pub fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// True when a request failed because the pooled connection it was given had already been
/// closed by the server (a keep-alive race), before any reply: nothing reached the server's
/// application, so sending it again on a fresh connection is safe.
pub fn is_stale_connection(e: &Error) -> bool {
    e.is_stale()
}

#[cfg(test)]
mod tests;
