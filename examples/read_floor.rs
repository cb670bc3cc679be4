//! The floor under `fw bench`'s CPU per token event on this machine: a client that does nothing
//! but the unavoidable (epoll, one read per event, a clock stamp per read) against the same
//! plain paced server as examples/hot_path.rs (one token per SSE event, one event per write).
//! Its CPU per event is the kernel's share plus the least any client can spend: no HTTP
//! parsing beyond finding the end of each reply, no JSON. Run by scripts/bench-accuracy.sh.
//!
//! Usage: read_floor [CONCURRENCY [REQUESTS_PER_CONNECTION [TOKENS]]] (128 3 128)

#[allow(dead_code)]
#[path = "../tests/support/paced.rs"]
mod paced;

use std::io::Write;
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

fn thread_cpu_s() -> f64 {
    let mut u = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the zeroed rusage it is given.
    unsafe { libc::getrusage(libc::RUSAGE_THREAD, u.as_mut_ptr()) };
    // SAFETY: filled above (or left zeroed).
    let u = unsafe { u.assume_init() };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(u.ru_utime) + tv(u.ru_stime)
}

fn request(tokens: u64) -> Vec<u8> {
    let body = format!(
        "{{\"model\":\"paced\",\"max_tokens\":{tokens},\"stream\":true,\
         \"messages\":[{{\"role\":\"user\",\"content\":\"hi\"}}]}}"
    );
    format!(
        "POST /inference/v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<u64>().expect("a number"));
    let conc = args.next().unwrap_or(128) as usize;
    let per_conn = args.next().unwrap_or(3);
    let tokens = args.next().unwrap_or(128);
    let srv = paced::PacedServer::start(Duration::from_millis(250), 100.0, 1);
    let req = request(tokens);
    // SAFETY: plain epoll calls on descriptors this function owns.
    let ep = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    let mut conns = Vec::new();
    for i in 0..conc {
        let mut s = std::net::TcpStream::connect(srv.addr).expect("connect");
        s.set_nodelay(true).unwrap();
        s.write_all(&req).unwrap();
        s.set_nonblocking(true).unwrap();
        let mut ev = libc::epoll_event {
            events: libc::EPOLLIN as u32,
            u64: i as u64,
        };
        // SAFETY: ep and the socket are open; ev is a valid event.
        unsafe { libc::epoll_ctl(ep, libc::EPOLL_CTL_ADD, s.as_raw_fd(), &mut ev) };
        conns.push((s, 1u64, Vec::<u8>::new()));
    }
    let cpu0 = thread_cpu_s();
    let t0 = Instant::now();
    let (mut reads, mut stamps, mut done) = (0u64, 0u64, 0usize);
    let mut buf = vec![0u8; 65536];
    let mut evs = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
    let mut last = t0;
    while done < conc {
        // SAFETY: evs has room for 256 events.
        let n = unsafe { libc::epoll_wait(ep, evs.as_mut_ptr(), 256, -1) };
        for ev in &evs[..n.max(0) as usize] {
            let i = ev.u64 as usize;
            let (s, sent, tail) = &mut conns[i];
            loop {
                // SAFETY: buf is a valid buffer of its length.
                let r = unsafe { libc::recv(s.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
                if r <= 0 {
                    break;
                }
                reads += 1;
                last = Instant::now();
                stamps += 1;
                let got = &buf[..r as usize];
                // Keep the last bytes, to see the end of the chunked reply.
                tail.extend_from_slice(got);
                if tail.len() > 16 {
                    tail.drain(..tail.len() - 16);
                }
                if tail.ends_with(b"0\r\n\r\n") {
                    tail.clear();
                    if *sent < per_conn {
                        *sent += 1;
                        s.set_nonblocking(false).unwrap();
                        s.write_all(&req).unwrap();
                        s.set_nonblocking(true).unwrap();
                    } else {
                        done += 1;
                    }
                }
                if (r as usize) < buf.len() {
                    break;
                }
            }
        }
    }
    let cpu = thread_cpu_s() - cpu0;
    let events = srv.sent().iter().map(|s| s.tokens).sum::<u64>();
    println!(
        "read floor, c={conc}, {} x {tokens} tokens at 100 tok/s: {events} token events in \
         {reads} reads ({stamps} stamps) over {:.1} s: client thread cpu {cpu:.3} s = {:.2} us/event",
        conc as u64 * per_conn,
        last.duration_since(t0).as_secs_f64(),
        cpu * 1e6 / events as f64
    );
}
