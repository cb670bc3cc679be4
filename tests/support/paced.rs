//! A plain paced chat-completions server, independent of the emulator's HTTP stack: raw tokio
//! TCP, HTTP/1.1 keep-alive with chunked bodies, and every token event its own chunk in its own
//! `write` on a TCP_NODELAY socket, the way real inference servers send. Each reply is `n`
//! tokens (the request's `max_tokens`), the first `ttft` after the request arrives, then one
//! every `1/tps` s on a fixed schedule. It logs when each event's write returned, so a client's
//! timings can be compared with the truth. Used by the benchmarks (examples/bench_accuracy.rs).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// When one reply's token events were written.
#[derive(Clone, Debug)]
pub struct Sent {
    pub request_id: String,
    pub arrival: Instant,
    pub first: Option<Instant>,
    pub last: Option<Instant>,
    pub tokens: u64,
}

impl Sent {
    pub fn ttft_ms(&self) -> Option<f64> {
        Some(self.first?.duration_since(self.arrival).as_secs_f64() * 1000.0)
    }

    pub fn decode_tps(&self) -> Option<f64> {
        let span = self.last?.duration_since(self.first?).as_secs_f64();
        (self.tokens >= 2 && span > 0.0).then(|| (self.tokens - 1) as f64 / span)
    }
}

pub struct PacedServer {
    pub addr: std::net::SocketAddr,
    log: Arc<Mutex<Vec<Sent>>>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl PacedServer {
    /// Serves on 127.0.0.1 with `threads` runtime threads.
    pub fn start(ttft: Duration, tps: f64, threads: usize) -> PacedServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, mut rx) = tokio::sync::oneshot::channel::<()>();
        let shared = log.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(threads.max(1))
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let counter = Arc::new(std::sync::atomic::AtomicU64::new(0));
                loop {
                    tokio::select! {
                        _ = &mut rx => break,
                        acc = listener.accept() => {
                            let Ok((stream, _)) = acc else { continue };
                            let _ = stream.set_nodelay(true);
                            let (log, counter) = (shared.clone(), counter.clone());
                            tokio::spawn(connection(stream, ttft, tps, log, counter));
                        }
                    }
                }
            });
        });
        PacedServer {
            addr,
            log,
            _stop: tx,
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}/inference/v1", self.addr)
    }

    pub fn sent(&self) -> Vec<Sent> {
        self.log.lock().unwrap().clone()
    }

    pub fn clear(&self) {
        self.log.lock().unwrap().clear();
    }
}

/// Reads one request (head and Content-Length body); `None` when the connection closed.
async fn read_request(stream: &mut tokio::net::TcpStream, buf: &mut Vec<u8>) -> Option<Vec<u8>> {
    let mut tmp = [0u8; 16384];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = stream.read(&mut tmp).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&tmp[..n]);
            }
            let body = buf[end + 4..end + 4 + len].to_vec();
            buf.drain(..end + 4 + len);
            return Some(body);
        }
        let n = stream.read(&mut tmp).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&tmp[..n]);
    }
}

/// One chunk of a chunked body.
fn chunk(data: &str) -> Vec<u8> {
    format!("{:x}\r\n{data}\r\n", data.len()).into_bytes()
}

async fn connection(
    mut stream: tokio::net::TcpStream,
    ttft: Duration,
    tps: f64,
    log: Arc<Mutex<Vec<Sent>>>,
    counter: Arc<std::sync::atomic::AtomicU64>,
) {
    let mut buf = Vec::new();
    while let Some(body) = read_request(&mut stream, &mut buf).await {
        let arrival = Instant::now();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let n = v["max_tokens"].as_u64().unwrap_or(16).max(1);
        let id = format!(
            "paced-{}",
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nx-request-id: {id}\r\n\
             transfer-encoding: chunked\r\n\r\n"
        );
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let mut sent = Sent {
            request_id: id.clone(),
            arrival,
            first: None,
            last: None,
            tokens: 0,
        };
        let gap = Duration::from_secs_f64(1.0 / tps);
        for i in 0..n {
            let due = arrival + ttft + gap * i as u32;
            tokio::time::sleep_until(due.into()).await;
            let ev = format!(
                "data: {{\"id\":\"{id}\",\"object\":\"chat.completion.chunk\",\"model\":\"paced\",\
                 \"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"t{i} \"}},\"finish_reason\":null}}]}}\n\n"
            );
            if stream.write_all(&chunk(&ev)).await.is_err() {
                return;
            }
            let now = Instant::now();
            sent.first.get_or_insert(now);
            sent.last = Some(now);
            sent.tokens += 1;
        }
        let end = format!(
            "data: {{\"id\":\"{id}\",\"object\":\"chat.completion.chunk\",\"model\":\"paced\",\
             \"choices\":[{{\"index\":0,\"delta\":{{}},\"finish_reason\":\"length\"}}]}}\n\n\
             data: {{\"id\":\"{id}\",\"object\":\"chat.completion.chunk\",\"model\":\"paced\",\
             \"choices\":[],\"usage\":{{\"prompt_tokens\":8,\"completion_tokens\":{n},\
             \"total_tokens\":{}}}}}\n\ndata: [DONE]\n\n",
            n + 8
        );
        let mut tail = chunk(&end);
        tail.extend_from_slice(b"0\r\n\r\n");
        if stream.write_all(&tail).await.is_err() {
            return;
        }
        log.lock().unwrap().push(sent);
    }
}
