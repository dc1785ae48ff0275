//! The app's commands as the UI sends them: a name and its JSON arguments,
//! through `commands::surface::dispatch_by_name`, as the desktop shell does.

use respijt::commands::surface::dispatch_by_name;
use respijt::commands::App;
use respijt::ApiError;
use serde_json::Value;

pub fn call(app: &mut App, name: &str, args: Value) -> Result<Value, ApiError> {
    dispatch_by_name(app, super::now(), name, args).map_err(ApiError::from)
}

pub fn ok(app: &mut App, name: &str, args: Value) -> Value {
    call(app, name, args).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}
