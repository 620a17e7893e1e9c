//! The thin Yew side of the lab's state: `LabState` holds the model's `Lab` for
//! `use_reducer`, shared (`Rc`) so the page's components can take it as a prop without
//! copying it. The reducer's work is `Lab::apply` (web-free, in `fencing_model`); this
//! only skips the copy (and so the redraw) when an action would change nothing
//! (`Lab::unchanged_by`).

use fencing_model::{Action, Lab};
use std::ops::Deref;
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Debug, Default)]
pub struct LabState(pub Rc<Lab>);

/// The same state, not an equal one: each action makes a new state, so a component given
/// the lab as a prop redraws when an action changed it, and comparing costs nothing.
impl PartialEq for LabState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for LabState {
    type Target = Lab;
    fn deref(&self) -> &Lab {
        &self.0
    }
}

impl Reducible for LabState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if self.unchanged_by(&action) {
            return self;
        }
        let mut lab = Rc::unwrap_or_clone(self);
        Rc::make_mut(&mut lab.0).apply(action);
        Rc::new(lab)
    }
}
