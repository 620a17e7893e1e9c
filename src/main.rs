//! Mounts the Fencing Lab app (wasm32). Natively this binary only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    fencing_lab::ui::io::adopt_query_link();
    yew::Renderer::<fencing_lab::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("fencing-lab-app is the web app: build it with scripts/build or scripts/serve");
}
