//! Entry point of the web app: installs the panic hook and mounts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    baton::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("baton-web is the browser app. Start it with: scripts/serve.sh");
    eprintln!("For the command-line runner, use: cargo run --release --bin baton -- --help");
    std::process::exit(1);
}
