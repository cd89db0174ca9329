//! The language switch: zh-CN ⇄ en, every rail label translated, every page in both.

use crate::harness::{App, TestCtx};

const NAV: [&str; 9] = [
    "overview",
    "header",
    "targets",
    "support",
    "strategies",
    "actions",
    "resources",
    "talent",
    "execution",
];

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Rail labels of every step, in order.
async fn rail_labels(app: &App) -> Vec<String> {
    let mut labels = Vec::new();
    for step in NAV {
        labels.push(app.text(&format!("nav-{step}")).await.trim().to_string());
    }
    labels
}

/// Visits overview, header, targets and one step that is not available yet, with screenshots.
async fn tour(app: &App, locale: &str) {
    for page in ["overview", "header", "targets"] {
        app.nav(page).await;
        app.shot(&format!("{locale}-{page}")).await;
    }
    app.click("nav-strategies").await;
    let note = app.wait_for("step-unavailable").await;
    let text = app.inner_text(&note).await.unwrap_or_default();
    assert!(!text.trim().is_empty(), "{locale}: step-unavailable says nothing");
    if locale == "zh-CN" {
        assert!(has_cjk(&text), "zh-CN: step-unavailable is not in Chinese: {text:?}");
    } else {
        assert!(!has_cjk(&text), "en: step-unavailable is not in English: {text:?}");
    }
    app.shot(&format!("{locale}-strategies-unavailable")).await;
}

fn other(locale: &str) -> &'static str {
    if locale == "zh-CN" {
        "en"
    } else {
        "zh-CN"
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switch_language() {
    let ctx = TestCtx::new("switch_language").await;
    let launch = ctx.launch();
    let app = ctx.start(&launch).await;
    let first = app.attr("app", "data-locale").await.unwrap_or_default();
    assert!(
        first == "zh-CN" || first == "en",
        "data-locale is {first:?}, want zh-CN or en"
    );

    let mut labels = std::collections::HashMap::new();
    let mut locale = first.clone();
    for _ in 0..2 {
        let rail = rail_labels(&app).await;
        let targets = &rail[2];
        if locale == "zh-CN" {
            assert!(
                targets.contains("目标"),
                "zh-CN: nav-targets reads {targets:?}, want 目标"
            );
            for (step, label) in NAV.iter().zip(&rail) {
                assert!(has_cjk(label), "zh-CN: nav-{step} is not translated: {label:?}");
            }
        } else {
            assert!(
                targets.to_lowercase().contains("targets"),
                "en: nav-targets reads {targets:?}, want Targets"
            );
            for (step, label) in NAV.iter().zip(&rail) {
                assert!(!has_cjk(label), "en: nav-{step} is still Chinese: {label:?}");
            }
        }
        tour(&app, &locale).await;
        labels.insert(locale.clone(), rail);

        app.click("lang-switch").await;
        let next = other(&locale);
        app.wait_attr("app", "data-locale", &format!("becomes {next}"), |v| v == next)
            .await;
        locale = next.to_string();
    }
    assert_eq!(locale, first, "two switches should return to the first language");
    for (i, step) in NAV.iter().enumerate() {
        assert_ne!(
            labels["zh-CN"][i], labels["en"][i],
            "nav-{step} reads the same in both languages"
        );
    }

    // The choice is a preference: switch once more and restart on the same data folder.
    app.click("lang-switch").await;
    let chosen = other(&first);
    app.wait_attr("app", "data-locale", &format!("becomes {chosen}"), |v| v == chosen)
        .await;
    app.stop().await;
    let app = ctx.start(&launch).await;
    app.shot("after-restart").await;
    let after = app.attr("app", "data-locale").await.unwrap_or_default();
    assert_eq!(after, chosen, "the language choice did not survive a restart");
    app.stop().await;
}
