//! `sanshen serve` end to end: the real binary on a free loopback port, spoken to over plain
//! HTTP/1.1 sockets.

mod common;

use common::{temp_dir, write};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// A running service; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Standard error so far: the access log and messages.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts `sanshen serve --listen 127.0.0.1:0 ARGS` and waits until it listens.
    fn start(args: &[&str]) -> Server {
        Server::start_with(args, &[])
    }

    fn start_with(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = common::command()
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("SANSHEN_TOKEN")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let lines = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(addr) = line.strip_prefix("sanshen serve: listening on http://") {
                    let _ = tx.send(addr.rsplit(':').next().and_then(|p| p.parse().ok()));
                }
                lines.lock().unwrap().push(line);
            }
        });
        let port = rx.recv_timeout(Duration::from_secs(60)).ok().flatten();
        let port = port.unwrap_or_else(|| panic!("no port; log: {:?}", log.lock().unwrap()));
        Server { child, port, log }
    }

    fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Waits until a line of standard error contains `what`.
    fn wait_for_log(&self, what: &str) {
        let started = Instant::now();
        while !self.log().iter().any(|l| l.contains(what)) {
            assert!(started.elapsed() < Duration::from_secs(30), "no {what:?} in {:?}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, name: &str) {
        let pid = self.child.id().to_string();
        let status = Command::new("kill").args(["-s", name, &pid]).status().expect("kill runs");
        assert!(status.success());
    }

    fn get(&self, path: &str) -> Reply {
        self.send("GET", path, &[], b"")
    }

    fn post(&self, path: &str, body: &Value) -> Reply {
        self.send(
            "POST",
            path,
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        )
    }

    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut stream = self.connect();
        stream.write_all(&head(method, path, headers, body.len())).unwrap();
        stream.write_all(body).unwrap();
        Reply::read(stream)
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        stream
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn head(method: &str, path: &str, headers: &[(&str, &str)], length: usize) -> Vec<u8> {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {length}\r\n\r\n"));
    head.into_bytes()
}

/// A response: status, headers (names lowercase), body.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn read(mut stream: TcpStream) -> Reply {
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("reads the response");
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok());
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Reply { status: status.expect("a status"), headers, body: raw[split + 4..].to_vec() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    /// The error code of an error answer, after checking it is JSON with a Chinese message.
    fn error_code(&self) -> String {
        assert_eq!(self.header("content-type"), Some("application/json"), "{self:?}");
        let v = self.json();
        let message = v["error"]["message"].as_str().expect("a message");
        assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{message}");
        v["error"]["code"].as_str().expect("a code").to_owned()
    }
}

/// An error case: path, headers, body, expected status and code.
type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [u8], u16, &'a str);

const POST: &str = "🇨🇳各单位要再接再励，认真布署。";

#[test]
fn check_answers_with_the_jsonl_records() {
    let server = Server::start(&["--no-config"]);
    let reply = server.post("/v1/check", &json!({ "text": POST, "id": "n-1" }));
    assert_eq!(reply.status, 200, "{reply:?}");
    let v = reply.json();
    let findings = v["findings"].as_array().unwrap();
    let texts: Vec<&str> = findings.iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["再接再励", "布署"]);
    let units: Vec<u16> = POST.encode_utf16().collect();
    for f in findings {
        let (s, e) = (f["start_utf16"].as_u64().unwrap(), f["end_utf16"].as_u64().unwrap());
        let slice = String::from_utf16(&units[s as usize..e as usize]).unwrap();
        assert_eq!(slice, f["text"].as_str().unwrap());
        assert_eq!(
            &POST[f["start"].as_u64().unwrap() as usize..f["end"].as_u64().unwrap() as usize],
            slice
        );
        assert_eq!(f["id"], "n-1");
        for field in ["path", "line", "column", "family", "rule", "category", "severity", "message"]
        {
            assert!(f.get(field).is_some(), "{field} missing in {f}");
        }
    }
    assert_eq!((v["pass"].as_bool(), v["counts"]["error"].as_u64()), (Some(false), Some(2)));
}

#[test]
fn batches_dates_formats_and_selections() {
    let server = Server::start(&["--no-config"]);
    let body = json!({
        "select": { "disable": ["idiom"] },
        "posts": [
            { "id": 1, "text": "<p>认真<b>布署</b>，再接再励</p>", "format": "html" },
            { "id": "b", "text": "没有问题的一句话。" },
            { "id": "c", "text": "2024年3月5日（星期一）召开会议。", "date": "2024-03-01" },
            { "id": "d", "text": "认真布署。", "select": { "only": ["format"] } },
        ]
    });
    let reply = server.post("/v1/check", &body);
    assert_eq!(reply.status, 200, "{reply:?}");
    let v = reply.json();
    let got: Vec<(u64, &str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (f["record"].as_u64().unwrap(), f["id"].as_str().unwrap(), f["rule"].as_str().unwrap())
        })
        .collect();
    assert_eq!(got, [(1, "1", "typo/dictionary"), (3, "c", "format/weekday")], "{v}");
    let first = &v["findings"][0];
    assert_eq!((first["start_utf16"].as_u64(), first["text"].as_str()), (Some(8), Some("布署")));
    let pass: Vec<bool> =
        v["posts"].as_array().unwrap().iter().map(|p| p["pass"].as_bool().unwrap()).collect();
    assert_eq!(pass, [false, true, false, true]);
}

#[test]
fn fix_rules_probes_metrics_and_errors() {
    let server = Server::start(&["--no-config"]);
    let v = server.post("/v1/fix", &json!({ "text": POST })).json();
    assert_eq!(v["text"], "🇨🇳各单位要再接再厉，认真部署。");
    assert_eq!(
        (v["changed"].as_bool(), v["applied"].as_array().map(Vec::len)),
        (Some(true), Some(2))
    );

    let rules = server.get("/v1/rules").json();
    let ids: Vec<&str> =
        rules["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    // Every rule a varied text reports is listed.
    let sample = "国办秘函[2019]19号。认真布署，全国人大副委员长讲话，2024年3月5日（星期一）。";
    let found = server.post("/v1/check", &json!({ "text": sample })).json();
    let reported: Vec<&str> =
        found["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(reported.len() >= 3, "{found}");
    for rule in reported {
        assert!(ids.contains(&rule), "{rule} is not in /v1/rules");
    }
    assert_eq!(rules["families"].as_array().map(Vec::len), Some(4));

    assert_eq!(server.get("/healthz").status, 200);
    assert_eq!(server.get("/readyz").json()["status"], "ready");
    let metrics = String::from_utf8(server.get("/metrics").body).unwrap();
    assert!(metrics.contains("sanshen_findings_total{family=\"typo\"} 3"), "{metrics}");
    assert!(
        metrics.contains("sanshen_http_requests_total{route=\"/v1/check\",status=\"200\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("sanshen_http_request_duration_seconds_bucket{le=\"+Inf\"} 5"),
        "{metrics}"
    );

    let json_header = [("Content-Type", "application/json")];
    let cases: [Case<'_>; 6] = [
        ("/v1/check", &json_header, b"{\"text\": ", 400, "invalid_json"),
        ("/v1/check", &json_header, b"{\"txt\": \"a\"}", 422, "invalid_request"),
        ("/v1/check", &json_header, b"{}", 422, "missing_text"),
        ("/v1/check", &[], b"{\"text\": \"a\"}", 415, "unsupported_media_type"),
        (
            "/v1/check",
            &json_header,
            br#"{"text": "a", "select": {"only": ["typo/x"]}}"#,
            400,
            "unknown_selector",
        ),
        ("/v2/check", &json_header, b"{}", 404, "not_found"),
    ];
    for (path, headers, body, status, code) in cases {
        let reply = server.send("POST", path, headers, body);
        assert_eq!((reply.status, reply.error_code().as_str()), (status, code), "{reply:?}");
    }
    // One access-log line per request: 2 checks and a fix, the rules, 2 probes, the metrics
    // and 6 errors.
    server.wait_for_log("POST /v2/check 404");
    let log = server.log();
    let lines = log.iter().filter(|l| l.contains(" 127.0.0.1:")).count();
    assert_eq!(lines, 12, "{log:?}");
    assert!(log.iter().any(|l| l.ends_with("ms") && l.contains("POST /v1/fix 200")), "{log:?}");
}

#[test]
fn limits_answer_413_503_and_401() {
    let dir = temp_dir("serve-limits");
    let token = write(&dir, "token", b"s3cret\n");
    let args = [
        "--no-config",
        "--max-body",
        "2000",
        "--max-posts",
        "2",
        "--max-concurrent",
        "1",
        "--timeout-ms",
        "3000",
        "--token-file",
        &token,
    ];
    let server = Server::start(&args);
    let auth = [("Content-Type", "application/json"), ("Authorization", "Bearer s3cret")];
    let send = |body: &Value| server.send("POST", "/v1/check", &auth, body.to_string().as_bytes());

    let reply = server.post("/v1/check", &json!({ "text": "认真布署" }));
    assert_eq!((reply.status, reply.error_code().as_str()), (401, "unauthorized"));
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    assert_eq!(send(&json!({ "text": "认真布署" })).status, 200);
    assert_eq!(server.get("/healthz").status, 200, "probes need no token");

    let reply = send(&json!({ "text": "布".repeat(1000) }));
    assert_eq!((reply.status, reply.error_code().as_str()), (413, "body_too_large"));
    let reply = send(&json!({ "posts": [{"text": "a"}, {"text": "b"}, {"text": "c"}] }));
    assert_eq!((reply.status, reply.error_code().as_str()), (413, "too_many_posts"));

    // A request whose body is still arriving holds the only place: the next one is refused.
    let mut slow = server.connect();
    let body = json!({ "text": "认真布署" }).to_string();
    slow.write_all(&head("POST", "/v1/check", &auth, body.len())).unwrap();
    slow.write_all(&body.as_bytes()[..5]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let reply = send(&json!({ "text": "认真布署" }));
    assert_eq!((reply.status, reply.error_code().as_str()), (503, "busy"));
    assert_eq!(reply.header("retry-after"), Some("1"));
    // The slow request never finishes its body: it is answered 503 at the timeout.
    let reply = Reply::read(slow);
    assert_eq!((reply.status, reply.error_code().as_str()), (503, "timeout"));
    assert_eq!(send(&json!({ "text": "认真布署" })).status, 200, "the place is free again");
}

#[test]
fn markdown_posts_and_batch_fixes() {
    let server = Server::start(&["--no-config"]);
    let text = "# 通知\n\n各单位要**认真布署**。";
    let v = server.post("/v1/check", &json!({ "text": text, "format": "markdown" })).json();
    let f = &v["findings"][0];
    let units: Vec<u16> = text.encode_utf16().collect();
    let (s, e) =
        (f["start_utf16"].as_u64().unwrap() as usize, f["end_utf16"].as_u64().unwrap() as usize);
    assert_eq!(
        String::from_utf16(&units[s..e]).unwrap(),
        "布署",
        "offsets into the Markdown sent: {v}"
    );
    assert_eq!(f["line"], 3);

    let body = json!({ "posts": [
        { "id": "a", "text": "要再接再励。" },
        { "id": "b", "text": "<p>认真<b>布署</b></p>", "format": "html" },
        { "id": "c", "text": "没有问题。" },
    ] });
    let v = server.post("/v1/fix", &body).json();
    let posts = v["posts"].as_array().unwrap_or_else(|| panic!("{v}"));
    let got: Vec<(&str, &str, bool, usize)> = posts
        .iter()
        .map(|p| {
            let applied = p["applied"].as_array().map_or(0, Vec::len);
            (
                p["id"].as_str().unwrap(),
                p["text"].as_str().unwrap(),
                p["changed"].as_bool().unwrap(),
                applied,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a", "要再接再厉。", true, 1),
            ("b", "<p>认真<b>部署</b></p>", true, 1),
            ("c", "没有问题。", false, 0)
        ]
    );
    assert_eq!(posts[1]["applied"][0]["start"], 12, "offsets into the HTML sent");
}

#[test]
fn the_token_may_come_from_the_environment() {
    let server = Server::start_with(&["--no-config"], &[("SANSHEN_TOKEN", " from-env \n")]);
    let body = json!({ "text": "认真布署" }).to_string();
    let json_header = ("Content-Type", "application/json");
    let reply = server.send("POST", "/v1/check", &[json_header], body.as_bytes());
    assert_eq!((reply.status, reply.error_code().as_str()), (401, "unauthorized"));
    let wrong = [json_header, ("Authorization", "Bearer from-file")];
    assert_eq!(server.send("POST", "/v1/check", &wrong, body.as_bytes()).status, 401);
    let right = [json_header, ("Authorization", "Bearer from-env")];
    assert_eq!(server.send("POST", "/v1/check", &right, body.as_bytes()).status, 200);
}

/// A county's own leaders, in the format of README "Local leaders".
const ROSTER: &str = "!family title
县委书记\t-\tholders=all\tsince=2021-09-01
县长\t-\tholders=all\tsince=2021-09-01
!family roster
!as-of 2026-03-01
张建国\t县委书记\tfrom=2021-09-01
李明华\t县长\tfrom=2022-01-08
陈志强\t县长\tfrom=2021-09-28\tto=2022-01-08
";

#[test]
fn rosters_come_from_the_configuration_and_posts_are_judged_on_their_date() {
    let dir = temp_dir("serve-roster");
    write(&dir, "county.tsv", ROSTER.as_bytes());
    let config = write(&dir, "sanshen.toml", b"dictionaries = [\"county.tsv\"]\n");
    let server = Server::start(&["--config", &config]);
    let rules = |text: &str, date: &str| -> Vec<String> {
        let v = server.post("/v1/check", &json!({ "text": text, "date": date })).json();
        let findings = v["findings"].as_array().unwrap_or_else(|| panic!("{v}"));
        findings.iter().map(|f| f["rule"].as_str().unwrap().to_owned()).collect()
    };
    let wrong_title = rules("县长张建国出席会议。", "2026-06-01");
    assert!(wrong_title.iter().any(|r| r.starts_with("leader/")), "{wrong_title:?}");
    let outdated = rules("县长陈志强出席会议。", "2026-06-01");
    assert!(outdated.iter().any(|r| r.starts_with("leader/")), "{outdated:?}");
    assert_eq!(rules("县长陈志强出席会议。", "2021-12-01"), Vec::<String>::new());
    assert_eq!(rules("县长李明华出席会议。", "2026-06-01"), Vec::<String>::new());
}

#[test]
fn the_model_runs_by_default_and_the_service_or_a_request_turns_it_off() {
    let dir = temp_dir("serve-model");
    let off = write(&dir, "sanshen.toml", b"model = false\n");
    let text = "持续优化营商环竟，激发市场主体活力。";
    let rules = |server: &Server, body: &Value| -> Vec<String> {
        let v = server.post("/v1/check", body).json();
        let findings = v["findings"].as_array().unwrap_or_else(|| panic!("{v}"));
        findings.iter().map(|f| f["rule"].as_str().unwrap().to_owned()).collect()
    };
    let by_default = Server::start(&["--no-config"]);
    assert_eq!(rules(&by_default, &json!({ "text": text })), ["typo/model"]);
    let unselected = json!({ "text": text, "select": { "disable": ["model"] } });
    assert_eq!(rules(&by_default, &unselected), Vec::<String>::new());
    for args in [&["--no-config", "--no-model"][..], &["--config", &off]] {
        let server = Server::start(args);
        assert_eq!(rules(&server, &json!({ "text": text })), Vec::<String>::new(), "{args:?}");
    }
}

const DICT_OLD: &str = "!family typo\n青神县政付\t青神县政府\n";
const DICT_NEW: &str = "!family typo\n青神县政付\t青神县人民政府\n";
const DICT_BAD: &str = "!family typo\n青神县政付\t青神县人民政府\n!family nonsense\n";

fn suggestion(server: &Server) -> String {
    let v = server.post("/v1/check", &json!({ "text": "青神县政付发布通知" })).json();
    v["findings"][0]["suggestions"][0].as_str().unwrap_or_default().to_owned()
}

/// The severity of each post's abusive-language finding, and whether it passes.
fn abuse_by_post(server: &Server, body: &Value) -> Vec<(String, bool)> {
    let reply = server.post("/v1/check", body);
    assert_eq!(reply.status, 200, "{reply:?}");
    let v = reply.json();
    let findings = v["findings"].as_array().unwrap();
    let severity = |record: u64| {
        let of = findings.iter().find(|f| f["record"] == record && f["category"] == "abuse");
        of.map_or("none", |f| f["severity"].as_str().unwrap()).to_owned()
    };
    let posts = v["posts"].as_array().unwrap();
    (1..=posts.len() as u64).map(|r| (severity(r), posts[r as usize - 1]["pass"] == true)).collect()
}

#[test]
fn replies_report_abusive_language_as_errors() {
    let dir = temp_dir("serve-replies");
    let config = write(&dir, "sanshen.toml", b"fail_on = \"error\"\n");
    let server = Server::start(&["--config", &config]);
    let text = "你懂个屁，别瞎说。";
    let body = json!({
        "posts": [
            { "text": text },
            { "text": text, "type": "reply" },
            { "text": text, "msg_type": "回复" },
            { "text": text, "kind": "article" },
            { "text": text, "reply": true },
        ]
    });
    let error = ("error".to_owned(), false);
    let warning = ("warning".to_owned(), true);
    let want = [&warning, &error, &error, &warning, &error].map(Clone::clone);
    assert_eq!(abuse_by_post(&server, &body), want);
    // A type beside the posts applies to those without one.
    let body =
        json!({ "type": "评论", "posts": [{ "text": text }, { "text": text, "type": "post" }] });
    assert_eq!(abuse_by_post(&server, &body), [error.clone(), warning.clone()]);
    // A single post: its type beside its text.
    let v = server.post("/v1/check", &json!({ "text": text, "类型": "留言回复" })).json();
    assert_eq!((v["counts"]["error"].as_u64(), v["pass"].as_bool()), (Some(1), Some(false)));

    // A configuration that sets the category's severity keeps it for replies too.
    std::fs::write(&config, "fail_on = \"error\"\n[severity]\nabuse = \"info\"\n").unwrap();
    assert_eq!(server.post("/v1/reload", &json!({})).status, 200);
    let body = json!({ "posts": [{ "text": text, "type": "reply" }] });
    assert_eq!(abuse_by_post(&server, &body), [("info".to_owned(), true)]);
}

#[test]
fn reload_swaps_dictionaries_and_keeps_the_old_on_error() {
    let dir = temp_dir("serve-reload");
    let dict = write(&dir, "county.tsv", DICT_OLD.as_bytes());
    let config =
        write(&dir, "sanshen.toml", b"dictionaries = [\"county.tsv\"]\nfail_on = \"error\"\n");
    let server = Server::start(&["--config", &config]);
    assert_eq!(suggestion(&server), "青神县政府");

    std::fs::write(&dict, DICT_NEW).unwrap();
    let reply = server.post("/v1/reload", &json!({}));
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(suggestion(&server), "青神县人民政府");

    std::fs::write(&dict, DICT_BAD).unwrap();
    let reply = server.post("/v1/reload", &json!({}));
    assert_eq!((reply.status, reply.error_code().as_str()), (422, "reload_failed"));
    let detail = reply.json()["error"]["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("county.tsv:3"), "{detail}");
    assert_eq!(suggestion(&server), "青神县人民政府", "the old linter keeps serving");

    std::fs::write(&dict, DICT_OLD).unwrap();
    server.signal("HUP");
    server.wait_for_log("SIGHUP: reloaded");
    assert_eq!(suggestion(&server), "青神县政府");
    let metrics = String::from_utf8(server.get("/metrics").body).unwrap();
    assert!(metrics.contains("sanshen_reloads_total 2\n"), "{metrics}");
    assert!(metrics.contains("sanshen_reload_failures_total 1\n"), "{metrics}");
}

#[test]
fn reloads_drop_no_request() {
    let server = Arc::new(Server::start(&["--no-config"]));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..2)
        .map(|_| {
            let (server, stop) = (Arc::clone(&server), Arc::clone(&stop));
            std::thread::spawn(move || {
                let mut answered = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let reply = server.post("/v1/check", &json!({ "text": POST }));
                    assert_eq!(reply.status, 200, "{reply:?}");
                    assert_eq!(reply.json()["findings"].as_array().map(Vec::len), Some(2));
                    answered += 1;
                }
                answered
            })
        })
        .collect();
    for _ in 0..3 {
        assert_eq!(server.post("/v1/reload", &json!({})).status, 200);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let answered: usize = clients.into_iter().map(|c| c.join().expect("no failed request")).sum();
    assert!(answered > 0);
}

#[test]
fn sigterm_finishes_the_request_in_flight_and_exits_0() {
    let mut server = Server::start(&["--no-config"]);
    let mut slow = server.connect();
    let body = json!({ "text": POST }).to_string();
    slow.write_all(&head("POST", "/v1/check", &[("Content-Type", "application/json")], body.len()))
        .unwrap();
    slow.write_all(&body.as_bytes()[..10]).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    server.signal("TERM");
    server.wait_for_log("SIGTERM");
    std::thread::sleep(Duration::from_millis(200));
    assert!(server.child.try_wait().unwrap().is_none(), "still serving the request in flight");
    slow.write_all(&body.as_bytes()[10..]).unwrap();
    let reply = Reply::read(slow);
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.json()["findings"].as_array().map(Vec::len), Some(2));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    assert!(TcpStream::connect(("127.0.0.1", server.port)).is_err(), "no longer listening");
}

#[test]
fn a_bad_dictionary_at_start_exits_2_naming_the_line() {
    let dir = temp_dir("serve-bad");
    let dict = write(&dir, "bad.tsv", DICT_BAD.as_bytes());
    let out = common::command()
        .args(["serve", "--listen", "127.0.0.1:0", "--no-config", "--dict", &dict])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.tsv:3"), "{stderr}");
}

/// Runs a client example against the service: exit 1 and the findings for a post with
/// errors, exit 0 for a clean one. Skipped (with a message) where the language is missing.
fn run_client(server: &Server, program: &str, script: &str) {
    if Command::new(program).arg("-version").output().is_err()
        && Command::new(program).arg("--version").output().is_err()
    {
        println!("SKIPPED: {program} is not installed; {script} was not run");
        return;
    }
    let script = format!("{}/examples/clients/{script}", env!("CARGO_MANIFEST_DIR"));
    let url = format!("http://127.0.0.1:{}", server.port);
    let run = |text: &str| {
        Command::new(program)
            .args([script.as_str(), text])
            .env("SANSHEN_URL", &url)
            .output()
            .expect("the client runs")
    };
    let out = run("各单位要认真布署。");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("6-8 布署: “布署”应为“部署”"), "{stdout}");
    assert_eq!(run("各单位要认真部署。").status.code(), Some(0));
}

#[test]
fn java_and_php_clients_hold_back_posts_with_findings() {
    let server = Server::start(&["--no-config"]);
    run_client(&server, "java", "java/SanshenCheck.java");
    run_client(&server, "php", "php/sanshen_check.php");
}
