//! The thin Yew side of the lab's state: `LabState` holds the model's `Lab` for
//! `use_reducer`. The reducer's work is `Lab::apply` (web-free, in `fencing_model`); this
//! only skips the clone when a frame arrives while paused.

use fencing_model::{Action, Lab};
use std::ops::Deref;
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabState(pub Lab);

impl Deref for LabState {
    type Target = Lab;
    fn deref(&self) -> &Lab {
        &self.0
    }
}

impl Reducible for LabState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if matches!(action, Action::Tick(_)) && !self.run.playing {
            return self;
        }
        let mut lab = Rc::unwrap_or_clone(self);
        lab.0.apply(action);
        Rc::new(lab)
    }
}
