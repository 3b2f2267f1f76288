//! The `csplan` program, built inside the test crate so integration tests can run it as a
//! real process (`CARGO_BIN_EXE_csplan-under-test`): the collector tests start, load and
//! kill it.

fn main() {
    let code = csplan_cli::run(
        std::env::args_os(),
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
        // Not locked: the collector writes its log to standard error from its own threads.
        &mut std::io::stderr(),
    );
    std::process::exit(code);
}
