#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("permcheck-web is the browser page; build it with `trunk build`");
}

#[cfg(target_arch = "wasm32")]
fn main() {}
