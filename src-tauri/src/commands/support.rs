//! Section 2's customer table: a page of the scored customers, sorted, filtered and searched
//! by the core, so the full list (up to a customer per order) never crosses IPC.

use super::{blocking, capped, CmdResult};
use crate::state::AppState;
use salesplan_core::engine::support::customer_page::{
    page_of, CustomerPage, CustomerQuery, MAX_PAGE, MAX_SEARCH_CHARS,
};
use salesplan_core::engine::support::customers::analysis;
use salesplan_core::{Error, ErrorCode};
use std::sync::Arc;
use tauri::State;

/// One page of the open plan's scored customers; an empty page before orders are imported.
#[tauri::command]
pub async fn customers_page(state: State<'_, Arc<AppState>>, query: CustomerQuery) -> CmdResult<CustomerPage> {
    blocking(&state, move |s| {
        capped(&query.search, "customer search", MAX_SEARCH_CHARS * 4)?;
        if query.limit > MAX_PAGE {
            let message = format!("page size: more than {MAX_PAGE} customers");
            return Err(Error::plain(ErrorCode::InvalidArgument, message));
        }
        // The remembered analysis (the report made it); the page is cut without the lock.
        let analysis = analysis(s.doc.lock().unwrap().plan());
        Ok(match analysis {
            Some(analysis) => page_of(&analysis, &query),
            None => CustomerPage {
                total: 0,
                offset: query.offset,
                customers: vec![],
            },
        })
    })
    .await
}
