//! The explorer's search in a Web Worker (`crate::worker`), so it takes full speed without
//! taking the page's frames. While a search runs, `use_search_worker` starts a worker for
//! it from a Blob URL (the single file has no other file to load), posts it the page's own
//! compiled wasm and the model's request, and turns each report into
//! `ExploreAction::Heard`. A worker that cannot start or fails says so once
//! (`WorkerLost`) and the page searches in slices from then on, as before workers.

use fencing_model::lab::ExploreAction;
use fencing_model::worker::Update;
use fencing_model::Action;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

type Listener = Closure<dyn FnMut(web_sys::Event)>;

/// A worker running one search.
struct Live {
    worker: web_sys::Worker,
    /// The Blob URL it was started from, given back when it stops.
    url: String,
    _on_message: Listener,
    _on_error: Listener,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
        let _ = web_sys::Url::revoke_object_url(&self.url);
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A worker started from `WORKER_JS` in a Blob URL, and the URL. The URL is kept until the
/// worker stops: the worker fetches its script after this returns, and WebKitGTK, given the
/// URL revoked at once, was seen to start no search at all (one run in CI).
fn spawn() -> Result<(web_sys::Worker, String), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(crate::worker::WORKER_JS));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    match web_sys::Worker::new(&url) {
        Ok(worker) => Ok((worker, url)),
        Err(e) => {
            let _ = web_sys::Url::revoke_object_url(&url);
            Err(e)
        }
    }
}

/// What a worker posted: an update on the search, or why it stopped.
fn heard(data: &JsValue) -> Result<Update, String> {
    let field = |name: &str| js_sys::Reflect::get(data, &JsValue::from_str(name)).ok();
    if let Some(text) = field("update").and_then(|v| v.as_string()) {
        return Update::parse(&text).map_err(|e| format!("its update does not read: {e}"));
    }
    Err(field("error")
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "it posted something that is not an update".into()))
}

/// Starts a worker on search number `search`, reporting to `on_action`; `lost` is told
/// why if it fails.
fn start(
    search: u64,
    request: &str,
    on_action: &Callback<Action>,
    lost: Rc<dyn Fn(u64, String)>,
) -> Result<Live, String> {
    let (worker, url) = spawn().map_err(|e| super::io::js_error(&e))?;
    let on_message = {
        let (on_action, lost) = (on_action.clone(), lost.clone());
        Listener::new(move |e: web_sys::Event| {
            let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            match heard(&e.data()) {
                Ok(update) => on_action.emit(Action::Explore(ExploreAction::Heard {
                    search,
                    update: Box::new(update),
                })),
                Err(why) => lost(search, why),
            }
        })
    };
    let on_error = Listener::new(move |e: web_sys::Event| {
        e.prevent_default();
        lost(search, "it could not start".into());
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Held from here, so that a failure below still stops the worker and frees the URL.
    let live = Live {
        worker,
        url,
        _on_message: on_message,
        _on_error: on_error,
    };
    let message = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&message, &JsValue::from_str(k), v);
    set("module", &wasm_bindgen::module()).map_err(|e| super::io::js_error(&e))?;
    set("request", &JsValue::from_str(request)).map_err(|e| super::io::js_error(&e))?;
    live.worker
        .post_message(&message)
        .map_err(|e| super::io::js_error(&e))?;
    Ok(live)
}

/// How the page runs the search under way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SearchWorker {
    /// A worker runs it: the page gives no slices.
    pub busy: bool,
    /// When (`performance.now()`) the worker started, for the rate.
    pub since_ms: f64,
}

/// While `running`, search number `started` (`Tools::started`) runs in a worker given
/// `request`; a new search or the end of this one stops the worker. Once a worker has
/// failed, this page gives no more searches to workers.
#[hook]
pub fn use_search_worker(
    running: bool,
    started: u64,
    request: Option<Rc<str>>,
    on_action: Callback<Action>,
) -> SearchWorker {
    let broken = use_state(|| false);
    let live = use_mut_ref(|| None::<Live>);
    let since = use_mut_ref(|| 0.0);
    let lost: Rc<dyn Fn(u64, String)> = {
        let (broken, live, on_action) = (broken.clone(), live.clone(), on_action.clone());
        Rc::new(move |search, why: String| {
            web_sys::console::warn_1(
                &format!("The explorer searches in the page: its worker failed ({why}).").into(),
            );
            // Dropped in a task of its own: this may run inside the worker's own listener.
            let live = live.clone();
            wasm_bindgen_futures::spawn_local(async move {
                live.borrow_mut().take();
            });
            broken.set(true);
            on_action.emit(Action::Explore(ExploreAction::WorkerLost { search }));
        })
    };
    let want = running && !*broken;
    {
        let (live, since) = (live.clone(), since.clone());
        use_effect_with((want, started), move |&(want, started)| {
            live.borrow_mut().take();
            if want {
                if let Some(request) = request {
                    *since.borrow_mut() = now_ms();
                    match start(started, &request, &on_action, lost.clone()) {
                        Ok(l) => *live.borrow_mut() = Some(l),
                        Err(why) => lost(started, why),
                    }
                }
            }
            move || {
                live.borrow_mut().take();
            }
        });
    }
    let since_ms = *since.borrow();
    SearchWorker {
        busy: want,
        since_ms,
    }
}
