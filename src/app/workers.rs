//! Web Workers that simulate a large scenario's other options and seeds in parallel, while
//! the page simulates the chosen option (whose calendars it shows) a slice at a time.
//!
//! A worker runs this same app: the page's build step writes the wasm-bindgen glue and a
//! few lines that answer messages into `<script type="text/plain" id="baton-helper">`, the
//! page makes a Blob URL of that text, starts a module worker from it and passes it the
//! page's compiled `WebAssembly.Module`. Nothing is fetched. From `dist/baton.html` opened
//! from disk the browser refuses Blob URL workers (the page's origin is opaque), so there
//! the script goes in a data: URL and the worker compiles the bytes the file carries. The messages are the engine's
//! ([`crate::engine::helpers`]): the scenario as JSON and the jobs; the answer is each
//! job's figures.
//!
//! Where workers cannot start (the helper script is missing, the browser refuses a worker)
//! or one fails, [`Helpers::start`] or [`Helpers::answers`] say so and the caller simulates
//! everything itself, a slice at a time, as before workers. A newer edit calls
//! [`cancel`], which ends the workers at once.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::helpers::{answer, deal, jobs_message, read_answer, Answer, Job};
use crate::engine::pieces::load_to_pieces;

/// The id of the element holding the workers' script (written by `scripts/single_file.py`).
const SCRIPT_ID: &str = "baton-helper";

/// Most workers started for one comparison.
const MOST: usize = 8;

/// Bytes of a scenario's pieces from which each worker is given its copy in a task of its
/// own ([`Helpers::start`]): about 1 ms of copying, by the 11–17 ms that 22 MB took.
const COPIES_APART_FROM: usize = 2_000_000;

/// What a worker calls for each message: the engine's answer, or the reason it has none.
#[wasm_bindgen]
pub fn baton_helper_answer(scenario_pieces: &[u8], jobs_json: &str) -> Result<String, JsValue> {
    let text = std::str::from_utf8(scenario_pieces).map_err(|_| JsValue::from_str("the helper was given a scenario that is not text"))?;
    answer(text, jobs_json).map_err(|e| JsValue::from_str(&e))
}

/// What a worker calls to read a large scenario file: `{ pieces }`, the scenario in pieces
/// ([`crate::engine::pieces`]) as UTF-8 bytes, or `{ problems }`, the file's problems in
/// words, as [`crate::engine::load()`] finds them.
#[wasm_bindgen]
pub fn baton_helper_load(bytes: &[u8]) -> JsValue {
    let answer = js_sys::Object::new();
    let read = std::str::from_utf8(bytes).map_err(|_| vec![NOT_TEXT.to_string()]).and_then(|text| load_to_pieces(text).map_err(|e| e.lines()));
    let _ = match read {
        Ok(pieces) => js_sys::Reflect::set(&answer, &"pieces".into(), &js_sys::Uint8Array::from(pieces.as_bytes())),
        Err(lines) => js_sys::Reflect::set(&answer, &"problems".into(), &lines.into_iter().map(JsValue::from).collect::<js_sys::Array>()),
    };
    answer.into()
}

/// What a worker calls for a question about a CRM export ([`crate::engine::crm_look`]):
/// `{ answer }`, the answer as JSON, with `pieces`, the new scenario in pieces as UTF-8
/// bytes, after an import. The file comes with its number (`file_id`, [`new_file_id`]);
/// the worker keeps it read, so a later question about the same file may come without it.
#[wasm_bindgen]
pub fn baton_helper_crm(file: &[u8], file_id: f64, scenario_pieces: &[u8], ask: &str) -> Result<JsValue, JsValue> {
    let scenario = std::str::from_utf8(scenario_pieces).map_err(|_| JsValue::from_str("the helper was given a scenario that is not text"))?;
    if !file.is_empty() {
        let read = crate::engine::crm_look::read(file);
        HELD.with(|h| *h.borrow_mut() = Some((file_id, read)));
    }
    let answered = HELD.with(|h| match h.borrow().as_ref() {
        Some((id, read)) if *id == file_id => crate::engine::crm_look::answer_about(read, scenario, ask),
        _ => Err("the helper no longer holds the file".into()),
    });
    let (told, made) = answered.map_err(|e| JsValue::from_str(&e))?;
    let answer = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&answer, &"told".into(), &JsValue::from_str(&told));
    if let Some(made) = made {
        let _ = js_sys::Reflect::set(&answer, &"pieces".into(), &js_sys::Uint8Array::from(made.as_bytes()));
    }
    Ok(answer.into())
}

thread_local! {
    /// In a worker: the CRM export it was given last, read, with its number.
    static HELD: RefCell<Option<(f64, crate::engine::crm_look::FileRead)>> = const { RefCell::new(None) };
    /// On the page: the number of the last CRM export opened.
    static FILES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A number for a CRM export just opened, by which workers that keep it read know it.
pub fn new_file_id() -> u64 {
    FILES.with(|f| {
        f.set(f.get() + 1);
        f.get()
    })
}

/// Said of a file that is not UTF-8 text.
pub const NOT_TEXT: &str = "the file is not text (a scenario file is UTF-8 JSON)";

/// A scenario file read by a worker: its pieces as bytes, or its problems in words.
pub type Read = Result<Vec<u8>, Vec<String>>;

/// Reads a scenario file (its bytes) in a worker, so that the page stays free while a large
/// one is parsed and validated. `None` when no worker could do it (the caller reads it).
pub async fn load(bytes: &[u8]) -> Option<Read> {
    let source = Source::find()?;
    let worker = start_worker(&source.url, &source.wasm)?;
    let file = js_sys::Uint8Array::from(bytes);
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"load".into(), &file).ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(ask(worker, &message, Some(file.buffer()), &RUNNING, Keep::Never)).await.ok()?;
    if let Some(pieces) = js_sys::Reflect::get(&answer, &"pieces".into()).ok().and_then(|p| p.dyn_into::<js_sys::Uint8Array>().ok()) {
        return Some(Ok(pieces.to_vec()));
    }
    let problems = js_sys::Reflect::get(&answer, &"problems".into()).ok().filter(js_sys::Array::is_array)?;
    Some(Err(js_sys::Array::from(&problems).iter().filter_map(|p| p.as_string()).collect()))
}

/// Why a worker gave no answer about a CRM export.
#[derive(Debug, Clone, PartialEq)]
pub enum NoAnswer {
    /// No worker could start here: the page does the work.
    NoWorker,
    /// A newer question of the same kind replaced it.
    Replaced,
    /// The worker failed, with why.
    Failed(String),
}

/// Asks a worker a question about a CRM export (its bytes, numbered `file_id` by
/// [`new_file_id`]), for a scenario in pieces (or none). A question with a `kind` ends the
/// worker still answering the last question of that kind (the counts of choices the person
/// has since changed).
///
/// A worker that has answered stays, holding the file read ([`IDLE_MOST`] of them), and
/// the next question about the same file goes to it without the file: with 120,000 rows,
/// reading the file and starting a worker were a third of every count again.
pub async fn crm(
    file: &[u8],
    file_id: u64,
    scenario_pieces: &str,
    question: &crate::engine::crm_look::Ask,
    kind: Option<&'static str>,
) -> Result<(crate::engine::crm_look::Told, Option<Vec<u8>>), NoAnswer> {
    let idle = IDLE.with(|i| {
        let mut i = i.borrow_mut();
        i.iter().position(|(id, _)| *id == file_id).map(|k| i.remove(k).1)
    });
    let (worker, give_file) = match idle {
        Some(worker) => (worker, false),
        None => {
            let source = Source::find().ok_or(NoAnswer::NoWorker)?;
            (start_worker(&source.url, &source.wasm).ok_or(NoAnswer::NoWorker)?, true)
        }
    };
    if let Some(kind) = kind {
        if let Some(earlier) = ASKED.with(|a| a.borrow_mut().insert(kind, worker.clone())) {
            end(&CRM_RUNNING, |w| w == &earlier, REPLACED);
        }
    }
    let bytes = js_sys::Uint8Array::from(if give_file { file } else { &[] });
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"crm".into(), &bytes);
    let _ = js_sys::Reflect::set(&message, &"crmId".into(), &JsValue::from_f64(file_id as f64));
    let _ = js_sys::Reflect::set(&message, &"scenario".into(), &js_sys::Uint8Array::from(scenario_pieces.as_bytes()));
    let _ = js_sys::Reflect::set(&message, &"ask".into(), &JsValue::from_str(&crate::engine::crm_look::ask_message(question)));
    let transfer = give_file.then(|| bytes.buffer());
    let result = wasm_bindgen_futures::JsFuture::from(ask(worker.clone(), &message, transfer, &CRM_RUNNING, Keep::AfterAnswer)).await;
    if result.is_ok() {
        keep_idle(file_id, worker.clone());
    }
    if let Some(kind) = kind {
        ASKED.with(|a| {
            let mut a = a.borrow_mut();
            if a.get(kind).is_some_and(|w| w == &worker) {
                a.remove(kind);
            }
        });
    }
    let answer = result.map_err(|e| match e.as_string() {
        Some(why) if why == REPLACED => NoAnswer::Replaced,
        Some(why) => NoAnswer::Failed(why),
        None => NoAnswer::Failed("a worker failed".into()),
    })?;
    let told = js_sys::Reflect::get(&answer, &"told".into())
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| NoAnswer::Failed("a worker answered something other than text".into()))?;
    let told = crate::engine::crm_look::read_told(&told).map_err(NoAnswer::Failed)?;
    let pieces = js_sys::Reflect::get(&answer, &"pieces".into()).ok().and_then(|p| p.dyn_into::<js_sys::Uint8Array>().ok()).map(|p| p.to_vec());
    Ok((told, pieces))
}

/// Most workers kept idle, each holding a CRM export read.
const IDLE_MOST: usize = 2;

/// Keeps a worker that answered about file `file_id`; workers holding other files, and the
/// oldest beyond [`IDLE_MOST`], are ended.
fn keep_idle(file_id: u64, worker: web_sys::Worker) {
    let ended: Vec<web_sys::Worker> = IDLE.with(|i| {
        let mut i = i.borrow_mut();
        i.push((file_id, worker));
        let (kept, mut ended): (Vec<_>, Vec<_>) = i.drain(..).partition(|(id, _)| *id == file_id);
        *i = kept;
        let beyond = i.len().saturating_sub(IDLE_MOST);
        ended.extend(i.drain(..beyond));
        ended.into_iter().map(|(_, w)| w).collect()
    });
    for worker in ended {
        worker.terminate();
    }
}

/// Ends the workers kept holding a CRM export (the import is done or abandoned).
pub fn crm_forget() {
    for (_, worker) in IDLE.with(|i| i.take()) {
        worker.terminate();
    }
}

/// The reason given to a question replaced by a newer one.
const REPLACED: &str = "replaced by a newer question";

thread_local! {
    /// The workers at work and how to abandon their answer, so a newer edit can end them.
    static RUNNING: RefCell<Vec<(web_sys::Worker, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
    /// The workers answering questions about a CRM export: not ended by a newer edit.
    static CRM_RUNNING: RefCell<Vec<(web_sys::Worker, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
    /// The worker answering the last question of each kind about a CRM export.
    static ASKED: RefCell<std::collections::HashMap<&'static str, web_sys::Worker>> = RefCell::new(std::collections::HashMap::new());
    /// Workers that have answered about a CRM export and hold it read, with its number.
    static IDLE: RefCell<Vec<(u64, web_sys::Worker)>> = const { RefCell::new(Vec::new()) };
}

/// Ends every worker at work; their comparison is abandoned.
pub fn cancel() {
    end(&RUNNING, |_| true, CANCELLED);
}

/// The reason given to work a newer change made useless.
const CANCELLED: &str = "cancelled by a newer change";

/// Ends the workers of `running` that `which` picks; their answers are abandoned with `why`.
fn end(running: &'static Running, which: impl Fn(&web_sys::Worker) -> bool, why: &str) {
    let ended: Vec<_> = running.with(|r| {
        let (ended, kept) = r.take().into_iter().partition(|(w, _)| which(w));
        *r.borrow_mut() = kept;
        ended
    });
    for (worker, reject) in ended {
        worker.terminate();
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(why));
    }
}

/// How many workers to start for `jobs` jobs: one a job, at most two per processor the
/// browser reports and at most [`MOST`]. With one a processor, on two processors the three
/// other options went to two workers and the page waited for the one with two of them;
/// with one a job the processors share the work evenly to the end (measured by
/// `scripts/browser_bench.py`).
pub fn count_for(jobs: usize) -> usize {
    jobs.clamp(1, (2 * processors()).min(MOST))
}

/// Workers given their share of a comparison's jobs, answering.
pub struct Helpers {
    answers: Vec<js_sys::Promise>,
    /// The workers, and whether they go back to the [`POOL`] once all have answered.
    workers: Vec<web_sys::Worker>,
    pooled: bool,
}

impl Helpers {
    /// Starts up to `count` workers and gives each its share of `jobs` on the scenario (in
    /// pieces). Workers waiting in the [`POOL`] are taken first, and only if `pooled`
    /// (the scenario is small enough for their memory to be kept) do they go back to it
    /// once all have answered. `None` when no worker could start (the caller then does
    /// the work itself).
    ///
    /// Each worker is given a large copy in a task of its own: with 42,945 named contacts
    /// (22 MB of pieces) a copy out of wasm memory takes 11–17 ms, and three in one task
    /// made it one of the longest of an edit. (One copy cloned by the browser for each
    /// worker was slower still: 14 ms a worker.) `stale` is asked between them; when it
    /// says so, the workers started are ended.
    pub async fn start(scenario_pieces: &str, jobs: &[Job], count: usize, pooled: bool, stale: &impl Fn() -> bool) -> Option<Helpers> {
        if jobs.is_empty() {
            return Some(Helpers { answers: Vec::new(), workers: Vec::new(), pooled });
        }
        let source = Source::find()?;
        let mut helpers = Helpers { answers: Vec::new(), workers: Vec::new(), pooled };
        for (i, hand) in deal(jobs, count).into_iter().enumerate() {
            if i > 0 && scenario_pieces.len() > COPIES_APART_FROM {
                crate::app::state::next_frame().await;
                if stale() {
                    end(&RUNNING, |w| helpers.workers.contains(w), CANCELLED);
                    return None;
                }
            }
            let waiting = POOL.with(|p| p.borrow_mut().pop());
            let Some(worker) = waiting.or_else(|| start_worker(&source.url, &source.wasm)) else {
                end(&RUNNING, |w| helpers.workers.contains(w), "another worker could not start");
                return None;
            };
            helpers.workers.push(worker.clone());
            // Bytes, not page text: a copy of wasm memory, handed over to the worker whole.
            let scenario = js_sys::Uint8Array::from(scenario_pieces.as_bytes());
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"scenario".into(), &scenario);
            let _ = js_sys::Reflect::set(&message, &"jobs".into(), &JsValue::from_str(&jobs_message(&hand)));
            let keep = if pooled { Keep::AfterAnswer } else { Keep::Never };
            helpers.answers.push(ask(worker, &message, Some(scenario.buffer()), &RUNNING, keep));
        }
        Some(helpers)
    }

    /// How many workers are at work.
    pub fn count(&self) -> usize {
        self.answers.len()
    }

    /// Every worker's answers, once all have answered; the workers go back to the pool or
    /// are ended. An error when one failed or the work was cancelled.
    pub async fn answers(mut self) -> Result<Vec<Answer>, String> {
        let all = js_sys::Promise::all(&std::mem::take(&mut self.answers).into_iter().collect::<js_sys::Array>());
        let result = wasm_bindgen_futures::JsFuture::from(all).await;
        let values = result.map_err(|e| e.as_string().unwrap_or_else(|| "a worker failed".into()))?;
        if self.pooled {
            let done = std::mem::take(&mut self.workers);
            POOL.with(|p| p.borrow_mut().extend(done));
            trim_pool(pool_most());
        }
        let mut answers = Vec::new();
        for value in js_sys::Array::from(&values).iter() {
            let text = value.as_string().ok_or("a worker answered something other than text")?;
            answers.extend(read_answer(&text)?);
        }
        Ok(answers)
    }
}

impl Drop for Helpers {
    /// Workers not given back to the pool (their work failed, was cancelled or abandoned,
    /// or they are not to be kept) are ended: a worker kept after answering would
    /// otherwise stay alive, holding its memory, with nothing to end it.
    fn drop(&mut self) {
        for worker in self.workers.drain(..) {
            worker.terminate();
        }
    }
}

thread_local! {
    /// Workers started and waiting for a comparison's jobs, the module already compiled and
    /// instantiated in each: a worker's start is most of what it costs a mid-sized scenario.
    static POOL: RefCell<Vec<web_sys::Worker>> = const { RefCell::new(Vec::new()) };
}

/// How many workers the pool keeps: one a processor the browser reports, at most four.
/// (Each holds the memory its largest simulation needed.)
fn pool_most() -> usize {
    processors().min(4)
}

/// The processors the browser reports (at least one).
fn processors() -> usize {
    web_sys::window().map(|w| w.navigator().hardware_concurrency() as usize).unwrap_or(1).max(1)
}

/// How many workers wait in the pool.
pub fn pooled() -> usize {
    POOL.with(|p| p.borrow().len())
}

/// Starts workers until the pool holds [`pool_most`], so that the next edit of a
/// mid-sized scenario finds them ready; they compile and instantiate meanwhile, on their
/// own threads. Nothing happens where workers cannot start.
pub fn warm_up() {
    let Some(source) = Source::find() else { return };
    while pooled() < pool_most() {
        let Some(worker) = start_worker(&source.url, &source.wasm) else { return };
        POOL.with(|p| p.borrow_mut().push(worker));
    }
}

/// Ends the workers in the pool beyond `keep`.
pub fn trim_pool(keep: usize) {
    let ended: Vec<web_sys::Worker> = POOL.with(|p| {
        let mut p = p.borrow_mut();
        let beyond = p.len().saturating_sub(keep);
        p.drain(..beyond).collect()
    });
    for worker in ended {
        worker.terminate();
    }
}

/// Where a worker finds its script, and what it compiles: a Blob URL and the page's
/// compiled module; from a page opened from disk (whose origin is opaque, so the browser
/// refuses a Blob URL as another origin's script), a data: URL and the wasm bytes the
/// single file carries (`window.batonWasmBytes`).
#[derive(Clone)]
struct Source {
    url: String,
    wasm: JsValue,
}

thread_local! {
    /// Where workers find their script, found once: reading the script's 57 KB out of the
    /// page and making a Blob of it took 4–5 ms of every edit that started workers.
    static SOURCE: RefCell<Option<Source>> = const { RefCell::new(None) };
}

impl Source {
    fn find() -> Option<Source> {
        if let Some(found) = SOURCE.with(|s| s.borrow().clone()) {
            return Some(found);
        }
        let found = Source::look()?;
        SOURCE.with(|s| *s.borrow_mut() = Some(found.clone()));
        Some(found)
    }

    fn look() -> Option<Source> {
        let window = web_sys::window()?;
        let text = window.document()?.get_element_by_id(SCRIPT_ID)?.text_content()?;
        if window.location().protocol().ok()? == "file:" {
            let wasm = js_sys::Reflect::get(&window, &"batonWasmBytes".into()).ok().filter(|b| !b.is_undefined())?;
            let url = format!("data:text/javascript;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&text)));
            return Some(Source { url, wasm });
        }
        Some(Source { url: blob_url(&text)?, wasm: wasm_bindgen::module() })
    }
}

/// A Blob URL of the workers' script.
fn blob_url(text: &str) -> Option<String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Starts one module worker from `url` and gives it the module (compiled, or its bytes).
fn start_worker(url: &str, module: &JsValue) -> Option<web_sys::Worker> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    options.set_name("Baton helper");
    let worker = web_sys::Worker::new_with_options(url, &options).ok()?;
    let hello = js_sys::Object::new();
    js_sys::Reflect::set(&hello, &"module".into(), module).ok()?;
    worker.post_message(&hello).ok()?;
    Some(worker)
}

/// The workers at work of one kind, each with how to abandon its answer.
type Running = std::thread::LocalKey<RefCell<Vec<(web_sys::Worker, js_sys::Function)>>>;

/// Whether a worker is ended once it has answered, or kept (when it answered without error).
#[derive(Clone, Copy, PartialEq)]
enum Keep {
    Never,
    AfterAnswer,
}

/// Sends a worker a message (transferring `transfer`, if given); the promise resolves with
/// its answer and rejects with the reason when it fails. The worker is kept in `running`
/// while it works; once it has answered it is ended, or kept as `keep` says.
fn ask(worker: web_sys::Worker, message: &js_sys::Object, transfer: Option<js_sys::ArrayBuffer>, running: &'static Running, keep: Keep) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let w = worker.clone();
        let (resolve_ok, reject_bad) = (resolve.clone(), reject.clone());
        let on_message = Closure::once_into_js(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let error = js_sys::Reflect::get(&data, &"error".into()).ok().filter(|e| !e.is_undefined());
            let failed = error.is_some();
            match error {
                Some(e) => {
                    let _ = reject_bad.call1(&JsValue::NULL, &e);
                }
                None => {
                    let answer = js_sys::Reflect::get(&data, &"answer".into()).unwrap_or(JsValue::UNDEFINED);
                    let _ = resolve_ok.call1(&JsValue::NULL, &answer);
                }
            }
            if failed || keep == Keep::Never {
                w.terminate();
            } else {
                // Kept for the next question, which sets its own handlers.
                w.set_onmessage(None);
                w.set_onerror(None);
            }
            running.with(|r| r.borrow_mut().retain(|(x, _)| x != &w));
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        let reject_error = reject.clone();
        let on_error = Closure::once_into_js(move |event: web_sys::Event| {
            let message = event.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).unwrap_or_else(|| "a worker could not start".into());
            let _ = reject_error.call1(&JsValue::NULL, &JsValue::from_str(&message));
        });
        worker.set_onerror(Some(on_error.unchecked_ref()));
        running.with(|r| r.borrow_mut().push((worker.clone(), reject.clone())));
        let posted = match &transfer {
            Some(buffer) => worker.post_message_with_transfer(message, &js_sys::Array::of1(buffer)),
            None => worker.post_message(message),
        };
        if posted.is_err() {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("a worker could not be given its work"));
        }
    })
}
