//! Splitting by hand in the picture: the wall and the actors dragged by pointer (mouse,
//! pen or touch), the wall moved by keyboard. The rules are the model's (`wall::Drag`,
//! `wall::wall_key`); this hook only listens and remembers.

use fencing_model::layout::{to_picture, Pos};
use fencing_model::wall::{wall_key, Drag, Grab, WallKey, WallModel};
use fencing_model::Action;
use fencing_sim::Actor;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The picture's point under a pointer event.
fn point_of(e: &MouseEvent, svg: &NodeRef, view: (f64, f64)) -> Option<Pos> {
    let el = svg.cast::<web_sys::Element>()?;
    let r = el.get_bounding_client_rect();
    Some(to_picture(
        (e.client_x() as f64, e.client_y() as f64),
        [r.left(), r.top(), r.width(), r.height()],
        view,
    ))
}

/// What a press landed on, if it can be dragged: the nearest element marked `data-grab`.
fn grab_of(e: &MouseEvent) -> Option<Grab> {
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let key = el
        .closest("[data-grab]")
        .ok()??
        .get_attribute("data-grab")?;
    Grab::of_key(&key)
}

/// What is held by hand now, and the listeners that change it.
pub(super) struct Hand {
    pub drag: Option<Drag>,
    /// The stop the wall is shown at while moved by keyboard (until Enter or Esc).
    pub shown: Option<usize>,
    pub svg: NodeRef,
    pub down: Callback<PointerEvent>,
    pub moved: Callback<PointerEvent>,
    pub up: Callback<PointerEvent>,
    pub cancel: Callback<PointerEvent>,
    pub wall_key: Callback<KeyboardEvent>,
    pub wall_blur: Callback<FocusEvent>,
}

fn on_down(
    drag: &UseStateHandle<Option<Drag>>,
    svg: &NodeRef,
    view: (f64, f64),
) -> Callback<PointerEvent> {
    let (drag, svg) = (drag.clone(), svg.clone());
    Callback::from(move |e: PointerEvent| {
        if e.button() != 0 || !e.is_primary() {
            return;
        }
        if let (Some(grab), Some(p)) = (grab_of(&e), point_of(&e, &svg, view)) {
            drag.set(Some(Drag::press(grab, p)));
        }
    })
}

fn on_move(
    drag: &UseStateHandle<Option<Drag>>,
    svg: &NodeRef,
    view: (f64, f64),
) -> Callback<PointerEvent> {
    let (drag, svg) = (drag.clone(), svg.clone());
    Callback::from(move |e: PointerEvent| {
        let (Some(d), Some(p)) = (*drag, point_of(&e, &svg, view)) else {
            return;
        };
        let Some(next) = d.to(p) else { return };
        if !d.moving {
            // From here on the picture follows the pointer wherever it goes.
            if let Some(el) = svg.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
        }
        e.prevent_default();
        drag.set(Some(next));
    })
}

fn on_wall_key(
    shown: &UseStateHandle<Option<usize>>,
    ps: &Rc<Vec<(Actor, Pos)>>,
    wm: &Rc<WallModel>,
    on_action: &Callback<Action>,
) -> Callback<KeyboardEvent> {
    let (shown, ps, wm, cb) = (shown.clone(), ps.clone(), wm.clone(), on_action.clone());
    Callback::from(
        move |e: KeyboardEvent| match wall_key(&e.key(), *shown, &ps, &wm) {
            Some(WallKey::To(i)) => {
                e.prevent_default();
                shown.set(Some(i));
            }
            Some(WallKey::Raise(action)) => {
                e.prevent_default();
                if let Some(a) = action {
                    cb.emit(a);
                }
                shown.set(None);
            }
            Some(WallKey::Cancel) => shown.set(None),
            None => {}
        },
    )
}

#[hook]
pub(super) fn use_hand(
    ps: Rc<Vec<(Actor, Pos)>>,
    wm: Rc<WallModel>,
    view: (f64, f64),
    on_action: Callback<Action>,
) -> Hand {
    let svg = use_node_ref();
    let drag = use_state(|| None::<Drag>);
    let shown = use_state(|| None::<usize>);
    let up = {
        let (drag, ps, wm, cb) = (drag.clone(), ps.clone(), wm.clone(), on_action.clone());
        Callback::from(move |_: PointerEvent| {
            let Some(d) = *drag else { return };
            drag.set(None);
            if let Some(a) = d.release(&ps, &wm) {
                cb.emit(a);
            }
        })
    };
    let cancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };
    let wall_blur = {
        let shown = shown.clone();
        Callback::from(move |_: FocusEvent| shown.set(None))
    };
    Hand {
        drag: *drag,
        shown: *shown,
        down: on_down(&drag, &svg, view),
        moved: on_move(&drag, &svg, view),
        up,
        cancel,
        wall_key: on_wall_key(&shown, &ps, &wm, &on_action),
        wall_blur,
        svg,
    }
}
