//! The browser half of the benchmark: `baton bench`'s workload simulated in this page, so
//! `scripts/browser_bench.sh` can set the wasm time beside the native one. Called from the
//! page's JavaScript (`window.wasmBindings.baton_bench`); nothing in the app calls it.

use wasm_bindgen::prelude::*;

/// Simulates [`crate::samples::bench_workload`] (`contacts` over `days`, the chosen option,
/// seed 1) `repeat` times and answers JSON: the best and median milliseconds, the calendar
/// entries and the outcome's digest (equal to the native engine's for the same workload).
#[wasm_bindgen]
pub fn baton_bench(contacts: u32, days: u32, repeat: u32) -> Result<String, JsValue> {
    let s = crate::samples::bench_workload(contacts, days).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let clock = web_sys::window().and_then(|w| w.performance()).ok_or_else(|| JsValue::from_str("this page has no clock"))?;
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..repeat.max(1) {
        drop(last.take());
        let start = clock.now();
        let outcome = crate::engine::simulate(&s, s.handoff_option, 1);
        times.push(clock.now() - start);
        last = Some(outcome);
    }
    times.sort_by(f64::total_cmp);
    let outcome = last.ok_or_else(|| JsValue::from_str("nothing was simulated"))?;
    Ok(format!(
        "{{\"best_ms\":{:.1},\"median_ms\":{:.1},\"runs\":{},\"entries\":{},\"digest\":\"{}\"}}",
        times[0],
        times[times.len() / 2],
        times.len(),
        outcome.items.total_items(),
        outcome.digest()
    ))
}
