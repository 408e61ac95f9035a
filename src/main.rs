//! crosscheck's web app: a thin layer over the engine. Paste an article, check
//! it in the browser, see a verdict per sentence. Nothing leaves the page.

mod app;
mod components;
mod state;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
