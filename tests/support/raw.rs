//! A hostile server for tests: it answers each connection with exact bytes (status line,
//! headers, body, in as many writes as given) and records what it received, so a test can send
//! what no well-behaved server would: odd media types, empty or endless bodies, redirects,
//! tunnels refused. It reads one request per connection and closes the connection after its
//! answer. Loopback only, port 0.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One answer: the writes to make, in order, with a pause before each but the first.
#[derive(Clone, Debug)]
pub struct Answer {
    pub writes: Vec<Vec<u8>>,
    pub pause: Duration,
    /// After the writes, this block this many times (a huge body, never held in memory).
    pub repeat: Option<(Vec<u8>, usize)>,
}

impl Answer {
    /// A complete HTTP/1.1 reply with `Content-Length`, in one write.
    pub fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut head = format!("HTTP/1.1 {status}\r\ncontent-length: {}\r\n", body.len());
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("connection: close\r\n\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(body);
        Answer {
            writes: vec![bytes],
            pause: Duration::ZERO,
            repeat: None,
        }
    }

    /// A reply whose body is `block` repeated `times` (with a matching Content-Length).
    pub fn huge(status: &str, content_type: &str, block: &[u8], times: usize) -> Answer {
        let head = format!(
            "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\
             connection: close\r\n\r\n",
            block.len() * times
        );
        Answer {
            writes: vec![head.into_bytes()],
            pause: Duration::ZERO,
            repeat: Some((block.to_vec(), times)),
        }
    }

    /// A 200 whose body ends when the connection closes, written in `parts`.
    pub fn until_close(headers: &[(&str, &str)], parts: &[&[u8]]) -> Answer {
        let mut head = "HTTP/1.1 200 OK\r\n".to_string();
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("connection: close\r\n\r\n");
        let mut writes = vec![head.into_bytes()];
        writes.extend(parts.iter().map(|p| p.to_vec()));
        Answer {
            writes,
            pause: Duration::from_millis(5),
            repeat: None,
        }
    }

    /// A server-sent-events stream with the given content type, one event per write.
    pub fn sse(content_type: &str, events: &[&str]) -> Answer {
        let parts: Vec<&[u8]> = events.iter().map(|e| e.as_bytes()).collect();
        Answer::until_close(&[("content-type", content_type)], &parts)
    }
}

pub struct RawServer {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Vec<u8>>>>,
    sent: Arc<std::sync::atomic::AtomicUsize>,
}

impl RawServer {
    /// Answers the n-th connection with `answers[n]`, the last one again after that.
    pub fn start(answers: Vec<Answer>) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (log, count) = (received.clone(), sent.clone());
        std::thread::spawn(move || {
            for (n, conn) in listener.incoming().enumerate() {
                let Ok(stream) = conn else { continue };
                let answer = answers[n.min(answers.len() - 1)].clone();
                let (log, count) = (log.clone(), count.clone());
                std::thread::spawn(move || serve(stream, &answer, &log, &count));
            }
        });
        RawServer {
            addr,
            received,
            sent,
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}/inference/v1", self.addr)
    }

    /// Every request received, as raw bytes (head and body).
    pub fn received(&self) -> Vec<Vec<u8>> {
        self.received.lock().unwrap().clone()
    }

    /// Bytes written so far, over every connection.
    pub fn sent_bytes(&self) -> usize {
        self.sent.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Every request received, as lossy text.
    pub fn received_text(&self) -> Vec<String> {
        self.received()
            .iter()
            .map(|r| String::from_utf8_lossy(r).into_owned())
            .collect()
    }
}

fn serve(
    mut stream: TcpStream,
    answer: &Answer,
    log: &Mutex<Vec<Vec<u8>>>,
    sent: &std::sync::atomic::AtomicUsize,
) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut req = Vec::new();
    let mut buf = [0u8; 8192];
    // The head, then as much body as Content-Length says.
    let head_end = loop {
        if let Some(i) = req.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => {
                log.lock().unwrap().push(req);
                return;
            }
            Ok(n) => req.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&req[..head_end]).to_ascii_lowercase();
    let len = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while req.len() < head_end + len {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => req.extend_from_slice(&buf[..n]),
        }
    }
    log.lock().unwrap().push(req);
    for (i, w) in answer.writes.iter().enumerate() {
        if i > 0 {
            std::thread::sleep(answer.pause);
        }
        if stream.write_all(w).and_then(|_| stream.flush()).is_err() {
            return;
        }
        sent.fetch_add(w.len(), std::sync::atomic::Ordering::SeqCst);
    }
    if let Some((block, times)) = &answer.repeat {
        for _ in 0..*times {
            if stream.write_all(block).is_err() {
                return;
            }
            sent.fetch_add(block.len(), std::sync::atomic::Ordering::SeqCst);
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
}
