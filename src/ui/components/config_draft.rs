//! A form over the run's settings: a draft of the config that number fields edit and an
//! *Apply* button sends, reset to the run's settings whenever they change (a new run, or
//! the change applied). Shared by the network and settings panels. Every number field of the
//! page reads what is typed through `read_number`.

use fencing_model::field::NumberField;
use fencing_model::Action;
use fencing_sim::Config;
use yew::prelude::*;

/// A draft of `config`, kept until the run's config changes.
#[hook]
pub fn use_config_draft(config: &Config) -> UseStateHandle<Config> {
    let draft = use_state(|| config.clone());
    {
        let draft = draft.clone();
        use_effect_with(config.clone(), move |c| draft.set(c.clone()));
    }
    draft
}

/// Where a number field's value is in the config: how to read it and how to write it.
pub type Slot = (fn(&Config) -> u64, fn(&mut Config, u64));

/// A number field on the draft: its value, and the handler that writes it back.
pub fn number_field(
    draft: &UseStateHandle<Config>,
    field: NumberField,
    (get, set): Slot,
    on_action: &Callback<Action>,
) -> (String, Callback<Event>) {
    let value = get(draft).to_string();
    let draft = draft.clone();
    let on_action = on_action.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(v) = read_number(&e, field, get(&draft), &on_action) {
            let mut d = (*draft).clone();
            set(&mut d, v);
            draft.set(d);
        }
    });
    (value, onchange)
}

/// What was typed into a number field (the target of `e`), as `field` takes it. Refused,
/// the field shows `kept` again and `on_action` gets the words saying why, as a notice: a
/// slip never passes silently for a setting.
pub fn read_number(
    e: &Event,
    field: NumberField,
    kept: u64,
    on_action: &Callback<Action>,
) -> Option<u64> {
    let el: web_sys::HtmlInputElement = e.target_unchecked_into();
    let typed = el.value();
    // Text the browser cannot read as a number reaches the page as an empty value.
    let read = if typed.is_empty() && el.validity().bad_input() {
        Err(field.unreadable(kept))
    } else {
        field.read(&typed, kept)
    };
    match read {
        Ok(v) => Some(v),
        Err(words) => {
            el.set_value(&kept.to_string());
            on_action.emit(Action::Notify(words));
            None
        }
    }
}
