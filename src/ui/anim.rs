//! The animation-frame loop as a hook: while `active`, calls `on_frame` once per frame
//! with the real milliseconds since the previous frame (0 on the first). Cancelled and
//! freed when `active` turns false or the component unmounts; nothing is leaked.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

type FrameFn = Closure<dyn FnMut(f64)>;

struct Loop {
    closure: RefCell<Option<FrameFn>>,
    id: Cell<Option<i32>>,
}

impl Loop {
    fn request(&self) {
        let window = web_sys::window().expect("a window");
        if let Some(c) = self.closure.borrow().as_ref() {
            self.id.set(
                window
                    .request_animation_frame(c.as_ref().unchecked_ref())
                    .ok(),
            );
        }
    }
    fn stop(&self) {
        if let Some(id) = self.id.take() {
            if let Some(w) = web_sys::window() {
                let _ = w.cancel_animation_frame(id);
            }
        }
        // Dropped here, outside the frame callback: the closure (and its cycle back to
        // this loop) goes away.
        self.closure.borrow_mut().take();
    }
}

/// `on_frame` is told each frame's real time since the last (ms); the first frame after
/// the loop starts is told 0.
#[hook]
pub fn use_animation_frames(active: bool, on_frame: Callback<f64>) {
    let latest = use_mut_ref(|| on_frame.clone());
    *latest.borrow_mut() = on_frame;
    use_effect_with(active, move |active| {
        let lp = Rc::new(Loop {
            closure: RefCell::new(None),
            id: Cell::new(None),
        });
        if *active {
            let last: Rc<Cell<Option<f64>>> = Rc::new(Cell::new(None));
            let weak = Rc::downgrade(&lp);
            let cb = latest.clone();
            let closure = Closure::<dyn FnMut(f64)>::new(move |ts: f64| {
                let elapsed = last.get().map_or(0.0, |l| (ts - l).max(0.0));
                last.set(Some(ts));
                let Some(lp) = weak.upgrade() else { return };
                // Ask for the next frame first, so a slow frame does not delay it.
                lp.request();
                let cb = cb.borrow().clone();
                cb.emit(elapsed);
            });
            *lp.closure.borrow_mut() = Some(closure);
            lp.request();
        }
        move || lp.stop()
    });
}

/// Runs `f` once the next frame has been drawn: in a task queued from the next animation
/// frame (so the frame's style, layout and paint come first). For work the frame on screen
/// does not need: panels below the fold, the rest of a list.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let after_paint = Closure::once_into_js(f);
    let after_frame = Closure::once_into_js(move |_: f64| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                after_paint.unchecked_ref(),
                0,
            );
        }
    });
    let _ = window.request_animation_frame(after_frame.unchecked_ref());
}
