//! On a phone (the model's tall picture), the page is one column and shows one thing at a
//! time: the picture with the story under it, the space-time diagram, the tables (the
//! storage's writes and the event log) or the tools (the picture's tools, sharing). These
//! tabs choose which; the page's stylesheet hides the rest.

use fencing_model::Action;
use yew::prelude::*;

/// What the phone's page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneTab {
    Picture,
    Diagram,
    Tables,
    Tools,
}

impl PhoneTab {
    const ALL: [(PhoneTab, &'static str); 4] = [
        (PhoneTab::Picture, "Picture"),
        (PhoneTab::Diagram, "Diagram"),
        (PhoneTab::Tables, "Tables"),
        (PhoneTab::Tools, "Tools"),
    ];

    /// The class the page's root takes for it.
    pub fn class(self) -> &'static str {
        match self {
            PhoneTab::Picture => "on-picture",
            PhoneTab::Diagram => "on-diagram",
            PhoneTab::Tables => "on-tables",
            PhoneTab::Tools => "on-tools",
        }
    }
}

/// The tab shown (the picture at first), and the callback that changes it.
#[hook]
pub fn use_phone_tab() -> (PhoneTab, Callback<PhoneTab>) {
    let tab = use_state(|| PhoneTab::Picture);
    let now = *tab;
    (now, use_callback((), move |t: PhoneTab, _| tab.set(t)))
}

#[derive(Properties, PartialEq)]
pub struct PhoneTabsProps {
    pub tab: PhoneTab,
    /// The stage shows the diagram in the picture's place.
    pub diagram_view: bool,
    pub on_tab: Callback<PhoneTab>,
    pub on_action: Callback<Action>,
}

#[function_component(PhoneTabs)]
pub fn phone_tabs(props: &PhoneTabsProps) -> Html {
    let buttons = PhoneTab::ALL
        .into_iter()
        .map(|(t, label)| {
            let on = props.tab == t;
            let (on_tab, on_action, dv) = (
                props.on_tab.clone(),
                props.on_action.clone(),
                props.diagram_view,
            );
            // The stage shows the diagram on its tab, the picture on the others.
            let onclick = Callback::from(move |_: MouseEvent| {
                if (t == PhoneTab::Diagram) != dv {
                    on_action.emit(Action::ToggleDiagram);
                }
                on_tab.emit(t);
            });
            html! {
                <button class="phone-tab" aria-pressed={on.to_string()} {onclick}>
                    { label }
                </button>
            }
        })
        .collect::<Html>();
    html! {
        <nav class="phone-tabs" aria-label="what the page shows">{ buttons }</nav>
    }
}
