//! Reading and driving the section-1 sub-steps (split, phasing, funnel, cash-in) in the window.

use crate::harness::{number_in, tid, App, K};
use fantoccini::elements::Element;
use fantoccini::Locator;
use rust_decimal::Decimal;

/// Opens a sub-step of the targets step by its tab.
pub async fn open_tab(app: &App, tab: &str) {
    app.click(&format!("targets-tab-{tab}")).await;
    app.wait_for(&format!("targets-panel-{tab}")).await;
}

/// The first element matching `css` inside `scope`, or a failure with a screenshot.
pub async fn inside(app: &App, scope: &Element, css: &str) -> Element {
    match scope.find(Locator::Css(css)).await {
        Ok(el) => el,
        Err(e) => app.fail(format!("{css} not found: {e}")).await,
    }
}

/// Every element matching `css` inside `scope`.
pub async fn all_inside(scope: &Element, css: &str) -> Vec<Element> {
    scope.find_all(Locator::Css(css)).await.unwrap_or_default()
}

/// The visible text of the element `css` (polled until present).
pub async fn text_of(app: &App, css: &str) -> String {
    let el = app.wait_for_css(css).await;
    app.inner_text(&el).await.unwrap_or_default()
}

/// The number a cell shows ("¥5,625,000.00" → 5625000), exactly.
pub async fn shown_number(app: &App, css: &str) -> Decimal {
    let text = text_of(app, css).await;
    match number_in(&text) {
        Some(n) => n,
        None => app.fail(format!("{css} shows {text:?}, not a number")).await,
    }
}

/// An attribute of the element `css` (polled until present).
pub async fn attr_of(app: &App, css: &str, name: &str) -> String {
    let el = app.wait_for_css(css).await;
    el.attr(name).await.ok().flatten().unwrap_or_default()
}

/// Waits until the text of `css` parses to `want`.
pub async fn wait_number(app: &App, css: &str, want: Decimal) {
    let what = format!("{css} to show {want}");
    app.wait_until(&what, crate::harness::UI_TIMEOUT, || async move {
        let el = app.client().find(Locator::Css(css)).await.ok()?;
        let text = app.inner_text(&el).await?;
        (number_in(&text) == Some(want)).then_some(())
    })
    .await;
}

/// The data-focus key of the focused element.
pub async fn focused_key(app: &App) -> String {
    let v = app
        .js("return document.activeElement && document.activeElement.getAttribute('data-focus');")
        .await
        .ok();
    v.and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// Types into the focused input the way a user does (select all, type, Enter).
pub async fn type_into_focused(app: &App, value: &str) {
    let el = match app.client().active_element().await {
        Ok(el) => el,
        Err(e) => app.fail(format!("no focused element: {e}")).await,
    };
    app.type_into(&el, value).await;
}

/// Types `value` into an input and presses Escape before the edit is sent.
pub async fn type_then_escape(app: &App, el: &Element, value: &str) {
    let ctrl = char::from(K::Control);
    let keys = format!("{ctrl}a{ctrl}{value}{}", char::from(K::Escape));
    if let Err(e) = el.send_keys(&keys).await {
        app.fail(format!("typing {value:?} then Escape failed: {e}")).await;
    }
}

/// Chooses an option of a `<select>` by value, as picking it from the list does (`change`).
/// (Clicking an `<option>` through WebKitWebDriver opens the GTK popup, which then hands the
/// keyboard focus back late and swallows the next keystrokes.)
pub async fn choose(app: &App, select: &Element, value: &str) {
    let Ok(arg) = serde_json::to_value(select) else {
        app.fail("cannot pass the select to a script".into()).await
    };
    let js = "const s = arguments[0]; s.focus(); s.value = arguments[1]; \
              s.dispatchEvent(new Event('change', { bubbles: true }));";
    if let Err(e) = app.client().execute(js, vec![arg, value.into()]).await {
        app.fail(format!("choosing {value:?} failed: {e}")).await;
    }
}

/// Scrolls an element to the middle of the window (for a screenshot).
pub async fn scroll_to(app: &App, el: &Element) {
    if let Ok(arg) = serde_json::to_value(el) {
        let js = "arguments[0].scrollIntoView({block: 'center'});";
        let _ = app.client().execute(js, vec![arg]).await;
    }
}

/// The CSS selector of a split card by its id.
pub fn split_card(id: &str) -> String {
    format!("{}[data-split-id=\"{id}\"]", tid("split-card"))
}

/// The CSS selector of a cell in a split row.
pub fn split_cell(split: &str, member: &str, cell: &str) -> String {
    format!(
        "{} {}[data-member-id=\"{member}\"] {}",
        split_card(split),
        tid("split-row"),
        tid(cell)
    )
}

/// Clicks an element after scrolling it to the middle of the window, clear of the sticky
/// sub-step bar (WebDriver would scroll it just into view, under the bar).
pub async fn click_centered(app: &App, el: &Element, what: &str) {
    scroll_to(app, el).await;
    app.click_el(el, what).await;
}

/// Scrolls an element's top just below the sticky sub-step bar (for a screenshot of a card).
pub async fn scroll_start(app: &App, el: &Element) {
    if let Ok(arg) = serde_json::to_value(el) {
        let js = "arguments[0].scrollIntoView({block: 'start'}); \
                  document.getElementById('canvas').scrollBy(0, -96);";
        let _ = app.client().execute(js, vec![arg]).await;
    }
}

/// Pastes text into an input as a paste from Excel/WPS does (a `paste` event with text/plain).
pub async fn paste_text(app: &App, el: &Element, text: &str) {
    let Ok(arg) = serde_json::to_value(el) else {
        app.fail("cannot pass the input to a script".into()).await
    };
    let js = "const el = arguments[0]; el.focus(); const dt = new DataTransfer(); \
              dt.setData('text/plain', arguments[1]); \
              el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));";
    if let Err(e) = app.client().execute(js, vec![arg, text.into()]).await {
        app.fail(format!("pasting {text:?} failed: {e}")).await;
    }
}
