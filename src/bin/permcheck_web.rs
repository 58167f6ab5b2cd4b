//! The Trunk entry point of the browser page (`trunk build`); see `permcheck::web`.

#[cfg(target_arch = "wasm32")]
fn main() {
    permcheck::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("permcheck-web is the browser page; build it with `trunk build`");
}
