//! The reference point of `benches/process.rs` without criterion's build: a bare char-wise
//! automaton over the shipped dictionaries' patterns scans a file (overlapping matches,
//! counted), and prints the throughput, the median of five scans (wall time, and the CPU time
//! this process was given, which a loaded host changes less), and the load average.
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
    let (mut walls, mut cpus) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let (start, cpu) = (Instant::now(), cpu_seconds());
        std::hint::black_box(bare.find_overlapping_iter(std::hint::black_box(&text)).count());
        walls.push(start.elapsed().as_secs_f64());
        cpus.push(cpu_seconds() - cpu);
    }
    walls.sort_by(f64::total_cmp);
    cpus.sort_by(f64::total_cmp);
    let mib = text.len() as f64 / f64::from(1 << 20);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{mib:.1} MiB: {:.3} s wall, {:.0} MiB/s; {:.2} s CPU; load {}",
        walls[2],
        mib / walls[2],
        cpus[2],
        load.trim()
    );
}

/// User and system time of this process so far, in seconds (Linux; 0 elsewhere), to the
/// kernel's clock tick (10 ms).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's closing parenthesis, from the third (state) on.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map_or("", |(_, f)| f).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|t| t.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}
