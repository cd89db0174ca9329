//! The native menu (File, Edit, View) in the UI language. Items emit a "menu" event with
//! their id; the UI runs the same action as its buttons and shortcuts.

use crate::state::AppState;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Runtime};

/// Builds the menu for the current locale and recent files, and sets it on the app.
pub fn install(app: &AppHandle, state: &AppState) -> tauri::Result<()> {
    let zh = state.locale() == "zh-CN";
    let recent = state.prefs.lock().unwrap().recent.clone();
    let menu = build(app, zh, &recent)?;
    app.set_menu(menu)?;
    Ok(())
}

fn build<R: Runtime>(app: &AppHandle<R>, zh: bool, recent: &[String]) -> tauri::Result<Menu<R>> {
    let l = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
    let item = |id: &str, label: &str, accel: Option<&str>| MenuItem::with_id(app, id, label, true, accel);
    let sep = || PredefinedMenuItem::separator(app);

    let recent_menu = Submenu::with_id(app, "recent", l("最近打开", "Open Recent"), !recent.is_empty())?;
    for path in recent {
        recent_menu.append(&MenuItem::with_id(
            app,
            format!("open_recent:{path}"),
            path,
            true,
            None::<&str>,
        )?)?;
    }
    let file = Submenu::with_items(
        app,
        l("文件", "File"),
        true,
        &[
            &item("new", l("新建计划…", "New Plan…"), Some("CmdOrCtrl+N"))?,
            &item("open", l("打开…", "Open…"), Some("CmdOrCtrl+O"))?,
            &recent_menu,
            &sep()?,
            &item("save", l("保存", "Save"), Some("CmdOrCtrl+S"))?,
            &item("save_as", l("另存为…", "Save As…"), Some("CmdOrCtrl+Shift+S"))?,
            &sep()?,
            &item("quit", l("退出", "Quit"), Some("CmdOrCtrl+Q"))?,
        ],
    )?;
    let edit = Submenu::with_items(
        app,
        l("编辑", "Edit"),
        true,
        &[
            &item("undo", l("撤销", "Undo"), Some("CmdOrCtrl+Z"))?,
            &item("redo", l("重做", "Redo"), Some("CmdOrCtrl+Shift+Z"))?,
        ],
    )?;
    let view = Submenu::with_items(
        app,
        l("视图", "View"),
        true,
        &[
            &item("lang:zh-CN", "中文", None)?,
            &item("lang:en", "English", None)?,
            &sep()?,
            &item("theme:system", l("跟随系统主题", "System Theme"), None)?,
            &item("theme:light", l("浅色", "Light"), None)?,
            &item("theme:dark", l("深色", "Dark"), None)?,
        ],
    )?;
    Menu::with_items(app, &[&file, &edit, &view])
}

/// Forwards a menu click to the UI as a "menu" event carrying the item id.
pub fn on_event(app: &AppHandle, event: MenuEvent) {
    let _ = app.emit("menu", event.id().0.as_str());
}
