//! Finding, reading and waiting for elements of the running app.

use super::*;
use fantoccini::elements::Element;
use fantoccini::Locator;
use std::future::Future;
use std::time::{Duration, Instant};

impl App {
    /// The first element with this `data-testid`, if present now.
    pub async fn try_find(&self, id: &str) -> Option<Element> {
        self.client()
            .find_all(Locator::Css(&tid(id)))
            .await
            .ok()
            .and_then(|v| v.into_iter().next())
    }

    /// Whether an element with this `data-testid` is present now.
    pub async fn exists(&self, id: &str) -> bool {
        self.try_find(id).await.is_some()
    }

    /// All elements matching a CSS selector.
    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client().find_all(Locator::Css(css)).await.unwrap_or_default()
    }

    /// The attribute `attr` of every element with this `data-testid`, in page order (empty
    /// text for an element without it).
    pub async fn attrs_of(&self, id: &str, attr: &str) -> Vec<String> {
        let mut out = vec![];
        for el in self.all(&crate::harness::tid(id)).await {
            out.push(el.attr(attr).await.ok().flatten().unwrap_or_default());
        }
        out
    }

    /// Polls `probe` until it yields `Some`, or fails (with a screenshot) after `timeout`.
    pub async fn wait_until<T, F, Fut>(&self, what: &str, timeout: Duration, mut probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(v) = probe().await {
                return v;
            }
            if Instant::now() > deadline {
                self.fail(format!("timed out after {timeout:?} waiting for: {what}"))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for an element with this `data-testid`.
    pub async fn wait_for(&self, id: &str) -> Element {
        self.wait_for_timeout(id, UI_TIMEOUT).await
    }

    pub(crate) async fn wait_for_timeout(&self, id: &str, timeout: Duration) -> Element {
        self.wait_until(&format!("element [data-testid={id}]"), timeout, || self.try_find(id))
            .await
    }

    /// Waits for a modal `<dialog>` with this `data-testid` to be shown (`open`), so that a
    /// screenshot shows it: the element exists a moment before `showModal()` runs.
    pub async fn wait_dialog(&self, id: &str) -> Element {
        self.wait_until(
            &format!("dialog [data-testid={id}] to open"),
            UI_TIMEOUT,
            || async move {
                let el = self.try_find(id).await?;
                let open = el.prop("open").await.ok().flatten();
                (open.as_deref() == Some("true")).then_some(el)
            },
        )
        .await
    }

    /// Waits for a CSS selector.
    pub async fn wait_for_css(&self, css: &str) -> Element {
        let client = self.client();
        self.wait_until(&format!("element {css}"), UI_TIMEOUT, || async move {
            client
                .find_all(Locator::Css(css))
                .await
                .ok()
                .and_then(|v| v.into_iter().next())
        })
        .await
    }

    /// Waits until no element has this `data-testid`.
    pub async fn wait_gone(&self, id: &str) {
        self.wait_until(&format!("[data-testid={id}] to disappear"), UI_TIMEOUT, || async move {
            (!self.exists(id).await).then_some(())
        })
        .await
    }

    /// The rendered text of an element (`innerText`).
    ///
    /// Not WebDriver's Get Element Text: WebKitWebDriver's visibility atom calls visible
    /// elements hidden when they sit in an `overflow: hidden` + ellipsis box (the plan title,
    /// the rail labels) and returns "" for them.
    pub async fn inner_text(&self, el: &Element) -> Option<String> {
        let arg = serde_json::to_value(el).ok()?;
        let v = self
            .client()
            .execute("return arguments[0].innerText;", vec![arg])
            .await
            .ok()?;
        v.as_str().map(String::from)
    }

    /// Visible text of the element with this `data-testid` (waits for it).
    pub async fn text(&self, id: &str) -> String {
        let el = self.wait_for(id).await;
        match self.inner_text(&el).await {
            Some(t) => t,
            None => self.fail(format!("cannot read the text of {id}")).await,
        }
    }

    /// Visible text of the element with this `data-testid`, if it is present now.
    pub async fn try_text(&self, id: &str) -> Option<String> {
        let el = self.try_find(id).await?;
        self.inner_text(&el).await
    }

    /// An attribute of the element with this `data-testid` (waits for it).
    pub async fn attr(&self, id: &str, name: &str) -> Option<String> {
        let el = self.wait_for(id).await;
        el.attr(name)
            .await
            .unwrap_or_else(|e| panic!("attribute {name} of {id}: {e}"))
    }

    /// The current `value` of an input.
    pub async fn value_of(el: &Element) -> String {
        el.prop("value").await.ok().flatten().unwrap_or_default()
    }

    /// The current `value` of the input with this `data-testid`.
    pub async fn value(&self, id: &str) -> String {
        Self::value_of(&self.wait_for(id).await).await
    }

    /// Waits until the text of `id` satisfies `pred`; returns it.
    pub async fn wait_text(&self, id: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let pred = &pred;
        self.wait_until(&format!("text of {id} {what}"), UI_TIMEOUT, || async move {
            let el = self.try_find(id).await?;
            let t = self.inner_text(&el).await?;
            pred(&t).then_some(t)
        })
        .await
    }

    /// Waits until attribute `name` of `id` satisfies `pred`; returns it.
    pub async fn wait_attr(&self, id: &str, name: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let pred = &pred;
        self.wait_until(&format!("attribute {name} of {id} {what}"), UI_TIMEOUT, || async move {
            let el = self.try_find(id).await?;
            let v = el.attr(name).await.ok()??;
            pred(&v).then_some(v)
        })
        .await
    }

    // ----- acting --------------------------------------------------------------------------
}
