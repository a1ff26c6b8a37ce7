//! Checks one text file and prints its findings.
//!
//! ```sh
//! cargo run --example check -- examples/notice.txt
//! ```

use sanshen::Linter;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: check FILE")?;
    let text = std::fs::read_to_string(&path)?;

    let linter = Linter::new();
    for f in linter.check(&text) {
        println!(
            "{path}:{}:{}: {} [{}] {}  建议：{}",
            f.line,
            f.column,
            f.severity,
            f.family.label(),
            f.message,
            f.suggestions.join("、")
        );
    }

    let fixed = linter.fix(&text);
    println!("可自动修正 {} 处，需人工判断 {} 处", fixed.applied.len(), fixed.remaining.len());
    Ok(())
}
