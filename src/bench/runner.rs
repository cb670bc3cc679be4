//! The load generator. Requests of all paths are interleaved round-robin in one run (so drift
//! hits every path alike), in a closed loop (N in flight) or an open loop (a fixed or Poisson
//! arrival rate per path). Each request is timed on a monotonic clock, event by event, through
//! the same SSE parser and decoders as `fw chat`. Nothing is retried. A ticker measures the
//! client's own scheduling lag, and `getrusage` its CPU time.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::api::chat::ChatDecoder;
use crate::api::client::{Client, ConnectLog};
use crate::api::messages::MessagesDecoder;
use crate::api::request::Request;
use crate::api::Decoder;
use crate::bench::BenchApi;
use crate::exchange::{self, Discard, Limits, Timeline};

use super::record::Record;

/// Builds the request for (path index, sequence number within the path).
pub type MakeRequest = Arc<dyn Fn(usize, usize) -> Request + Send + Sync>;

/// Told of each finished record; when it answers true, no new request starts (those in flight
/// finish). A sweep step ends so on a burst of 429s.
pub type Cut = Arc<dyn Fn(&Record) -> bool + Send + Sync>;

#[derive(Debug, Clone, Copy)]
pub enum Load {
    /// This many requests in flight at once.
    Closed(usize),
    /// Requests started per second per path; Poisson arrivals when true.
    /// At most `max_in_flight` requests at once, when set: an arrival past it waits.
    Open {
        rate: f64,
        poisson: bool,
        max_in_flight: Option<usize>,
    },
}

pub struct Plan {
    /// Names of the paths to run, in interleaving order.
    pub paths: Vec<&'static str>,
    pub warmup: usize,
    /// Measured requests per path; `None` runs until the deadline.
    pub n: Option<usize>,
    pub duration: Option<Duration>,
    pub load: Load,
    pub api: BenchApi,
    pub make: MakeRequest,
    /// What the exchange is told of the time limits, for its messages.
    pub limits: Limits,
    /// Ends the run early (see `Cut`); `None` runs the plan to its end.
    pub cut: Option<Cut>,
}

/// One job: the i-th request of the run.
#[derive(Debug, Clone, Copy)]
struct Job {
    path: usize,
    seq: usize,
    warmup: bool,
}

impl Plan {
    fn job(&self, i: usize) -> Option<Job> {
        let p = self.paths.len();
        let (round, path) = (i / p, i % p);
        if let Some(n) = self.n {
            if round >= self.warmup + n {
                return None;
            }
        }
        Some(Job {
            path,
            seq: round,
            warmup: round < self.warmup,
        })
    }
}

/// Everything a run produced.
pub struct Outcomes {
    /// The instant every time in the records is measured from.
    pub start: Instant,
    pub records: Vec<Record>,
    /// Scheduling lag of the client's own timer ticks: (tick time from the start, lag), in ms.
    pub lag_ms: Vec<(f64, f64)>,
    pub connects: Vec<(f64, f64)>,
    pub cpu_s: f64,
    pub wall_s: f64,
    pub interrupted: bool,
}

/// Called with each finished record (progress display).
pub type OnRecord = Arc<dyn Fn(&Record) + Send + Sync>;

/// How many shards a run uses: one per core. Each shard is a thread with its own
/// single-threaded runtime and its own client (so its own connections): a token event is read,
/// stamped and decoded on the thread whose epoll saw it, with no work stealing and no
/// cross-thread wake-ups, and two cores stamp a burst of events that arrive together.
pub fn shards() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The shards of one bench command: each a client and the current-thread runtime its
/// connections are registered with. Made once, so the connections that smoke and warm-up open
/// serve every run after them (each step of a sweep), and no later TTFT holds a connect.
pub struct Shards {
    shards: Vec<(Arc<Client>, tokio::runtime::Runtime)>,
}

impl Shards {
    pub fn new(clients: Vec<Client>) -> anyhow::Result<Shards> {
        let shards = clients
            .into_iter()
            .map(|c| {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                Ok((Arc::new(c), rt))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Shards { shards })
    }

    /// The first shard's client and runtime (the smoke requests use them).
    pub fn first(&self) -> (&Client, &tokio::runtime::Runtime) {
        let (c, rt) = &self.shards[0];
        (c, rt)
    }

    /// Kept-alive connections waiting in the shards' pools.
    pub fn idle(&self) -> usize {
        self.shards.iter().map(|(c, _)| c.idle()).sum()
    }

    /// Closes every kept-alive connection (before counting open descriptors at the end).
    pub fn close_idle(&self) {
        for (c, _) in &self.shards {
            c.close_idle();
        }
    }
}

/// A place among the open loop's requests in flight (`--max-concurrency`).
type Permit = tokio::sync::OwnedSemaphorePermit;

/// What every shard shares.
struct Shared {
    plan: Arc<Plan>,
    start: Instant,
    records: Mutex<Vec<Record>>,
    lags: Mutex<Vec<(f64, f64)>>,
    on_record: OnRecord,
    /// The next job of a closed loop.
    next: AtomicUsize,
    /// Set when the run ends (or is stopped): tickers stop, shards drop what is in flight.
    stop: tokio::sync::watch::Sender<bool>,
    /// Set when the plan's `cut` fired: no new measured request starts.
    cut: std::sync::atomic::AtomicBool,
}

impl Shared {
    fn finish(&self, r: Record) {
        (self.on_record)(&r);
        if self.plan.cut.as_ref().is_some_and(|c| c(&r)) {
            self.cut.store(true, Ordering::Relaxed);
        }
        if let Ok(mut v) = self.records.lock() {
            v.push(r);
        }
    }

    /// Past the `--duration` deadline, or cut short, for a measured request.
    fn past(&self, warmup: bool) -> bool {
        !warmup
            && (self.cut.load(Ordering::Relaxed)
                || self
                    .plan
                    .duration
                    .is_some_and(|d| Instant::now() >= self.start + d))
    }
}

/// Runs the plan on the shards (one thread each, for this run); Ctrl-C or SIGTERM stops it and
/// keeps what finished (`signal::received` says which).
pub fn run(
    shards: &Shards,
    connects: ConnectLog,
    plan: Plan,
    on_record: OnRecord,
) -> anyhow::Result<Outcomes> {
    let n = shards.shards.len().max(1);
    let cpu0 = cpu_seconds();
    let start = Instant::now();
    let (stop, _) = tokio::sync::watch::channel(false);
    let shared = Arc::new(Shared {
        plan: Arc::new(plan),
        start,
        records: Mutex::new(Vec::new()),
        lags: Mutex::new(Vec::new()),
        on_record,
        next: AtomicUsize::new(0),
        stop,
        cut: Default::default(),
    });
    // Open loop: the main thread schedules arrivals and hands each job to a shard in turn.
    let open = matches!(shared.plan.load, Load::Open { .. });
    let main = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let interrupted = std::thread::scope(|scope| {
        let mut queues = Vec::new();
        // Each shard thread holds a sender; the channel closes when the last one ends.
        let (ended, mut all_ended) = tokio::sync::mpsc::unbounded_channel::<()>();
        for (i, (client, rt)) in shards.shards.iter().enumerate() {
            let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<(Job, Instant, Option<Permit>)>();
            queues.push(tx);
            let (client, shared, ended) = (client.clone(), shared.clone(), ended.clone());
            scope.spawn(move || {
                rt.block_on(shard(i, n, client, shared, open.then_some(rx)));
                drop(ended);
            });
        }
        drop(ended);
        let interrupted = main.block_on(async {
            let work = async {
                if let Load::Open {
                    rate,
                    poisson,
                    max_in_flight,
                } = shared.plan.load
                {
                    arrivals(&shared, rate, poisson, max_in_flight, &queues).await;
                }
                drop(queues);
                while all_ended.recv().await.is_some() {}
            };
            tokio::select! {
                _ = work => false,
                _ = crate::signal::stopped() => true,
            }
        });
        // Ends the tickers, and after a stop, the requests still in flight; the scope then
        // waits for the shard threads.
        shared.stop.send_replace(true);
        interrupted
    });
    drop(main);
    let wall_s = start.elapsed().as_secs_f64();
    let ms = |t: Instant| t.saturating_duration_since(start).as_secs_f64() * 1000.0;
    let records = std::mem::take(&mut *shared.records.lock().unwrap_or_else(|e| e.into_inner()));
    let mut lag_ms = std::mem::take(&mut *shared.lags.lock().unwrap_or_else(|e| e.into_inner()));
    lag_ms.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(Outcomes {
        start,
        records,
        lag_ms,
        connects: connects
            .entries()
            .into_iter()
            .map(|(t, d)| (ms(t), d.as_secs_f64() * 1000.0))
            .collect(),
        cpu_s: cpu_seconds() - cpu0,
        wall_s,
        interrupted,
    })
}

/// One shard: its ticker, and its share of the work (closed loop: workers `i`, `i + n`, ...;
/// open loop: the jobs the main thread hands it). Ends when the work is done or the run stops.
async fn shard(
    i: usize,
    n: usize,
    client: Arc<Client>,
    shared: Arc<Shared>,
    queue: Option<tokio::sync::mpsc::UnboundedReceiver<(Job, Instant, Option<Permit>)>>,
) {
    let mut stop = shared.stop.subscribe();
    let ticker = tokio::spawn(tick(shared.clone()));
    // Whatever is still in flight when the run is stopped is aborted with the set: the runtime
    // outlives this run, and nothing of it may wake up in the next.
    let mut tasks = tokio::task::JoinSet::new();
    let work = async {
        match (shared.plan.load, queue) {
            (Load::Closed(c), _) => {
                for _ in (i..c.max(1)).step_by(n) {
                    let (client, shared) = (client.clone(), shared.clone());
                    tasks.spawn(async move {
                        let plan = shared.plan.clone();
                        while let Some(job) = plan.job(shared.next.fetch_add(1, Ordering::Relaxed))
                        {
                            if shared.past(job.warmup) {
                                break;
                            }
                            let t_sched = Instant::now();
                            one(&client, &shared, job, t_sched).await;
                        }
                    });
                }
            }
            (Load::Open { .. }, Some(mut rx)) => {
                while let Some((job, t_sched, permit)) = rx.recv().await {
                    let (client, shared) = (client.clone(), shared.clone());
                    tasks.spawn(async move {
                        one(&client, &shared, job, t_sched).await;
                        // The request is done: the next arrival past the cap may go.
                        drop(permit);
                    });
                }
            }
            (Load::Open { .. }, None) => {}
        }
        while tasks.join_next().await.is_some() {}
    };
    tokio::select! {
        _ = work => {}
        _ = stop.wait_for(|s| *s) => {}
    }
    tasks.abort_all();
    ticker.abort();
}

/// One request of the plan, timed into its record.
async fn one(client: &Client, shared: &Shared, job: Job, t_sched: Instant) {
    let plan = &shared.plan;
    let req = (plan.make)(job.path, job.seq);
    let mut r = Record::new(plan.paths[job.path], job.seq, job.warmup);
    exec(
        client,
        &req,
        plan.api,
        plan.limits,
        shared.start,
        t_sched,
        &mut r,
    )
    .await;
    shared.finish(r);
}

/// Every 10 ms, how late this shard's timer fired: the client's own scheduling lag.
async fn tick(shared: Arc<Shared>) {
    let period = Duration::from_millis(10);
    let start = shared.start;
    let mut k = 1u32;
    loop {
        let target = start + period * k;
        tokio::time::sleep_until(target.into()).await;
        let late = Instant::now().saturating_duration_since(target);
        if let Ok(mut v) = shared.lags.lock() {
            v.push((ms_since(start, target), late.as_secs_f64() * 1000.0));
        }
        k += 1;
    }
}

/// The open loop's arrivals: each job at its scheduled time (even or Poisson gaps), handed to
/// the shards in turn.
async fn arrivals(
    shared: &Shared,
    rate: f64,
    poisson: bool,
    max_in_flight: Option<usize>,
    queues: &[tokio::sync::mpsc::UnboundedSender<(Job, Instant, Option<Permit>)>],
) {
    let cap = max_in_flight.map(|n| Arc::new(tokio::sync::Semaphore::new(n)));
    let plan = &shared.plan;
    let per_sec = rate * plan.paths.len() as f64;
    let mut rng = SplitMix(0x5EED);
    let mut offset = 0.0f64;
    let mut i = 0;
    while let Some(job) = plan.job(i) {
        if i > 0 {
            offset += if poisson {
                -(1.0 - rng.unit()).ln() / per_sec
            } else {
                1.0 / per_sec
            };
        }
        // An arrival past what a clock can hold is past any run's end.
        let Some(t_sched) = Duration::try_from_secs_f64(offset)
            .ok()
            .and_then(|d| shared.start.checked_add(d))
        else {
            break;
        };
        tokio::time::sleep_until(t_sched.into()).await;
        if shared.past(job.warmup) {
            break;
        }
        // Past the cap, the arrival waits for a request to end; it keeps its scheduled time,
        // so the wait shows as its send lag.
        let permit = match &cap {
            Some(c) => match c.clone().acquire_owned().await {
                Ok(p) => Some(p),
                Err(_) => break,
            },
            None => None,
        };
        if queues[i % queues.len()]
            .send((job, t_sched, permit))
            .is_err()
        {
            break;
        }
        i += 1;
    }
}

/// A small, seeded generator for Poisson arrivals: runs are repeatable.
struct SplitMix(u64);

impl SplitMix {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn ms_since(a: Instant, b: Instant) -> f64 {
    b.saturating_duration_since(a).as_secs_f64() * 1000.0
}

/// Sends one request through the one exchange and keeps its timeline and outcome in `r`.
/// Nothing is shown as it arrives: the record is built from the timeline.
pub async fn exec(
    client: &Client,
    req: &Request,
    api: BenchApi,
    limits: Limits,
    start: Instant,
    t_sched: Instant,
    r: &mut Record,
) {
    let mut decoder: Box<dyn Decoder + Send> = match api {
        BenchApi::Chat => Box::new(ChatDecoder::default()),
        BenchApi::Messages => Box::new(MessagesDecoder::default()),
    };
    let sent = Instant::now();
    let mut t = Timeline::new();
    let result = exchange::run(client, req, decoder.as_mut(), &mut Discard, limits, &mut t).await;
    r.sched_ms = ms_since(start, t_sched);
    r.send_lag_ms = ms_since(t_sched, sent);
    r.settle(&t, result.as_ref().err(), start);
}

/// User plus system CPU time of this process, in seconds.
pub fn cpu_seconds() -> f64 {
    let mut u = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a rusage into the pointer it is given, which points at
    // zero-initialised memory of the right type and size.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, u.as_mut_ptr()) };
    if rc != 0 {
        return f64::NAN;
    }
    // SAFETY: getrusage returned 0, so it filled the struct.
    let u = unsafe { u.assume_init() };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// How many file descriptors this process has open (Linux only).
pub fn open_fds() -> Option<usize> {
    std::fs::read_dir("/proc/self/fd").ok().map(|d| d.count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(paths: usize, warmup: usize, n: Option<usize>) -> Plan {
        Plan {
            paths: ["standard", "priority", "fast"][..paths].to_vec(),
            warmup,
            n,
            duration: None,
            load: Load::Closed(1),
            api: BenchApi::Chat,
            make: Arc::new(|_, _| Request::get(String::new())),
            limits: Limits::default(),
            cut: None,
        }
    }

    #[test]
    fn jobs_interleave_paths_warmup_first() {
        let p = plan(3, 1, Some(2));
        let jobs: Vec<(usize, usize, bool)> = (0..)
            .map_while(|i| p.job(i))
            .map(|j| (j.path, j.seq, j.warmup))
            .collect();
        assert_eq!(jobs.len(), 9);
        assert_eq!(
            &jobs[..4],
            &[(0, 0, true), (1, 0, true), (2, 0, true), (0, 1, false)]
        );
        assert_eq!(jobs[8], (2, 2, false));
        assert!(plan(2, 0, None).job(1_000_000).is_some());
    }

    #[test]
    fn poisson_gaps_average_out() {
        let mut g = SplitMix(1);
        let gaps: Vec<f64> = (0..20_000).map(|_| -(1.0 - g.unit()).ln()).collect();
        let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
        assert!((mean - 1.0).abs() < 0.03, "{mean}");
    }

    #[test]
    fn cpu_time_is_measured() {
        let t = cpu_seconds();
        assert!(t.is_finite() && t >= 0.0);
    }
}
