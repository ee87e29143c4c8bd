//! The runner of the `compiled_*` test crates (`harness = false`): each check in turn,
//! libtest-style lines, a non-zero exit when any check panics. `cargo test -p generator
//! --test compiled_open_enums -- NAME` runs the checks whose name contains `NAME`.

/// Runs `checks` whose name contains the first command-line argument that is not a flag.
pub fn run(checks: &[(&str, fn())]) {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-')).unwrap_or_default();
    let mut failed = Vec::new();
    let selected: Vec<_> = checks.iter().filter(|(name, _)| name.contains(&filter)).collect();
    println!("\nrunning {} checks", selected.len());
    for (name, check) in selected {
        match std::panic::catch_unwind(check) {
            Ok(()) => println!("test {name} ... ok"),
            Err(_) => {
                println!("test {name} ... FAILED");
                failed.push(*name);
            }
        }
    }
    if failed.is_empty() {
        println!("\ntest result: ok.");
    } else {
        println!("\ntest result: FAILED. {failed:?}");
        std::process::exit(1);
    }
}
