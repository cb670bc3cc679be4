//! The transport: one reqwest client per run, with the key, User-Agent and timeouts set. TLS is
//! set up only when the base URL needs it: a plain-http loopback URL loads no root certificates,
//! which is most of a short request's cost.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use anyhow::Result;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};

use super::request::{Request, USER_AGENT};
use crate::exit::{Class, Exit, Failure};
use crate::secret::Secret;

pub struct Client {
    http: reqwest::Client,
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
}

impl<S> tower_layer::Layer<S> for ConnectLog {
    type Service = Logged<S>;
    fn layer(&self, inner: S) -> Logged<S> {
        Logged {
            inner,
            log: self.clone(),
        }
    }
}

/// The connector wrapped by `ConnectLog`.
#[derive(Clone)]
pub struct Logged<S> {
    inner: S,
    log: ConnectLog,
}

impl<S, R> tower_service::Service<R> for Logged<S>
where
    S: tower_service::Service<R>,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: R) -> Self::Future {
        let start = Instant::now();
        let fut = self.inner.call(req);
        let log = self.log.clone();
        Box::pin(async move {
            let r = fut.await;
            if r.is_ok() {
                if let Ok(mut v) = log.0.lock() {
                    v.push((start, start.elapsed()));
                }
            }
            r
        })
    }
}

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
        let mut auth =
            HeaderValue::from_str(&format!("Bearer {}", key.expose())).map_err(|_| {
                Failure::new(
                    Exit::Auth,
                    "the API key contains characters that cannot go in a header",
                )
                .hint("check for stray quotes or line breaks around the key")
            })?;
        auth.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, auth);
        let t = options;
        let mut b = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .default_headers(headers)
            .connect_timeout(t.connect)
            .read_timeout(t.read)
            .http1_only();
        if let Some(total) = t.total {
            b = b.timeout(total);
        }
        // Every automatic proxy off; the one decision is `ProxyRules::for_url`.
        let rules = options.proxy.clone();
        b = b
            .no_proxy()
            .proxy(reqwest::Proxy::custom(move |url| rules.for_url(url)))
            .redirect(same_origin_redirects());
        if !tls {
            b = b.tls_built_in_root_certs(false);
        } else if let Some(path) = &options.extra_ca {
            for cert in extra_roots(path)? {
                b = b.add_root_certificate(cert);
            }
        }
        if let Some(log) = log {
            b = b.connector_layer(log);
        }
        let http = b.build().map_err(|e| {
            Failure::new(
                Exit::Internal,
                format!("cannot set up the HTTP client: {}", root_cause(&e)),
            )
        })?;
        Ok(Client { http })
    }

    /// Sends the request and returns the response head, whatever its status.
    pub async fn send(&self, req: &Request) -> Result<reqwest::Response> {
        self.send_raw(req)
            .await
            .map_err(|e| network_failure(&e, &req.url).into())
    }

    /// `send` with the transport error as reqwest gives it.
    pub async fn send_raw(&self, req: &Request) -> Result<reqwest::Response, reqwest::Error> {
        let mut rb = self.http.request(
            reqwest::Method::from_bytes(req.method.as_bytes()).expect("static method name"),
            &req.url,
        );
        for (k, v) in &req.headers {
            if *k != "User-Agent" {
                rb = rb.header(*k, v);
            }
        }
        if !req.body.is_null() {
            // Serialising a JSON value to bytes cannot fail.
            rb = rb.body(serde_json::to_vec(&req.body).unwrap_or_default());
        }
        rb.send().await
    }

    /// Sends a request and reads the whole reply; a non-success status is a classified failure.
    /// `on_head` sees the status and headers first (`-v` prints them).
    pub async fn fetch(&self, req: &Request, on_head: &dyn Fn(u16, &HeaderMap)) -> Result<String> {
        let mut resp = self.send(req).await?;
        on_head(resp.status().as_u16(), resp.headers());
        if !resp.status().is_success() {
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

/// Redirects are followed only within the origin of the URL asked for (scheme, host and port),
/// so a prompt and a key never go anywhere the user did not name, and never from https down
/// to http. Anything else stops the request with `RedirectRefused`.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt.previous().first().cloned();
        let to = attempt.url().clone();
        match first {
            Some(from) if from.origin() != to.origin() => attempt.error(RedirectRefused {
                from: from.origin().ascii_serialization(),
                to: crate::proxy::redact_url(to.as_str()),
            }),
            _ if attempt.previous().len() > 10 => attempt.error(RedirectRefused {
                from: to.origin().ascii_serialization(),
                to: "more than 10 redirects".into(),
            }),
            _ => attempt.follow(),
        }
    })
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
fn extra_roots(path: &std::path::Path) -> Result<Vec<reqwest::Certificate>> {
    let pem = std::fs::read(path).map_err(|e| {
        Failure::usage(format!("cannot read SSL_CERT_FILE {}: {e}", path.display()))
    })?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
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
pub fn network_failure(e: &reqwest::Error, url: &str) -> Failure {
    let url = crate::proxy::redact_url(url);
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

/// The innermost cause's message, which is the informative one for reqwest errors.
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
pub fn is_stale_connection(e: &reqwest::Error) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cur {
        if let Some(h) = c.downcast_ref::<hyper::Error>() {
            return h.is_incomplete_message() || h.is_canceled();
        }
        cur = c.source();
    }
    false
}
