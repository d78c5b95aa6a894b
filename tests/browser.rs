//! Browser tests: the release build in headless Debian Chromium, driven through
//! chromedriver. `scripts/test.sh` builds the app and installs the browser first; if either
//! is missing these tests fail with a message saying so (they never skip).

mod support;

use baton::engine::{simulate, HandoffOption};
use support::{sel, Page};

#[tokio::test]
async fn app_loads_with_no_console_errors_and_shows_the_sample_and_three_options() {
    let page = Page::open("first-visit", "/").await;
    let result = async {
        let name = page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        let picker = page.text(sel::OPTION_PICKER).await?;
        for needle in ["Cease all marketing email after handoff", "Only mass email after handoff", "Everything: marketing and sales email after handoff"] {
            if !picker.contains(needle) {
                return Err(format!("the option picker does not show {needle:?}; it says: {picker}"));
            }
        }
        page.wait_text(sel::COMPARISON_TABLE, "Same-day conflicts").await?;
        page.wait_text(sel::CALENDAR_CONTACT, "Jane Doe").await?;
        page.screenshot("").await;
        let errors = page.console_errors().await;
        if !errors.is_empty() {
            return Err(format!("the console has errors after loading {name}: {errors:?}"));
        }
        check_policy(&page, "connect-src 'self'").await
    }
    .await;
    page.finish(result).await;
}

/// The page carries its Content-Security-Policy and the browser enforces it: an injected
/// script does not run, and nothing may be fetched from anywhere else. (A violation by the app
/// itself is a console error, which the callers check.)
async fn check_policy(page: &Page, connect: &str) -> Result<(), String> {
    let csp = page.js("const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); return m ? m.content : '';").await?;
    let csp = csp.as_str().unwrap_or("");
    for needle in ["default-src 'none'", "'wasm-unsafe-eval'", "base-uri 'none'", connect] {
        if !csp.contains(needle) {
            return Err(format!("the Content-Security-Policy lacks {needle:?}: {csp:?}"));
        }
    }
    // An injected inline script must not run (it is what a cross-site script would be).
    let injected = page
        .js("const s = document.createElement('script'); s.textContent = 'window.__injected = 1'; document.head.appendChild(s); return window.__injected ? 'ran' : 'blocked';")
        .await?;
    if injected != "blocked" {
        return Err(format!("the policy is not enforced: an injected inline script {injected}"));
    }
    Ok(())
}

#[tokio::test]
async fn the_app_simulates_byte_for_byte_like_the_engine_natively() {
    let page = Page::open("determinism", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        let in_browser = page.attr(sel::RESULTS, "data-digest").await?.unwrap_or_default();
        let s = baton::samples::ebook_playbook().map_err(|e| e.to_string())?;
        let native = simulate(&s, s.handoff_option, baton_app_seed()).digest();
        if in_browser != native {
            return Err(format!("the browser's outcome fingerprint {in_browser} differs from the native {native}"));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

/// The seed the app uses (see src/app/state.rs).
fn baton_app_seed() -> u64 {
    1
}

#[tokio::test]
async fn choosing_an_option_marks_it_in_the_comparison_and_changes_the_calendar() {
    let page = Page::open("choose-option", "/").await;
    let result = async {
        page.wait_text(sel::COMPARISON_TABLE, "Option 2 (chosen)").await?;
        let before = page.attr(sel::RESULTS, "data-digest").await?;
        page.click(&format!("{} input", sel::option("1"))).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 1 (chosen)").await?;
        page.wait_text(sel::CALENDAR, "Option 1").await?;
        let after = page.attr(sel::RESULTS, "data-digest").await?;
        if before == after {
            return Err("choosing option 1 did not change the simulated calendars".into());
        }
        // The other options' figures are unchanged: only the chosen option is simulated.
        let simulated = page.attr(sel::RESULTS, "data-simulations").await?.unwrap_or_default();
        if simulated != "1" {
            return Err(format!("choosing option 1 simulated {simulated} option-runs; the comparison should be carried over"));
        }
        // Option 3 holds nothing back after handoff: the chosen outcome must say so.
        page.click(&format!("{} input", sel::option("3"))).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 3 (chosen)").await?;
        let s = {
            let mut s = baton::samples::ebook_playbook().map_err(|e| e.to_string())?;
            s.handoff_option = HandoffOption::Everything;
            s
        };
        let native = simulate(&s, HandoffOption::Everything, 1).digest();
        let shown = page.attr(sel::RESULTS, "data-digest").await?.unwrap_or_default();
        if shown != native {
            return Err(format!("after choosing option 3 the app shows outcome {shown}, the engine gives {native}"));
        }
        page.screenshot("").await;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn picking_a_contact_shows_their_calendar() {
    let page = Page::open("pick-contact", "/").await;
    let result = async {
        page.wait_text(sel::CALENDAR_CONTACT, "Jane Doe").await?;
        page.wait_text("[data-testid='contact-count']", "101 contacts").await?;
        // Only the rows in view are drawn.
        let rows = page.count(sel::CONTACT_ROWS).await?;
        if !(5..=40).contains(&rows) {
            return Err(format!("the list draws {rows} rows; it should draw only those in view"));
        }
        page.click(&format!("{}:nth-child(3)", sel::CONTACT_ROWS)).await?;
        let name = page.text(sel::CALENDAR_CONTACT).await?;
        if name.contains("Jane Doe") {
            return Err("clicking the third contact did not change the calendar".into());
        }
        page.wait_text(sel::CALENDAR_ENTRIES, "Became a contact").await?;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn the_single_file_build_works_from_disk() {
    let file = support::dist_dir().join("baton.html");
    let url = format!("file://{}", file.display());
    let page = Page::open("single-file", &url).await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.wait_text(sel::COMPARISON_TABLE, "Same-day conflicts").await?;
        let errors = page.console_errors().await;
        if !errors.is_empty() {
            return Err(format!("the single file logs errors: {errors:?}"));
        }
        page.screenshot("").await;
        check_policy(&page, "connect-src 'none'").await
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn several_runs_show_ranges_in_the_comparison() {
    let page = Page::open("runs", "/").await;
    let result = async {
        page.wait_text(sel::COMPARISON_TABLE, "Option 2 (chosen)").await?;
        let select = page.wait("[data-testid='runs']").await?;
        select.select_by_value("5").await.map_err(|e| e.to_string())?;
        let table = page.wait_text(sel::COMPARISON_TABLE, "–").await?;
        // Each cell reads "mean (p10–p90)", as the command line's spreads do.
        let s = baton::samples::ebook_playbook().map_err(|e| e.to_string())?;
        let cmp = baton::engine::compare(&s, &[HandoffOption::CeaseAll], 1, 5);
        let handoffs = cmp[0].spread.iter().find(|x| x.name == "Handoffs").ok_or("no handoffs figure")?;
        let expected = format!("{} ({}–{})", fmt(handoffs.mean), fmt(handoffs.p10), fmt(handoffs.p90));
        if !table.contains(&expected) {
            return Err(format!("the table should show option 1's handoffs as {expected}:\n{table}"));
        }
        page.screenshot("").await;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Each figure says which way is better, and the glossary under the table defines every
/// one of them; a figure that cannot apply to an option says "n/a", not 0.
#[tokio::test]
async fn figures_say_which_way_is_better_and_what_they_mean() {
    let page = Page::open("glossary", "/").await;
    let result = async {
        let table = page.wait_text(sel::COMPARISON_TABLE, "Option 2 (chosen)").await?;
        for needle in ["SLA breaches · lower is better", "Won · higher is better", "n/a"] {
            if !table.contains(needle) {
                return Err(format!("the table lacks {needle:?}:\n{table}"));
            }
        }
        page.click("[data-testid='glossary'] summary").await?;
        let glossary = page.wait_text("[data-testid='glossary']", "Same-day conflicts").await?;
        for f in baton::engine::figures::Figure::ALL {
            if !glossary.contains(f.definition()) {
                return Err(format!("the glossary lacks the definition of {}", f.label()));
            }
        }
        // The row heading points at its definition, for a screen reader on focus.
        let described = page.js("const th = [...document.querySelectorAll(\"[data-testid='comparison-table'] th[scope='row']\")].find(t => t.textContent.startsWith('Leaks')); return document.getElementById(th.getAttribute('aria-describedby')).textContent;").await?;
        if !described.as_str().unwrap_or("").contains("known gap in the suppression list") {
            return Err(format!("the leaks row is not described by its definition: {described}"));
        }
        page.screenshot("").await;
        Ok(())
    }
    .await;
    page.finish(result).await;
}
