//! Helpers shared by the integration tests in `tests/tests/`.

/// What one run of `csplan` did.
#[derive(Debug)]
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub out: String,
    /// Standard error.
    pub err: String,
}

/// Runs `csplan ARGS` in-process through its entry point, with `stdin` as standard input.
pub fn csplan_with_stdin(args: &[&str], stdin: &str) -> Run {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut argv = vec!["csplan"];
    argv.extend_from_slice(args);
    let code = csplan_cli::run(argv, &mut stdin.as_bytes(), &mut out, &mut err);
    Run { code, out: String::from_utf8_lossy(&out).into(), err: String::from_utf8_lossy(&err).into() }
}

/// Runs `csplan ARGS` in-process with empty standard input.
pub fn csplan(args: &[&str]) -> Run {
    csplan_with_stdin(args, "")
}
