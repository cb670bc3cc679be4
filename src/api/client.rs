//! The transport: one reqwest client per run, with the key, User-Agent and timeouts set. TLS is
//! set up only when the base URL needs it: a plain-http loopback URL loads no root certificates,
//! which is most of a short request's cost.

use anyhow::Result;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};

use super::request::{Request, USER_AGENT};
use crate::exit::{Exit, Failure};
use crate::secret::Secret;
use crate::settings::Settings;

pub struct Client {
    http: reqwest::Client,
}

impl Client {
    /// A client for `settings`; `tls` is false when every URL it will call is plain http, so no
    /// root certificates are loaded.
    pub fn new(settings: &Settings, key: &Secret, tls: bool) -> Result<Client> {
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
        let t = &settings.timeouts;
        let mut b = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .default_headers(headers)
            .connect_timeout(t.connect)
            .read_timeout(t.read)
            .http1_only();
        if let Some(total) = t.total {
            b = b.timeout(total);
        }
        if !tls {
            b = b.tls_built_in_root_certs(false);
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
            rb = rb.body(serde_json::to_vec(&req.body)?);
        }
        rb.send()
            .await
            .map_err(|e| network_failure(&e, &req.url).into())
    }

    /// Sends a request and reads the whole reply; a non-success status is a classified failure.
    pub async fn fetch(&self, req: &Request, verbose: bool) -> Result<String> {
        let resp = self.send(req).await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        if verbose {
            super::error::print_head(status, &headers);
        }
        let text = resp
            .text()
            .await
            .map_err(|e| network_failure(&e, &req.url))?;
        if !status.is_success() {
            return Err(super::error::http_failure(
                status.as_u16(),
                status.canonical_reason().unwrap_or(""),
                &headers,
                &text,
            )
            .into());
        }
        Ok(text)
    }
}

/// A transport error as a one-line failure with the root cause.
pub fn network_failure(e: &reqwest::Error, url: &str) -> Failure {
    let what = if e.is_timeout() {
        "timed out".to_string()
    } else {
        root_cause(e)
    };
    Failure::new(Exit::Network, format!("cannot reach {url}: {what}"))
        .hint("check the base URL and the network; --timeout and the config's connect_timeout and read_timeout set the limits")
}

/// The innermost cause's message, which is the informative one for reqwest errors.
pub fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}
