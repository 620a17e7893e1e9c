//! A form over the run's settings: a draft of the config that number fields edit and an
//! *Apply* button sends, reset to the run's settings whenever they change (a new run, or
//! the change applied). Shared by the network and settings panels.

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

/// A number field on the draft: its value, and the handler that writes it back.
pub fn number_field(
    draft: &UseStateHandle<Config>,
    get: fn(&Config) -> u64,
    set: fn(&mut Config, u64),
) -> (String, Callback<Event>) {
    let value = get(draft).to_string();
    let draft = draft.clone();
    let onchange = Callback::from(move |e: Event| {
        let el: web_sys::HtmlInputElement = e.target_unchecked_into();
        if let Ok(v) = el.value().parse::<u64>() {
            let mut d = (*draft).clone();
            set(&mut d, v);
            draft.set(d);
        }
    });
    (value, onchange)
}
