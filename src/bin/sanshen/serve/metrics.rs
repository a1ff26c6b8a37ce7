//! Counters for `GET /metrics`, written in the Prometheus text format.

use sanshen::Family;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

/// What the service has done since it started.
#[derive(Debug, Default)]
pub(crate) struct Metrics {
    /// Requests by route and status.
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    /// Requests per latency bucket (not cumulative), the last one past every bound.
    latency: [AtomicU64; BUCKETS.len() + 1],
    latency_micros: AtomicU64,
    latency_count: AtomicU64,
    findings: [AtomicU64; 4],
    posts: AtomicU64,
    rejected: AtomicU64,
    reloads: AtomicU64,
    reload_failures: AtomicU64,
    in_flight: AtomicU64,
}

impl Metrics {
    /// Counts a finished request.
    pub(crate) fn request(&self, route: &str, status: u16, took: Duration) {
        let mut requests = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        *requests.entry((route.to_owned(), status)).or_default() += 1;
        drop(requests);
        let secs = took.as_secs_f64();
        let bucket = BUCKETS.iter().position(|&b| secs <= b).unwrap_or(BUCKETS.len());
        self.latency[bucket].fetch_add(1, Relaxed);
        self.latency_micros.fetch_add(took.as_micros() as u64, Relaxed);
        self.latency_count.fetch_add(1, Relaxed);
    }

    /// Counts a checked post and its findings.
    pub(crate) fn post(&self, families: impl Iterator<Item = Family>) {
        self.posts.fetch_add(1, Relaxed);
        for family in families {
            let i = Family::ALL.iter().position(|&f| f == family).unwrap_or(0);
            self.findings[i].fetch_add(1, Relaxed);
        }
    }

    /// Counts a request turned away because the service was at its concurrency limit.
    pub(crate) fn rejected(&self) {
        self.rejected.fetch_add(1, Relaxed);
    }

    pub(crate) fn reload(&self, ok: bool) {
        let counter = if ok { &self.reloads } else { &self.reload_failures };
        counter.fetch_add(1, Relaxed);
    }

    pub(crate) fn enter(&self) {
        self.in_flight.fetch_add(1, Relaxed);
    }

    pub(crate) fn leave(&self) {
        self.in_flight.fetch_sub(1, Relaxed);
    }

    /// The Prometheus text exposition of every metric.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        self.render_requests(&mut out);
        self.render_latency(&mut out);
        header(&mut out, "sanshen_findings_total", "counter", "Findings reported, by family.");
        for (f, n) in Family::ALL.iter().zip(&self.findings) {
            let _ = writeln!(out, "sanshen_findings_total{{family=\"{f}\"}} {}", n.load(Relaxed));
        }
        let plain = [
            ("sanshen_posts_checked_total", "counter", "Posts checked.", &self.posts),
            ("sanshen_rejected_total", "counter", "Requests refused at the limit.", &self.rejected),
            ("sanshen_reloads_total", "counter", "Successful reloads.", &self.reloads),
            ("sanshen_reload_failures_total", "counter", "Failed reloads.", &self.reload_failures),
            ("sanshen_in_flight_requests", "gauge", "Requests being served.", &self.in_flight),
        ];
        for (name, kind, help, value) in plain {
            header(&mut out, name, kind, help);
            let _ = writeln!(out, "{name} {}", value.load(Relaxed));
        }
        out
    }

    fn render_requests(&self, out: &mut String) {
        header(
            out,
            "sanshen_http_requests_total",
            "counter",
            "HTTP requests, by route and status.",
        );
        let requests = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        for ((route, status), n) in requests.iter() {
            let route = route.replace('\\', "\\\\").replace('"', "\\\"");
            let _ = writeln!(
                out,
                "sanshen_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
    }

    fn render_latency(&self, out: &mut String) {
        let name = "sanshen_http_request_duration_seconds";
        header(out, name, "histogram", "Time from request to response.");
        let mut cumulative = 0;
        for (i, count) in self.latency.iter().enumerate() {
            cumulative += count.load(Relaxed);
            let le = BUCKETS.get(i).map_or("+Inf".to_owned(), f64::to_string);
            let _ = writeln!(out, "{name}_bucket{{le=\"{le}\"}} {cumulative}");
        }
        let sum = self.latency_micros.load(Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "{name}_sum {sum}");
        let _ = writeln!(out, "{name}_count {}", self.latency_count.load(Relaxed));
    }
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let m = Metrics::default();
        m.request("/v1/check", 200, Duration::from_micros(800));
        m.request("/v1/check", 200, Duration::from_millis(30));
        m.request("/v1/check", 503, Duration::from_secs(9));
        let text = m.render();
        let bucket =
            |le: &str| format!("sanshen_http_request_duration_seconds_bucket{{le=\"{le}\"}} ");
        assert!(text.contains(&format!("{}1\n", bucket("0.001"))), "{text}");
        assert!(text.contains(&format!("{}2\n", bucket("0.05"))), "{text}");
        assert!(text.contains(&format!("{}3\n", bucket("+Inf"))), "{text}");
        assert!(text.contains("route=\"/v1/check\",status=\"503\"} 1"), "{text}");
    }

    #[test]
    fn findings_are_counted_by_family() {
        let m = Metrics::default();
        m.post([Family::Typo, Family::Format, Family::Typo].into_iter());
        let text = m.render();
        assert!(text.contains("sanshen_findings_total{family=\"typo\"} 2"), "{text}");
        assert!(text.contains("sanshen_findings_total{family=\"format\"} 1"), "{text}");
        assert!(text.contains("sanshen_posts_checked_total 1"), "{text}");
    }
}
