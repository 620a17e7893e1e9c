//! The page's doors to the browser, one named hook each: the lab with the progress and the
//! theme kept in this browser (`use_lab`, which keeps them there with `use_stored_progress`
//! and `use_stored_theme`), the link in the address (`use_address_fragment`), the reducer's
//! requests (`use_outgoing`: copy a link, save a file), files picked or dropped
//! (`use_file_reader`, `use_file_drop`), reduced motion and a finger for a pointer
//! (`use_device`), the keyboard shortcuts, time (`use_ticks`), saving the diagram and
//! copying (`use_export_svg`, `use_clipboard`), the moment after the first paint
//! (`use_first_paint_done`) and the slower panels' readouts (`use_readouts`, which waits
//! for the frame after a jump to be painted), the stage's size, for the picture to fit
//! the screen (`use_fit_screen`), an element's width (`use_width`), whether an element
//! has a box on screen (`watch_shown`: the readouts hold what is hidden), all three (and
//! the diagram) through `on_resize`. Each listener is removed when its component
//! unmounts. What they decide is model code (`keys`, `progress`, `theme`); these only
//! connect it to the browser.

use super::anim;
use super::io;
use super::state::LabState;
use fencing_model::keys::{page_key, KeyContext};
use fencing_model::progress::{self, Progress};
use fencing_model::readouts::{Frame, Readouts, Seen};
use fencing_model::theme::{self, Theme};
use fencing_model::{first_view, path, welcome};
use fencing_model::{Action, Lab, Outgoing};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub type Dispatch = UseReducerDispatcher<LabState>;

/// The lab, starting with the progress and the theme kept in this browser (a stored
/// progress it cannot read is kept aside, not overwritten, and named in a notice), the
/// welcome if this is a first visit and the All tools switch as it was left; all of them
/// are kept as they change (`use_stored_progress`, `use_stored_theme`, `use_stored_choices`).
#[hook]
pub fn use_lab() -> UseReducerHandle<LabState> {
    let lab = use_reducer(|| {
        let mut lab = fencing_model::Lab::opening();
        let stored = io::stored(progress::STORAGE_KEY);
        let welcomed = io::stored(welcome::WELCOMED_KEY);
        let visit = welcome::Visit {
            progress: stored.as_deref(),
            welcomed: welcomed.as_deref(),
            fragment: &io::fragment(),
        };
        lab.view.welcome = visit.is_first();
        lab.view.all_tools = io::stored(first_view::ALL_TOOLS_KEY).as_deref() == Some("1");
        if let Some(text) = stored {
            match Progress::from_json(&text) {
                Ok(p) => lab.teaching.progress = p,
                Err(e) => {
                    // Named once: the same text found again (a reload before any new
                    // progress replaced it) is already kept aside. It is not overwritten
                    // here: it may be a newer version's progress, read by an old page.
                    let print = progress::fingerprint(&text);
                    if io::stored(progress::REPORTED_KEY).as_deref() != Some(print.as_str()) {
                        let kept = io::store(progress::UNREADABLE_KEY, &text).is_ok();
                        lab.talk.notice = Some(progress::unreadable_notice(&e, kept));
                        if kept {
                            let _ = io::store(progress::REPORTED_KEY, &print);
                        }
                    }
                }
            }
        }
        lab.view.theme = Theme::from_stored(io::stored(theme::STORAGE_KEY).as_deref());
        let (w, h) = io::window_size();
        lab.view.open_fit(w as u32, h as u32);
        LabState(Rc::new(lab))
    });
    use_stored_progress(&lab.teaching.progress, &lab.dispatcher());
    use_stored_theme(lab.view.theme);
    use_stored_choices(lab.view.welcome, lab.view.all_tools);
    lab
}

/// The theme, kept in this browser when it is switched (a first visit writes nothing).
#[hook]
pub fn use_stored_theme(t: Theme) {
    use_effect_with(t, |t| {
        if t.needs_storing(io::stored(theme::STORAGE_KEY).as_deref()) {
            // Where storage is off the switch still works, for this visit.
            let _ = io::store(theme::STORAGE_KEY, t.stored());
        }
    });
}

/// A shared link in the address: opens the run, lesson or challenge it names (a bad one
/// leaves a notice and the default). A link pasted into the address bar of the open page
/// (only the fragment changes, so the browser does not reload) or reached by Back opens
/// the same way; a bad one leaves the run as it was. The page's own writes to the address
/// (`io::set_fragment`) replace it without this event.
#[hook]
pub fn use_address_fragment(dispatch: &Dispatch) {
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let f = io::fragment();
        if !f.is_empty() {
            dispatch.dispatch(Action::OpenAddress(f));
        }
        let listener = web_sys::window().map(|w| {
            gloo_events::EventListener::new(&w, "hashchange", move |_| {
                let f = io::fragment();
                if !f.is_empty() {
                    dispatch.dispatch(Action::FollowAddress(f));
                }
            })
        });
        move || drop(listener)
    });
}

/// The progress, kept in this browser whenever it changes (and nowhere else). Not on the
/// first render: what was just read needs no writing, and a read that came back empty or
/// stale (another tab's write not yet arrived) must not overwrite what is stored.
#[hook]
pub fn use_stored_progress(progress: &Progress, dispatch: &Dispatch) {
    let notify = dispatch.clone();
    let first = use_mut_ref(|| true);
    use_effect_with(progress.clone(), move |p| {
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        if let Err(e) = io::store(progress::STORAGE_KEY, &p.to_json()) {
            if let Some(n) = progress::not_kept_notice(p, &e) {
                notify.dispatch(Action::Notify(n));
            }
        }
    });
}

/// The tools the page shows (`Lab::tools`, read from the lesson's words): worked out when
/// the lesson, the challenge or the All tools switch changes, not every frame.
#[hook]
pub fn use_tools(lab: &Lab) -> first_view::Tools {
    *use_memo(
        (
            lab.view.all_tools,
            Rc::as_ptr(&lab.teaching.written) as usize,
            lab.teaching.challenge.as_ref().map(|a| a.challenge.id),
        ),
        |_| lab.tools(),
    )
}

/// The page's choices kept in this browser: the welcome seen (once closed, or never
/// needed) and the All tools switch. A failure to keep them costs nothing worth a notice.
#[hook]
fn use_stored_choices(welcome_open: bool, all_tools: bool) {
    use_effect_with((welcome_open, all_tools), |(welcome_open, all_tools)| {
        if !welcome_open {
            let _ = io::store(welcome::WELCOMED_KEY, "1");
        }
        let _ = io::store(
            first_view::ALL_TOOLS_KEY,
            if *all_tools { "1" } else { "0" },
        );
    });
}

/// A term's meaning shown beside it while it is hovered or focused (a tap focuses it, or in
/// the picture hovers it): any element with `data-term`, its meaning from the glossary, or
/// with `data-tip`, its own words (an event log's row); and while focused by the keyboard
/// (not a tap, which opens a node's actions), one with `data-terms` (a list of keys after
/// a space: a node of the picture), each meaning after its key. Returns the words and the
/// element's box on screen (left, top, right, bottom), or `None`.
#[hook]
pub fn use_term_tip() -> Option<(AttrValue, [f64; 4])> {
    let tip = use_state_eq(|| None::<(AttrValue, [f64; 4])>);
    {
        let set = tip.setter();
        use_effect_with((), move |_| {
            use gloo_events::EventListener;
            let document = gloo_utils::document();
            let term_of = |e: &web_sys::Event| {
                let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
                let el = match el.get_attribute("data-terms") {
                    Some(_) if el.matches(":focus-visible").ok()? => el,
                    _ => el.closest("[data-term],[data-tip]").ok()??,
                };
                let terms = el
                    .get_attribute("data-term")
                    .or(el.get_attribute("data-terms"));
                let words = match (el.get_attribute("data-tip"), terms) {
                    (Some(t), _) => AttrValue::from(t),
                    (_, Some(k)) if !k.starts_with(' ') => {
                        AttrValue::Static(fencing_model::glossary::find(&k)?.means)
                    }
                    (_, k) => AttrValue::from(
                        k?.split(' ')
                            .filter_map(fencing_model::glossary::find)
                            .map(|t| format!("{}: {}\n", t.key, t.means))
                            .collect::<String>(),
                    ),
                };
                let r = el.get_bounding_client_rect();
                Some((words, [r.left(), r.top(), r.right(), r.bottom()]))
            };
            let show = {
                let set = set.clone();
                move |e: &web_sys::Event| {
                    if let Some(t) = term_of(e) {
                        set.set(Some(t));
                    }
                }
            };
            let hide = {
                let set = set.clone();
                move |e: &web_sys::Event| {
                    let el = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                    if el.is_some_and(|el| {
                        matches!(
                            el.closest("[data-term],[data-tip],[data-terms]"),
                            Ok(Some(_))
                        )
                    }) {
                        set.set(None);
                    }
                }
            };
            let listeners = [
                EventListener::new(&document, "mouseover", show.clone()),
                EventListener::new(&document, "focusin", show),
                EventListener::new(&document, "mouseout", hide.clone()),
                EventListener::new(&document, "focusout", hide),
            ];
            move || drop(listeners)
        });
    }
    (*tip).clone()
}

/// Requests the reducer makes of the page: copy a link, save a file.
#[hook]
pub fn use_outgoing(out: &Option<(u64, Outgoing)>, dispatch: &Dispatch) {
    let notify = dispatch.clone();
    use_effect_with(out.clone(), move |out| match out {
        Some((_, Outgoing::CopyLink(link))) => {
            io::set_fragment(link);
            io::copy_to_clipboard(&io::url_with_fragment(link));
        }
        Some((_, Outgoing::Download { name, mime, text })) => {
            if let Err(e) = io::download(name, mime, text) {
                notify.dispatch(Action::Notify(e));
            }
        }
        None => {}
    });
}

/// Saves the diagram on the page as a standalone SVG file named `name`; a failure is
/// told in a notice.
#[hook]
pub fn use_export_svg(name: String, dispatch: &Dispatch) -> Callback<()> {
    let dispatch = dispatch.clone();
    use_callback(name, move |_: (), name| {
        let r = io::standalone_svg(".diagram svg")
            .and_then(|svg| io::download(name, "image/svg+xml", &svg));
        if let Err(e) = r {
            dispatch.dispatch(Action::Notify(format!("The diagram was not saved: {e}")));
        }
    })
}

/// Copies a text to the clipboard (where the browser allows it).
#[hook]
pub fn use_clipboard() -> Callback<String> {
    use_callback((), move |text: String, _| io::copy_to_clipboard(&text))
}

/// A picked or dropped file: read (if not too large), then offered to the reducer.
#[hook]
pub fn use_file_reader(dispatch: &Dispatch) -> Callback<web_sys::File> {
    let dispatch = dispatch.clone();
    use_callback((), move |file: web_sys::File, _| {
        let dispatch = dispatch.clone();
        wasm_bindgen_futures::spawn_local(async move {
            dispatch.dispatch(match io::read_file(file).await {
                io::FileRead::Bytes(name, bytes) => Action::Import {
                    name,
                    bytes: Rc::new(bytes),
                },
                io::FileRead::Refused(m) => Action::Notify(m),
            });
        });
    })
}

fn has_files(e: &web_sys::Event) -> bool {
    e.dyn_ref::<web_sys::DragEvent>()
        .and_then(|d| d.data_transfer())
        .is_some_and(|t| t.types().includes(&"Files".into(), 0))
}

fn dropped_file(e: &web_sys::Event) -> Option<web_sys::File> {
    e.dyn_ref::<web_sys::DragEvent>()
        .and_then(|d| d.data_transfer())
        .and_then(|t| t.files())
        .and_then(|l| l.get(0))
}

/// Files dragged anywhere on the page and dropped go to `on_file`; true while files are
/// dragged over the page (for a drop zone).
#[hook]
pub fn use_file_drop(on_file: Callback<web_sys::File>) -> bool {
    let dragging = use_state(|| false);
    let set = dragging.setter();
    use_effect_with((), move |_| {
        use gloo_events::EventListener;
        let document = gloo_utils::document();
        let depth = Rc::new(std::cell::Cell::new(0i32));
        let options = gloo_events::EventListenerOptions::enable_prevent_default();
        let enter = {
            let (set, depth) = (set.clone(), depth.clone());
            EventListener::new_with_options(&document, "dragenter", options, move |e| {
                if has_files(e) {
                    e.prevent_default();
                    depth.set(depth.get() + 1);
                    set.set(true);
                }
            })
        };
        let over = EventListener::new_with_options(&document, "dragover", options, |e| {
            if has_files(e) {
                e.prevent_default();
            }
        });
        let leave = {
            let (set, depth) = (set.clone(), depth.clone());
            EventListener::new(&document, "dragleave", move |_| {
                depth.set((depth.get() - 1).max(0));
                if depth.get() == 0 {
                    set.set(false);
                }
            })
        };
        let drop = EventListener::new_with_options(&document, "drop", options, move |e| {
            e.prevent_default();
            depth.set(0);
            set.set(false);
            if let Some(f) = dropped_file(e) {
                on_file.emit(f);
            }
        });
        move || std::mem::drop((enter, over, leave, drop))
    });
    *dragging
}

/// A media query's answer, sent to the model now and whenever it changes, as `action`.
#[hook]
fn use_media(dispatch: &Dispatch, query: &'static str, action: fn(bool) -> Action) {
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let mq = web_sys::window().and_then(|w| w.match_media(query).ok().flatten());
        if let Some(mq) = &mq {
            dispatch.dispatch(action(mq.matches()));
        }
        let listener = mq.map(|mq| {
            let target: web_sys::EventTarget = mq.clone().into();
            gloo_events::EventListener::new(&target, "change", move |_| {
                dispatch.dispatch(action(mq.matches()));
            })
        });
        move || drop(listener)
    });
}

/// What the device says of the person: reduced motion wanted, and a finger for a pointer
/// (a tablet, a phone: the hints then say tap, not click). Read now, followed on change
/// (a tablet given a mouse).
#[hook]
pub fn use_device(dispatch: &Dispatch) {
    use_media(
        dispatch,
        "(prefers-reduced-motion: reduce)",
        Action::SetReducedMotion,
    );
    use_media(dispatch, "(pointer: coarse)", Action::SetTouch);
}

/// The stage's width, the window's height, the picture's size and whether the story's
/// column stands beside the stage, measured whenever the stage changes size and sent to
/// the model when any differs (`Action::FitScreen`): it chooses the picture's shape and
/// words for the screen (`layout::Fit`) and where a node's actions go (`page::ActionsAt`).
#[hook]
pub fn use_fit_screen(stage: NodeRef, on_action: Callback<Action>) {
    use_effect_with((), move |_| {
        let last = std::cell::Cell::new((0u32, 0u32, (0u32, 0u32), false));
        let measure = {
            let stage = stage.clone();
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                let Some(el) = stage.cast::<web_sys::Element>() else {
                    return;
                };
                let h = io::window_size().1;
                let picture = el
                    .query_selector("svg.cluster")
                    .ok()
                    .flatten()
                    .map(|p| p.get_bounding_client_rect())
                    .map_or((0, 0), |r| (r.width() as u32, r.height() as u32));
                // The story's column beside the stage (its left at the stage's right or
                // beyond), not under it.
                let stage_right = el.get_bounding_client_rect().right();
                let beside = el
                    .owner_document()
                    .and_then(|d| d.query_selector(".side").ok().flatten())
                    .map(|s| s.get_bounding_client_rect())
                    .is_some_and(|r| r.width() > 0.0 && r.left() >= stage_right - 1.0);
                let now = (el.client_width().max(0) as u32, h as u32, picture, beside);
                // A hidden stage (a phone's other tabs) measures nothing: keep the fit.
                if now.0 > 0 && last.replace(now) != now {
                    on_action.emit(Action::FitScreen {
                        stage_px: now.0,
                        screen_h: now.1,
                        picture_px: now.2,
                        side_beside: now.3,
                    });
                }
            })
        };
        on_resize(&[&stage], measure)
    });
}

/// Brings the element `node` into sight when `key` changes (a panel opened, or another
/// shown in it): when it starts above the screen, its top to the screen's top; when it
/// starts low on the screen or below it, its top to the screen's top (`to_top`: a panel
/// whose start matters) or its bottom to the screen's bottom (what is above it, the
/// picture, stays in sight as far as it can).
#[hook]
pub fn use_in_sight(
    node: NodeRef,
    key: (
        Option<fencing_model::first_view::Tool>,
        Option<fencing_sim::NodeId>,
    ),
    to_top: bool,
) {
    use_effect_with(key, move |_| {
        if let Some(el) = node.cast::<web_sys::Element>() {
            let r = el.get_bounding_client_rect();
            let h = io::window_size().1;
            if r.top() < 0.0 {
                el.scroll_into_view_with_bool(true);
            } else if r.top() > h * 0.75 || (!to_top && r.bottom() > h) {
                el.scroll_into_view_with_bool(to_top);
            }
        }
    });
}

/// Calls `measure` whenever one of `nodes` changes size (and once as each is first
/// observed), until the returned cleanup runs: the body of a `use_effect_with` that
/// measures elements. Nodes not mounted yet are not watched.
pub fn on_resize(
    nodes: &[&NodeRef],
    measure: wasm_bindgen::closure::Closure<dyn FnMut()>,
) -> impl FnOnce() {
    let observer = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()).ok();
    if let Some(o) = &observer {
        for el in nodes.iter().filter_map(|n| n.cast::<web_sys::Element>()) {
            o.observe(&el);
        }
    }
    move || {
        if let Some(o) = observer {
            o.disconnect();
        }
        drop(measure);
    }
}

/// The width of the element `node` in CSS pixels, measured whenever it changes size (0
/// until it is measured, and while the layout hides it): for what must be placed in
/// pixels, as the timeline's beats are.
#[hook]
pub fn use_width(node: NodeRef) -> u32 {
    let width = use_state(|| 0u32);
    {
        let width = width.clone();
        // The node is the component's own for its whole life: measured from its mounting.
        use_effect_with((), move |_| {
            let measure = {
                let node = node.clone();
                wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                    let px = node
                        .cast::<web_sys::Element>()
                        .map_or(0, |el| el.client_width());
                    width.set(u32::try_from(px).unwrap_or(0));
                })
            };
            on_resize(&[&node], measure)
        });
    }
    *width
}

/// Watches whether the element `node` has a box on screen (the layout may hide it: the
/// diagram behind the picture's tab on a short screen or a phone), set in `shown` whenever
/// that changes: true once it is drawn with a size (a `ResizeObserver` reports an element
/// drawn when it starts watching, not one hidden), false when the layout hides it. An
/// effect's body (`use_effect_with`, run again when the element may be another); returns
/// its cleanup.
pub fn watch_shown(node: &NodeRef, shown: UseStateSetter<bool>) -> impl FnOnce() {
    let measure = {
        let node = node.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            shown.set(
                node.cast::<web_sys::Element>()
                    .is_some_and(|el| el.client_width() > 0),
            )
        })
    };
    on_resize(&[node], measure)
}

/// True when a key press belongs to a text field or a control that uses it itself.
fn key_is_for_the_control(e: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    let key = e.key();
    // Space plays and pauses everywhere but in a field; Enter presses the focused button.
    match tag.as_str() {
        "input" => {
            let kind = el.get_attribute("type").unwrap_or_default();
            key != "Escape" && !(kind == "range" && key == " ")
        }
        "select" | "textarea" => key != "Escape",
        "button" | "a" | "summary" => key == "Enter",
        // The partition wall moves with the arrows and is raised with Enter.
        _ if el.get_attribute("role").as_deref() == Some("slider") => {
            matches!(
                key.as_str(),
                "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End" | "Enter"
            )
        }
        // A focused actor in the picture takes < and > for itself (the selected node's
        // otherwise).
        _ if el.closest("[data-nudge]").ok().flatten().is_some()
            && matches!(key.as_str(), "<" | ">" | "," | ".") =>
        {
            true
        }
        _ => el.get_attribute("role").as_deref() == Some("button") && key == "Enter",
    }
}

/// Keyboard shortcuts, on the whole document (`keys::page_key` says what each does). A key
/// reads the lab as the keys before it left it, drawn or not (the page draws in a later
/// task): a digit and then `c` crash the node the digit selected.
#[hook]
pub fn use_keys(lab: &UseReducerHandle<LabState>) {
    let lab = lab.clone();
    use_effect_with(KeyContext::of(&lab), move |_| {
        let document = gloo_utils::document();
        let options = gloo_events::EventListenerOptions::enable_prevent_default();
        let listener =
            gloo_events::EventListener::new_with_options(&document, "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if e.ctrl_key() || e.meta_key() || e.alt_key() || key_is_for_the_control(e) {
                    return;
                }
                // A fresh handle reads the reducer's present state (and keeps no history).
                let cx = KeyContext::of(&lab.clone());
                if let Some(a) = page_key(cx, &e.key(), e.shift_key()) {
                    e.prevent_default();
                    lab.dispatch(a);
                }
            });
        move || drop(listener)
    });
}

/// Time: one Tick per drawing of the picture while playing at `pace`: every animation
/// frame, or every other one from 20× (`pacing::FrameCarry`), the frame between carried.
#[hook]
pub fn use_ticks(playing: bool, pace: f64, dispatch: &Dispatch) {
    let carry = use_mut_ref(fencing_model::pacing::FrameCarry::default);
    let dispatch = dispatch.clone();
    anim::use_animation_frames(
        playing,
        Callback::from(move |ms: f64| {
            let mut carry = carry.borrow_mut();
            // The first frame after play starts (0 ms: `use_animation_frames`) drops what
            // a frame before the stop left waiting.
            if ms == 0.0 {
                *carry = Default::default();
            }
            let due = carry.frame(ms, pace);
            drop(carry);
            if let Some(ms) = due {
                dispatch.dispatch(Action::Tick(ms))
            }
        }),
    );
}

/// The lesson path's chapters, worked out only while its panel is open, and how many of
/// its steps are done: each when the progress changes, not every frame (each step reads
/// its scenario; the page's first render needs only the count).
#[hook]
pub fn use_path(progress: &Progress, open: bool) -> (Rc<Vec<path::ChapterView>>, (usize, usize)) {
    let chapters = use_memo((progress.clone(), open), |(p, open)| {
        open.then(|| path::view(p)).unwrap_or_default()
    });
    let done = *use_memo(progress.clone(), path::done);
    (chapters, done)
}

/// False until the first frame has been drawn: what is below the fold comes after it.
#[hook]
pub fn use_first_paint_done() -> bool {
    use_first_paint_then(None)
}

/// As `use_first_paint_done`, and `tell` is then sent `Action::TellStory`: the run that
/// places the opening lab's story (`Lab::opening`) comes after the first picture too.
#[hook]
pub fn use_first_paint_then(tell: Option<Dispatch>) -> bool {
    let ready = use_state(|| false);
    {
        let set = ready.setter();
        use_effect_with((), move |_| {
            anim::after_next_paint(move || {
                set.set(true);
                if let Some(tell) = tell {
                    tell.dispatch(Action::TellStory);
                }
            })
        });
    }
    *ready
}

/// The history (`run`) whose frame has been drawn: after a jump, the old one until the
/// frame showing the new moment is on screen.
#[hook]
fn use_settled_run(run: u64) -> u64 {
    let settled = use_state_eq(|| run);
    {
        let set = settled.setter();
        use_effect_with(run, move |run| {
            let run = *run;
            anim::after_next_paint(move || set.set(run));
        });
    }
    *settled
}

/// What the slower panels show this frame (`readouts`): kept between frames, refreshed
/// at the page's real time, told whether the history on screen has settled and whether
/// the diagram's pane is on screen (not until it is seen drawn; hidden, it is redrawn a
/// few times a second while playing) and whether "About this run" is open (closed, the
/// same). Returns the frame and the setters the page tells those to: the stage the
/// pane's showing (`watch_shown`), the sharing panel its details' opening.
#[hook]
pub fn use_readouts(lab: &Lab) -> (Frame, Shown) {
    // After a jump (a seek, a step back, a new run) the log, below the fold, changes once
    // the frame showing the new moment is drawn, not in it, and so do the storage table's
    // rows below its box's fold: that frame is not held up by a hundred rows off screen.
    // (The log's rows are keyed by event number, so a seek nearby then redraws only the
    // rows that differ.)
    let settled_run = use_settled_run(lab.run_id());
    let readouts = use_mut_ref(Readouts::default);
    let diagram_shown = use_state_eq(|| false);
    let about_open = use_state_eq(|| false);
    let settled = settled_run == lab.run_id();
    let mut readouts = readouts.borrow_mut();
    readouts.seen = Seen {
        diagram: *diagram_shown,
        about: *about_open,
    };
    let frame = readouts.frame(lab, now_real(), settled);
    let shown = Shown {
        diagram: diagram_shown.setter(),
        about: about_open.setter(),
    };
    (frame, shown)
}

/// Where the page tells the readouts what it shows (`use_readouts`).
pub struct Shown {
    /// Whether the diagram's pane is on screen.
    pub diagram: UseStateSetter<bool>,
    /// Whether "About this run" is open.
    pub about: UseStateSetter<bool>,
}

/// The page's clock, in real milliseconds (for the readouts' refresh periods).
fn now_real() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The story's beats, which change only with the run or a departure from its script:
/// worked out then, not every frame.
#[hook]
pub fn use_beats(lab: &Lab) -> Rc<Vec<(fencing_sim::SimTime, String)>> {
    let key = (
        lab.run_id(),
        lab.commands().len(),
        lab.run.scenario.faults.len(),
        // The opening lab's story, told after the first picture (`Lab::opening`).
        lab.teaching.story.is_told(),
    );
    use_memo(key, |_| lab.beats().to_vec())
}
