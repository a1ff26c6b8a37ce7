//! A bounded load generator for `sanshen serve`: CLIENTS threads, each on one keep-alive
//! connection, post the same body REQUESTS times in all; prints throughput, latency
//! percentiles and failures (see BENCHMARKS.md).
//!
//! ```sh
//! cargo run --release --example load -- 127.0.0.1:8600 32 20000 post.json
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: load ADDR:PORT CLIENTS REQUESTS BODY.json");
        std::process::exit(2);
    }
    let addr = args[1].clone();
    let clients: usize = args[2].parse().expect("CLIENTS is a number");
    let total: usize = args[3].parse().expect("REQUESTS is a number");
    let body = std::fs::read(&args[4]).expect("BODY.json is readable");
    let request = Arc::new(request(&addr, &body));
    let left = Arc::new(AtomicUsize::new(total));
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let (addr, request, left) = (addr.clone(), Arc::clone(&request), Arc::clone(&left));
            std::thread::spawn(move || client(&addr, &request, &left))
        })
        .collect();
    let mut latencies = Vec::with_capacity(total);
    let mut failed = 0;
    for w in workers {
        let (l, f) = w.join().expect("client thread");
        latencies.extend(l);
        failed += f;
    }
    let took = started.elapsed();
    latencies.sort();
    let at = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
    };
    let ms = |d: Option<&Duration>| d.map_or(0.0, |d| d.as_secs_f64() * 1e3);
    println!(
        "{} ok, {failed} failed in {:.2} s: {:.0} requests/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        latencies.len(),
        took.as_secs_f64(),
        latencies.len() as f64 / took.as_secs_f64(),
        ms(at(0.50)),
        ms(at(0.99)),
        ms(latencies.last()),
    );
}

fn request(addr: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "POST /v1/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

/// Sends requests until none are left; returns the latencies of the 200 answers and the
/// number of failures (other statuses, broken connections).
fn client(addr: &str, request: &[u8], left: &AtomicUsize) -> (Vec<Duration>, usize) {
    let (mut latencies, mut failed) = (Vec::new(), 0);
    let mut conn: Option<BufReader<TcpStream>> = None;
    while left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1)).is_ok() {
        let started = Instant::now();
        let reader = match &mut conn {
            Some(c) => c,
            None => match TcpStream::connect(addr) {
                Ok(s) => conn.insert(BufReader::new(s)),
                Err(_) => {
                    failed += 1;
                    continue;
                }
            },
        };
        match exchange(reader, request) {
            Ok(200) => latencies.push(started.elapsed()),
            Ok(_) => failed += 1,
            Err(_) => {
                failed += 1;
                conn = None;
            }
        }
    }
    (latencies, failed)
}

/// One request and its response on a keep-alive connection; the response's status.
fn exchange(reader: &mut BufReader<TcpStream>, request: &[u8]) -> std::io::Result<u16> {
    reader.get_mut().write_all(request)?;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(status)
}
