//! User preferences kept in the app's data folder: language, theme, recent files.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 10;

/// Light, dark, or follow the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Theme {
    /// Follow the system setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// The user's preferences.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Prefs {
    /// "zh-CN" or "en"; None follows the system language.
    pub locale: Option<String>,
    /// Theme choice.
    pub theme: Theme,
    /// Recently opened or saved plan files, newest first.
    pub recent: Vec<String>,
}

/// A change to the preferences (fields left out stay as they are).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PrefsPatch {
    /// New language ("zh-CN" or "en").
    #[ts(optional)]
    pub locale: Option<String>,
    /// New theme.
    #[ts(optional)]
    pub theme: Option<Theme>,
}

impl Prefs {
    /// Reads prefs from `file`; a missing or damaged file gives the defaults.
    pub fn load(file: &Path) -> Prefs {
        std::fs::read(file)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes prefs to `file` (best effort: prefs are not worth failing a command for).
    pub fn store(&self, file: &Path) {
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let tmp = file.with_extension("json.tmp");
        if std::fs::write(&tmp, serde_json::to_vec_pretty(self).unwrap_or_default()).is_ok() {
            let _ = std::fs::rename(&tmp, file);
        }
    }

    /// Applies a patch; refuses an unknown locale.
    pub fn apply(&mut self, patch: PrefsPatch) -> crate::Result<()> {
        if let Some(locale) = patch.locale {
            if locale != "zh-CN" && locale != "en" {
                return Err(crate::Error::invalid(format!(
                    "locale: \"{}\" must be zh-CN or en",
                    crate::money::clip(&locale)
                )));
            }
            self.locale = Some(locale);
        }
        if let Some(theme) = patch.theme {
            self.theme = theme;
        }
        Ok(())
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let p = path.display().to_string();
        self.recent.retain(|r| r != &p);
        self.recent.insert(0, p);
        self.recent.truncate(MAX_RECENT);
    }

    /// Drops `path` from the recent list (it could not be opened).
    pub fn forget(&mut self, path: &Path) {
        let p = path.display().to_string();
        self.recent.retain(|r| r != &p);
    }

    /// Recent files as paths.
    pub fn recent_paths(&self) -> Vec<PathBuf> {
        self.recent.iter().map(PathBuf::from).collect()
    }
}
