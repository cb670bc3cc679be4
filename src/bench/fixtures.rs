//! Records and summaries for the bench unit tests: requests paced exactly, a quiet client, and
//! one fixed report that reaches every row and line of the renderings.

use super::assertions::parse;
use super::judge::{judge, warnings, Validity};
use super::record::{Outcome, Record};
use super::report::{rfc3339, Report, SCHEMA_VERSION};
use super::stats::dist;
use super::summary::{Client, Connections, PathReport};
use crate::exit::Class;

pub fn rec(path: &'static str, outcome: Outcome, warmup: bool, ttft: f64, n: u64) -> Record {
    let mut r = Record::new(path, 0, warmup);
    r.outcome = outcome;
    if outcome == Outcome::Ok {
        r.ttft_ms = Some(ttft);
        r.last_token_ms = Some(ttft + (n - 1) as f64 * 10.0);
        r.e2e_ms = ttft + n as f64 * 10.0;
        r.output_tokens = Some(n);
        r.token_events = n;
    }
    r
}

pub fn client() -> Client {
    Client {
        cpu_s: 0.1,
        wall_s: 1.0,
        lag_ms: dist(&[0.1, 0.2]),
        send_lag_ms: None,
        connections: Connections {
            opened: 1,
            during_measurement: 0,
            connect_ms: None,
        },
        open_fds: None,
    }
}

/// A fixed report touching every row and line of the renderings: two paths measured
/// (one with server timings, 503s and a cut-off), one not offered, open-loop send lag,
/// warnings, a passing and a failing threshold and an invalid reason.
pub fn fixed_report() -> Report {
    let mut recs: Vec<Record> = (0..4)
        .map(|i| {
            let mut r = rec("fast", Outcome::Ok, false, 40.0 + i as f64, 20 + i);
            r.t0_ms = 10.0 * i as f64;
            r.prompt_tokens = Some(100);
            r.cached_tokens = Some(25);
            r.server_ttft_ms = Some(30.0);
            r.server_decode_tps = Some(120.0 + i as f64);
            r
        })
        .collect();
    recs.push(rec("fast", Outcome::Failed(Class::Shed503), false, 0.0, 0));
    recs.push(rec("fast", Outcome::Failed(Class::CutOff), false, 0.0, 0));
    recs.extend((0..3).map(|i| {
        let mut r = rec("standard", Outcome::Ok, false, 200.0 + i as f64, 10);
        r.token_events = 4;
        r.tokens_estimated = true;
        r
    }));
    let price = crate::serving::Price {
        input: 1.0,
        cached_input: None,
        output: 2.0,
    };
    let paths = vec![
        PathReport::from_records(
            "standard",
            Some("accounts/fireworks/models/m".into()),
            None,
            &recs,
            20,
            None,
        ),
        PathReport::not_offered("priority", "no Priority".into()),
        PathReport::from_records(
            "fast",
            Some("accounts/fireworks/routers/m-fast".into()),
            None,
            &recs,
            20,
            Some(price),
        ),
    ];
    let mut client = client();
    client.send_lag_ms = dist(&[0.5, 1.5]);
    client.connections.during_measurement = 2;
    client.connections.connect_ms = dist(&[3.0]);
    client.open_fds = Some((10, 12));
    let rules = [
        parse("fast.decode_tps.p50>=50", &["fast"]).unwrap(),
        parse("fast.ttft.p99<=10", &["fast"]).unwrap(),
    ];
    let v = Validity {
        max_error_rate: 0.05,
        min_samples: 1,
        max_client_lag_ms: 10.0,
    };
    let (assertions, invalid_reasons, result) = judge(&paths, &client, &rules, &v, false);
    Report {
        schema_version: SCHEMA_VERSION,
        tool: serde_json::json!({"name": "fw", "version": "0.0.0"}),
        started_at: rfc3339(0),
        config: serde_json::json!({
            "model": "accounts/fireworks/models/m",
            "api": "chat",
            "load": {"summary": "open 2/s/path constant"},
            "requests_per_path": 4,
            "warmup": 1,
            "max_tokens": 20,
            "force_len": true,
        }),
        warnings: warnings(&paths, &client, 20, true),
        client: Some(client),
        paths,
        valid: invalid_reasons.is_empty(),
        invalid_reasons,
        assertions,
        result,
        interrupted: false,
        sweep: None,
    }
}
