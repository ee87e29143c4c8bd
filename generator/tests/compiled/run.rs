//! The runner of the `compiled_*` test crates (`harness = false`): each check in turn,
//! libtest-style lines, a non-zero exit when any check panics. `cargo test -p generator
//! --test compiled_open_enums -- NAME` runs the checks whose name contains `NAME`.

/// Runs `checks` whose name contains the first command-line argument that is not a flag
/// (nor the value of a libtest flag such as `--test-threads 2`).
pub fn run(checks: &[(&str, fn())]) {
    let mut args = std::env::args().skip(1);
    let mut filter = String::new();
    while let Some(arg) = args.next() {
        if ["--test-threads", "--skip", "--format", "--color", "--logfile", "-Z"].contains(&arg.as_str()) {
            args.next();
        } else if !arg.starts_with('-') {
            filter = arg;
            break;
        }
    }
    let mut failed = Vec::new();
    let selected: Vec<_> = checks.iter().filter(|(name, _)| name.contains(&filter)).collect();
    println!("\nrunning {} checks", selected.len());
    for (name, check) in &selected {
        match std::panic::catch_unwind(*check) {
            Ok(()) => println!("test {name} ... ok"),
            Err(_) => {
                println!("test {name} ... FAILED");
                failed.push(*name);
            }
        }
    }
    let passed = selected.len() - failed.len();
    if failed.is_empty() {
        println!("\ntest result: ok. {passed} passed; 0 failed");
    } else {
        println!("\ntest result: FAILED. {passed} passed; {} failed: {failed:?}", failed.len());
        std::process::exit(1);
    }
}
