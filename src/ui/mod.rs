//! The Yew app.
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    html! { <main><h1>{ "Fencing Lab" }</h1></main> }
}
