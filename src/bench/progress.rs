//! Per-path progress bars while a run measures: requests done, the last decode rate and the
//! errors so far. Drawn on stderr and only when it is a terminal; stdout carries the report.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::record::Record;
use super::runner::OnRecord;

/// One bar per path, fed by each finished record; hidden unless `draw`.
pub fn bars(draw: bool, names: &[&'static str], n: Option<usize>) -> OnRecord {
    let target = if draw {
        ProgressDrawTarget::stderr_with_hz(10)
    } else {
        ProgressDrawTarget::hidden()
    };
    let multi = MultiProgress::with_draw_target(target);
    let style = ProgressStyle::with_template("{prefix:>9} {bar:30} {pos}/{len} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    let bars: Vec<(&'static str, ProgressBar, AtomicUsize)> = names
        .iter()
        .map(|name| {
            let bar = multi.add(ProgressBar::new(n.unwrap_or(0) as u64));
            bar.set_style(style.clone());
            bar.set_prefix(*name);
            (*name, bar, AtomicUsize::new(0))
        })
        .collect();
    Arc::new(move |r: &Record| {
        if r.warmup {
            return;
        }
        if let Some((_, bar, errors)) = bars.iter().find(|(name, _, _)| *name == r.path) {
            if !r.ok() {
                errors.fetch_add(1, Ordering::Relaxed);
            }
            bar.inc(1);
            let tps = r.decode_tps().map_or("-".into(), |t| format!("{t:.1}"));
            bar.set_message(format!(
                "{tps} tok/s, {} errors",
                errors.load(Ordering::Relaxed)
            ));
            if n.is_some_and(|n| bar.position() >= n as u64) {
                bar.finish();
            }
        }
    })
}
