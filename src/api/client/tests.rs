//! The client's pool and proxy credentials, against a small loopback server.

use std::io::{Read, Write};

use super::*;

#[test]
fn proxy_credentials_are_percent_decoded() {
    let auth = |u: &str| proxy_authorization(&Url::parse(u).unwrap());
    // base64("user:p@ss"), base64("a+b:c d")
    assert_eq!(
        auth("http://user:p%40ss@proxy:3128").as_deref(),
        Some("Basic dXNlcjpwQHNz")
    );
    assert_eq!(
        auth("http://a+b:c%20d@proxy:3128").as_deref(),
        Some("Basic YStiOmMgZA==")
    );
    assert_eq!(auth("http://proxy:3128"), None);
}

/// A server that answers `per_conn` requests on each connection it accepts, then closes it;
/// returns its address and a counter of accepted connections.
fn server(per_conn: usize) -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = accepted.clone();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(s) = s else { return };
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            std::thread::spawn(move || serve(s, per_conn));
        }
    });
    (addr, accepted)
}

/// Answers `per_conn` requests (each `ok`), the last with `Connection: close`, then closes.
fn serve(mut s: std::net::TcpStream, per_conn: usize) {
    let mut buf = Vec::new();
    let mut served = 0;
    let mut chunk = [0u8; 4096];
    while served < per_conn {
        let Ok(n) = s.read(&mut chunk) else { break };
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            buf.drain(..end + 4);
            served += 1;
            let close = if served == per_conn {
                "Connection: close\r\n"
            } else {
                ""
            };
            let reply = format!("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n{close}\r\nok");
            let _ = s.write_all(reply.as_bytes());
        }
    }
}

fn options() -> Options {
    Options {
        connect: Duration::from_secs(5),
        read: Duration::from_secs(5),
        total: None,
        proxy: crate::proxy::ProxyRules::from_env(&|_| None),
        extra_ca: None,
    }
}

#[test]
fn kept_alive_connections_are_reused_until_the_server_closes_them() {
    let (addr, accepted) = server(2);
    let client = Client::new(&options(), &Secret::new("k"), false).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let bodies: Vec<Vec<u8>> = rt.block_on(async {
        let mut out = Vec::new();
        for _ in 0..3 {
            let req = Request::get(format!("http://{addr}/v1/models"));
            let mut resp = client.send(&req).await.unwrap();
            let mut body = Vec::new();
            while let Some(c) = resp.chunk().await.unwrap() {
                body.extend_from_slice(c);
            }
            out.push(body);
        }
        out
    });
    assert_eq!(bodies, vec![b"ok".to_vec(); 3]);
    // The second request went on the first connection; the server closed it after that reply
    // (Connection: close), so the third needed a new one.
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 2);
}

#[test]
fn connections_left_by_a_runtime_that_has_ended_are_not_reused() {
    // A server that keeps every connection open: the pool fills with live sockets.
    let (addr, accepted) = server(usize::MAX);
    let client = Arc::new(Client::new(&options(), &Secret::new("k"), false).unwrap());
    let get = |client: Arc<Client>, addr: String| async move {
        let req = Request::get(format!("http://{addr}/v1/models"));
        let mut resp = client.send(&req).await?;
        while resp.chunk().await?.is_some() {}
        anyhow::Ok(())
    };
    let runtime = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    };
    // Two requests at once on a first runtime leave two idle connections in the pool...
    runtime().block_on(async {
        let (a, b) = tokio::join!(
            get(client.clone(), addr.clone()),
            get(client.clone(), addr.clone())
        );
        a.unwrap();
        b.unwrap();
    });
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 2);
    // ...registered with a runtime that is gone: the next runtime opens its own.
    if let Err(e) = runtime().block_on(get(client.clone(), addr.clone())) {
        panic!("{e:#}")
    }
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 3);
}
