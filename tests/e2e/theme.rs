//! The theme switch: data-theme changes, the colours follow, the choice is remembered.

use crate::harness::{App, TestCtx};

/// Background colour actually painted behind the app (first non-transparent one upwards).
async fn background(app: &App) -> String {
    let script = r#"
        let el = document.querySelector('[data-testid="app"]');
        while (el) {
            const bg = getComputedStyle(el).backgroundColor;
            if (bg && bg !== 'transparent' && bg !== 'rgba(0, 0, 0, 0)') return bg;
            el = el.parentElement;
        }
        return getComputedStyle(document.body).backgroundColor;
    "#;
    app.js(script)
        .await
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Rough brightness 0–255 of "rgb(r, g, b)" / "rgba(r, g, b, a)".
fn brightness(css: &str) -> Option<f64> {
    let inner = css.split_once('(')?.1.trim_end_matches(')');
    let parts: Vec<f64> = inner
        .split([',', ' ', '/'])
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| s.trim().parse().ok())
        .collect::<Option<_>>()?;
    (parts.len() == 3).then(|| 0.299 * parts[0] + 0.587 * parts[1] + 0.114 * parts[2])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn theme() {
    let ctx = TestCtx::new("theme").await;
    let launch = ctx.launch();
    let app = ctx.start(&launch).await;
    let mut theme = app.attr("app", "data-theme").await.unwrap_or_default();
    assert!(!theme.is_empty(), "the app root has no data-theme");
    app.shot(&format!("theme-{theme}")).await;
    let mut seen = vec![(theme.clone(), background(&app).await)];

    // Click through the choices (system / light / dark) until we have seen dark and light.
    for _ in 0..4 {
        if seen.iter().any(|(t, _)| t == "dark") && seen.iter().any(|(t, _)| t == "light") {
            break;
        }
        app.click("theme-switch").await;
        let prev = theme.clone();
        theme = app
            .wait_attr("app", "data-theme", &format!("changes from {prev}"), |v| v != prev)
            .await;
        app.shot(&format!("theme-{theme}")).await;
        seen.push((theme.clone(), background(&app).await));
    }
    eprintln!("themes seen (data-theme, background): {seen:?}");
    let dark = seen
        .iter()
        .find(|(t, _)| t == "dark")
        .unwrap_or_else(|| panic!("theme-switch never gave data-theme=dark: {seen:?}"));
    let light = seen
        .iter()
        .find(|(t, _)| t == "light")
        .unwrap_or_else(|| panic!("theme-switch never gave data-theme=light: {seen:?}"));
    let (bd, bl) = (brightness(&dark.1), brightness(&light.1));
    assert!(
        matches!((bd, bl), (Some(d), Some(l)) if d + 60.0 < l),
        "dark background {:?} is not clearly darker than light background {:?}",
        dark.1,
        light.1
    );

    // Leave it on dark, visit a few pages for the pictures, and check the choice survives a restart.
    for _ in 0..4 {
        if app.attr("app", "data-theme").await.as_deref() == Some("dark") {
            break;
        }
        let prev = app.attr("app", "data-theme").await.unwrap_or_default();
        app.click("theme-switch").await;
        app.wait_attr("app", "data-theme", "changes", |v| v != prev).await;
    }
    assert_eq!(
        app.attr("app", "data-theme").await.as_deref(),
        Some("dark"),
        "cannot get back to dark"
    );
    for page in ["overview", "header", "targets"] {
        app.nav(page).await;
        app.shot(&format!("dark-{page}")).await;
    }
    app.stop().await;
    let app = ctx.start(&launch).await;
    app.shot("after-restart").await;
    assert_eq!(
        app.attr("app", "data-theme").await.as_deref(),
        Some("dark"),
        "the dark theme was not remembered"
    );
    app.stop().await;
}
