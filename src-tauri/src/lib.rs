//! The desktop shell: holds the app's state and hands every call of the UI
//! to the core's one command list (`respijt::commands::surface`). No
//! business rules and no per-command code live here.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use respijt::commands::{surface, App};
use respijt::{store, ApiError, Error};
use tauri::ipc::{Invoke, InvokeBody};
use tauri::Manager;
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// The shell is an edge: the one place that reads the clock and hands it to the core.
#[allow(clippy::disallowed_methods)]
fn now() -> DateTime<Utc> {
    Utc::now()
}

/// `RESPIJT_DB`: the store the app uses when it is set (the e2e tests set it).
#[allow(clippy::disallowed_methods)]
fn env_db() -> Option<std::ffi::OsString> {
    std::env::var_os(store::DB_ENV)
}

/// The app's state behind one lock: one command at a time reaches the store.
struct Shell(Arc<Mutex<App>>);

/// Every `invoke` of the UI: the command's name and its JSON arguments go
/// to the core on a worker thread, so a long import never freezes the window.
fn handle(invoke: Invoke) -> bool {
    let Invoke { message, resolver, .. } = invoke;
    let name = message.command().to_string();
    let payload = match message.payload() {
        InvokeBody::Json(value) => value.clone(),
        InvokeBody::Raw(_) => serde_json::Value::Null,
    };
    let app = message.webview().state::<Shell>().0.clone();
    resolver.respond_async(async move {
        let answer = tauri::async_runtime::spawn_blocking(move || {
            let mut app = app
                .lock()
                .map_err(|_| Error::Invalid("De opslag is niet beschikbaar; start de app opnieuw.".into()))?;
            surface::dispatch_by_name(&mut app, now(), &name, payload)
        })
        .await
        .unwrap_or_else(|_| Err(Error::Invalid("De opdracht liep vast; start de app opnieuw.".into())));
        answer.map_err(|err| tauri::ipc::InvokeError::from(ApiError::from(err)))
    });
    true
}

/// What the window remembers: its size, its place, and whether it was maximised.
const WINDOW_STATE: StateFlags = StateFlags::SIZE.union(StateFlags::POSITION).union(StateFlags::MAXIMIZED);

/// Moves and resizes since the app started; a save waits until they stop.
static WINDOW_CHANGES: AtomicU64 = AtomicU64::new(0);
/// Whether a saver is already waiting for the moves to stop (at most one is).
static WINDOW_SAVER: AtomicBool = AtomicBool::new(false);

/// The plugin saves the window's size and place when the app exits normally;
/// this saves it too half a second after the last move or resize, so a laptop
/// that is switched off, or an app that is killed, still opens where it was.
/// A drag sends many events: one saver thread waits until they stop.
fn remember_window(window: &tauri::Window, event: &tauri::WindowEvent) {
    if !matches!(event, tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_)) {
        return;
    }
    WINDOW_CHANGES.fetch_add(1, Ordering::SeqCst);
    if WINDOW_SAVER.swap(true, Ordering::SeqCst) {
        return;
    }
    let handle = window.app_handle().clone();
    std::thread::spawn(move || loop {
        let seen = WINDOW_CHANGES.load(Ordering::SeqCst);
        std::thread::sleep(std::time::Duration::from_millis(500));
        if WINDOW_CHANGES.load(Ordering::SeqCst) == seen {
            WINDOW_SAVER.store(false, Ordering::SeqCst);
            let _ = handle.save_window_state(WINDOW_STATE);
            // A move that came just before the flag was cleared starts no saver: look once more.
            if WINDOW_CHANGES.load(Ordering::SeqCst) == seen || WINDOW_SAVER.swap(true, Ordering::SeqCst) {
                return;
            }
        }
    });
}

pub fn run() {
    // The store named by `RESPIJT_DB`, or the default one in the app-data
    // folder. It stays shut until the passphrase is given in the window.
    let path = match store::resolve_path(None, env_db()) {
        Ok(path) => path,
        Err(err) => {
            eprintln!("Respijtregie vond geen plek voor de opslag: {err}");
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        // First: a second start hands over to the running app, which comes to
        // the front, and exits (one app on the store at a time). On Linux this
        // goes over the session D-Bus; without one, each start runs on its own.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        // The window opens at the size and place it was closed in (saved in
        // the OS's config folder for the app, `.window-state.json`), maximised
        // if it was; a place on a screen that is gone falls back to the default.
        .plugin(tauri_plugin_window_state::Builder::default().with_state_flags(WINDOW_STATE).build())
        .on_window_event(remember_window)
        .manage(Shell(Arc::new(Mutex::new(App::new(path)))))
        .invoke_handler(handle)
        .build(tauri::generate_context!());
    let app = match result {
        Ok(app) => app,
        Err(err) => {
            eprintln!("Respijtregie stopte met een fout: {err}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        // Closing: a backup still being written is broken off and its
        // partial file removed, and the store is closed, before the process ends.
        if let tauri::RunEvent::Exit = event {
            if let Ok(mut app) = handle.state::<Shell>().0.lock() {
                app.shutdown();
            }
        }
    });
}
