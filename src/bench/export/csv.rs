//! One CSV row per path: the counts and the headline statistics, for spreadsheets.

use std::io::{self, Write};

use super::Export;
use crate::bench::record::Record;
use crate::bench::report::Report;

pub struct Csv;

impl Export for Csv {
    fn write(&self, report: &Report, _: &[Record], out: &mut dyn Write) -> io::Result<()> {
        out.write_all(render(report).as_bytes())
    }
}

/// One CSV row per path.
fn render(r: &Report) -> String {
    let mut out = String::from(
        "path,model,offered,attempted,ok,availability,shed_503,rate_limited_429,server_5xx,\
         timeout,cut_off,ttft_p50_ms,ttft_p90_ms,ttft_p99_ms,decode_tps_p50,decode_tps_p10,\
         decode_tps_p1,e2e_tps_p50,itl_mean_ms,output_tokens_mean,agg_output_tps\n",
    );
    let f = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.3}"));
    for p in &r.paths {
        let c = &p.requests;
        let d = |m: &str, s: &str| f(p.dist(m).and_then(|d| d.get(s)));
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
            p.name,
            p.model.as_deref().unwrap_or(""),
            p.offered,
            c.attempted,
            c.ok,
            f(p.availability),
            c.shed_503,
            c.rate_limited_429,
            c.server_5xx,
            c.timeout,
            c.cut_off,
            d("ttft", "p50"),
            d("ttft", "p90"),
            d("ttft", "p99"),
            d("decode_tps", "p50"),
            d("decode_tps", "p10"),
            d("decode_tps", "p1"),
            d("e2e_tps", "p50"),
            d("itl", "mean"),
            d("output_tokens", "mean"),
            f(p.agg_output_tps),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::fixtures::fixed_report;

    const CSV: &str = r#"path,model,offered,attempted,ok,availability,shed_503,rate_limited_429,server_5xx,timeout,cut_off,ttft_p50_ms,ttft_p90_ms,ttft_p99_ms,decode_tps_p50,decode_tps_p10,decode_tps_p1,e2e_tps_p50,itl_mean_ms,output_tokens_mean,agg_output_tps
standard,accounts/fireworks/models/m,true,3,3,1.000,0,0,0,0,0,201.000,202.000,202.000,100.000,100.000,100.000,33.223,10.000,10.000,99.338
priority,,false,0,0,,0,0,0,0,0,,,,,,,,,,
fast,accounts/fireworks/routers/m-fast,true,6,4,0.667,1,0,0,0,1,41.000,43.000,43.000,100.000,100.000,100.000,83.665,10.000,21.500,283.828
"#;

    #[test]
    fn csv_rendering_is_pinned() {
        assert_eq!(render(&fixed_report()), CSV);
    }
}
