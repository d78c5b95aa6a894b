//! Browser tests for the workshop screen: the first screen answers the question (key
//! figures, verdict, n/a), a pinned baseline shows every change and survives a reload, an
//! edit's effect shows in the edit view, and another scenario can be the baseline.

mod support;

use support::{sel, Page};

const BASELINE_KEY: &str = "baton.baseline.v1";

/// The key table's cell text for an option row (1-based) and a figure column (1-based,
/// after the option name), without its change badge.
async fn key_value(page: &Page, row: usize, col: usize) -> Result<String, String> {
    let v = page
        .js(&format!(
            "const c = document.querySelector(\"[data-testid='key-figures'] [data-testid='key-table'] tbody tr:nth-child({row}) td:nth-of-type({col})\"); \
             return c ? c.firstChild.textContent : null;"
        ))
        .await?;
    v.as_str().map(str::to_string).ok_or_else(|| format!("no key figure at row {row}, column {col}"))
}

/// The change badge's text in that cell, if any.
async fn key_delta(page: &Page, row: usize, col: usize) -> Result<Option<String>, String> {
    let v = page
        .js(&format!(
            "const d = document.querySelector(\"[data-testid='key-figures'] [data-testid='key-table'] tbody tr:nth-child({row}) td:nth-of-type({col}) [data-testid='delta']\"); \
             return d ? d.firstChild.textContent : null;"
        ))
        .await?;
    Ok(v.as_str().map(str::to_string))
}

/// A number as the app prints a change: +3, −2, ±0.
fn signed(d: f64) -> String {
    if d == 0.0 {
        "±0".into()
    } else if d > 0.0 {
        format!("+{d}")
    } else {
        format!("\u{2212}{}", -d)
    }
}

/// Every change in option 2's row of the key table is the new value minus the pinned one.
async fn changes_follow(page: &Page, pinned: &[String]) -> Result<(), String> {
    for (i, before) in pinned.iter().enumerate() {
        let col = i + 1;
        let now = key_value(page, 2, col).await?;
        let Some(shown) = key_delta(page, 2, col).await? else {
            if now == "n/a" {
                continue;
            }
            return Err(format!("column {col} shows no change"));
        };
        let want = signed(now.parse::<f64>().unwrap() - before.parse::<f64>().unwrap());
        if shown != want {
            return Err(format!("column {col}: {before} → {now} shows {shown}, not {want}"));
        }
    }
    Ok(())
}

async fn wait_handoff_score(page: &Page, want: &str) -> Result<(), String> {
    page.wait_js("return document.querySelector(\"[data-testid='handoff-score']\").value;", &serde_json::json!(want))
        .await
        .map_err(|last| format!("the handoff score shows {last}, never {want}"))
}

#[tokio::test]
async fn the_first_screen_shows_every_options_key_figures_and_a_verdict() {
    let page = Page::open("workshop-first-screen", "/").await;
    let result = async {
        page.projector().await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.wait("[data-testid='key-figures'] [data-testid='verdict'] li").await?;
        // The key table and the verdict end inside the first screen.
        let bottoms =
            page.js("return ['key-table', 'verdict'].map(id => document.querySelector(`[data-testid='${id}']`).getBoundingClientRect().bottom);").await?;
        for b in bottoms.as_array().cloned().unwrap_or_default() {
            if b.as_f64().is_none_or(|b| b > 720.0) {
                return Err(format!("the key figures and verdict end at {bottoms} px, below the 720 px screen"));
            }
        }
        // One row per option, the chosen one marked; leaks are n/a under option 3.
        if page.count("[data-testid='key-figures'] [data-testid='key-table'] tbody tr").await? != 4 {
            return Err("the key table should have a row per option".into());
        }
        let chosen = page.text("[data-testid='key-figures'] [data-testid='key-table'] tbody tr.chosen th").await?;
        if !chosen.starts_with("Option 2") {
            return Err(format!("the sample's chosen option is 2, the table marks {chosen:?}"));
        }
        let leaks_3 = key_value(&page, 3, 6).await?;
        if leaks_3 != "n/a" {
            return Err(format!("leaks under option 3 should be n/a, not {leaks_3:?}"));
        }
        // The verdict compares option 2 with each other option, naming figures from the table.
        let lines =
            page.js("return [...document.querySelectorAll(\"[data-testid='key-figures'] [data-testid='verdict'] li\")].map(l => l.textContent);").await?;
        let lines: Vec<String> = lines.as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_string()).collect();
        if lines.len() != 3 || !lines.iter().all(|l| l.starts_with("Option 2 against ")) {
            return Err(format!("the verdict: {lines:?}"));
        }
        // Its first point on option 1 is the conflicts, as the table's numbers say.
        let (ours, theirs): (f64, f64) = (key_value(&page, 2, 1).await?.parse().unwrap(), key_value(&page, 1, 1).await?.parse().unwrap());
        if ours != theirs {
            let d = (ours - theirs).abs();
            let more = if ours > theirs { "more" } else { "fewer" };
            let want = format!("Option 2 against option 1: {d} {more} same-day conflict");
            if !lines[0].starts_with(&want) {
                return Err(format!("the verdict on option 1 should start {want:?}: {:?}", lines[0]));
            }
        }
        // Each figure's heading has its definition, for hover and for screen readers.
        let described = page.count("[data-testid='key-figures'] [data-testid='key-table'] thead th[aria-describedby][title]").await?;
        if described != 6 {
            return Err(format!("{described} of 6 key figure headings carry their definition"));
        }
        page.screenshot("-1280x720").await;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn a_pinned_baseline_shows_each_change_and_survives_a_reload() {
    let page = Page::open("workshop-baseline", "/").await;
    let result = async {
        page.projector().await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // Without a baseline an edit is compared with the results before it.
        page.click(sel::TAB_EDIT).await?;
        // Before any edit the strip already keeps the line its changes will take, so the
        // first edit does not push the page below it down.
        page.wait_text("[data-testid='live-strip']", "An edit's changes to these figures show here.").await?;
        const EDITOR_TOP: &str = "return Math.round(document.querySelector(\"[data-testid='settings']\").getBoundingClientRect().top + window.scrollY)";
        let top_before = page.js(EDITOR_TOP).await?;
        page.type_into("[data-testid='handoff-score']", "70").await?;
        page.wait_text("[data-testid='live-strip']", "before your last change").await?;
        let top_after = page.js(EDITOR_TOP).await?;
        if top_after != top_before {
            return Err(format!("the first edit moved the editors from {top_before} px to {top_after} px down the page"));
        }
        page.click(sel::UNDO).await?;
        wait_handoff_score(&page, "80").await?;
        page.click(sel::TAB_RESULTS).await?;
        // Pin, remember option 2's figures, then edit.
        page.click("[data-testid='pin-baseline']").await?;
        page.wait_text("[data-testid='reference']", "against the baseline pinned at").await?;
        page.wait_stored_text(BASELINE_KEY, "eBook playbook").await?;
        let mut pinned = Vec::new();
        for col in 1..=6 {
            pinned.push(key_value(&page, 2, col).await?);
        }
        if key_delta(&page, 2, 1).await?.as_deref() != Some("±0") {
            return Err("right after pinning, every change should be ±0".into());
        }
        page.click(sel::TAB_EDIT).await?;
        page.type_into("[data-testid='handoff-score']", "70").await?;
        wait_handoff_score(&page, "70").await?;
        page.wait_text("[data-testid='live-strip']", "against the baseline pinned at").await?;
        let moved = page.count("[data-testid='live-strip'] [data-testid='delta'][data-judgement='better'], [data-testid='live-strip'] [data-testid='delta'][data-judgement='worse']").await?;
        if moved == 0 {
            return Err("a handoff score of 70 instead of 80 changed no key figure in the strip".into());
        }
        page.screenshot("-edit-strip").await;
        page.click(sel::TAB_RESULTS).await?;
        changes_follow(&page, &pinned).await?;
        // The comparison table shows changes too, coloured by judgement.
        if page.count("[data-testid='comparison-table'] [data-testid='delta']").await? < 40 {
            return Err("the comparison table should show a change in every cell".into());
        }
        page.screenshot("-pinned").await;
        // After a reload the baseline is still there and so are the changes.
        page.reload().await?;
        page.wait_text("[data-testid='reference']", "against the baseline pinned at").await?;
        // The edit view is drawn when first opened.
        page.click(sel::TAB_EDIT).await?;
        wait_handoff_score(&page, "70").await?;
        page.click(sel::TAB_RESULTS).await?;
        changes_follow(&page, &pinned).await?;
        // Unpinned: no baseline and no changes (a reload forgets the results before the edit).
        page.click("[data-testid='unpin-baseline']").await?;
        page.wait_text("[data-testid='reference']", "Pin the results").await?;
        if page.count("[data-testid='key-figures'] [data-testid='key-table'] [data-testid='delta']").await? != 0 {
            return Err("after unpinning, no change should be shown".into());
        }
        let stored = page.js(&format!("return localStorage.getItem('{BASELINE_KEY}');")).await?;
        if !stored.is_null() {
            return Err("the unpinned baseline is still in storage".into());
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn another_scenario_of_the_workspace_can_be_the_baseline() {
    let page = Page::open("workshop-compare-with", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // A copy with option 1 chosen, compared with the original.
        page.click("[data-testid='duplicate']").await?;
        page.wait_text(sel::SCENARIO_NAME, "(copy)").await?;
        page.click(&sel::option("1")).await?;
        page.wait_text("[data-testid='key-figures'] [data-testid='key-table'] tbody tr.chosen th", "Option 1").await?;
        page.choose("[data-testid='compare-with']", 0, "eBook playbook").await?;
        page.wait_text("[data-testid='reference']", "against \u{201c}eBook playbook\u{201d}").await?;
        // Same contacts and seed, only the chosen option differs: every option's figures
        // are the same as the original's, so every change is ±0.
        page.wait("[data-testid='key-figures'] [data-testid='key-table'] [data-testid='delta']").await?;
        let changes = page.js("return [...document.querySelectorAll(\"[data-testid='key-figures'] [data-testid='key-table'] [data-testid='delta']\")].map(d => d.dataset.judgement);").await?;
        let changes = changes.as_array().cloned().unwrap_or_default();
        if changes.is_empty() || changes.iter().any(|j| j != "same") {
            return Err(format!("choosing another option changes no option's figures, yet: {changes:?}"));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

/// Pages in a PDF Chromium printed: its page objects ("/Type /Page", not "/Pages").
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1).filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's').count()
}

#[tokio::test]
async fn the_agreement_prints_as_a_document_to_sign() {
    let page = Page::open("workshop-agreement", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.click(sel::TAB_AGREEMENT).await?;
        let field = |n: usize| format!("[data-testid='sign-off-fields'] label:nth-child({n}) input");
        page.type_into(&field(1), "Acme revenue team").await?;
        page.type_into(&field(2), "Sam Lee").await?;
        page.type_into(&field(3), "Dana Reyes").await?;
        page.wait_text("#agreement-title", "Acme revenue team: handoff agreement").await?;
        page.wait_text("[data-testid='sign-off']", "Dana Reyes").await?;
        // The version is the scenario's fingerprint and the date today's.
        let meta = page.text("[data-testid='agreement-version']").await?;
        let version = meta.strip_prefix("Version ").and_then(|m| m.get(..9)).unwrap_or_default();
        if version.len() != 9 || !version.chars().all(|c| c == '-' || c.is_ascii_hexdigit()) || !meta.contains(" · drafted ") {
            return Err(format!("the version line: {meta:?}"));
        }
        let year = page.js("return String(new Date().getFullYear());").await?;
        if !meta.contains(year.as_str().unwrap_or("?")) {
            return Err(format!("the version line has no date of this year: {meta:?}"));
        }
        // The figures of every option, the chosen one marked, with the verdict.
        let rows = page.count("[data-testid='agreement-figures'] [data-testid='key-table'] tbody tr").await?;
        let chosen = page.text("[data-testid='agreement-figures'] tr.chosen th").await?;
        let lines = page.count("[data-testid='agreement-figures'] [data-testid='verdict'] li").await?;
        if rows != 4 || !chosen.starts_with("Option 2") || lines != 3 {
            return Err(format!("the agreement's figures: {rows} rows, chosen {chosen:?}, {lines} verdict lines"));
        }
        // Any edit changes the version.
        page.click(sel::TAB_EDIT).await?;
        page.type_into("[data-testid='handoff-score']", "75").await?;
        page.click(sel::TAB_AGREEMENT).await?;
        let after = page.text("[data-testid='agreement-version']").await?;
        if after.contains(version) {
            return Err(format!("a new handoff score kept the version {version}: {after:?}"));
        }
        // As printed: no control of the app shows, only the agreement.
        page.devtools("Emulation.setEmulatedMedia", serde_json::json!({ "media": "print" })).await?;
        let shown = page
            .js("return [...document.querySelectorAll('button, select, input, [role=tablist], .workspace-bar, .key-figures')].filter(e => e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 80));")
            .await?;
        if shown.as_array().is_none_or(|a| !a.is_empty()) {
            return Err(format!("printed, these controls still show: {shown}"));
        }
        let agreement_shown = page.js("return document.querySelector(\"[data-testid='agreement']\").getClientRects().length > 0;").await?;
        if agreement_shown != serde_json::Value::Bool(true) {
            return Err("printed, the agreement itself does not show".into());
        }
        page.devtools("Emulation.setEmulatedMedia", serde_json::json!({ "media": "" })).await?;
        let pdf = page.print_pdf().await?;
        let path = support::artifacts_dir().join("workshop-agreement.pdf");
        std::fs::write(&path, &pdf).map_err(|e| format!("could not keep the PDF: {e}"))?;
        let pages = pdf_pages(&pdf);
        if !pdf.starts_with(b"%PDF") || !(2..=3).contains(&pages) {
            return Err(format!("the printed agreement should be two or three A4 pages, it is {pages} ({})", path.display()));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

/// Pairs of `css` elements whose boxes in the timeline overlap, and boxes past its right edge.
async fn overlaps(page: &Page, css: &str) -> Result<serde_json::Value, String> {
    page.js(&format!(
        "const boxes = [...document.querySelectorAll(\"[data-testid='calendar'] svg.timeline {css}\")].map(e => {{ const b = e.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height, e.textContent]; }});
         const bad = [];
         for (let i = 0; i < boxes.length; i++) {{
           const a = boxes[i];
           if (a[2] > 1000.5 || a[0] < -0.5) bad.push('clipped: ' + a[4]);
           for (let j = i + 1; j < boxes.length; j++) {{
             const b = boxes[j];
             if (a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5) bad.push(a[4] + ' over ' + b[4]);
           }}
         }}
         return bad;"
    ))
    .await
}

#[tokio::test]
async fn the_calendar_zooms_stacks_and_opens_a_card_for_each_email() {
    let page = Page::open("workshop-calendar", "/").await;
    let result = async {
        page.projector().await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.type_into("[data-testid='contact-search']", "Jane Doe").await?;
        page.click_text(sel::CONTACT_ROWS, "Jane Doe").await?;
        page.wait_text(sel::CALENDAR_CONTACT, "Jane Doe").await?;
        // Labels never overlap and nothing runs past the edge; emails never cover each other.
        let bad = overlaps(&page, ".marker text").await?;
        if bad.as_array().is_none_or(|b| !b.is_empty()) {
            return Err(format!("timeline labels overlap or are clipped: {bad}"));
        }
        let same = page
            .js("const c = [...document.querySelectorAll(\"[data-testid='calendar'] svg.timeline .mark\")].map(m => { const b = m.getBBox(); return Math.round(b.x + b.width / 2) + ',' + Math.round(b.y + b.height / 2); }); return c.length - new Set(c).size;")
            .await?;
        if same.as_u64() != Some(0) {
            return Err(format!("{same} email marks sit exactly on another"));
        }
        // A click opens the card; the arrow key moves to the next email and its card.
        page.click("[data-testid='calendar'] [data-order='0']").await?;
        page.wait("[data-testid='mark-card']").await?;
        let first = page.text("[data-testid='mark-card']").await?;
        for field in ["When", "Kind", "Status", "Why", "Score after"] {
            if !first.contains(field) {
                return Err(format!("the card has no {field:?}: {first}"));
            }
        }
        page.screenshot("-card").await;
        let focused = page.wait("[data-testid='calendar'] [data-order='0']").await?;
        focused.send_keys("\u{E014}").await.map_err(|e| format!("could not press the right arrow: {e}"))?;
        page.wait_js("return document.activeElement && document.activeElement.getAttribute('data-order');", &serde_json::json!("1"))
            .await
            .map_err(|on| format!("the right arrow left the focus on mark {on}"))?;
        let second = page.text("[data-testid='mark-card']").await?;
        if second == first {
            return Err("the card did not follow the focus to the next email".into());
        }
        // Zoom to a week around the open email, then pan: the range follows, labels still clear.
        let whole = page.text("[data-testid='calendar-range']").await?;
        page.click("[data-testid='zoom-week']").await?;
        let week = page.text("[data-testid='calendar-range']").await?;
        if week == whole {
            return Err(format!("zooming to a week kept the range {whole}"));
        }
        page.click("[data-testid='pan-later']").await?;
        let later = page.text("[data-testid='calendar-range']").await?;
        if later == week {
            return Err(format!("panning later kept the range {week}"));
        }
        let bad = overlaps(&page, ".marker text, .tick text").await?;
        if bad.as_array().is_none_or(|b| !b.is_empty()) {
            return Err(format!("zoomed in, labels overlap or are clipped: {bad}"));
        }
        page.click("[data-testid='zoom-whole-plan']").await?;
        page.wait_text("[data-testid='calendar-range']", &whole).await?;
        // The log is grouped by week under headings with the week's tally.
        let weeks = page.count("[data-testid='calendar-entries'] tr.week-head").await?;
        if weeks < 2 {
            return Err(format!("the log should be grouped by week, it has {weeks} week headings"));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn with_a_baseline_the_calendar_marks_emails_added_and_removed() {
    let page = Page::open("workshop-calendar-baseline", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.type_into("[data-testid='contact-search']", "Jane Doe").await?;
        page.click_text(sel::CONTACT_ROWS, "Jane Doe").await?;
        page.wait_text(sel::CALENDAR_CONTACT, "Jane Doe").await?;
        page.click("[data-testid='pin-baseline']").await?;
        page.wait_text("[data-testid='reference']", "against the baseline").await?;
        if page.count("[data-testid='mark-added'], [data-testid='mark-removed']").await? != 0 {
            return Err("right after pinning, nothing is added or removed".into());
        }
        let held_before = page.count("[data-testid='mark-held']").await?;
        // Option 3 holds nothing back after the handoff: held-back emails go out instead.
        page.click(&format!("{} input", sel::option("3"))).await?;
        page.wait_text("[data-testid='key-figures'] tr.chosen th", "Option 3").await?;
        page.wait("[data-testid='mark-added']").await?;
        let (added, removed) = (page.count("[data-testid='mark-added']").await?, page.count("[data-testid='mark-removed']").await?);
        if held_before == 0 || added == 0 || removed == 0 {
            return Err(format!("under option 3, {held_before} held-back emails gave {added} added and {removed} removed marks"));
        }
        page.screenshot("").await;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn every_and_n_more_of_the_safeguard_audit_opens() {
    let mut s = baton::samples::ebook_playbook().unwrap();
    for g in &mut s.generate {
        g.count *= 12;
    }
    let late = baton::engine::figures::figures(&baton::engine::simulate(&s, s.handoff_option, 1)).sla_breaches as usize;
    assert!(late > 50, "the test needs more than 50 SLA breaches, not {late}");
    let page = Page::open("workshop-audit", &format!("/{}", baton::app::share::fragment(&s))).await;
    let result = async {
        page.reload().await?;
        page.wait_text("[data-testid='audit-late'] h4", &format!("({late})")).await?;
        const ROWS: &str = "[data-testid='audit-late'] tbody tr";
        if page.count(ROWS).await? != 50 {
            return Err(format!("the list should start with 50 of its {late} rows"));
        }
        for _ in 0..10 {
            if page.count("[data-testid='audit-late'] [data-testid='audit-more']").await? == 0 {
                break;
            }
            page.click("[data-testid='audit-late'] [data-testid='audit-more']").await?;
        }
        let shown = page.count(ROWS).await?;
        if shown != late {
            return Err(format!("after showing more, {shown} of {late} rows are shown"));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn notices_with_two_thousand_contacts_fold_by_rep_and_find_a_lead() {
    let mut s = baton::samples::ebook_playbook().unwrap();
    for g in &mut s.generate {
        g.count *= 20;
    }
    let contacts = s.contacts.len() + s.generate.iter().map(|g| g.count as usize).sum::<usize>();
    let page = Page::open("workshop-notices", &format!("/{}", baton::app::share::fragment(&s))).await;
    let result = async {
        page.projector().await?;
        page.reload().await?;
        page.wait_text("[data-testid='scenario-facts']", &format!("{contacts} contacts")).await?;
        page.click(sel::TAB_NOTICES).await?;
        page.wait("[data-testid='notice-rep']").await?;
        // Let the results for all 2,000 contacts arrive.
        for _ in 0..300 {
            if page.attr(sel::RESULTS, "data-busy").await?.as_deref() == Some("false") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let folded = page.count("details[data-testid='notice-rep']:not([open])").await?;
        let height = page.js("return document.querySelector(\"[data-testid='notices']\").scrollHeight;").await?;
        if folded == 0 || height.as_f64().is_none_or(|h| h > 8000.0) {
            return Err(format!("{folded} rep groups folded, the notices {height} px tall"));
        }
        page.screenshot("-2000").await;
        // A folded group's leads are drawn when it is opened, not before.
        let drawn = |css: &str| format!("return document.querySelector(\"{css}\").querySelectorAll(\"[data-testid='exclude-lead']\").length;");
        let folded_group = "details[data-testid='notice-rep']:not([open])";
        if page.js(&drawn(folded_group)).await? != serde_json::json!(0) {
            return Err("a folded group already has its leads drawn".into());
        }
        page.js(&format!("const d = document.querySelector(\"{folded_group}\"); d.dataset.opened = 'yes'; d.open = true; return true;")).await?;
        let opened = "details[data-opened='yes']";
        let mut leads = serde_json::json!(0);
        for _ in 0..50 {
            leads = page.js(&drawn(opened)).await?;
            if leads != serde_json::json!(0) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let summary = page.text(&format!("{opened} summary")).await?;
        if !summary.contains(&format!("owns {leads} leads")) {
            return Err(format!("an opened group draws {leads} leads under \"{summary}\""));
        }
        // Find one lead by address: only that person's lines remain, open.
        let email = page.js("return document.querySelector(\"[data-testid='notices'] .lead-email\").textContent;").await?;
        let email = email.as_str().ok_or("no lead address on the notices")?.to_string();
        page.type_into("[data-testid='notice-search']", &email).await?;
        page.wait_text(sel::NOTICES, &email).await?;
        let shown = page.js("return [...document.querySelectorAll(\"[data-testid='notices'] .lead-email\")].map(e => e.textContent);").await?;
        let shown = shown.as_array().cloned().unwrap_or_default();
        if shown.is_empty() || shown.iter().any(|e| e.as_str() != Some(email.as_str())) {
            return Err(format!("searching {email} left {shown:?}"));
        }
        if page.count("details[data-testid='notice-rep']:not([open])").await? != 0 {
            return Err("a search should open the groups it finds".into());
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn the_workflow_editor_keeps_its_place_and_the_focus() {
    let page = Page::open("workshop-workflows", "/").await;
    let result = async {
        page.projector().await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.click(sel::TAB_EDIT).await?;
        // The second workflow's "+ Email", brought into view and pressed.
        let add = "[data-testid='add-email-1']";
        page.wait(add).await?;
        page.js(&format!("document.querySelector(\"{add}\").scrollIntoView({{block: 'center'}}); return true;")).await?;
        let steps = "[data-w='1'] [data-testid='step']".to_string();
        let before = page.count(&steps).await?;
        let last_is_email = page.js(&format!("const s = document.querySelectorAll(\"{steps}\"); return s[s.length - 1].textContent.includes('Email');")).await?;
        let y = page.js("return scrollY;").await?;
        page.click(add).await?;
        let want = before + if last_is_email == serde_json::Value::Bool(true) { 2 } else { 1 };
        page.wait_js(&format!("return document.querySelectorAll(\"{steps}\").length;"), &serde_json::json!(want))
            .await
            .map_err(|after| format!("+ Email made {before} steps {after}, not {want} (a wait before the new email)"))?;
        // The page stays where it was (the strip above may grow by a line, which the browser
        // keeps in place by scrolling as much), and the button stays on screen with the focus.
        let state = page.js(&format!("const b = document.querySelector(\"{add}\"); return [scrollY, b.getBoundingClientRect().bottom, document.activeElement === b];")).await?;
        let moved = (state[0].as_f64().unwrap_or(0.0) - y.as_f64().unwrap_or(0.0)).abs();
        if moved > 40.0 || state[1].as_f64().is_none_or(|b| b > 720.0) || state[2] != serde_json::Value::Bool(true) {
            return Err(format!("after + Email the page scrolled {moved} px, the button ends at {} px (screen 720), focus kept: {}", state[1], state[2]));
        }
        // Moving step 3 up keeps the focus on that step, now number 2.
        let up = "[data-w='1'] [data-testid='step']:nth-child(3) .step-up";
        page.js(&format!("document.querySelector(\"{up}\").scrollIntoView({{block: 'center'}}); return true;")).await?;
        page.click(up).await?;
        page.wait_js("const a = document.activeElement; const li = a && a.closest(\"[data-testid='step']\"); return li ? [...li.parentNode.children].indexOf(li) + 1 : null;", &serde_json::json!(2))
            .await
            .map_err(|on| format!("after ↑ the focus is on step {on}, not on the moved step 2"))?;
        // Email names show whole.
        let cut = page.js("return [...document.querySelectorAll('.step-name')].filter(i => i.scrollWidth > i.clientWidth + 1).map(i => i.value);").await?;
        if cut.as_array().is_none_or(|c| !c.is_empty()) {
            return Err(format!("email names cut off: {cut}"));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

/// Waits until the results on screen are those with the given digest.
async fn wait_digest(page: &Page, want: &str) -> Result<(), String> {
    page.wait_js(&format!("const r = document.querySelector(\"{}\"); return r ? r.dataset.digest : null;", sel::RESULTS), &serde_json::json!(want))
        .await
        .map_err(|seen| format!("the results on screen are {seen}, not the link's scenario's {want}"))
}

#[tokio::test]
async fn a_share_link_shows_its_own_results_in_a_fresh_and_in_a_used_profile() {
    // The case: option 1 and a handoff score of 70.
    let mut s = baton::samples::ebook_playbook().unwrap();
    s.handoff_option = baton::engine::HandoffOption::CeaseAll;
    s.lifecycle.handoff_score = 70;
    let want = baton::engine::simulate(&s, s.handoff_option, 1).digest();
    let fragment = baton::app::share::fragment(&s);
    let page = Page::open("workshop-share-fresh", &format!("/{fragment}")).await;
    let result = async {
        // A fresh profile: the first screen is the link's scenario, results included.
        wait_digest(&page, &want).await?;
        page.wait_text("[data-testid='key-figures'] tr.chosen th", "Option 1").await?;
        // A used profile: other work saved, then the link opened again.
        page.click(&format!("{} input", sel::option("3"))).await?;
        page.wait_text("[data-testid='key-figures'] tr.chosen th", "Option 3").await?;
        let url = page.client.current_url().await.map_err(|e| e.to_string())?;
        let base = url.as_str().split('#').next().unwrap_or_default().to_string();
        page.client.goto(&format!("{base}{fragment}")).await.map_err(|e| e.to_string())?;
        page.reload().await?;
        wait_digest(&page, &want).await?;
        page.wait_text("[data-testid='key-figures'] tr.chosen th", "Option 1").await?;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn results_hidden_behind_the_edit_view_wait_and_show_the_latest_when_opened() {
    let page = Page::open("results-wait", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        let results = ["[data-testid='key-figures']", sel::COMPARISON_TABLE, "[data-testid='calendar']", "[data-testid='insights']"];
        let texts = || async {
            let mut all = Vec::new();
            for css in results {
                all.push(page.text(css).await?);
            }
            Ok::<_, String>(all)
        };
        let as_sampled = texts().await?;
        let toggle_cap = || async {
            let comparison = page.attr(sel::RESULTS, "data-comparison").await?.unwrap_or_default();
            page.click("[data-testid='cap-on']").await?;
            let changed = format!(
                "const r = document.querySelector(\"{}\"); return r.dataset.busy === 'false' && r.dataset.comparison !== '{comparison}';",
                sel::RESULTS
            );
            page.wait_js(&changed, &serde_json::Value::Bool(true)).await.map_err(|_| "the frequency cap changed no figure".to_string())
        };
        page.click(sel::TAB_EDIT).await?;
        page.wait("[data-testid='cap-on']").await?;
        // Whatever changes in the hidden results while the cap is turned on is counted.
        let watch = format!(
            "window.__redrawn = 0; const o = new MutationObserver(l => window.__redrawn += l.length); \
             for (const css of {results:?}) o.observe(document.querySelector(css), {{ subtree: true, childList: true, attributes: true, characterData: true }}); return true;"
        );
        page.js(&watch).await?;
        toggle_cap().await?;
        let redrawn = page.js("return window.__redrawn;").await?;
        if redrawn != serde_json::json!(0) {
            return Err(format!("the hidden results were redrawn ({redrawn} changes) by an edit made in the edit view"));
        }
        // Shown again, they draw the scenario as it now is...
        page.click(sel::TAB_RESULTS).await?;
        let capped = texts().await?;
        if capped[1] == as_sampled[1] {
            return Err("back in the results, the comparison still shows the figures from before the cap".into());
        }
        // ...and follow it back: the cap off again gives the sample's own results.
        page.click(sel::TAB_EDIT).await?;
        toggle_cap().await?;
        page.click(sel::TAB_RESULTS).await?;
        // (The figures now carry their change against the capped results, so the calendar
        // and the insights are compared.)
        let again = texts().await?;
        for k in [2, 3] {
            if again[k] != as_sampled[k] {
                return Err(format!("with the cap off again, {} differs from the sample's", results[k]));
            }
        }
        if again[1] == capped[1] {
            return Err("with the cap off again, the comparison still shows the capped figures".into());
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}
