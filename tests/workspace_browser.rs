//! Browser tests for the workspace: autosave and restore, damaged stored data, a full
//! storage, another tab's change, export and import of scenario files.

mod support;

use support::{artifacts_dir, sel, Page};

const KEY: &str = "baton.workspace.v1";

#[tokio::test]
async fn an_edit_survives_a_reload_with_the_selected_contact_and_option() {
    let page = Page::open("restore", "/").await;
    let result = async {
        page.wait_text(sel::COMPARISON_TABLE, "Option 2 (chosen)").await?;
        page.click(&format!("{} input", sel::option("3"))).await?;
        page.click(&format!("{}:nth-child(4)", sel::CONTACT_ROWS)).await?;
        let name = page.text(sel::CALENDAR_CONTACT).await?;
        page.click(sel::TAB_EDIT).await?;
        page.type_into("[data-testid='sla-hours']", "24").await?;
        page.click(sel::TAB_RESULTS).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 3 (chosen)").await?;
        page.reload().await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 3 (chosen)").await?;
        page.wait_text(sel::CALENDAR_CONTACT, &name).await?;
        page.click(sel::TAB_EDIT).await?;
        page.wait("[data-testid='sla-hours']").await?;
        let value = page.js("return document.querySelector(\"[data-testid='sla-hours']\").value;").await?;
        if value != "24" {
            return Err(format!("the SLA edit was not restored: {value}"));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn damaged_stored_data_is_reported_kept_untouched_and_offered_for_download() {
    let page = Page::open("damaged", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        let broken = r#"{"workspace_version": 1, "current": 0, "scenarios": [ {"name": "Our Q3 plan", "#;
        page.js(&format!("localStorage.setItem('{KEY}', {}); return true;", serde_json::to_string(broken).unwrap())).await?;
        page.reload().await?;
        page.wait_text(sel::DAMAGED_BANNER, "could not be read").await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // Edits do not overwrite the stored text.
        page.click(&format!("{} input", sel::option("1"))).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 1 (chosen)").await?;
        let stored = page.js(&format!("return localStorage.getItem('{KEY}');")).await?;
        if stored.as_str() != Some(broken) {
            return Err(format!("the damaged data was changed: {stored}"));
        }
        page.capture_downloads().await?;
        page.click(sel::DOWNLOAD_DAMAGED).await?;
        let downloaded = page.last_download().await?;
        if downloaded != broken {
            return Err(format!("the download is not the stored text: {downloaded}"));
        }
        page.screenshot("").await;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn a_full_storage_shows_a_warning_and_keeps_edits_in_the_tab() {
    let page = Page::open("quota", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // Fill the storage to its quota with other keys.
        page.js("let chunk = 'x'.repeat(512 * 1024); let i = 0;\
             while (chunk.length > 16) { try { localStorage.setItem('filler' + i++, chunk); } catch (e) { chunk = chunk.slice(chunk.length / 2); } }\
             return i;")
            .await?;
        // A copy of the scenario needs room the storage no longer has.
        page.click(sel::DUPLICATE).await?;
        page.wait_text(sel::SAVE_WARNING, "storage for Baton is full").await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook (copy)").await?;
        // Edits go on in the tab.
        page.click(&format!("{} input", sel::option("3"))).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 3 (chosen)").await?;
        page.screenshot("").await;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn a_change_in_another_tab_asks_which_copy_to_keep() {
    let page = Page::open("two-tabs", "/").await;
    let result = async {
        page.wait_text(sel::COMPARISON_TABLE, "Option 2 (chosen)").await?;
        let first = page.client.window().await.map_err(|e| e.to_string())?;
        let second = page.client.new_window(true).await.map_err(|e| e.to_string())?;
        page.client.switch_to_window(second.handle).await.map_err(|e| e.to_string())?;
        let base = page.server.as_ref().map(|s| s.base.clone()).unwrap_or_default();
        page.client.goto(&format!("{base}/")).await.map_err(|e| e.to_string())?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 2 (chosen)").await?;
        page.click(&format!("{} input", sel::option("3"))).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 3 (chosen)").await?;
        page.client.switch_to_window(first).await.map_err(|e| e.to_string())?;
        page.wait_text(sel::CONFLICT_BANNER, "changed in another tab").await?;
        page.screenshot("").await;
        page.click(sel::TAKE_THEIRS).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 3 (chosen)").await?;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn importing_files_adds_valid_scenarios_and_lists_problems_of_invalid_ones() {
    let page = Page::open("import", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.capture_downloads().await?;
        page.click(sel::EXPORT_JSON).await?;
        let exported = page.last_download().await?;
        let original = baton::engine::load(&exported).map_err(|e| e.to_string())?;
        if original != baton::samples::ebook_playbook().unwrap() {
            return Err("the exported file is not the open scenario".into());
        }
        let digest = page.attr(sel::RESULTS, "data-digest").await?;

        // An invalid file: listed problems, nothing changed.
        let mut bad: serde_json::Value = serde_json::from_str(&exported).unwrap();
        bad["calendar"]["horizon_days"] = 0.into();
        let bad_path = artifacts_dir().join("bad.baton.json");
        std::fs::write(&bad_path, bad.to_string()).unwrap();
        page.wait(sel::IMPORT_FILE).await?.send_keys(bad_path.to_str().unwrap()).await.map_err(|e| e.to_string())?;
        page.wait_text(sel::IMPORT_PROBLEMS, "calendar.horizon_days: must be from 1 to 730 days").await?;
        page.screenshot("-invalid").await;
        if page.attr(sel::RESULTS, "data-digest").await? != digest {
            return Err("an invalid import changed the open scenario".into());
        }

        // The exported file imports as a new scenario, identical but for its unique name.
        let good_path = artifacts_dir().join("good.baton.json");
        std::fs::write(&good_path, &exported).unwrap();
        page.wait(sel::IMPORT_FILE).await?.send_keys(good_path.to_str().unwrap()).await.map_err(|e| e.to_string())?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook (2)").await?;
        page.click(sel::EXPORT_JSON).await?;
        let again = baton::engine::load(&page.last_download().await?).map_err(|e| e.to_string())?;
        let mut expected = original.clone();
        expected.name = "eBook playbook (2)".into();
        if again != expected {
            return Err("export, import and export again changed the scenario".into());
        }
        let switch = page.text(sel::SCENARIO_SWITCH).await?;
        if !switch.contains("eBook playbook") || !switch.contains("eBook playbook (2)") {
            return Err(format!("both scenarios should be listed: {switch}"));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn a_deleted_scenario_comes_back_with_undo_and_the_calendar_exports_as_csv() {
    let page = Page::open("delete-undo", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.click(sel::DUPLICATE).await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook (copy)").await?;
        page.click(sel::DELETE).await?;
        page.wait_text("[data-testid='deleted-banner']", "Deleted").await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.click(sel::UNDO_DELETE).await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook (copy)").await?;
        page.capture_downloads().await?;
        page.click(sel::EXPORT_CSV).await?;
        let csv = page.last_download().await?;
        let header = csv.lines().next().unwrap_or("");
        if header != "option,contact_id,contact_email,at,kind,email,source,status,reason,stage,owner" {
            return Err(format!("unexpected CSV header: {header}"));
        }
        let s = baton::samples::ebook_playbook().unwrap();
        let native = baton::engine::export::calendar_csv(&s, &[baton::engine::simulate(&s, s.handoff_option, 1)]);
        if csv != native {
            return Err("the app's CSV differs from the command line's".into());
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn a_share_link_opens_the_scenario_as_a_new_one() {
    let page = Page::open("share-link", "/").await;
    let result = async {
        page.wait_text(sel::COMPARISON_TABLE, "Option 2 (chosen)").await?;
        page.click(&format!("{} input", sel::option("3"))).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 3 (chosen)").await?;
        page.click("[data-testid='share']").await?;
        let link = page.js("return document.querySelector(\"[data-testid='share-link']\").value;").await?;
        let link = link.as_str().ok_or("no link")?.to_string();
        if !link.contains("#scenario=") || link.len() > 8000 {
            return Err(format!("unexpected link ({} characters)", link.len()));
        }
        if page.count("[data-testid='share-file-warning']").await? != 0 {
            return Err("a link from a served page warns as if it came from a file".into());
        }
        page.screenshot("").await;
        // Back to option 2 here, then open the link: it brings the option-3 copy.
        page.click(&format!("{} input", sel::option("2"))).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 2 (chosen)").await?;
        page.client.goto(&link).await.map_err(|e| e.to_string())?;
        page.reload().await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook (2)").await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 3 (chosen)").await?;
        let url = page.client.current_url().await.map_err(|e| e.to_string())?;
        if url.as_str().contains("#scenario=") {
            return Err(format!("the link stays in the address: {url}"));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn a_hubspot_csv_imports_its_good_rows_and_lists_the_bad_ones() {
    let page = Page::open("csv-import", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.click(sel::TAB_EDIT).await?;
        // A French Excel export: Windows-1252, semicolons, day-first dates.
        let csv = "First Name;Last Name;Email;Company Name;Lifecycle Stage;HubSpot Score;Create Date\r\n\
                   Ana;Müller;ana@acme.example;Acme;Marketing Qualified Lead;55;13/01/2025\r\n\
                   Bo;Lind;not-an-email;Acme;Lead;;13/01/2025\r\n\
                   Cy;Moe;cy@acme.example;Acme;Prospect;;20/03/2026\r\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(csv);
        let path = artifacts_dir().join("contacts.csv");
        std::fs::write(&path, &bytes).unwrap();
        page.wait("[data-testid='import-csv']").await?.send_keys(path.to_str().unwrap()).await.map_err(|e| e.to_string())?;
        page.wait_text("[data-testid='csv-mapping']", "3 rows").await?;
        page.screenshot("-mapping").await;
        page.click("[data-testid='csv-confirm']").await?;
        let report = page.wait_text("[data-testid='csv-report']", "Imported 2 contacts").await?;
        for needle in [
            "A new scenario was made from these contacts",
            "1 already in the CRM before the plan starts, 1 arriving during it",
            "row 3: \u{201c}not-an-email\u{201d} is not an email address",
            "Windows-1252",
        ] {
            if !report.contains(needle) {
                return Err(format!("the report lacks {needle:?}: {report}"));
            }
        }
        page.wait_text(sel::SCENARIO_NAME, "contacts (eBook playbook)").await?;
        page.screenshot("-report").await;
        let listed = page.js("return [...document.querySelectorAll(\"[data-testid='contacts-table'] input\")].some(i => i.value === 'Ana Müller');").await?;
        if listed != serde_json::Value::Bool(true) {
            return Err("Ana Müller (with her ü) is not in the contacts table".into());
        }
        let listed =
            page.js("return [...document.querySelectorAll(\"[data-testid='contacts-table'] input\")].some(i => i.value === 'ana@acme.example');").await?;
        if listed != serde_json::Value::Bool(true) {
            return Err("Ana is not in the contacts table".into());
        }
        page.click(sel::TAB_RESULTS).await?;
        page.type_into("[data-testid='contact-search']", "Ana Müller").await?;
        page.click_text(sel::CONTACT_ROWS, "Ana Müller").await?;
        page.wait_text(sel::CALENDAR_CONTACT, "Ana Müller").await?;
        page.wait_text(sel::CALENDAR_ENTRIES, "In the CRM when the plan starts: MQL").await?;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

/// Notes the longest task the page runs from now on (Chromium's long-task timing), so a
/// test can print how long the page was ever busy in one go.
const WATCH_LONG_TASKS: &str = "window.__longest = 0; new PerformanceObserver(list => { for (const e of list.getEntries()) { window.__longest = Math.max(window.__longest, e.duration); } }).observe({ type: 'longtask' }); return true;";

async fn longest_task_ms(page: &Page) -> f64 {
    page.js("return window.__longest || 0;").await.ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
}

/// Waits until the results say "N contacts" (large scenarios take a while in the browser).
async fn wait_for_contacts(page: &Page, n: u32) -> Result<(), String> {
    page.client
        .wait()
        .at_most(std::time::Duration::from_secs(180))
        .for_element(fantoccini::Locator::XPath(&format!("//*[@data-testid='contact-count'][contains(., '{n} contacts')]")))
        .await
        .map(|_| ())
        .map_err(|e| format!("the scenario with {n} contacts did not open: {e}"))
}

#[tokio::test]
async fn a_hundred_thousand_contacts_open_without_freezing_the_page_and_the_list_draws_only_what_is_in_view() {
    let page = Page::open("large", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        let mut s = baton::samples::ebook_playbook().unwrap();
        s.name = "Hundred thousand".into();
        let total: u32 = s.generate.iter().map(|g| g.count).sum();
        for g in s.generate.iter_mut() {
            g.count = g.count * 100_000 / total;
        }
        let n: u32 = s.contacts.len() as u32 + s.generate.iter().map(|g| g.count).sum::<u32>();
        let path = artifacts_dir().join("large.baton.json");
        std::fs::write(&path, baton::engine::load::to_json(&s)).unwrap();
        page.js(WATCH_LONG_TASKS).await?;
        page.watch_busy().await?;
        let started = std::time::Instant::now();
        page.wait(sel::IMPORT_FILE).await?.send_keys(path.to_str().unwrap()).await.map_err(|e| e.to_string())?;
        // The simulation runs a slice at a time: the page says so and still answers.
        page.saw_busy().await?;
        page.click(sel::TAB_EDIT).await?;
        let answered = page.js("return !document.querySelector('.edit-view').hidden;").await?;
        let still_busy = page.attr(sel::RESULTS, "data-busy").await?;
        if answered != serde_json::Value::Bool(true) {
            return Err("the Edit tab did not open while the results were being updated".into());
        }
        eprintln!("large: the Edit tab opened while simulating (still busy: {still_busy:?})");
        page.click(sel::TAB_RESULTS).await?;
        wait_for_contacts(&page, n).await?;
        if page.attr(sel::RESULTS, "data-busy").await?.as_deref() != Some("false") {
            return Err("the progress message stayed after the results arrived".into());
        }
        eprintln!(
            "large: {n} contacts imported and simulated under 4 options in {:.1} s; longest task {:.0} ms",
            started.elapsed().as_secs_f64(),
            longest_task_ms(&page).await
        );
        let rows = page.count(sel::CONTACT_ROWS).await?;
        if rows > 40 {
            return Err(format!("the list draws {rows} rows for {n} contacts"));
        }
        page.js("document.querySelector('.contacts-scroll').scrollTop = 3000000; return true;").await?;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let rows_after = page.count(sel::CONTACT_ROWS).await?;
        if rows_after == 0 || rows_after > 40 {
            return Err(format!("after scrolling the list draws {rows_after} rows"));
        }
        page.screenshot("").await;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn a_twenty_megabyte_file_imports_as_a_new_scenario() {
    let page = Page::open("twenty-mb", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // A CRM-sized file: tens of thousands of named contacts.
        let mut s = baton::samples::ebook_playbook().unwrap();
        s.name = "Twenty megabytes".into();
        s.generate.clear();
        let template = s.contacts[0].clone();
        let industries = ["Healthcare", "Software", "Retail", "Manufacturing", "Finance"];
        let mut k = 0u32;
        let mut text = String::new();
        while text.len() < 20_000_000 {
            for _ in 0..5_000 {
                let mut c = template.clone();
                c.id = format!("crm-{k:06}");
                c.name = format!("Person Number{k}");
                c.email = format!("person.number{k}@company{}.example", k % 5000);
                c.company = format!("Company {} Incorporated", k % 5000);
                c.traits.industry = industries[k as usize % 5].into();
                c.arrives_day = k % 100;
                s.contacts.push(c);
                k += 1;
            }
            text = baton::engine::load::to_json(&s);
        }
        let n = s.contacts.len() as u32;
        let path = artifacts_dir().join("twenty-mb.baton.json");
        std::fs::write(&path, &text).unwrap();
        page.js(WATCH_LONG_TASKS).await?;
        let started = std::time::Instant::now();
        page.wait(sel::IMPORT_FILE).await?.send_keys(path.to_str().unwrap()).await.map_err(|e| e.to_string())?;
        page.wait_text(sel::SCENARIO_NAME, "Twenty megabytes").await?;
        wait_for_contacts(&page, n).await?;
        eprintln!(
            "twenty-mb: {} bytes, {n} contacts imported and simulated under 4 options in {:.1} s; longest task {:.0} ms",
            text.len(),
            started.elapsed().as_secs_f64(),
            longest_task_ms(&page).await
        );
        let names = page.text(sel::SCENARIO_SWITCH).await?;
        if !names.contains("eBook playbook") {
            return Err(format!("the import replaced the open scenario; scenarios: {names}"));
        }
        // More than a browser keeps for a page: said so, and the scenario stays in the tab.
        page.wait_text(sel::SAVE_WARNING, "storage for Baton is full").await?;
        // The contacts table draws a page at a time.
        page.click(sel::TAB_EDIT).await?;
        page.wait_text("[data-testid='contacts-shown']", &format!("Showing 1–50 of {n}")).await?;
        let drawn = page.count("[data-testid='contacts-table-row']").await?;
        if drawn != 50 {
            return Err(format!("the contacts table draws {drawn} rows, not one page of 50"));
        }
        page.click("[data-testid='contacts-next']").await?;
        page.wait_text("[data-testid='contacts-shown']", &format!("Showing 51–100 of {n}")).await?;
        // The list follows an added contact and its undoing (it is sorted again only when
        // the contacts change, so both must say so).
        page.click("[data-testid='add-contact']").await?;
        page.wait_text("[data-testid='contacts-shown']", &format!("Showing 51–100 of {}", n + 1)).await?;
        page.click(sel::UNDO).await?;
        page.wait_text("[data-testid='contacts-shown']", &format!("Showing 51–100 of {n}")).await?;
        page.type_into("[data-testid='contacts-search']", "Number34999").await?;
        page.wait_text("[data-testid='contacts-shown']", "Showing 1–1 of 1").await?;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

/// Counts the Web Workers the page starts, in `window.workersMade`.
const COUNT_WORKERS: &str = "const W = window.Worker; window.workersMade = 0; \
    window.Worker = function (...a) { window.workersMade += 1; return new W(...a); }; return true;";

/// Counts the workers started, the questions about a CRM export put to them, and how many
/// of those carried the file (a worker kept from an earlier question holds it already).
const COUNT_CRM_QUESTIONS: &str = "const W = window.Worker; window.workersMade = 0; window.crmAsked = 0; window.crmFileSent = 0; \
    window.Worker = function (...a) { window.workersMade += 1; const w = new W(...a); const post = w.postMessage.bind(w); \
      w.postMessage = (m, t) => { if (m && m.crm) { window.crmAsked += 1; if (m.crm.byteLength > 0) window.crmFileSent += 1; } \
        return t ? post(m, t) : post(m); }; return w; }; return true;";

/// Workers started, CRM questions asked, and the questions that carried the file.
async fn crm_questions(page: &Page) -> Result<(u64, u64, u64), String> {
    let v = page.js("return [window.workersMade, window.crmAsked, window.crmFileSent];").await?;
    let n = |i: usize| v.get(i).and_then(|x| x.as_u64()).unwrap_or(0);
    Ok((n(0), n(1), n(2)))
}

#[tokio::test]
async fn a_large_file_is_read_by_a_worker_and_by_the_page_where_there_is_none() {
    let page = Page::open("large-file-worker", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // Over a megabyte, with one mistake deep inside.
        let mut s = baton::samples::ebook_playbook().unwrap();
        s.name = "Large file".into();
        let template = s.contacts[0].clone();
        s.contacts = (0..3000)
            .map(|k| baton::engine::scenario::Contact { id: format!("crm-{k}"), name: format!("Person {k}"), same_person_as: None, ..template.clone() })
            .collect();
        let everyone = 3000 + s.generate.iter().map(|g| g.count).sum::<u32>();
        let good = baton::engine::load::to_json(&s);
        let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
        value["contacts"][2500]["arrives_day"] = serde_json::json!("soon");
        let bad = serde_json::to_string_pretty(&value).unwrap();
        assert!(bad.len() > 1_000_000 && good.len() > 1_000_000, "the files are large enough for a worker");
        let dir = artifacts_dir();
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path.to_str().unwrap().to_string()
        };
        page.js(COUNT_WORKERS).await?;
        page.wait(sel::IMPORT_FILE).await?.send_keys(&write("large-bad-1.baton.json", &bad)).await.map_err(|e| e.to_string())?;
        let problems = page.wait_text(sel::IMPORT_PROBLEMS, "large-bad-1").await?;
        if !problems.contains("contacts[2500].arrives_day") {
            return Err(format!("the mistake is not listed with its place: {problems}"));
        }
        let made = page.js("return window.workersMade;").await?;
        if made != serde_json::json!(1) {
            return Err(format!("the broken file should have been read by one worker; workers started: {made}"));
        }
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // A browser without workers: the page reads the files itself, with the same words.
        page.js("window.Worker = undefined; return true;").await?;
        page.wait(sel::IMPORT_FILE).await?.send_keys(&write("large-bad-2.baton.json", &bad)).await.map_err(|e| e.to_string())?;
        let again = page.wait_text(sel::IMPORT_PROBLEMS, "large-bad-2").await?;
        if again.replace("large-bad-2", "large-bad-1") != problems {
            return Err(format!("read without a worker, the problems differ:\n{again}\n---\n{problems}"));
        }
        page.wait(sel::IMPORT_FILE).await?.send_keys(&write("large-good.baton.json", &good)).await.map_err(|e| e.to_string())?;
        page.wait_text(sel::SCENARIO_NAME, "Large file").await?;
        wait_for_contacts(&page, everyone).await?;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn a_file_too_large_for_the_tab_is_refused_before_it_is_read() {
    let page = Page::open("too-large-file", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // One byte over the limit; what it holds does not matter, it is never read.
        let path = artifacts_dir().join("too-large.baton.json");
        let file = std::fs::File::create(&path).map_err(|e| e.to_string())?;
        file.set_len(baton::engine::load::MAX_FILE_BYTES + 1).map_err(|e| e.to_string())?;
        page.wait(sel::IMPORT_FILE).await?.send_keys(path.to_str().unwrap()).await.map_err(|e| e.to_string())?;
        let problems = page.wait_text(sel::IMPORT_PROBLEMS, "Baton reads files of up to 100 MB").await?;
        let _ = std::fs::remove_file(&path);
        if !problems.contains("too-large.baton.json") || !problems.contains("101 MB") {
            return Err(format!("the message does not name the file and its size: {problems}"));
        }
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn an_edit_made_just_before_the_page_is_left_is_saved() {
    let page = Page::open("save-on-leave", "/").await;
    let result = async {
        page.wait_text(sel::COMPARISON_TABLE, "Option 2 (chosen)").await?;
        // The edit and the reload in one step: the save waiting for the next frame is made
        // as the page goes.
        page.js(&format!("document.querySelector(\"{} input\").click(); location.reload(); return true;", sel::option("1"))).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 1 (chosen)").await?;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn the_single_file_saves_restores_and_exports_from_disk() {
    let file = support::dist_dir().join("baton.html");
    let page = Page::open("single-file-workspace", &format!("file://{}", file.display())).await;
    let result = async {
        page.wait_text(sel::COMPARISON_TABLE, "Option 2 (chosen)").await?;
        page.click(&format!("{} input", sel::option("1"))).await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 1 (chosen)").await?;
        page.reload().await?;
        page.wait_text(sel::COMPARISON_TABLE, "Option 1 (chosen)").await?;
        page.capture_downloads().await?;
        page.click(sel::EXPORT_JSON).await?;
        let exported = baton::engine::load(&page.last_download().await?).map_err(|e| e.to_string())?;
        if exported.handoff_option != baton::engine::HandoffOption::CeaseAll {
            return Err("the export from the single file is not the edited scenario".into());
        }
        // A share link made from a file says that it only works with the same file, and
        // offers the export instead.
        page.click("[data-testid='share']").await?;
        page.wait_text("[data-testid='share-file-warning']", "only works for someone who has the same baton.html").await?;
        page.click("[data-testid='share-export']").await?;
        let again = baton::engine::load(&page.last_download().await?).map_err(|e| e.to_string())?;
        if again != exported {
            return Err("the share panel's export is not the open scenario".into());
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn a_contact_added_by_hand_joins_the_simulation() {
    let page = Page::open("add-contact", "/").await;
    let result = async {
        page.wait_text("[data-testid='contact-count']", "101 contacts").await?;
        page.click(sel::TAB_EDIT).await?;
        page.click("[data-testid='add-contact']").await?;
        page.click(sel::TAB_RESULTS).await?;
        page.wait_text("[data-testid='contact-count']", "102 contacts").await?;
        page.type_into("[data-testid='contact-search']", "New contact").await?;
        page.click_text(sel::CONTACT_ROWS, "New contact 3").await?;
        page.wait_text(sel::CALENDAR_CONTACT, "New contact 3").await?;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

#[tokio::test]
async fn every_detail_of_a_named_contact_can_be_edited() {
    let page = Page::open("contact-details", "/").await;
    let result = async {
        page.wait_text("[data-testid='contact-count']", "101 contacts").await?;
        page.click(sel::TAB_EDIT).await?;
        page.type_into("[data-testid='contacts-search']", "personal").await?;
        page.wait_text("[data-testid='contacts-shown']", "Showing 1–1 of 1").await?;
        page.click("[data-testid='contact-details-open']").await?;
        page.wait_text("[data-testid='contact-details']", "Jane Doe (personal address)").await?;
        // A time zone Baton cannot read is refused beside the field, and nothing changes.
        page.type_into("[data-testid='contact-offset']", "five past").await?;
        page.wait_text("[data-testid='contact-details']", "is not a UTC offset").await?;
        page.type_into("[data-testid='contact-offset']", "+05:30").await?;
        page.click("[data-testid='contact-owner'] option[value='Lee Chen']").await?;
        page.type_into("[data-testid='contact-same-as']", "nobody-here").await?;
        page.wait_text("[data-testid='contact-details']", "no contact has the id").await?;
        page.type_into("[data-testid='contact-same-as']", "jane-doe").await?;
        page.click("[data-testid='contact-details'] .check input").await?;
        page.click("[data-testid='script-add-event']").await?;
        page.screenshot("").await;
        page.capture_downloads().await?;
        page.click(sel::EXPORT_JSON).await?;
        let s = baton::engine::load(&page.last_download().await?).map_err(|e| e.to_string())?;
        let c = s.contacts.iter().find(|c| c.id == "jane-doe-personal").ok_or("the contact is gone")?;
        if c.utc_offset.map(|o| o.minutes()) != Some(330) {
            return Err(format!("the time zone was not kept: {:?}", c.utc_offset));
        }
        if c.owner.as_deref() != Some("Lee Chen") {
            return Err(format!("the owner was not changed: {:?}", c.owner));
        }
        if c.same_person_as.as_deref() != Some("jane-doe") {
            return Err(format!("the second address was not kept: {:?}", c.same_person_as));
        }
        if c.script.as_ref().map(|sc| sc.events.len()) != Some(1) {
            return Err(format!("the script was not made: {:?}", c.script));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

/// Never locked out: a scenario whose simulation did not finish (the page crashed or was
/// closed while frozen) is not simulated again at the next start; the sample opens, the
/// person is told, and the scenario is kept.
#[tokio::test]
async fn a_scenario_that_never_finished_simulating_does_not_lock_the_app() {
    let page = Page::open("stuck", "/").await;
    let result = async {
        page.wait_text(sel::COMPARISON_TABLE, "Option 2 (chosen)").await?;
        page.click(sel::DUPLICATE).await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook (copy)").await?;
        // Saved; now pretend its simulation started and never finished.
        page.wait_stored_text(KEY, "eBook playbook (copy)").await?;
        page.js("localStorage.setItem('baton.simulating', 'eBook playbook (copy)'); return true;").await?;
        page.reload().await?;
        let banner = page.wait_text(sel::STUCK_BANNER, "could not finish simulating").await?;
        if !banner.contains("eBook playbook (copy)") {
            return Err(format!("the banner should name the scenario: {banner}"));
        }
        let open = page.text(sel::SCENARIO_NAME).await?;
        if open.contains("(copy)") {
            return Err(format!("the stuck scenario was opened again: {open}"));
        }
        let names = page.text(sel::SCENARIO_SWITCH).await?;
        if !names.contains("eBook playbook (copy)") {
            return Err(format!("the stuck scenario should be kept: {names}"));
        }
        page.screenshot("").await;
        // A normal start clears the note: the next reload shows no banner.
        page.reload().await?;
        page.wait_text(sel::COMPARISON_TABLE, "(chosen)").await?;
        if page.count(sel::STUCK_BANNER).await? != 0 {
            return Err("the banner came back after a normal start".into());
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

/// A CRM export given to the top "Import file…" goes to the contact import (not "this is not
/// a valid scenario file"): the edit view opens on the mapping step.
#[tokio::test]
async fn a_csv_given_to_the_top_import_goes_to_the_contact_import() {
    let page = Page::open("csv-top-import", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        let csv = "Email,First Name,Last Name,Lifecycle Stage,Contact owner,Create Date\n\
                   zoe@acme.example,Zoe,Berg,Opportunity,Dana Reyes,03/04/2026\n\
                   kim@acme.example,Kim,Ode,Customer,Casey Park,04/05/2026\n";
        let path = artifacts_dir().join("top-import.csv");
        std::fs::write(&path, csv).unwrap();
        page.wait(sel::IMPORT_FILE).await?.send_keys(path.to_str().unwrap()).await.map_err(|e| e.to_string())?;
        page.wait_text("[data-testid='csv-mapping']", "2 rows").await?;
        let visible = page.js("const m = document.querySelector(\"[data-testid='csv-mapping']\"); return !!(m && m.offsetParent);").await?;
        if visible != serde_json::Value::Bool(true) {
            return Err("the mapping step is not on screen (the edit view did not open)".into());
        }
        if page.count(sel::IMPORT_PROBLEMS).await? > 0 {
            return Err(format!("the CSV was reported as a broken scenario: {}", page.text(sel::IMPORT_PROBLEMS).await?));
        }
        // The values step: owners with counts (Casey Park is no rep: made a new one), and the
        // date order, which these dates cannot tell (read day first).
        let values = page.wait_text("[data-testid='csv-values']", "Casey Park").await?;
        if !values.contains("Opportunity") || !values.contains("Dana Reyes") {
            return Err(format!("the values step does not list the file's values: {values}"));
        }
        // The import was drawn first; the editors below it, which waited while the file was
        // read and counted, come while the mapping waits for the person.
        for editor in ["persona-editor", "workflow-editor", "mass-editor", "calendar-editor"] {
            page.wait(&format!("[data-testid='{editor}']")).await?;
        }
        page.js("const s = [...document.querySelectorAll(\"[data-testid='csv-owner']\")].find(s => s.getAttribute('aria-label').includes('Casey')); s.value = 'new'; s.dispatchEvent(new Event('change', { bubbles: true })); return true;").await?;
        page.js("const s = document.querySelector(\"[data-testid='csv-date-order']\"); s.value = 'day'; s.dispatchEvent(new Event('change', { bubbles: true })); return true;").await?;
        page.wait_text("[data-testid='csv-values']", "Casey Park").await?;
        page.screenshot("").await;
        page.click("[data-testid='csv-confirm']").await?;
        let report = page.wait_text("[data-testid='csv-report']", "Imported 2 contacts").await?;
        if !report.contains("New reps: Casey Park") {
            return Err(format!("the owner chosen as a new rep is not one: {report}"));
        }
        page.wait_text(sel::SCENARIO_NAME, "top-import (eBook playbook)").await?;
        page.wait_text("[data-testid='scenario-facts']", "4 reps").await?;
        // Day first, 03/04/2026 is 3 April: day 32 of a plan starting 2 March.
        let mut applied = false;
        for _ in 0..50 {
            let found = page.js(&format!("return /\"arrives_day\":\\s*32/.test(localStorage.getItem('{KEY}') || '');")).await?;
            if found == serde_json::Value::Bool(true) {
                applied = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        if !applied {
            return Err("the day-first choice was not applied (Zoe should arrive on day 32, 3 April)".into());
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

/// Drops a CSV on the page as a file dragged from the desktop would arrive.
async fn drop_csv(page: &Page, name: &str, text: &str) -> Result<(), String> {
    let (name, text) = (serde_json::to_string(name).unwrap(), serde_json::to_string(text).unwrap());
    page.js(&format!(
        "const dt = new DataTransfer(); dt.items.add(new File([{text}], {name}, {{ type: 'text/csv' }})); \
         document.body.dispatchEvent(new DragEvent('drop', {{ dataTransfer: dt, bubbles: true, cancelable: true }})); return true;"
    ))
    .await
    .map(|_| ())
}

/// The new-scenario menu's "From a CRM export…" opens the contact import's file picker; a
/// CSV dropped on the page goes through both steps: columns, then values, personas by rule
/// and the sales work under way, with the counts per persona before importing; added to
/// this scenario. The same export dropped again finds the choices filled in.
#[tokio::test]
async fn a_dropped_csv_goes_through_both_steps_and_its_choices_are_kept_for_the_next_export() {
    let page = Page::open("csv-drop", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        // The menu entry clicks a CSV file input (a browser opens its picker).
        page.js("window.__picked = false; const click = HTMLInputElement.prototype.click; HTMLInputElement.prototype.click = function () { if (this.dataset.testid === 'new-from-crm-file') { window.__picked = true; return; } return click.call(this); }; return true;").await?;
        page.choose("[data-testid='new-scenario']", 0, "crm").await?;
        if page.js("return window.__picked;").await? != serde_json::Value::Bool(true) {
            return Err("\u{201c}From a CRM export…\u{201d} did not open the contact import's file picker".into());
        }
        let csv = "Email,First Name,Last Name,Job Title,Lifecycle Stage,Lead Status,Contact owner,HubSpot Score,Create Date\n\
                   vera@acme.example,Vera,Lund,VP Marketing,Opportunity,,Dana Reyes,90,2025-10-01\n\
                   ole@acme.example,Ole,Berg,Analyst,Lead,,,10,2025-10-01\n\
                   ida@acme.example,Ida,Holm,VP Sales,Marketing Qualified Lead,,,60,2026-03-10 09:30\n";
        drop_csv(&page, "dropped.csv", csv).await?;
        page.wait_text("[data-testid='csv-mapping']", "3 rows").await?;
        page.wait_text("[data-testid='csv-values']", "Opportunity").await?;
        // Personas by rule: a job title with "vp" is a ready buyer; the counts follow.
        page.click("[data-testid='csv-add-rule']").await?;
        page.wait("[data-testid='csv-rule']").await?;
        page.choose("[data-testid='csv-rule-column']", 0, "job_title").await?;
        page.choose("[data-testid='csv-rule-value']", 0, "vp").await?;
        page.choose("[data-testid='csv-rule-persona']", 0, "ready_buyer").await?;
        page.choose("[data-testid='csv-persona']", 0, "too_early").await?;
        page.wait_text("[data-testid='csv-persona-counts']", "Ready buyer: 2").await?;
        page.wait_text("[data-testid='csv-would-import']", "3 contacts would import").await?;
        page.choose("[data-testid='csv-in-progress-opportunity']", 0, "quiet").await?;
        page.choose("[data-testid='csv-destination']", 0, "add").await?;
        page.screenshot("-steps").await;
        page.click("[data-testid='csv-confirm']").await?;
        let report = page.wait_text("[data-testid='csv-report']", "Imported 3 contacts").await?;
        if !report.contains("Personas: Ready buyer 2, Too early in the buying process 1.") {
            return Err(format!("the report does not give the personas: {report}"));
        }
        // Added: the same scenario, with its own contacts and the three.
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.wait_stored_text(KEY, "\"persona_rules\"").await?;
        page.wait_stored_text(KEY, "\"quiet\"").await?;
        page.wait_stored_text(KEY, "vera@acme.example").await?;
        page.click(sel::TAB_RESULTS).await?;
        page.type_into("[data-testid='contact-search']", "Vera Lund").await?;
        page.click_text(sel::CONTACT_ROWS, "Vera Lund").await?;
        page.wait_text(sel::CALENDAR_ENTRIES, "In the CRM when the plan starts: Opportunity").await?;
        page.screenshot("-results").await;
        // The next export: the choices are filled in, the rule and its counts too.
        drop_csv(&page, "dropped.csv", csv).await?;
        page.wait("[data-testid='csv-reused']").await?;
        if page.count("[data-testid='csv-rule']").await? != 1 {
            return Err("the saved persona rule is not filled in".into());
        }
        page.wait_text("[data-testid='csv-persona-counts']", "Ready buyer: 2").await?;
        let quiet = page.js("return document.querySelector(\"[data-testid='csv-in-progress-opportunity']\").value;").await?;
        if quiet != "quiet" {
            return Err(format!("the saved choice for opportunities is not filled in: {quiet}"));
        }
        page.screenshot("-reused").await;
        Ok(())
    }
    .await;
    page.finish(result).await;
}

/// Contact rows never overlap or clip whatever the name's length, and two people with the
/// same name are told apart by their address.
#[tokio::test]
async fn contact_rows_hold_long_names_and_show_the_address() {
    let page = Page::open("contact-rows", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        page.type_into("[data-testid='contact-search']", "Jane Doe").await?;
        page.wait_text("[data-testid='contact-list']", "personal address").await?;
        let rows = page
            .js("return [...document.querySelectorAll(\"[data-testid='contact-row']\")].map(r => { const b = r.getBoundingClientRect(); return [r.textContent, b.top, b.bottom, r.scrollHeight <= r.clientHeight + 1]; });")
            .await?;
        let rows = rows.as_array().cloned().unwrap_or_default();
        if rows.len() != 2 {
            return Err(format!("two Jane Does expected: {rows:?}"));
        }
        for pair in rows.windows(2) {
            if pair[0][2].as_f64() > pair[1][1].as_f64() {
                return Err(format!("rows overlap: {pair:?}"));
            }
        }
        for row in &rows {
            if row[3] != serde_json::Value::Bool(true) {
                return Err(format!("a row's text is clipped: {row:?}"));
            }
        }
        let (a, b) = (rows[0][0].as_str().unwrap_or(""), rows[1][0].as_str().unwrap_or(""));
        if !a.contains("jane.doe@keystonehealth.example") || !b.contains("jane.doe@gmail.example") {
            return Err(format!("the rows do not show the addresses: {a} / {b}"));
        }
        Ok(())
    }
    .await;
    page.finish(result).await;
}

/// A HubSpot-style export of `rows` rows (about 130 bytes each), two of them broken.
fn hubspot_export(rows: usize) -> String {
    let stages = ["Subscriber", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity", "Customer"];
    let owners = ["", "Maya Chen", "Tom Reyes"];
    let sources = ["Organic Search", "Paid Search", "Offline Sources", "Email Marketing"];
    let mut text =
        String::from("Record ID,First Name,Last Name,Email,Company Name,Lifecycle Stage,Contact owner,HubSpot Score,Create Date,Original Source\r\n");
    for k in 0..rows {
        let email = match k {
            100 => "broken@@acme.example".to_string(),
            200 => String::new(),
            _ => format!("person.number{k}@company{}.example", k % 700),
        };
        text += &format!(
            "{},Person,Number{k},{email},\"Company {}, Inc.\",{},{},{},2026-{:02}-{:02} 10:24,{}\r\n",
            1000 + k,
            k % 700,
            stages[k % stages.len()],
            owners[k % owners.len()],
            k % 120,
            1 + k % 11,
            1 + k % 28,
            sources[k % sources.len()]
        );
    }
    text
}

/// The mapping step's words: the file, its values and what the import would make.
async fn mapping_words(page: &Page, rows: usize) -> Result<String, String> {
    page.wait_text("[data-testid='csv-mapping']", &format!("{rows} rows")).await?;
    page.wait_js(
        "const c = document.querySelector(\"[data-testid='csv-would-import']\"); return !!c && c.dataset.counted === 'true';",
        &serde_json::json!(true),
    )
    .await?;
    page.wait_text("[data-testid='csv-values']", "Maya Chen").await?;
    let words = page.js("return ['csv-values', 'csv-would-import', 'csv-persona-counts'].map(id => document.querySelector(`[data-testid='${id}']`).textContent).join('\\n');").await?;
    Ok(words.as_str().unwrap_or_default().to_string())
}

/// A large CRM export is read, listed, counted and imported by workers (the page stops for
/// none of it), with the same words as where the page reads it itself.
#[tokio::test]
async fn a_large_csv_is_read_counted_and_imported_by_workers_and_by_the_page_where_there_are_none() {
    let page = Page::open("large-csv-worker", "/").await;
    let result = async {
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        let rows = 3000;
        let csv = hubspot_export(rows);
        assert!(csv.len() > 250_000, "large enough for a worker: {} bytes", csv.len());
        let path = artifacts_dir().join("large-export.csv");
        std::fs::write(&path, &csv).unwrap();
        let path = path.to_str().unwrap().to_string();
        page.click(sel::TAB_EDIT).await?;
        // Without workers first: the page reads the file.
        page.js("window.__Worker = window.Worker; window.Worker = undefined; return true;").await?;
        page.wait("[data-testid='import-csv']").await?.send_keys(&path).await.map_err(|e| e.to_string())?;
        let on_page = mapping_words(&page, rows).await?;
        page.click_text("[data-testid='csv-mapping'] button", "Cancel").await?;
        page.js("window.Worker = window.__Worker; return true;").await?;
        page.js(COUNT_CRM_QUESTIONS).await?;
        page.js(WATCH_LONG_TASKS).await?;
        page.wait("[data-testid='import-csv']").await?.send_keys(&path).await.map_err(|e| e.to_string())?;
        let by_workers = mapping_words(&page, rows).await?;
        if by_workers != on_page {
            return Err(format!("the workers' mapping step differs from the page's:\n{by_workers}\n---\n{on_page}"));
        }
        // The sheet, the values and the counts each asked of a worker; a worker that had
        // answered is kept and asked the next question without the file.
        let (made, asked, sent) = crm_questions(&page).await?;
        if asked < 3 || sent >= asked || made > sent {
            return Err(format!("the file, its values and its counts should each be asked of a worker, some of a kept one: {made} started, {asked} asked, the file sent {sent} times"));
        }
        let would = page.text("[data-testid='csv-would-import']").await?;
        let n: usize = would.split(' ').next().and_then(|w| w.parse().ok()).ok_or(format!("no count in {would:?}"))?;
        // A changed choice is counted again by a worker.
        let before = page.text("[data-testid='csv-persona-counts']").await?;
        page.js("const s = document.querySelector(\"[data-testid='csv-persona']\"); s.value = s.options[1].value; s.dispatchEvent(new Event('change', { bubbles: true })); return true;").await?;
        let mut after = before.clone();
        for _ in 0..100 {
            after = page.text("[data-testid='csv-persona-counts']").await?;
            if after != before && !after.is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        if after == before || !after.contains(&n.to_string()) {
            return Err(format!("with every row given one persona, the counts should say all {n} have it: {after}"));
        }
        // The new count went to a kept worker: no new worker, no file sent again.
        let (made_after, asked_after, sent_after) = crm_questions(&page).await?;
        if asked_after <= asked || made_after != made || sent_after != sent {
            return Err(format!("a changed choice should be counted by a kept worker holding the file: before {made}/{asked}/{sent}, after {made_after}/{asked_after}/{sent_after} (started/asked/file sent)"));
        }
        page.click("[data-testid='csv-confirm']").await?;
        let report = page.wait_text("[data-testid='csv-report']", &format!("Imported {n} contacts")).await?;
        if !report.contains("A new scenario was made") || !report.contains("row 102") {
            return Err(format!("the report lacks the new scenario or the broken row: {report}"));
        }
        if crm_questions(&page).await?.1 <= asked_after {
            return Err("the import itself was not done by a worker".into());
        }
        page.wait_text(sel::SCENARIO_NAME, "large-export (eBook playbook)").await?;
        page.click(sel::TAB_RESULTS).await?;
        wait_for_contacts(&page, n as u32).await?;
        eprintln!("large CSV ({} bytes, {rows} rows): longest task {:.0} ms from the pick to the results", csv.len(), longest_task_ms(&page).await);
        Ok(())
    }
    .await;
    page.finish(result).await;
}
