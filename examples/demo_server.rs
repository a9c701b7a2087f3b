//! Runs the built-in demo Rolodex server on its own, so the editor can be
//! pointed at it the way it is pointed at a real workspace:
//!
//! ```sh
//! cargo run --example demo_server
//! # then, in another terminal, with the two lines it prints:
//! ROLODEX_BASE_URL=… ROLODEX_API_KEY=… cargo run --release
//! ```

use rolodex_tui::demo::DemoServer;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let server = DemoServer::start().await?;
    println!("export ROLODEX_BASE_URL={}", server.base_url());
    println!("export ROLODEX_API_KEY={}", server.api_key());
    eprintln!("demo server running; Ctrl-C stops it");
    tokio::signal::ctrl_c().await?;
    Ok(())
}
