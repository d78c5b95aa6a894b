//! Accessibility checked by a tool: axe-core (installed by scripts/setup.sh into .tools/)
//! is injected into the app and must find no violation in any view, the edit panels, or an
//! open calendar card.

mod support;

use std::path::Path;

use support::{sel, Page};

/// axe-core's script, as the setup script installed it.
fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("axe-core is not installed at {} ({e}); run scripts/setup.sh browser", path.display()))
}

/// Runs axe-core on the page as it is and returns each violation in a line: rule, impact,
/// what it asks, and the first elements it found.
async fn violations(page: &Page, axe: &str) -> Result<Vec<String>, String> {
    page.js(&format!("if (!window.axe) {{ {axe} }} return true;")).await?;
    let found = page
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
                .then(r => done(r.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s), e.g. ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)))
                .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .map_err(|e| format!("axe-core did not run: {e}"))?;
    Ok(found.as_array().cloned().unwrap_or_default().iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
}

#[tokio::test]
async fn every_view_has_no_accessibility_violation() {
    let axe = axe_source();
    let page = Page::open("accessibility", "/").await;
    let result = async {
        page.projector().await?;
        page.wait_text(sel::SCENARIO_NAME, "eBook playbook").await?;
        let mut all = Vec::new();
        // A pinned baseline and an edit, so the change badges are checked too.
        page.click("[data-testid='pin-baseline']").await?;
        page.wait_text("[data-testid='reference']", "against the baseline").await?;
        let views = [
            ("results", sel::TAB_RESULTS),
            ("edit", sel::TAB_EDIT),
            ("notices", sel::TAB_NOTICES),
            ("what-if", "[data-testid='tab-what-if']"),
            ("agreement", sel::TAB_AGREEMENT),
        ];
        for (name, tab) in views {
            page.click(tab).await?;
            if name == "results" {
                page.click("[data-testid='calendar'] [data-order='0']").await?;
                page.wait("[data-testid='mark-card']").await?;
            }
            if name == "edit" {
                page.type_into("[data-testid='handoff-score']", "70").await?;
                page.wait("[data-testid='live-strip'] [data-testid='delta']").await?;
            }
            if name == "what-if" {
                page.click("[data-testid='sweep-run']").await?;
                page.wait("[data-testid='sweep-chart']").await?;
            }
            for v in violations(&page, &axe).await? {
                all.push(format!("{name}: {v}"));
            }
        }
        if all.is_empty() {
            Ok(())
        } else {
            Err(format!("axe-core found {} violation(s):\n{}", all.len(), all.join("\n")))
        }
    }
    .await;
    page.finish(result).await;
}
