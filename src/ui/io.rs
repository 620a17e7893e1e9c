//! The page's doors to the browser for sharing and keeping runs: downloads (Blob + object
//! URL), the clipboard, the URL fragment, reading a picked or dropped file (its size is
//! checked before it is read), and the diagram as a standalone SVG (styles inlined).

use fencing_model::share::MAX_IMPORT_BYTES;
use wasm_bindgen::{JsCast, JsValue};

/// What the browser said when a call failed, in words: an `Error`'s name and message, a
/// string as it is (not the value's `Debug`, which the release build leaves empty).
pub fn js_error(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        let (name, message) = (String::from(err.name()), String::from(err.message()));
        return if message.is_empty() {
            name
        } else {
            format!("{name}: {message}")
        };
    }
    e.as_string()
        .unwrap_or_else(|| "the browser gave no reason".into())
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |e: JsValue| format!("could not save {name}: {}", js_error(&e));
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = gloo_utils::document();
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = gloo_utils::body();
    body.append_child(&a).map_err(fail)?;
    a.click();
    let _ = body.remove_child(&a);
    // The click has started the download; the URL is not needed any more.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Writes to the clipboard when the browser allows it (a locked-down browser may not:
/// the page also shows the link in a text field).
pub fn copy_to_clipboard(text: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator: JsValue = window.navigator().into();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")) else {
        return;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")) else {
        return;
    };
    if let Some(write) = write.dyn_ref::<js_sys::Function>() {
        if let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) {
            if let Ok(p) = promise.dyn_into::<js_sys::Promise>() {
                // A refusal (no permission) is not an error: the text field has the link.
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                });
            }
        }
    }
}

/// The page's URL fragment without the `#`.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// A link written with a query (`?lesson=…`, as many sites write theirs) and no fragment:
/// the page reads its links after `#`, so the query becomes the fragment (no reload, no new
/// history entry) and opens as that link would, or names what it does not understand.
pub fn adopt_query_link() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let href = window.location().href().unwrap_or_default();
    // The first `?` starts the query: none comes before it in a URL.
    if href.contains('?') && !href.contains('#') {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(
                &JsValue::NULL,
                "",
                Some(&href.replacen('?', "#", 1)),
            );
        }
    }
}

/// Puts `body` in the URL fragment without adding a history entry or reloading.
pub fn set_fragment(body: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{body}")));
    }
}

/// The full URL of the page with `body` as its fragment.
pub fn url_with_fragment(body: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default();
    format!("{base}#{body}")
}

/// What reading a file gave: its bytes, or why it was not read.
pub enum FileRead {
    Bytes(String, Vec<u8>),
    Refused(String),
}

/// Reads a picked or dropped file, refusing one over the limit before reading it.
pub async fn read_file(file: web_sys::File) -> FileRead {
    let name = file.name();
    let size = file.size();
    if size > MAX_IMPORT_BYTES as f64 {
        return FileRead::Refused(format!(
            "Not loaded — {name}: {} bytes is over the {} MB limit. The run is unchanged.",
            size as u64,
            MAX_IMPORT_BYTES >> 20
        ));
    }
    match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
        Ok(buf) => FileRead::Bytes(name, js_sys::Uint8Array::new(&buf).to_vec()),
        Err(e) => FileRead::Refused(format!(
            "Not loaded — {name} could not be read: {}. The run is unchanged.",
            js_error(&e)
        )),
    }
}

/// Properties copied from the page's stylesheet onto each element of an exported SVG.
const SVG_STYLE: &[&str] = &[
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-linejoin",
    "paint-order",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-opacity",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "visibility",
    "display",
];

/// The first `svg` matching `selector`, serialised with its computed styles inlined so
/// the file stands alone (no stylesheet, no page).
pub fn standalone_svg(selector: &str) -> Result<String, String> {
    let document = gloo_utils::document();
    let window = web_sys::window().ok_or("no window")?;
    let svg = document
        .query_selector(selector)
        .ok()
        .flatten()
        .ok_or("there is no diagram on the page to export")?;
    let copy: web_sys::Element = svg
        .clone_node_with_deep(true)
        .map_err(|e| js_error(&e))?
        .unchecked_into();
    let originals = svg.query_selector_all("*").map_err(|e| js_error(&e))?;
    let copies = copy.query_selector_all("*").map_err(|e| js_error(&e))?;
    let pairs = std::iter::once((svg.clone(), copy.clone())).chain(
        (0..originals.length().min(copies.length())).filter_map(|i| {
            let o = originals.item(i)?.dyn_into::<web_sys::Element>().ok()?;
            let c = copies.item(i)?.dyn_into::<web_sys::Element>().ok()?;
            Some((o, c))
        }),
    );
    for (o, c) in pairs {
        let Ok(Some(cs)) = window.get_computed_style(&o) else {
            continue;
        };
        let style: String = SVG_STYLE
            .iter()
            .filter_map(|p| {
                let v = cs.get_property_value(p).ok()?;
                (!v.is_empty()).then(|| format!("{p}:{v};"))
            })
            .collect();
        let _ = c.set_attribute("style", &style);
        let _ = c.remove_attribute("class");
    }
    let _ = copy.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    // Its size is the view box's (the page sized it by CSS).
    let view_box = svg.get_attribute("viewBox").unwrap_or_default();
    if let [_, _, w, h] = view_box.split_whitespace().collect::<Vec<_>>()[..] {
        let _ = copy.set_attribute("width", w);
        let _ = copy.set_attribute("height", h);
    }
    let _ = copy.set_attribute("font-family", "sans-serif");
    let text = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&copy))
        .map_err(|e| js_error(&e))?;
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"
    ))
}

/// The window's inner width and height in CSS pixels; 0 where unknown.
pub fn window_size() -> (f64, f64) {
    let px = |v: Result<JsValue, JsValue>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    web_sys::window().map_or((0.0, 0.0), |w| (px(w.inner_width()), px(w.inner_height())))
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text stored under `key` in the browser's localStorage (none if storage is off).
pub fn stored(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Stores `text` under `key`; an error (storage full or switched off) in words.
pub fn store(key: &str, text: &str) -> Result<(), String> {
    let storage =
        local_storage().ok_or("this browser keeps no local storage here (private mode?)")?;
    storage
        .set_item(key, text)
        .map_err(|_| "the browser's local storage refused it (full, or switched off)".to_string())
}
