//! The reference point of `benches/process.rs` without criterion's build: a bare char-wise
//! automaton over the shipped dictionaries' patterns scans a file (overlapping matches,
//! counted), and prints the throughput, the median of five scans, and the load average.
//!
//! `cargo run --release --example bare_scan -- FILE`

use daachorse::CharwiseDoubleArrayAhoCorasick;
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare_scan FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).expect("a readable UTF-8 file");
    let patterns: std::collections::BTreeSet<String> =
        sanshen::dict::Dictionary::builtin().entries.iter().map(|e| e.pattern.clone()).collect();
    let bare = CharwiseDoubleArrayAhoCorasick::<u32>::new(&patterns).expect("distinct patterns");
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(bare.find_overlapping_iter(std::hint::black_box(&text)).count());
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let mib = text.len() as f64 / f64::from(1 << 20);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("{mib:.1} MiB: {:.3} s, {:.0} MiB/s; load {}", times[2], mib / times[2], load.trim());
}
