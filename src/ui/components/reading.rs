//! Further reading: the public sources the lesson rests on. Plain links; nothing is fetched.

use yew::prelude::*;

pub const SOURCES: &[(&str, &str)] = &[
    (
        "Martin Kleppmann — How to do distributed locking (2016)",
        "https://martin.kleppmann.com/2016/02/08/how-to-do-distributed-locking.html",
    ),
    (
        "Unmesh Joshi — Patterns of Distributed Systems: Leader and Followers",
        "https://martinfowler.com/articles/patterns-of-distributed-systems/leader-follower.html",
    ),
    (
        "Unmesh Joshi — HeartBeat",
        "https://martinfowler.com/articles/patterns-of-distributed-systems/heartbeat.html",
    ),
    (
        "Unmesh Joshi — Generation Clock",
        "https://martinfowler.com/articles/patterns-of-distributed-systems/generation.html",
    ),
    (
        "Unmesh Joshi — High-Water Mark",
        "https://martinfowler.com/articles/patterns-of-distributed-systems/high-watermark.html",
    ),
    (
        "Unmesh Joshi — Lease",
        "https://martinfowler.com/articles/patterns-of-distributed-systems/time-bound-lease.html",
    ),
    (
        "Chris Woodruff — Patterns of Distributed Systems in C# and .NET: Leader and Followers, Leader Election, Lease, Fencing Tokens and Generation Clock",
        "https://woodruff.dev/",
    ),
];

#[function_component(FurtherReading)]
pub fn further_reading() -> Html {
    html! {
        <section class="panel reading" aria-labelledby="reading-h">
            <h2 id="reading-h">{ "Further reading" }</h2>
            <ul>
                { for SOURCES.iter().map(|(title, url)| html! {
                    <li><a href={*url} rel="noopener noreferrer" target="_blank">{ *title }</a></li>
                }) }
            </ul>
        </section>
    }
}
