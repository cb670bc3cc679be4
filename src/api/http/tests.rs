//! The transport against small servers that write replies in awkward pieces.

use super::*;

fn run<T>(f: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// A reply served in the given pieces (each its own write), read back chunk by chunk.
fn body_of(pieces: Vec<&'static [u8]>) -> Result<(u16, Vec<u8>, bool), Error> {
    run(async move {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut s, _) = l.accept().await.unwrap();
            for p in pieces {
                s.write_all(p).await.unwrap();
                s.flush().await.unwrap();
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        });
        let s = TcpStream::connect(addr).await.unwrap();
        let conn = Conn::new(Stream::Plain(s), String::new());
        let timer = Timer::new(Duration::from_secs(5), None);
        let pooled = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let p = pooled.clone();
        let mut resp = read_reply(
            conn,
            timer,
            false,
            Some(Arc::new(move |_| {
                p.store(true, std::sync::atomic::Ordering::SeqCst)
            })),
        )
        .await?;
        let mut body = Vec::new();
        while let Some(c) = resp.chunk().await? {
            body.extend_from_slice(c);
        }
        Ok((
            resp.status(),
            body,
            pooled.load(std::sync::atomic::Ordering::SeqCst),
        ))
    })
}

#[test]
fn chunked_bodies_split_anywhere() {
    let (status, body, pooled) = body_of(vec![
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5",
        b"\r\nhel",
        b"lo\r\n6;ext=1\r\n world\r",
        b"\n0\r\nX-Trailer: 1\r\n\r\n",
    ])
    .unwrap();
    assert_eq!(
        (status, &body[..], pooled),
        (200, &b"hello world"[..], true)
    );
}

#[test]
fn length_and_close_delimited_bodies() {
    let (_, body, pooled) = body_of(vec![
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab",
        b"cde",
    ])
    .unwrap();
    assert_eq!((&body[..], pooled), (&b"abcde"[..], true));
    let (_, body, pooled) = body_of(vec![b"HTTP/1.0 200 OK\r\n\r\nab", b"cdef"]).unwrap();
    assert_eq!((&body[..], pooled), (&b"abcdef"[..], false));
    let (_, body, pooled) = body_of(vec![
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
    ])
    .unwrap();
    assert_eq!((&body[..], pooled), (&b"ok"[..], false));
}

#[test]
fn a_cut_or_malformed_body_is_an_error() {
    let e = body_of(vec![b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nab"]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Protocol);
    assert!(
        e.to_string().contains("closed before the reply ended"),
        "{e}"
    );
    let e = body_of(vec![
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ])
    .unwrap_err();
    assert!(e.to_string().contains("chunk"), "{e}");
    let e = body_of(vec![b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"]).unwrap_err();
    assert!(e.to_string().contains("Content-Length"), "{e}");
    let e = body_of(vec![b"NOT HTTP\r\n\r\n"]).unwrap_err();
    assert!(e.to_string().contains("malformed reply head"), "{e}");
}

#[test]
fn a_silent_server_times_out() {
    let e = run(async {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        let hold = tokio::spawn(async move { l.accept().await });
        let s = TcpStream::connect(addr).await.unwrap();
        let conn = Conn::new(Stream::Plain(s), String::new());
        let r = read_reply(
            conn,
            Timer::new(Duration::from_millis(50), None),
            false,
            None,
        )
        .await;
        drop(hold);
        r.err().unwrap()
    });
    assert!(e.is_timeout(), "{e}");
}

#[test]
fn requests_are_written_whole() {
    let r = request_bytes("POST", "/v1/x", "h:1", &[("Accept", "*/*")], Some(b"{}"));
    assert_eq!(
        String::from_utf8(r).unwrap(),
        "POST /v1/x HTTP/1.1\r\nHost: h:1\r\nAccept: */*\r\nContent-Length: 2\r\n\r\n{}"
    );
}
