//! Clicking, typing, shortcuts and scripted steps in the running app.

use super::*;
use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::Locator;

impl App {
    /// Clicks the element with this `data-testid` (waits for it).
    pub async fn click(&self, id: &str) {
        let el = self.wait_for(id).await;
        self.click_el(&el, id).await;
    }

    /// Clicks an element, failing with a screenshot.
    pub async fn click_el(&self, el: &Element, what: &str) {
        if let Err(e) = el.click().await {
            self.fail(format!("click on {what} failed: {e}")).await;
        }
    }

    /// Goes to a page through its rail link and waits for the page.
    pub async fn nav(&self, page: &str) {
        self.click(&format!("nav-{page}")).await;
        self.wait_for(&format!("page-{page}")).await;
    }

    /// Replaces the text of an input the way a user does: select all, type, press Enter.
    /// (WebDriver's Clear would commit an empty value on blur: an extra, unwanted edit.)
    pub async fn type_into(&self, el: &Element, value: &str) {
        // Ctrl down, a, Ctrl up. WebKitWebDriver ignores the Null key that should release
        // modifiers, so a modifier is released by sending it a second time (it toggles).
        let ctrl = char::from(K::Control);
        let keys = format!("{ctrl}a{ctrl}{value}");
        if let Err(e) = el.send_keys(&keys).await {
            self.fail(format!("typing {value:?} failed: {e}")).await;
        }
        let typed = Self::value_of(el).await;
        if typed != value {
            self.fail(format!("typed {value:?} but the input holds {typed:?}"))
                .await;
        }
        if let Err(e) = el.send_keys(&char::from(K::Enter).to_string()).await {
            self.fail(format!("Enter after {value:?} failed: {e}")).await;
        }
    }

    /// `type_into` on the input with this `data-testid`.
    pub async fn set_input(&self, id: &str, value: &str) {
        let el = self.wait_for(id).await;
        self.type_into(&el, value).await;
    }

    /// Clicks the theme switch (system → light → dark …) until the app is dark; fails if it
    /// never gets there.
    pub async fn switch_to_dark(&self) {
        for _ in 0..4 {
            if self.attr("app", "data-theme").await.as_deref() == Some("dark") {
                return;
            }
            self.click("theme-switch").await;
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        if self.attr("app", "data-theme").await.as_deref() != Some("dark") {
            self.fail("the theme switch never made the app dark".into()).await;
        }
    }

    /// Moves focus off any input (so a shortcut goes to the app, not to a text field's own undo).
    pub async fn blur(&self) {
        let _ = self
            .client()
            .execute("if (document.activeElement) document.activeElement.blur();", vec![])
            .await;
    }

    /// Presses a keyboard shortcut on the page body: `modifiers` then `key`.
    pub async fn shortcut(&self, modifiers: &[K], key: &str) {
        self.blur().await;
        // Modifiers toggle: press them, the key, then each modifier again to release it
        // (WebKitWebDriver ignores the Null key).
        let mut keys: String = modifiers.iter().map(|&m| char::from(m)).collect();
        keys.push_str(key);
        keys.extend(modifiers.iter().rev().map(|&m| char::from(m)));
        let body = match self.client().find(Locator::Css("body")).await {
            Ok(b) => b,
            Err(e) => self.fail(format!("no body: {e}")).await,
        };
        if let Err(e) = body.send_keys(&keys).await {
            self.fail(format!("shortcut {modifiers:?}+{key} failed: {e}")).await;
        }
    }

    /// Runs a script in the page.
    pub async fn js(&self, script: &str) -> Result<serde_json::Value, CmdError> {
        self.client().execute(script, vec![]).await
    }

    /// Creates a new plan from the Q4 template (btn-new → new-template). If the app asks
    /// about unsaved changes first, discards them (the caller's plan was a throwaway).
    ///
    /// The chooser closes before the new plan arrives; the app then shows the overview. So we
    /// leave the overview first and wait for it to come back: only then is the new plan in place.
    pub async fn new_from_template(&self) {
        self.nav("header").await;
        self.click("btn-new").await;
        let which = self
            .wait_until("new-plan-dialog or unsaved-dialog", UI_TIMEOUT, || async move {
                if self.exists("new-plan-dialog").await {
                    Some("new")
                } else if self.exists("unsaved-dialog").await {
                    Some("unsaved")
                } else {
                    None
                }
            })
            .await;
        if which == "unsaved" {
            eprintln!("note: btn-new asked about unsaved changes; discarding");
            self.click("unsaved-discard").await;
        }
        self.wait_dialog("new-plan-dialog").await;
        self.shot("new-plan-dialog").await;
        self.click("new-template").await;
        self.wait_gone("new-plan-dialog").await;
        self.wait_for("page-overview").await;
        self.wait_text("plan-title", "to be the template title", |t| !t.trim().is_empty())
            .await;
    }

    /// A new blank plan through the New dialog, from a plan made from the template; returns
    /// once the blank plan has arrived (the template's title is gone), so the app's own move to
    /// the Setup page cannot overtake the test's next navigation.
    pub async fn new_blank_plan(&self) {
        self.nav("header").await;
        self.click("btn-new").await;
        self.wait_dialog("new-plan-dialog").await;
        self.click("new-blank").await;
        self.wait_gone("new-plan-dialog").await;
        self.wait_text("plan-title", "to leave the template", |t| {
            !crate::goals::TEMPLATE_TITLES.iter().any(|x| t.contains(x))
        })
        .await;
    }

    /// A new plan from the template with its title edited to `title`: unsaved work, marked dirty.
    pub async fn template_with_edited_title(&self, title: &str) {
        self.new_from_template().await;
        self.nav("header").await;
        self.set_input("header-title", title).await;
        self.wait_text("plan-title", "shows the edit", |t| t.contains(title))
            .await;
        self.wait_for("dirty-indicator").await;
        self.shot("edited").await;
    }
}
