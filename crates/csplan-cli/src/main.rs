//! The `csplan` binary: see `csplan --help`.

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
