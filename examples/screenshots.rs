//! Rewrites `screenshots/NAME.svg` for every screen in `dev/scenes.rs`'s
//! `scenes` (drawn by `dev/svg.rs`) and rasterises each to
//! `screenshots/NAME.png` at twice the size, for sharp text on high-density
//! displays:
//!
//! ```sh
//! cargo run --example screenshots
//! ```
//!
//! The SVGs depend on nothing but the code. The PNGs depend on the fonts
//! installed: DejaVu Sans Mono for the grid, and for the CJK and emoji in the
//! sample data a CJK font and a colour emoji font (on Debian,
//! `fonts-dejavu-core fonts-wqy-microhei fonts-noto-color-emoji`).

#[path = "../dev/scenes.rs"]
mod scenes;
#[path = "../dev/svg.rs"]
mod svg;

use std::path::Path;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{Options, Tree};
use scenes::scenes;
use svg::to_svg;

/// Device pixels per SVG pixel in the PNGs.
const SCALE: f32 = 2.0;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir)?;
    let mut options = Options {
        font_family: "DejaVu Sans Mono".into(),
        ..Options::default()
    };
    options.fontdb_mut().load_system_fonts();
    if options.fontdb_mut().faces().all(|f| {
        f.families
            .iter()
            .all(|(name, _)| name != "DejaVu Sans Mono")
    }) {
        eprintln!("warning: DejaVu Sans Mono is not installed; the PNGs will use another font");
    }
    for (name, buffer) in scenes() {
        let svg = to_svg(&buffer);
        let svg_path = dir.join(format!("{name}.svg"));
        std::fs::write(&svg_path, &svg)?;
        let tree = Tree::from_str(&svg, &options)?;
        let size = tree
            .size()
            .to_int_size()
            .scale_by(SCALE)
            .ok_or("the screenshot is too large")?;
        let mut pixmap = Pixmap::new(size.width(), size.height()).ok_or("empty screenshot")?;
        resvg::render(
            &tree,
            Transform::from_scale(SCALE, SCALE),
            &mut pixmap.as_mut(),
        );
        let png_path = dir.join(format!("{name}.png"));
        pixmap.save_png(&png_path)?;
        println!(
            "{} and {} ({}×{})",
            svg_path.display(),
            png_path.display(),
            size.width(),
            size.height()
        );
    }
    Ok(())
}
