//! Browser tests of how the app stays quick: large scenarios simulated by Web Workers (and
//! by the page alone where workers cannot run) with exactly the native engine's figures,
//! from the served build and from `baton.html` opened from disk; views drawn when first
//! opened; the benchmark's workload giving the native engine's calendar.
//!
//! Speeds are not asserted here (the machine is shared): `scripts/browser_bench.py` and
//! `scripts/lighthouse.sh` measure them.

mod support;

use baton::engine::figures::{comparison_digest, Comparison};
use baton::engine::{simulate, HandoffOption, Scenario};
use support::{artifacts_dir, sel, Page};

/// The eBook sample grown to about `n` generated contacts: large enough that the app
/// simulates it a slice at a time, with workers.
fn grown(name: &str, n: u32) -> Scenario {
    let mut s = baton::samples::ebook_playbook().unwrap();
    s.name = name.into();
    let total: u32 = s.generate.iter().map(|g| g.count).sum();
    for g in s.generate.iter_mut() {
        g.count = g.count * n / total;
    }
    s
}

/// Gives the page `s` as a file, through the top import.
async fn import(page: &Page, s: &Scenario) -> Result<(), String> {
    let path = artifacts_dir().join(format!("{}.baton.json", s.name.replace(' ', "-")));
    std::fs::write(&path, baton::engine::load::to_json(s)).map_err(|e| e.to_string())?;
    page.wait(sel::IMPORT_FILE).await?.send_keys(path.to_str().unwrap_or_default()).await.map_err(|e| e.to_string())?;
    page.wait_text(sel::SCENARIO_NAME, &s.name).await.map(|_| ())
}

/// What the page shows for `s` once its results are in: (helpers, comparison, calendar digest).
async fn results_of(page: &Page, s: &Scenario) -> Result<(usize, String, String), String> {
    let n = s.contact_count();
    let done = format!(
        "const r = document.querySelector(\"{}\"); const c = document.querySelector(\"[data-testid='contact-count']\"); \
         return r.dataset.busy === 'false' && !!c && c.textContent.replace(/,/g, '') === '{n} contacts';",
        sel::RESULTS
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while page.js(&done).await? != serde_json::Value::Bool(true) {
        if std::time::Instant::now() > deadline {
            return Err(format!("the results for {n} contacts did not arrive within 120 s"));
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let helpers = page.attr(sel::RESULTS, "data-helpers").await?.unwrap_or_default().parse().map_err(|_| "no data-helpers")?;
    let comparison = page.attr(sel::RESULTS, "data-comparison").await?.unwrap_or_default();
    let digest = page.attr(sel::RESULTS, "data-digest").await?.unwrap_or_default();
    Ok((helpers, comparison, digest))
}

/// The comparison and the chosen option's calendar digest, simulated natively.
fn native(s: &Scenario) -> (String, String) {
    let summaries = Comparison::new(s, &HandoffOption::ALL, 1, 1, None).finish().summaries;
    (comparison_digest(&summaries), simulate(s, s.handoff_option, 1).digest())
}

/// Checks the page's results for `s` against the native engine's, and how many workers ran.
async fn check_large(page: &Page, s: &Scenario, workers_expected: bool) -> Result<(), String> {
    import(page, s).await?;
    check_results(page, s, workers_expected).await
}

/// Checks the results on the page, once in, against the native engine's for `s`.
async fn check_results(page: &Page, s: &Scenario, workers_expected: bool) -> Result<(), String> {
    let (helpers, comparison, digest) = results_of(page, s).await?;
    eprintln!("{}: {} contacts simulated with {helpers} workers", page.name, s.contact_count());
    if workers_expected && helpers == 0 {
        return Err(format!("{}: the page simulated every option itself; no worker helped", page.name));
    }
    if !workers_expected && helpers != 0 {
        return Err(format!("{}: {helpers} workers helped where none should have", page.name));
    }
    let (want_comparison, want_digest) = native(s);
    if comparison != want_comparison {
        return Err(format!("{}: the page's comparison {comparison} differs from the native engine's {want_comparison}", page.name));
    }
    if digest != want_digest {
        return Err(format!("{}: the page's calendar digest {digest} differs from the native engine's {want_digest}", page.name));
    }
    let errors = page.console_errors().await;
    if !errors.is_empty() {
        return Err(format!("{}: the console has errors: {errors:?}", page.name));
    }
    Ok(())
}

#[tokio::test]
async fn a_large_scenario_is_simulated_with_workers_and_gives_the_native_figures() {
    let page = Page::open("workers", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        let mut s = grown("Workers at work", 4000);
        // Several seeds: the workers take the other options and the chosen option's later seeds.
        s.handoff_option = HandoffOption::CeaseAll;
        check_large(&page, &s, true).await
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn a_mid_sized_scenario_is_helped_by_workers_kept_ready_after_its_first_results() {
    let page = Page::open("workers-pool", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // Every worker the page starts is counted.
        page.js("window.__workers = 0; const W = window.Worker; window.Worker = class extends W { constructor(...a) { super(...a); window.__workers++; } }; return true;").await?;
        // Too small for workers to be started for it, large enough to be simulated in
        // slices: the page alone simulates it first...
        check_large(&page, &grown("Mid-sized", 2000), false).await?;
        // ...and once its results are drawn, starts workers and keeps them ready.
        page.wait_js("return window.__workers > 0;", &serde_json::Value::Bool(true)).await.map_err(|_| "no worker was made ready after the first results")?;
        let ready = page.js("return window.__workers;").await?;
        // The next scenario of that size (here another one) is helped by them, with the
        // same figures, and no worker is started for it.
        // (A few more contacts: every option is simulated again, none carried over.)
        check_large(&page, &grown("Mid-sized again", 2100), true).await?;
        let after = page.js("return window.__workers;").await?;
        if after != ready {
            return Err(format!("{ready} workers were ready, yet {after} were started in all"));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn without_workers_the_page_simulates_alone_and_gives_the_same_figures() {
    let page = Page::open("no-workers", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // As in a browser that cannot start them: the workers' script is gone.
        page.js("document.getElementById('baton-helper').remove(); return true;").await?;
        check_large(&page, &grown("No workers", 4000), false).await
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn the_single_file_from_disk_simulates_with_workers() {
    let file = support::dist_dir().join("baton.html");
    let page = Page::open("single-file-workers", &format!("file://{}", file.display())).await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        check_large(&page, &grown("From disk", 3000), true).await
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn an_edit_during_a_large_simulation_gives_the_results_of_the_edit() {
    let page = Page::open("workers-cancel", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        let s = grown("Edited midway", 6000);
        // A newer change while the workers are at it: option 1 instead of option 2, chosen
        // the moment the page says it is updating (polling for that could miss it on a fast
        // machine, where the whole simulation takes less than one poll).
        let watch = format!(
            "const busy = document.querySelector(\"{busy}\"); window.editedMidway = null; \
             new MutationObserver((_, o) => {{ \
               if (busy.hidden || !document.querySelector(\"[data-testid='scenario-name']\").textContent.includes('Edited midway')) return; \
               o.disconnect(); \
               const running = document.querySelector(\"{results}\").dataset.busy === 'true'; \
               document.querySelector(\"{option} input\").click(); \
               window.editedMidway = running; \
             }}).observe(busy, {{ attributes: true }}); return true;",
            busy = sel::BUSY,
            results = sel::RESULTS,
            option = sel::option("1"),
        );
        page.js(&watch).await?;
        import(&page, &s).await?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            match page.js("return window.editedMidway;").await? {
                serde_json::Value::Bool(true) => break,
                serde_json::Value::Bool(false) => return Err("option 1 was chosen after the results were in, not during the simulation".into()),
                _ if std::time::Instant::now() > deadline => return Err("the page never said it was updating the results".into()),
                _ => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            }
        }
        let mut edited = s.clone();
        edited.handoff_option = HandoffOption::CeaseAll;
        page.wait_text(sel::COMPARISON_TABLE, "Option 1 (chosen)").await?;
        check_results(&page, &edited, true).await
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn choosing_another_option_simulates_only_its_calendars_and_keeps_the_comparison() {
    let page = Page::open("option-only", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // Large enough that one option alone is simulated a slice at a time.
        let s = grown("Options compared", 8000);
        check_large(&page, &s, true).await?;
        let all = page.attr(sel::RESULTS, "data-simulations").await?.unwrap_or_default();
        if all != "4" {
            return Err(format!("the import simulated {all} option-runs, not the 4 options"));
        }
        page.click(&format!("{} input", sel::option("1"))).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 1 (chosen)").await?;
        let mut chosen = s.clone();
        chosen.handoff_option = HandoffOption::CeaseAll;
        // The comparison carried over and the new option's calendars: as the engine gives
        // them from scratch, with no worker started and one simulation done.
        check_results(&page, &chosen, false).await?;
        let one = page.attr(sel::RESULTS, "data-simulations").await?.unwrap_or_default();
        if one != "1" {
            return Err(format!("choosing another option simulated {one} option-runs, not only the chosen option's"));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn start_up_draws_the_results_alone_and_each_view_when_opened() {
    let page = Page::open("lazy-views", "/").await;
    let result = async {
        page.wait_text(sel::COMPARISON_TABLE, "Same-day conflicts").await?;
        let drawn = "return [...document.querySelectorAll('.edit-view, .notices-view, .what-if-view, .agreement-view')].map(v => v.children.length > 0);";
        if page.js(drawn).await? != serde_json::json!([false, false, false, false]) {
            return Err(format!("views other than the results were drawn at start-up: {:?}", page.js(drawn).await?));
        }
        // The key figures come a frame after the option cards and tabs, the contacts a
        // frame after the figures and the insights a frame after them, in that order on
        // the page.
        page.wait(sel::CONTACT_ROWS).await?;
        page.wait("[data-testid='insights']").await?;
        let order = page.js("return [...document.querySelectorAll(\"[data-testid='results'] > *\")].map(e => e.dataset.testid || e.className).filter(k => ['key-figures', 'contact-view', 'insights'].includes(k));").await?;
        if order != serde_json::json!(["key-figures", "contact-view", "insights"]) {
            return Err(format!("the results hold {order}, not the key figures, then the contacts, then the insights"));
        }
        page.click(sel::TAB_EDIT).await?;
        page.wait(sel::WORKFLOW_EDITOR).await?;
        page.click(sel::TAB_AGREEMENT).await?;
        page.wait_text(sel::AGREEMENT, "Option 2").await?;
        // A view once drawn is kept: back to the edit view, the same editor is still there.
        page.js("document.querySelector(\"[data-testid='workflow-editor']\").dataset.kept = 'yes'; return true;").await?;
        page.click(sel::TAB_EDIT).await?;
        if page.attr(sel::WORKFLOW_EDITOR, "data-kept").await?.as_deref() != Some("yes") {
            return Err("the edit view was drawn again on its second opening".into());
        }
        // The edit view is kept; the agreement, left, is dropped (it would follow every edit unseen).
        if page.js(drawn).await? != serde_json::json!([true, false, false, false]) {
            return Err(format!("the views drawn are not the open ones and the edit view: {:?}", page.js(drawn).await?));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn the_benchmark_workload_gives_the_native_calendar_in_the_browser() {
    let page = Page::open("bench-workload", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        let answer = page.js("return window.wasmBindings.baton_bench(2000, 90, 1);").await?;
        let answer: serde_json::Value = serde_json::from_str(answer.as_str().ok_or("baton_bench answered no text")?).map_err(|e| e.to_string())?;
        let s = baton::samples::bench_workload(2000, 90).map_err(|e| e.to_string())?;
        let outcome = simulate(&s, s.handoff_option, 1);
        if answer["digest"] != serde_json::json!(outcome.digest()) || answer["entries"] != serde_json::json!(outcome.items.total_items()) {
            return Err(format!(
                "the browser's benchmark run {answer} differs from the native one ({} entries, digest {})",
                outcome.items.total_items(),
                outcome.digest()
            ));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}
