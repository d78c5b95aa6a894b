//! The browser test harness: serves the release build on 127.0.0.1, starts chromedriver and
//! headless Debian Chromium, and offers a page object so tests name what they look for in
//! one place. On failure a test saves a screenshot and the browser console log under
//! `target/browser-artifacts/`.
//!
//! Nothing here skips: if the build, Chromium or chromedriver is missing, the test fails and
//! says what to run.

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// Where the release build is.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("BATON_DIST").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dir.join("index.html").is_file() && dir.join("baton.html").is_file(),
        "The release build is missing in {}. Run scripts/test.sh, which builds it with `trunk build --release` first.",
        dir.display()
    );
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("no free port on 127.0.0.1")
}

/// A static file server for the build, on 127.0.0.1 and a free port, for one test.
pub struct Server {
    pub base: String,
    server: std::sync::Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(root: PathBuf) -> Server {
        let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("cannot serve on 127.0.0.1"));
        let port = server.server_addr().to_ip().map(|a| a.port()).expect("server address");
        let s = server.clone();
        let thread = std::thread::spawn(move || {
            for req in s.incoming_requests() {
                let path = req.url().split(['?', '#']).next().unwrap_or("/").trim_start_matches('/').to_string();
                let path = if path.is_empty() { "index.html".to_string() } else { path };
                let file = root.join(&path);
                let ok = !path.contains("..") && file.is_file();
                if !ok {
                    let _ = req.respond(tiny_http::Response::from_string("not found").with_status_code(404));
                    continue;
                }
                let mime = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("js") => "text/javascript",
                    Some("css") => "text/css",
                    Some("wasm") => "application/wasm",
                    Some("json") => "application/json",
                    _ => "application/octet-stream",
                };
                let body = std::fs::read(&file).unwrap_or_default();
                let header = tiny_http::Header::from_bytes("Content-Type", mime).expect("header");
                let _ = req.respond(tiny_http::Response::from_data(body).with_header(header));
            }
        });
        Server { base: format!("http://127.0.0.1:{port}"), server, thread: Some(thread) }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// chromedriver on a free port, stopped when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
}

impl Driver {
    pub fn start() -> Driver {
        let port = free_port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is not installed. Run scripts/test.sh, which installs Debian's chromium and chromium-driver.");
        // Ready means its /status answers "ready": an open port alone is not enough.
        let deadline = Instant::now() + Duration::from_secs(30);
        while !driver_ready(port) {
            assert!(Instant::now() < deadline, "chromedriver did not become ready within 30 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, url: format!("http://127.0.0.1:{port}") }
    }
}

/// True when chromedriver on `port` reports itself ready.
fn driver_ready(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream.write_all(b"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").is_err() {
        return false;
    }
    // Read what arrives (until close or the timeout); the bytes read so far are kept.
    let mut body = Vec::new();
    let _ = stream.read_to_end(&mut body);
    String::from_utf8_lossy(&body).replace(' ', "").contains("\"ready\":true")
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Chromedriver's browser-log command (not part of W3C WebDriver, but served by chromedriver).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }
    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({"type": "browser"}).to_string()))
    }
}

/// A Chrome DevTools command through chromedriver (`goog/cdp/execute`).
#[derive(Debug)]
struct Cdp(&'static str, Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }
    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({"cmd": self.0, "params": self.1}).to_string()))
    }
}

/// One browser session on the app, with everything a test needs.
pub struct Page {
    pub client: Client,
    pub name: String,
    pub server: Option<Server>,
    _driver: Driver,
    _profile: tempdir::Dir,
    console: std::sync::Mutex<Vec<String>>,
}

mod tempdir {
    /// A temporary folder removed when dropped.
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new(name: &str) -> Dir {
            let p = std::env::temp_dir().join(format!("baton-{name}-{}-{}", std::process::id(), rand_suffix()));
            std::fs::create_dir_all(&p).expect("temp dir");
            Dir(p)
        }
    }
    fn rand_suffix() -> u128 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Selectors, in one place.
pub mod sel {
    pub const SCENARIO_NAME: &str = "[data-testid='scenario-name']";
    pub const OPTION_PICKER: &str = "[data-testid='option-picker']";
    pub const RESULTS: &str = "[data-testid='results']";
    pub const BUSY: &str = "[data-testid='busy']";
    pub const COMPARISON_TABLE: &str = "[data-testid='comparison-table']";
    pub const CALENDAR_CONTACT: &str = "[data-testid='calendar-contact']";
    pub const CALENDAR: &str = "[data-testid='calendar']";
    pub const CALENDAR_TALLY: &str = "[data-testid='calendar-tally']";
    pub const CALENDAR_ENTRIES: &str = "[data-testid='calendar-entries']";
    pub const CONTACT_ROWS: &str = "[data-testid='contact-row']";
    pub const SCENARIO_SWITCH: &str = "[data-testid='scenario-switch']";
    pub const NEW_SCENARIO: &str = "[data-testid='new-scenario']";
    pub const DUPLICATE: &str = "[data-testid='duplicate']";
    pub const DELETE: &str = "[data-testid='delete']";
    pub const UNDO_DELETE: &str = "[data-testid='undo-delete']";
    pub const EXPORT_JSON: &str = "[data-testid='export-json']";
    pub const EXPORT_CSV: &str = "[data-testid='export-csv']";
    pub const IMPORT_FILE: &str = "[data-testid='import-file']";
    pub const IMPORT_PROBLEMS: &str = "[data-testid='import-problems']";
    pub const DAMAGED_BANNER: &str = "[data-testid='damaged-banner']";
    pub const DOWNLOAD_DAMAGED: &str = "[data-testid='download-damaged']";
    pub const SAVE_WARNING: &str = "[data-testid='save-warning']";
    pub const STUCK_BANNER: &str = "[data-testid='stuck-banner']";
    pub const CONFLICT_BANNER: &str = "[data-testid='conflict-banner']";
    pub const TAKE_THEIRS: &str = "[data-testid='take-theirs']";
    pub const TAB_RESULTS: &str = "[data-testid='tab-results']";
    pub const TAB_EDIT: &str = "[data-testid='tab-edit']";
    pub const TAB_NOTICES: &str = "[data-testid='tab-notices']";
    pub const TAB_AGREEMENT: &str = "[data-testid='tab-agreement']";
    pub const UNDO: &str = "[data-testid='undo']";
    pub const REDO: &str = "[data-testid='redo']";
    pub const NOTICES: &str = "[data-testid='notices']";
    pub const EXCLUDE_LEAD: &str = "[data-testid='exclude-lead']";
    pub const AGREEMENT: &str = "[data-testid='agreement']";
    pub const WORKFLOW_EDITOR: &str = "[data-testid='workflow-editor']";
    pub const SALES_EDITOR: &str = "[data-testid='sales-editor']";
    /// The first rep's name field.
    pub const FIRST_REP_NAME: &str = "[data-testid='rep'] input[data-testid='rep-name']";
    /// The "days" input of step `k` of workflow `w`.
    pub fn delay_days(w: usize, k: usize) -> String {
        format!("[data-testid='delay-days-{w}-{k}']")
    }
    pub fn option(code: &str) -> String {
        format!("[data-testid='option-{code}']")
    }
}

impl Page {
    /// Opens a fresh headless Chromium on `url` (a path under the served build, or a full URL).
    pub async fn open(name: &str, path: &str) -> Page {
        let dist = dist_dir();
        let server = if path.starts_with("file://") { None } else { Some(Server::start(dist)) };
        let driver = Driver::start();
        let profile = tempdir::Dir::new(name);
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1400,1000",
                    format!("--user-data-dir={}", profile.0.display()),
                ]
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({"browser": "ALL"}));
        // A session can fail to start on a loaded machine; two more tries before failing.
        let mut attempt = 0;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&driver.url).await {
                Ok(c) => break c,
                Err(e) if attempt < 2 => {
                    attempt += 1;
                    eprintln!("{name}: starting Chromium failed ({e}); trying again");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => panic!("could not start headless Chromium through chromedriver: {e}"),
            }
        };
        let url = match &server {
            Some(s) => format!("{}{}", s.base, path),
            None => path.to_string(),
        };
        client.goto(&url).await.expect("could not open the app");
        Page { client, name: name.to_string(), server, _driver: driver, _profile: profile, console: Default::default() }
    }

    /// Waits up to 20 s for an element.
    pub async fn wait(&self, css: &str) -> Result<fantoccini::elements::Element, String> {
        self.client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(css)).await.map_err(|e| format!("nothing matched {css} within 20 s: {e}"))
    }

    /// The visible text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> Result<String, String> {
        self.wait(css).await?.text().await.map_err(|e| format!("could not read {css}: {e}"))
    }

    /// Waits until the text of `css` contains `needle`, and returns it.
    pub async fn wait_text(&self, css: &str, needle: &str) -> Result<String, String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text(css).await?;
            if text.contains(needle) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(format!("{css} never contained {needle:?}; it says: {text}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Starts noting whether the progress message ("Updating the results for…") is ever
    /// shown; `saw_busy` then waits for it. Polling for the message itself could miss it
    /// on a fast machine, where a simulation can end between two polls.
    pub async fn watch_busy(&self) -> Result<(), String> {
        let watch = format!(
            "const b = document.querySelector(\"{}\"); window.sawBusy = !b.hidden; \
             new MutationObserver((_, o) => {{ if (!b.hidden) {{ window.sawBusy = true; o.disconnect(); }} }}).observe(b, {{ attributes: true }}); \
             return true;",
            sel::BUSY
        );
        self.js(&watch).await.map(|_| ())
    }

    /// Waits until the progress message has been shown since `watch_busy`.
    pub async fn saw_busy(&self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.js("return window.sawBusy === true;").await? != serde_json::Value::Bool(true) {
            if Instant::now() > deadline {
                return Err(format!("{}: the page never said it was updating the results", self.name));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Clicks the first element matching `css`.
    pub async fn click(&self, css: &str) -> Result<(), String> {
        let el = self.wait(css).await?;
        // Into the middle of the screen first, as a person scrolls to what they click:
        // WebDriver alone scrolls it to the top edge, under the edit view's sticky strip.
        if let Ok(arg) = serde_json::to_value(&el) {
            let _ = self.client.execute("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", vec![arg]).await;
        }
        el.click().await.map_err(|e| format!("could not click {css}: {e}"))
    }

    /// Makes downloads inspectable: every Blob offered for download is kept in the page.
    pub async fn capture_downloads(&self) -> Result<(), String> {
        self.js("window.__downloads = []; const make = URL.createObjectURL.bind(URL); URL.createObjectURL = (b) => { window.__downloads.push(b); return make(b); }; return true;")
            .await
            .map(|_| ())
    }

    /// The text of the last captured download.
    pub async fn last_download(&self) -> Result<String, String> {
        let v = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; const d = window.__downloads || []; if (!d.length) { done(null); } else { d[d.length - 1].text().then(done); }",
                vec![],
            )
            .await
            .map_err(|e| format!("could not read the download: {e}"))?;
        v.as_str().map(str::to_string).ok_or_else(|| "nothing was offered for download".to_string())
    }

    /// Makes the page the size of a 1280×720 projector and checks that it is.
    #[allow(dead_code)]
    pub async fn projector(&self) -> Result<(), String> {
        // The window's frame takes some of its size, and a resize takes a moment: resize,
        // measure the page, and correct until it is the size asked for.
        let (mut outer_w, mut outer_h) = (1280u32, 720u32);
        let mut size = Value::Null;
        for _ in 0..10 {
            self.client.set_window_size(outer_w, outer_h).await.map_err(|e| format!("could not resize the window: {e}"))?;
            tokio::time::sleep(Duration::from_millis(150)).await;
            size = self.js("return [innerWidth, innerHeight];").await?;
            let (w, h) = (size[0].as_u64().unwrap_or(0) as u32, size[1].as_u64().unwrap_or(0) as u32);
            if (w, h) == (1280, 720) {
                return Ok(());
            }
            (outer_w, outer_h) = ((outer_w + 1280).saturating_sub(w).max(1280), (outer_h + 720).saturating_sub(h).max(720));
        }
        Err(format!("the page is {size} after resizing, not 1280×720"))
    }

    /// Runs a Chrome DevTools command (for example `Emulation.setEmulatedMedia`).
    #[allow(dead_code)]
    pub async fn devtools(&self, command: &'static str, params: Value) -> Result<Value, String> {
        self.client.issue_cmd(Cdp(command, params)).await.map_err(|e| format!("{command} failed: {e}"))
    }

    /// Prints the page to PDF as Chromium's print does (A4, backgrounds off) and returns the file.
    #[allow(dead_code)]
    pub async fn print_pdf(&self) -> Result<Vec<u8>, String> {
        let config = fantoccini::wd::PrintConfiguration::builder().size(fantoccini::wd::PrintSize::A4).build().map_err(|e| format!("print settings: {e}"))?;
        self.client.print(config).await.map_err(|e| format!("could not print to PDF: {e}"))
    }

    /// Reloads the page.
    pub async fn reload(&self) -> Result<(), String> {
        self.client.refresh().await.map_err(|e| format!("could not reload: {e}"))
    }

    /// Replaces the value of an input and leaves the field (Tab), as a person would.
    pub async fn type_into(&self, css: &str, text: &str) -> Result<(), String> {
        let el = self.wait(css).await?;
        el.clear().await.map_err(|e| format!("could not clear {css}: {e}"))?;
        el.send_keys(&format!("{text}\u{E004}")).await.map_err(|e| format!("could not type into {css}: {e}"))
    }

    /// Clicks the first element matching `css` whose text contains `needle`.
    pub async fn click_text(&self, css: &str, needle: &str) -> Result<(), String> {
        let all = self.client.find_all(Locator::Css(css)).await.map_err(|e| format!("could not look for {css}: {e}"))?;
        for el in all {
            if el.text().await.unwrap_or_default().contains(needle) {
                return el.click().await.map_err(|e| format!("could not click {css} {needle:?}: {e}"));
            }
        }
        Err(format!("no {css} contains {needle:?}"))
    }

    /// Waits until local storage under `key` contains `needle` (autosave has run).
    pub async fn wait_stored_text(&self, key: &str, needle: &str) -> Result<(), String> {
        for _ in 0..100 {
            let v = self.js(&format!("return localStorage.getItem('{key}') || '';")).await?;
            if v.as_str().is_some_and(|t| t.contains(needle)) {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Err(format!("local storage '{key}' never contained {needle:?}"))
    }

    /// An attribute of the first element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Result<Option<String>, String> {
        self.wait(css).await?.attr(name).await.map_err(|e| format!("could not read {name} of {css}: {e}"))
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> Result<usize, String> {
        self.client.find_all(Locator::Css(css)).await.map(|v| v.len()).map_err(|e| format!("could not look for {css}: {e}"))
    }

    /// Sets the n-th element matching `css` (a select or an input) and fires its change
    /// event, as a person's choice does.
    #[allow(dead_code)]
    pub async fn choose(&self, css: &str, n: usize, value: &str) -> Result<(), String> {
        let (quoted, value) = (serde_json::to_string(css).unwrap(), serde_json::to_string(value).unwrap());
        let done = self
            .js(&format!(
                "const e = document.querySelectorAll({quoted})[{n}]; if (!e) return false; e.value = {value}; e.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;"
            ))
            .await?;
        if done != Value::Bool(true) {
            return Err(format!("nothing matches {css} (number {n})"));
        }
        Ok(())
    }

    /// Runs `script` every 100 ms until it returns `want` (5 s at most); on failure returns
    /// what it returned last.
    #[allow(dead_code)]
    pub async fn wait_js(&self, script: &str, want: &Value) -> Result<(), String> {
        let mut last = Value::Null;
        for _ in 0..50 {
            last = self.js(script).await?;
            if &last == want {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(last.to_string())
    }

    /// Runs JavaScript in the page and returns its result.
    pub async fn js(&self, script: &str) -> Result<Value, String> {
        self.client.execute(script, vec![]).await.map_err(|e| format!("script failed: {e}"))
    }

    /// Messages the page logged at level SEVERE (errors), from chromedriver's browser log.
    /// Every message read is also kept for the failure log.
    pub async fn console_errors(&self) -> Vec<String> {
        let log = self.client.issue_cmd(BrowserLog).await.unwrap_or(Value::Null);
        let entries = log.as_array().cloned().unwrap_or_default();
        if let Ok(mut all) = self.console.lock() {
            for e in &entries {
                all.push(format!("{} {}", e["level"].as_str().unwrap_or("?"), e["message"].as_str().unwrap_or("")));
            }
        }
        entries.iter().filter(|e| e["level"] == "SEVERE").map(|e| e["message"].as_str().unwrap_or("").to_string()).collect()
    }

    /// Saves a screenshot under target/browser-artifacts/<name><suffix>.png (also used on
    /// success for the screens people look at).
    pub async fn screenshot(&self, suffix: &str) -> PathBuf {
        let path = artifacts_dir().join(format!("{}{}.png", self.name, suffix));
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(&path, png);
        }
        path
    }

    /// Ends the test: on failure saves a screenshot and the console log, then fails.
    pub async fn finish(self, result: Result<(), String>) {
        if let Err(message) = result {
            let shot = self.screenshot("-failure").await;
            let _ = self.console_errors().await;
            let log = artifacts_dir().join(format!("{}-console.log", self.name));
            let lines = self.console.lock().map(|c| c.join("\n")).unwrap_or_default();
            let _ = std::fs::write(&log, lines);
            let _ = self.client.clone().close().await;
            panic!("{}: {message}\n(screenshot: {}, console log: {})", self.name, shot.display(), log.display());
        }
        let _ = self.client.clone().close().await;
    }
}

/// target/browser-artifacts, created on demand.
pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("browser-artifacts");
    let _ = std::fs::create_dir_all(&dir);
    dir
}
