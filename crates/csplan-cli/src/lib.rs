//! The `csplan` command line: a thin layer that parses arguments, reads scenario files,
//! calls `csplan-validation` and `csplan-calc`, and prints tables, JSON or CSV.
//!
//! [`run`] is the whole program with its streams passed in, so tests drive it in-process.
//! Exit codes: 0 success; 1 the input has problems (each listed as `path: message`);
//! 2 the input could not be read or parsed, or the arguments are wrong.

use std::ffi::OsString;
use std::io::{Read, Write};

use clap::{Parser, Subcommand, ValueEnum};
use csplan_model::dec::parse_text;
use csplan_model::presets::{preset, PRESETS};
use csplan_model::{Decimal, Fte, Money, Rounding, Scenario, TeamGroup, SCHEMA_VERSION};
use csplan_validation::{has_errors, validate, Problem};

mod output;

/// Children's Services Planner: caseloads, posts and costs for children's social care.
#[derive(Debug, Parser)]
#[command(name = "csplan", version, about, long_about = None, args_override_self = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print a scenario as JSON: a preset (the default one unless --preset is given), or one
    /// prefilled from an authority's published DfE workforce figures (--la).
    Example {
        /// Preset id; `csplan presets` lists them.
        #[arg(long, default_value = "example", conflicts_with = "la")]
        preset: String,
        /// Local authority name or code: prefill from its DfE figures.
        #[arg(long)]
        la: Option<String>,
        /// With --la: the year (as at 30 September), 2017-2023; default the latest.
        #[arg(long, requires = "la")]
        year: Option<u16>,
    },
    /// List the preset scenarios shipped with csplan.
    Presets,
    /// Check a scenario file; exit 1 listing every problem as `path: message`.
    Validate {
        /// Scenario JSON file, or - for standard input.
        file: String,
    },
    /// The consultation alone, as the file to publish beside the participants' app:
    /// `{"schema": 1, "consultation": {...}}` with only what its choices are calculated
    /// from (team groups for social workers added, placements, budget areas). Checked first.
    Consultation {
        /// Scenario JSON file with a consultation section, or - for standard input.
        file: String,
    },
    /// All results for a scenario file.
    Report {
        /// Scenario JSON file, or - for standard input.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// One results table of a scenario file, as the web app shows it: as text, as CSV or
    /// JSON with exact figures. Without a table id, lists the scenario's tables.
    Table {
        /// Scenario JSON file, or - for standard input.
        file: String,
        /// The table's id (`options`, `projection`, `plan`, ...).
        id: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The inputs and results that differ between two scenario files. Exit 0 if none
    /// differ, 1 if some do, 2 if a file cannot be read or has errors.
    Diff {
        /// The first scenario file (- for standard input).
        a: String,
        /// The second scenario file.
        b: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShortFormat::Table)]
        format: ShortFormat,
    },
    /// The DfE workforce measures (vacancy, agency, turnover, cover rates and caseload).
    Workforce(WorkforceArgs),
    /// An authority's published DfE workforce figures next to its region and England.
    Benchmark {
        /// Local authority name or code (ONS code like E06000047, or old DfE code like 840).
        #[arg(long)]
        la: String,
        /// Year (as at 30 September), 2017-2023; default the latest.
        #[arg(long)]
        year: Option<u16>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShortFormat::Table)]
        format: ShortFormat,
    },
    /// Children-looked-after flow rates estimated from an authority's DfE counts: entrants a
    /// month and the monthly exit rate, for a `care_flows` section.
    Flows {
        /// Local authority name or code.
        #[arg(long)]
        la: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShortFormat::Table)]
        format: ShortFormat,
    },
    /// Children in care from the council's own SSDA903 records: what cleaning changed, the
    /// history by category, and a projection by age band and category, from rates fitted
    /// over a reference window, starting from the children in care on its last day.
    Care(CareArgs),
    /// Consultation responses: summarise downloaded files or a collector's database, or
    /// export the database.
    #[command(subcommand)]
    Responses(ResponsesCommand),
    /// Run the response collector: participants' pages post responses to it; each is
    /// checked against the scenario's consultation and stored in a SQLite database.
    Collect {
        /// The scenario file with the consultation.
        #[arg(long)]
        scenario: String,
        /// Address and port to listen on. The default takes connections from this machine
        /// only; put a web server with HTTPS in front of it to take them from the internet.
        #[arg(long, default_value = "127.0.0.1:8787")]
        bind: String,
        #[command(flatten)]
        options: csplan_collect::Options,
    },
    /// Posts needed to bring one team's average caseload down to a target, and their cost.
    #[command(allow_negative_numbers = true)]
    Caseload {
        /// Case-holding FTE, e.g. 70.4.
        #[arg(long, value_parser = number)]
        fte: Decimal,
        /// Number of cases held (give this or --caseload).
        #[arg(long, value_parser = number, required_unless_present = "caseload", conflicts_with = "caseload")]
        cases: Option<Decimal>,
        /// Current average caseload, cases per FTE (give this or --cases).
        #[arg(long, value_parser = number)]
        caseload: Option<Decimal>,
        /// Target average caseload, e.g. 18.
        #[arg(long, value_parser = number)]
        target: Decimal,
        /// Cost of one FTE a year (salary with on-costs), e.g. 41839.
        #[arg(long, value_parser = number)]
        cost_per_fte: Option<Decimal>,
        /// How additional FTE becomes posts.
        #[arg(long, value_enum, default_value_t = RoundingArg::Nearest)]
        rounding: RoundingArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShortFormat::Table)]
        format: ShortFormat,
    },
}

#[derive(Debug, Subcommand)]
enum ResponsesCommand {
    /// Per-choice take-up, mean, median and spread of stepped choices, the share that
    /// balanced, comment counts and the "about you" answers; with the consultation, the
    /// average package beside the council's proposal. Files that cannot be read are named
    /// on standard error and skipped.
    Summarise {
        /// Response JSON files, collector exports (`csplan responses export`, JSON or
        /// CSV), or folders of them (every `*.json` and `*.csv` inside).
        #[arg(required_unless_present = "db")]
        files: Vec<String>,
        /// A collector's database (`csplan collect --db`) instead of files.
        #[arg(long, conflicts_with = "files")]
        db: Option<std::path::PathBuf>,
        /// The scenario file with the consultation: names and orders the choices, and
        /// checks each response against it (responses that fail are named and skipped).
        #[arg(long)]
        scenario: Option<String>,
        /// List every comment (the response it came from, the choice it is on, its text)
        /// instead of the summary.
        #[arg(long)]
        comments: bool,
        /// Break every choice down by the answers to this "about you" question (its id)
        /// instead of the summary.
        #[arg(long, conflicts_with = "comments")]
        by: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Every response in a collector's database, with its receipt and the time it arrived:
    /// CSV (a row a response, a column a choice and its comment, a column a question) or JSON.
    Export {
        /// The collector's database.
        #[arg(long)]
        db: std::path::PathBuf,
        /// The scenario file with the consultation: names and orders the columns.
        #[arg(long)]
        scenario: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
    },
    /// A consistent copy of a collector's database, safe while it runs (SQLite's
    /// `VACUUM INTO`; copying the .db file alone can miss responses still in its WAL).
    Backup {
        /// The collector's database.
        #[arg(long)]
        db: std::path::PathBuf,
        /// The new file to write (must not exist).
        #[arg(long)]
        to: std::path::PathBuf,
    },
}

/// `responses export` formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// A row a response.
    Csv,
    /// An array of `{receipt, received, response}`.
    Json,
}

/// `csplan care`'s arguments.
#[derive(Debug, clap::Args)]
#[command(allow_negative_numbers = true)]
pub struct CareArgs {
    /// SSDA903 CSV files (the header and episodes tables, one year or several), or
    /// folders of them (every *.csv inside, at any depth; other tables are read past).
    #[arg(required = true)]
    files: Vec<String>,
    /// First day of the reference window the rates are fitted from (YYYY-MM-DD or
    /// dd/mm/yyyy).
    #[arg(long)]
    reference_start: String,
    /// Last day of the reference window; the projection starts from the children in
    /// care that day.
    #[arg(long)]
    reference_end: String,
    /// Months to project (1 to 120).
    #[arg(long, default_value_t = 24)]
    months: u32,
    /// Step a day at a time (each child moves band on their birthday) or a month at a
    /// time (each month's chances are the daily rates x its days, once).
    #[arg(long, value_enum, default_value_t = CareStep::Daily)]
    step: CareStep,
    /// Change a fitted rate: RATE:BAND:CATEGORY:xFACTOR or RATE:BAND:CATEGORY:+AMOUNT,
    /// RATE entrants, exits or moves, BAND like 16-18 or all, CATEGORY an id or all; an
    /// amount is a year's (entrants: children a year; exits and moves: a chance a year for
    /// each child). Repeat it; each applies to what the one before left.
    /// Example: --adjust exits:16-18:fostering:x1.5 --adjust entrants:all:residential:+12
    #[arg(long, value_name = "ADJUSTMENT")]
    adjust: Vec<String>,
    /// The categories and age bands, a JSON file: {"categories": [{"id": "fostering",
    /// "name": "Fostering", "places": ["U1", ...]}, ...], "bands": [0, 1, 5, 10, 16, 18]}.
    /// The last category may list no codes, to take every code the others do not name.
    /// Default: DfE's grouping and bands 0-1, 1-5, 5-10, 10-16, 16-18.
    #[arg(long, value_name = "FILE")]
    setup: Option<String>,
    /// What one placement of a category costs a year (or a week with --weekly),
    /// in-house and external: CATEGORY:IN_HOUSE:EXTERNAL (either may be blank:
    /// residential::250000). Repeat for each category. Costs the projection by financial
    /// year, weighted by the share placed in-house on the window's last day.
    #[arg(long, value_name = "COST")]
    cost: Vec<String>,
    /// The --cost figures are a week's, times --weeks.
    #[arg(long)]
    weekly: bool,
    /// Weeks in a year, for --weekly.
    #[arg(long, default_value = "52")]
    weeks: String,
    /// Inflation a year, %, on the costs after the projection's first year.
    #[arg(long, default_value = "0")]
    inflation: String,
    /// List every change cleaning made, row by row (the table gives a count of each
    /// kind; JSON always lists them all).
    #[arg(long)]
    changes: bool,
    /// Also forecast the financial year containing this day as Portsmouth's paper does:
    /// each child in placement that day stays to the placement's recorded end, or the
    /// year's end; the average number over the year by category, in-house and external.
    #[arg(long)]
    forecast_on: Option<String>,
    /// Project as data-to-insight's cs-demand-model 0.5.1 does (its categories, brackets
    /// fixed at each episode's start, mean daily rates, ageing at 1/bracket length a
    /// day, 16-18 running to 30), to set csplan beside it. Prints the projection by
    /// category only.
    #[arg(long)]
    like_d2i: bool,
    /// Output format. CSV is long form: month,date,age_band,category,children,low,high.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// `--step`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CareStep {
    /// A day at a time.
    Daily,
    /// A month at a time.
    Monthly,
}

/// The DfE workforce measures from figures given on the command line.
#[derive(Debug, clap::Args)]
#[command(allow_negative_numbers = true)]
struct WorkforceArgs {
    /// Permanent (in-post) FTE.
    #[arg(long, value_parser = number)]
    in_post: Decimal,
    /// Vacancy FTE.
    #[arg(long, value_parser = number)]
    vacancies: Decimal,
    /// Agency FTE (all agency workers).
    #[arg(long, value_parser = number)]
    agency: Decimal,
    /// Agency FTE covering vacancies.
    #[arg(long, value_parser = number)]
    agency_cover: Option<Decimal>,
    /// Leavers FTE in the year to 30 September.
    #[arg(long, value_parser = number)]
    leavers: Option<Decimal>,
    /// Cases held (with --case-holders).
    #[arg(long, value_parser = number, requires = "case_holders")]
    cases: Option<Decimal>,
    /// Case-holder FTE, including agency workers (with --cases).
    #[arg(long, value_parser = number, requires = "cases")]
    case_holders: Option<Decimal>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShortFormat::Table)]
    format: ShortFormat,
}

/// Output formats for a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
}

/// Output formats for one calculation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ShortFormat {
    Table,
    Json,
}

/// Rounding rules, as on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RoundingArg {
    /// Nearest whole post, halves up (the default; Barnsley's rule).
    Nearest,
    /// Up to whole posts.
    Up,
    /// Down to whole posts.
    Down,
    /// Fractional FTE, to hundredths.
    None,
}

impl From<RoundingArg> for Rounding {
    fn from(r: RoundingArg) -> Self {
        match r {
            RoundingArg::Nearest => Rounding::Nearest,
            RoundingArg::Up => Rounding::Up,
            RoundingArg::Down => Rounding::Down,
            RoundingArg::None => Rounding::None,
        }
    }
}

fn number(text: &str) -> Result<Decimal, String> {
    parse_text(text).ok_or_else(|| format!("'{text}' is not a number; write it like 18 or 41839 or 21.7"))
}

/// Runs `csplan` with `args` (the first is the program name) and returns the exit code.
pub fn run<I, T>(args: I, stdin: &mut dyn Read, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            let stream: &mut dyn Write = if e.use_stderr() { err } else { out };
            let _ = stream.write_all(text.as_bytes());
            return e.exit_code();
        }
    };
    let result = match cli.command {
        Command::Example { la: Some(la), year, .. } => example_for_authority(&la, year, out, err),
        Command::Example { preset: id, .. } => example(&id, out),
        Command::Presets => {
            let rows: Vec<Vec<String>> = PRESETS.iter().map(|p| vec![p.id.to_string(), p.title.to_string()]).collect();
            write_all(out, &output::table(&["id", "title"], &rows, 2))
        }
        Command::Validate { file } => validate_file(&file, stdin, out, err),
        Command::Consultation { file } => consultation_file(&file, stdin, out),
        Command::Report { file, format } => report_file(&file, format, stdin, out, err),
        Command::Table { file, id, format } => table_file(&file, id.as_deref(), format, stdin, out, err),
        Command::Diff { a, b, format } => diff_command(&a, &b, format, stdin, out, err),
        Command::Workforce(args) => workforce_command(&args, out, err),
        Command::Benchmark { la, year, format } => benchmark_command(&la, year, format, out, err),
        Command::Flows { la, format } => flows_command(&la, format, out, err),
        Command::Care(args) => care_command(&args, out, err),
        Command::Responses(ResponsesCommand::Summarise { files, db, scenario, comments, by, format }) => {
            let view = match (comments, by) {
                (true, _) => SummaryView::Comments,
                (false, Some(q)) => SummaryView::By(q),
                (false, None) => SummaryView::Summary,
            };
            summarise_command(&files, db.as_deref(), scenario.as_deref(), view, format, stdin, out, err)
        }
        Command::Responses(ResponsesCommand::Export { db, scenario, format }) => {
            export_command(&db, scenario.as_deref(), format, stdin, out, err)
        }
        Command::Responses(ResponsesCommand::Backup { db, to }) => {
            let n = csplan_collect::store::backup(&db, &to).map_err(|e| Failure(format!("--db {}: {e}", db.display())));
            n.and_then(|n| write_all(out, &format!("Copied {n} responses from {} to {}\n", db.display(), to.display())))
        }
        Command::Collect { scenario, bind, options } => collect_command(&scenario, options, &bind, stdin, out),
        Command::Caseload { fte, cases, caseload, target, cost_per_fte, rounding, format } => caseload_command(
            CaseloadArgs { fte, cases, caseload, target, cost_per_fte, rounding: rounding.into() },
            format,
            out,
            err,
        ),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            let _ = writeln!(err, "csplan: {message}");
            2
        }
    }
}

/// A failure to read, parse or write: exit code 2 with this message.
struct Failure(String);

type Outcome = Result<i32, Failure>;

fn write_all(out: &mut dyn Write, text: &str) -> Outcome {
    out.write_all(text.as_bytes()).map_err(|e| Failure(format!("cannot write output: {e}")))?;
    Ok(0)
}

fn example(id: &str, out: &mut dyn Write) -> Outcome {
    let Some(p) = preset(id) else {
        let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
        return Err(Failure(format!("there is no preset '{id}'; presets are: {}", ids.join(", "))));
    };
    let json = serde_json::to_string_pretty(&(p.build)()).map_err(|e| Failure(e.to_string()))?;
    write_all(out, &format!("{json}\n"))
}

/// Reads and parses a scenario file (`-` is standard input).
fn read_scenario(file: &str, stdin: &mut dyn Read) -> Result<Scenario, Failure> {
    let mut text = String::new();
    let name = if file == "-" { "standard input" } else { file };
    let read = if file == "-" {
        stdin.read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(file).map(|t| text = t)
    };
    read.map_err(|e| Failure(format!("cannot read {name}: {e}")))?;
    csplan_validation::load::check_version(&text).map_err(|p| Failure(format!("{name}: {}", p.message)))?;
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize::<_, Scenario>(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let at = if path == "." { String::new() } else { format!("{path}: ") };
        Failure(format!("{name} is not a csplan scenario file: {at}{inner}. `csplan example` prints one to start from"))
    })
}

fn print_problems(problems: &[Problem], stream: &mut dyn Write) -> Result<(), Failure> {
    for p in problems {
        writeln!(stream, "{p}").map_err(|e| Failure(format!("cannot write output: {e}")))?;
    }
    Ok(())
}

fn validate_file(file: &str, stdin: &mut dyn Read, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let scenario = read_scenario(file, stdin)?;
    let problems = validate(&scenario);
    if has_errors(&problems) {
        print_problems(&problems, out)?;
        return Ok(1);
    }
    print_problems(&problems, err)?;
    if scenario.authority.trim().is_empty() {
        if let Some(c) = &scenario.consultation {
            return write_all(
                out,
                &format!(
                    "valid: {} consultation \u{201c}{}\u{201d}, {} choice(s)\n",
                    scenario.council_name(),
                    c.title,
                    c.levers.len()
                ),
            );
        }
    }
    write_all(
        out,
        &format!(
            "valid: {} scenario, {} team group(s), {} option(s)\n",
            scenario.authority,
            scenario.teams.len(),
            scenario.options.len()
        ),
    )
}

fn consultation_file(file: &str, stdin: &mut dyn Read, out: &mut dyn Write) -> Outcome {
    let scenario = read_scenario(file, stdin)?;
    let problems: Vec<Problem> = validate(&scenario).into_iter().filter(Problem::is_error).collect();
    if let Some(p) = problems.first() {
        return Err(Failure(format!(
            "{file}: the scenario has problems; `csplan validate` lists them all. First: {p}"
        )));
    }
    let Some(c) = scenario.consultation_file() else {
        return Err(Failure(format!("{file}: that scenario has no consultation section")));
    };
    let json = serde_json::to_string_pretty(&c).map_err(|e| Failure(e.to_string()))?;
    write_all(out, &(json + "\n"))
}

/// The whole report for a valid scenario, with DfE's looked-after comparison.
fn full_report(scenario: &Scenario) -> Result<csplan_calc::Report, Failure> {
    let mut report = csplan_calc::report(scenario).map_err(|e| Failure(format!("cannot calculate: {e}")))?;
    if let Some(demand) = report.demand.as_mut() {
        let cla = csplan_data::cla_rows().map_err(|e| Failure(e.to_string()))?;
        demand.dfe_looked_after = csplan_calc::demand::looked_after_comparison(&cla, scenario, demand);
    }
    Ok(report)
}

fn table_file(
    file: &str,
    id: Option<&str>,
    format: Format,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let scenario = read_scenario(file, stdin)?;
    let problems = validate(&scenario);
    print_problems(&problems, err)?;
    if has_errors(&problems) {
        return Ok(1);
    }
    let tables = csplan_present::tables::report(&full_report(&scenario)?);
    let Some(id) = id else {
        let rows: Vec<Vec<String>> = tables.iter().map(|t| vec![t.id.to_string(), t.caption.clone()]).collect();
        return write_all(out, &output::table(&["id", "caption"], &rows, 2));
    };
    let Some(t) = tables.iter().find(|t| t.id == id) else {
        let ids: Vec<&str> = tables.iter().map(|t| t.id).collect();
        return Err(Failure(format!("this scenario has no table {id:?}; it has: {}", ids.join(", "))));
    };
    let format = match format {
        Format::Table => output::ShortOrCsv::Text,
        Format::Csv => output::ShortOrCsv::Csv,
        Format::Json => output::ShortOrCsv::Json,
    };
    write_all(out, &output::one_table(t, format))
}

fn report_file(file: &str, format: Format, stdin: &mut dyn Read, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let scenario = read_scenario(file, stdin)?;
    let problems = validate(&scenario);
    print_problems(&problems, err)?;
    if has_errors(&problems) {
        return Ok(1);
    }
    let report = full_report(&scenario)?;
    let text = match format {
        Format::Table => output::report_table(&scenario, &report),
        Format::Json => output::report_json(&scenario, &report).map_err(Failure)?,
        Format::Csv => output::report_csv(&scenario, &report).map_err(Failure)?,
    };
    write_all(out, &text)
}

struct CaseloadArgs {
    fte: Decimal,
    cases: Option<Decimal>,
    caseload: Option<Decimal>,
    target: Decimal,
    cost_per_fte: Option<Decimal>,
    rounding: Rounding,
}

/// The command-line argument a scenario path stands for.
fn argument_for(path: &str) -> &str {
    match path.rsplit('.').next().unwrap_or(path) {
        "case_holding_fte" => "--fte",
        "cases" => "--cases",
        "current_caseload" => "--caseload",
        "target_caseload" => "--target",
        "cost_per_fte" => "--cost-per-fte",
        other => other,
    }
}

fn caseload_command(args: CaseloadArgs, format: ShortFormat, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    // One team group in a one-team scenario, so the same validation applies as to files.
    let team = TeamGroup {
        name: "the team".to_string(),
        case_holding_fte: Fte::new(args.fte),
        cases: args.cases,
        current_caseload: args.caseload,
        target_caseload: args.target,
        cost_per_fte: None,
        options: Vec::new(),
    };
    let scenario = Scenario {
        schema: SCHEMA_VERSION,
        authority: "command line".to_string(),
        as_at: "2000-01-01".to_string(),
        source: String::new(),
        rounding: args.rounding,
        cost_per_fte: args.cost_per_fte.map(Money::new),
        compare_targets: Vec::new(),
        teams: vec![team],
        options: Vec::new(),
        ..Scenario::default()
    };
    let problems = validate(&scenario);
    for p in &problems {
        let line = format!("{}: {}", argument_for(&p.path), p.message.replace(" for the team", ""));
        let _ = writeln!(err, "{line}");
    }
    if has_errors(&problems) {
        return Ok(1);
    }
    let Some(team) = scenario.teams.first() else { return Ok(1) };
    let input = csplan_calc::CaseloadInput {
        case_holding_fte: team.case_holding_fte,
        cases: team.cases,
        current_caseload: team.current_caseload,
        target_caseload: team.target_caseload,
        cost_per_fte: scenario.cost_per_fte,
        rounding: scenario.rounding,
    };
    let result = csplan_calc::caseload(&input).map_err(|e| Failure(format!("cannot calculate: {e}")))?;
    let text = match format {
        ShortFormat::Table => output::caseload_table(&result),
        ShortFormat::Json => output::caseload_json(&result).map_err(Failure)?,
    };
    write_all(out, &text)
}

fn workforce_command(a: &WorkforceArgs, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let mut problems = Vec::new();
    let mut check = |name: &str, value: Option<Decimal>| {
        if value.is_some_and(|v| v.is_sign_negative() && !v.is_zero()) {
            problems.push(format!("{name}: Enter 0 or more"));
        }
    };
    check("--in-post", Some(a.in_post));
    check("--vacancies", Some(a.vacancies));
    check("--agency", Some(a.agency));
    check("--agency-cover", a.agency_cover);
    check("--leavers", a.leavers);
    check("--cases", a.cases);
    check("--case-holders", a.case_holders);
    if a.agency_cover.is_some_and(|c| c > a.agency) {
        problems.push(
            "--agency-cover: Agency workers covering vacancies must not be more than --agency, all agency workers"
                .into(),
        );
    }
    if !problems.is_empty() {
        for p in &problems {
            let _ = writeln!(err, "{p}");
        }
        return Ok(1);
    }
    let inputs = csplan_calc::MeasureInputs {
        in_post: Some(a.in_post),
        vacancies: Some(a.vacancies),
        agency: Some(a.agency),
        agency_cover: a.agency_cover,
        leavers: a.leavers,
        cases: a.cases,
        case_holders: a.case_holders,
    };
    let m = csplan_calc::measures(&inputs);
    let text = match a.format {
        ShortFormat::Table => output::measures_table(&inputs, &m),
        ShortFormat::Json => serde_json::to_string_pretty(&m).map(|t| t + "\n").map_err(|e| Failure(e.to_string()))?,
    };
    write_all(out, &text)
}

/// The shipped DfE rows and the code `la` names; `None` (with the closest names written
/// to `err`) when no authority matches.
fn authority(la: &str, err: &mut dyn Write) -> Result<Option<(Vec<csplan_data::WorkforceRow>, String)>, Failure> {
    let rows = csplan_data::workforce_rows().map_err(|e| Failure(e.to_string()))?;
    match csplan_data::find_authority(&rows, la) {
        Ok(code) => Ok(Some((rows, code))),
        Err(closest) => {
            let _ = writeln!(err, "--la: no English local authority is called '{la}'. Closest: {}", closest.join(", "));
            Ok(None)
        }
    }
}

fn example_for_authority(la: &str, year: Option<u16>, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let Some((rows, code)) = authority(la, err)? else { return Ok(1) };
    match csplan_calc::benchmark::prefill_scenario(&rows, &code, year) {
        Ok(s) => {
            let json = serde_json::to_string_pretty(&s).map_err(|e| Failure(e.to_string()))?;
            write_all(out, &format!("{json}\n"))
        }
        Err(e) => {
            let _ = writeln!(err, "{}", year_problem(la, e));
            Ok(1)
        }
    }
}

fn year_problem(la: &str, e: csplan_calc::benchmark::BenchmarkError) -> String {
    match e {
        csplan_calc::benchmark::BenchmarkError::NoYear(years) => {
            let list: Vec<String> = years.iter().map(u16::to_string).collect();
            format!("--year: {la} has DfE figures for {} only", list.join(", "))
        }
        csplan_calc::benchmark::BenchmarkError::UnknownAuthority => format!("--la: no DfE figures for '{la}'"),
    }
}

fn flows_command(la: &str, format: ShortFormat, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let Some((rows, code)) = authority(la, err)? else { return Ok(1) };
    let cla = csplan_data::cla_rows().map_err(|e| Failure(e.to_string()))?;
    let name = rows.iter().find(|r| r.code == code).map_or(la, |r| r.name.as_str());
    let history = csplan_calc::care_flows::dfe_history(&cla, &code);
    let Some(estimate) = csplan_calc::care_flows::estimate_rates(&history).map_err(|e| Failure(e.to_string()))? else {
        let _ = writeln!(err, "--la: DfE publishes no children-looked-after counts for {name}");
        return Ok(1);
    };
    let text = match format {
        ShortFormat::Table => output::flows_table(name, &estimate),
        ShortFormat::Json => {
            serde_json::to_string_pretty(&estimate).map(|t| t + "\n").map_err(|e| Failure(e.to_string()))?
        }
    };
    write_all(out, &text)
}

fn benchmark_command(
    la: &str,
    year: Option<u16>,
    format: ShortFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let Some((rows, code)) = authority(la, err)? else { return Ok(1) };
    let b = match csplan_calc::benchmark::benchmark(&rows, &code, year) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "{}", year_problem(la, e));
            return Ok(1);
        }
    };
    let text = match format {
        ShortFormat::Table => output::benchmark_table(&b),
        ShortFormat::Json => serde_json::to_string_pretty(&b).map(|t| t + "\n").map_err(|e| Failure(e.to_string()))?,
    };
    write_all(out, &text)
}

/// The response files that `paths` name (folders: every `*.json` inside, in name order),
/// each once, and the names that repeated one already listed.
fn response_files(paths: &[String]) -> Result<(Vec<std::path::PathBuf>, Vec<std::path::PathBuf>), Failure> {
    let mut files = Vec::new();
    for p in paths {
        let path = std::path::PathBuf::from(p);
        if path.is_dir() {
            let entries = std::fs::read_dir(&path).map_err(|e| Failure(format!("cannot read folder {p}: {e}")))?;
            let mut inside: Vec<_> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "json" || x == "csv"))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(path);
        }
    }
    // A file named twice (itself and in its folder, or by two paths) is read once.
    let mut seen = std::collections::HashSet::new();
    let mut repeated = Vec::new();
    files.retain(|f| {
        let first = seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()));
        if !first {
            repeated.push(f.clone());
        }
        first
    });
    Ok((files, repeated))
}

/// Responses to summarise or export, each with the name a problem is reported under: a
/// file's path, or a stored response's receipt.
fn response_texts(
    paths: &[String],
    db: Option<&std::path::Path>,
    err: &mut dyn Write,
) -> Result<Vec<(String, String)>, Failure> {
    if let Some(db) = db {
        let rows = csplan_collect::store::read_all(db).map_err(|e| Failure(format!("--db {}: {e}", db.display())))?;
        return Ok(rows.into_iter().map(|r| (format!("receipt {}", r.receipt), r.response)).collect());
    }
    let mut texts = Vec::new();
    let (files, repeated) = response_files(paths)?;
    for file in repeated {
        let _ = writeln!(err, "{}: counted once: that file is named more than once", file.display());
    }
    for file in files {
        let name = file.display().to_string();
        match std::fs::read_to_string(&file) {
            Ok(t) => texts.push((name, t)),
            Err(e) => {
                let _ = writeln!(err, "{name}: skipped: cannot read it: {e}");
            }
        }
    }
    Ok(texts)
}

/// The scenario named by `--scenario` and its consultation (exit 1 if it has none).
/// `Ok(Err(()))` once it has said on `err` that the scenario has no consultation (exit 1).
fn consultation_scenario(
    file: Option<&str>,
    stdin: &mut dyn Read,
    err: &mut dyn Write,
) -> Result<Result<Option<(Scenario, csplan_model::Consultation)>, ()>, Failure> {
    let Some(file) = file else { return Ok(Ok(None)) };
    let s = read_scenario(file, stdin)?;
    match s.consultation.clone() {
        Some(c) => Ok(Ok(Some((s, c)))),
        None => {
            let _ = writeln!(err, "--scenario: that scenario has no consultation section");
            Ok(Err(()))
        }
    }
}

/// What `csplan responses summarise` prints.
enum SummaryView {
    /// The summary (with the package, given the consultation).
    Summary,
    /// Every comment.
    Comments,
    /// Every choice by the answers to a question.
    By(String),
}

#[allow(clippy::too_many_arguments)]
fn summarise_command(
    paths: &[String],
    db: Option<&std::path::Path>,
    scenario: Option<&str>,
    view: SummaryView,
    format: Format,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let Ok(checked) = consultation_scenario(scenario, stdin, err)? else { return Ok(1) };
    let texts = response_texts(paths, db, err)?;
    let reading = csplan_present::responses::read(&texts, checked.as_ref().map(|(s, c)| (s, c)));
    for n in &reading.notes {
        let _ = writeln!(err, "{}: {}", n.name, n.message);
    }
    let unread = if db.is_some() { 0 } else { response_files(paths)?.0.len().saturating_sub(texts.len()) };
    let skipped = reading.skipped() + unread;
    let named = reading.counted;
    let consultation = checked.as_ref().map(|(_, c)| c);
    let print = |table: csplan_present::Table| match format {
        Format::Table => table.text(),
        Format::Json => table.json(),
        Format::Csv => table.csv(),
    };
    if matches!(view, SummaryView::Comments) {
        let table = csplan_present::tables::comments(&csplan_calc::responses::comments(&named, consultation));
        return write_all(out, &print(table));
    }
    let responses: Vec<csplan_model::Response> = named.into_iter().map(|(_, r)| r).collect();
    if let SummaryView::By(question) = &view {
        let Some(b) = csplan_calc::responses::breakdown(&responses, consultation, question) else {
            let known: Vec<String> = match consultation {
                Some(c) => c.questions.iter().map(|q| q.id.clone()).collect(),
                None => {
                    csplan_calc::responses::summarise(&responses, None).about_you.into_iter().map(|q| q.id).collect()
                }
            };
            let ids = if known.is_empty() { "none".to_string() } else { known.join(", ") };
            let _ = writeln!(err, "--by {question}: no \"about you\" question has that id (the ids are: {ids})");
            return Ok(2);
        };
        return write_all(out, &print(csplan_present::tables::breakdown(&b)));
    }
    let summary = csplan_calc::responses::summarise(&responses, consultation);
    // With the consultation, the average package beside the council's proposal.
    let package = match &checked {
        Some((s, c)) => Some(csplan_calc::responses::package(s, c, &summary).map_err(|e| Failure(e.to_string()))?),
        None => None,
    };
    let text = match format {
        Format::Table => {
            let mut t = output::summary_table(&summary);
            if let Some(p) = &package {
                t.push('\n');
                t.push_str(&csplan_present::tables::package(p).text());
            }
            if skipped > 0 {
                let what = if db.is_some() { "response(s)" } else { "file(s)" };
                t.push_str(&format!("\n{skipped} {what} skipped (named on standard error).\n"));
            }
            t
        }
        Format::Json => {
            #[derive(serde::Serialize)]
            struct WithPackage<'a> {
                #[serde(flatten)]
                summary: &'a csplan_calc::responses::Summary,
                #[serde(skip_serializing_if = "Option::is_none")]
                package: Option<&'a csplan_calc::responses::Package>,
            }
            let both = WithPackage { summary: &summary, package: package.as_ref() };
            serde_json::to_string_pretty(&both).map(|t| t + "\n").map_err(|e| Failure(e.to_string()))?
        }
        Format::Csv => output::summary_csv(&summary).map_err(Failure)?,
    };
    write_all(out, &text)
}

fn export_command(
    db: &std::path::Path,
    scenario: Option<&str>,
    format: ExportFormat,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let Ok(checked) = consultation_scenario(scenario, stdin, err)? else { return Ok(1) };
    let stored = csplan_collect::store::read_all(db).map_err(|e| Failure(format!("--db {}: {e}", db.display())))?;
    let mut rows = Vec::with_capacity(stored.len());
    for s in stored {
        match serde_json::from_str::<csplan_model::Response>(&s.response) {
            Ok(r) => rows.push((s, r)),
            Err(e) => {
                let _ = writeln!(err, "receipt {}: skipped: not a csplan response: {e}", s.receipt);
            }
        }
    }
    let text = match format {
        ExportFormat::Json => {
            #[derive(serde::Serialize)]
            struct Row<'a> {
                receipt: &'a str,
                received: &'a str,
                response: &'a csplan_model::Response,
            }
            let all: Vec<Row<'_>> =
                rows.iter().map(|(s, r)| Row { receipt: &s.receipt, received: &s.received, response: r }).collect();
            serde_json::to_string_pretty(&all).map(|t| t + "\n").map_err(|e| Failure(e.to_string()))?
        }
        ExportFormat::Csv => {
            // Columns: the consultation's choices and questions in its order, or with no
            // scenario every choice and question met, in the order first met.
            let (levers, questions) = match &checked {
                Some((_, c)) => (
                    c.levers.iter().map(|l| (l.id.clone(), l.name.clone())).collect(),
                    c.questions.iter().map(|q| (q.id.clone(), q.text.clone())).collect(),
                ),
                None => {
                    let mut levers: Vec<(String, String)> = Vec::new();
                    let mut questions: Vec<(String, String)> = Vec::new();
                    for (_, r) in &rows {
                        for ch in &r.choices {
                            if !levers.iter().any(|(id, _)| id == &ch.lever) {
                                levers.push((ch.lever.clone(), ch.lever.clone()));
                            }
                        }
                        for a in &r.about_you {
                            if !questions.iter().any(|(id, _)| id == &a.question) {
                                questions.push((a.question.clone(), a.question.clone()));
                            }
                        }
                    }
                    (levers, questions)
                }
            };
            output::export_csv(&rows, &levers, &questions).map_err(Failure)?
        }
    };
    write_all(out, &text)
}

fn collect_command(
    scenario: &str,
    options: csplan_collect::Options,
    bind: &str,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Outcome {
    let s = read_scenario(scenario, stdin)?;
    let c = csplan_collect::prepare(&s, &options).map_err(Failure)?;
    let store = csplan_collect::open_store(&options).map_err(Failure)?;
    let listener =
        std::net::TcpListener::bind(bind).map_err(|e| Failure(format!("--bind {bind}: cannot listen there: {e}")))?;
    let addr = listener.local_addr().map_err(|e| Failure(format!("--bind {bind}: {e}")))?;
    let origins = if options.origins.is_empty() {
        "no other site (give --origin https://your.site to let the app's pages post)".to_string()
    } else {
        options.origins.join(", ")
    };
    write_all(
        out,
        &format!(
            "csplan collect: listening on http://{addr}\n\
             Responses to \u{201c}{}\u{201d} ({}) are taken at {}\n\
             Set the consultation's collector_url to that address (or the address your HTTPS proxy gives it).\n\
             Pages allowed to post: {origins}. Stored in {}. Ctrl+C stops.\n",
            c.title,
            c.id,
            csplan_collect::responses_url(addr, &c),
            options.db.display(),
        ),
    )?;
    out.flush().map_err(|e| Failure(format!("cannot write output: {e}")))?;
    csplan_collect::serve(s, store, listener, options).map_err(Failure)?;
    Ok(0)
}

fn diff_command(
    a: &str,
    b: &str,
    format: ShortFormat,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let mut sides = Vec::with_capacity(2);
    for file in [a, b] {
        let scenario = read_scenario(file, stdin)?;
        let problems: Vec<Problem> = validate(&scenario).into_iter().filter(Problem::is_error).collect();
        if !problems.is_empty() {
            let _ = writeln!(err, "{file} has problems, so it cannot be compared:");
            print_problems(&problems, err)?;
            return Ok(2);
        }
        let report = full_report(&scenario)?;
        let inputs = serde_json::to_value(&scenario).map_err(|e| Failure(e.to_string()))?;
        let results: serde_json::Value =
            serde_json::from_str(&output::report_json(&scenario, &report).map_err(Failure)?)
                .map_err(|e| Failure(e.to_string()))?;
        sides.push((inputs, results));
    }
    let (Some((ia, ra)), Some((ib, rb))) = (sides.first(), sides.get(1)) else { return Ok(2) };
    let inputs = csplan_validation::json::differences(ia, ib);
    let results = csplan_validation::json::differences(ra, rb);
    let text = match format {
        ShortFormat::Json => {
            #[derive(serde::Serialize)]
            struct Diff<'a> {
                inputs: &'a [csplan_validation::json::Difference],
                results: &'a [csplan_validation::json::Difference],
            }
            serde_json::to_string_pretty(&Diff { inputs: &inputs, results: &results })
                .map(|t| t + "\n")
                .map_err(|e| Failure(e.to_string()))?
        }
        ShortFormat::Table => output::diff_table(a, b, &inputs, &results),
    };
    write_all(out, &text)?;
    Ok(i32::from(!(inputs.is_empty() && results.is_empty())))
}

/// SSDA903 CSV files named, and every `*.csv` in a folder named (at any depth), in order.
fn csv_files(paths: &[String]) -> Result<Vec<std::path::PathBuf>, Failure> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), Failure> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| Failure(format!("cannot read folder {}: {e}", dir.display())))?;
        let mut inside: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        inside.sort();
        for p in inside {
            if p.is_dir() {
                walk(&p, out)?;
            } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")) {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        let path = std::path::PathBuf::from(p);
        if path.is_dir() {
            walk(&path, &mut out)?;
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

/// The flag a problem of `csplan care`'s inputs is about (its path, from
/// `csplan_validation::care`), and the problem's number in a list (`--adjust 2`).
fn care_flag(path: &str) -> String {
    let p = csplan_validation::fields::Path::parse(path);
    let text = p.as_str();
    let nth = |key: &str| {
        text.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix('['))
            .and_then(|rest| rest.split(']').next())
            .and_then(|n| n.parse::<usize>().ok())
            .map(|n| n + 1)
    };
    match text {
        "care.from" => "--reference-start".into(),
        "care.to" => "--reference-end".into(),
        "care.months" => "--months".into(),
        "care.weeks" => "--weeks".into(),
        "care.inflation" => "--inflation".into(),
        "care.forecast_on" => "--forecast-on".into(),
        _ if text.starts_with("care.adjustments") => {
            format!("--adjust {}", nth("care.adjustments").unwrap_or(1))
        }
        _ if text.starts_with("care.costs") => "--cost".into(),
        _ => "--setup".into(),
    }
}

/// Fails with every problem, each after its flag.
fn care_problems(problems: &[Problem]) -> Failure {
    Failure(problems.iter().map(|p| format!("{}: {}", care_flag(&p.path), p.message)).collect::<Vec<_>>().join("\n"))
}

/// What `csplan care` prints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CareView {
    /// The projection, history and a count of each kind of change.
    Summary,
    /// The same, with every change row by row.
    EveryChange,
    /// The projection made as D2I makes it.
    LikeD2i,
}

fn care_command(args: &CareArgs, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    use csplan_validation::care as read;
    let view = match (args.like_d2i, args.changes) {
        (true, _) => CareView::LikeD2i,
        (false, true) => CareView::EveryChange,
        (false, false) => CareView::Summary,
    };
    let window = read::read_window(&args.reference_start, &args.reference_end, &args.months.to_string())
        .map_err(|p| care_problems(&p))?;
    let (from, to, months) = (window.from, window.to, window.months);
    let forecast_on = match &args.forecast_on {
        Some(text) => {
            Some(read::read_day("care.forecast_on", "day to forecast from", text).map_err(|p| care_problems(&[p]))?)
        }
        None => None,
    };
    let setup = match &args.setup {
        None => csplan_model::care::CareSetup::default(),
        Some(file) => {
            let text =
                std::fs::read_to_string(file).map_err(|e| Failure(format!("--setup: cannot read {file}: {e}")))?;
            let setup: csplan_model::care::CareSetup =
                serde_json::from_str(&text).map_err(|e| Failure(format!("--setup: {file} is not a setup: {e}")))?;
            let problems = read::check_setup(&setup);
            if !problems.is_empty() {
                return Err(care_problems(&problems));
            }
            setup
        }
    };
    let typed: Vec<_> = args.adjust.iter().map(|a| read::AdjustmentText::from_flag(a)).collect();
    let adjustments = read::read_adjustments(&typed, &setup).map_err(|p| care_problems(&p))?;
    let names: Vec<String> = setup.categories.iter().map(|c| c.name.clone()).collect();
    let costs = if args.cost.is_empty() {
        None
    } else {
        let mut typed = vec![(String::new(), String::new()); names.len()];
        for flag in &args.cost {
            let mut parts = flag.splitn(3, ':');
            let category = parts.next().unwrap_or_default().trim();
            let Some(c) = setup
                .categories
                .iter()
                .position(|c| c.id.eq_ignore_ascii_case(category) || c.name.eq_ignore_ascii_case(category))
            else {
                let ids: Vec<&str> = setup.categories.iter().map(|c| c.id.as_str()).collect();
                return Err(Failure(format!(
                    "--cost {flag}: \u{201c}{category}\u{201d} is not a category; use one of {}",
                    ids.join(", ")
                )));
            };
            if let Some(t) = typed.get_mut(c) {
                *t = (parts.next().unwrap_or_default().to_string(), parts.next().unwrap_or_default().to_string());
            }
        }
        Some(
            read::read_costs(&typed, &names, args.weekly, &args.weeks, &args.inflation)
                .map_err(|p| care_problems(&p))?,
        )
    };
    let mut texts = Vec::new();
    for file in csv_files(&args.files)? {
        let text =
            std::fs::read_to_string(&file).map_err(|e| Failure(format!("{}: cannot read it: {e}", file.display())))?;
        texts.push((file.display().to_string(), text));
    }
    let records = match csplan_data::ssda903::read(&texts, &setup.codes()) {
        Ok(r) => r,
        Err(problems) => {
            for p in &problems {
                let _ = writeln!(err, "{p}");
            }
            return Ok(1);
        }
    };
    if let Some(covered) = records.covered() {
        let problems = read::check_window(&window, covered);
        if !problems.is_empty() {
            return Err(care_problems(&problems));
        }
    }
    if view == CareView::LikeD2i {
        let p = csplan_calc::care_like_d2i::project(&records, from, to, months).map_err(|e| Failure(e.to_string()))?;
        let text = match args.format {
            Format::Json => serde_json::to_string_pretty(&p).map(|t| t + "\n").map_err(|e| Failure(e.to_string()))?,
            Format::Table | Format::Csv => csplan_present::tables::care_like_d2i(&p).csv(),
        };
        return write_all(out, &text);
    }
    let fitted = csplan_calc::care::fit(&records, &setup, from, to).map_err(|e| Failure(e.to_string()))?;
    let rates = if adjustments.is_empty() {
        fitted
    } else {
        fitted.adjust(&adjustments).map_err(|e| Failure(format!("--adjust {}: {}", e.index + 1, e.message(&setup))))?
    };
    let step = match args.step {
        CareStep::Daily => csplan_model::care::Step::Daily,
        CareStep::Monthly => csplan_model::care::Step::Monthly,
    };
    let projection =
        csplan_calc::care::project(&records, &setup, &rates, to, months, step).map_err(|e| Failure(e.to_string()))?;
    let history = csplan_calc::care::history(&records, &setup);
    let forecast = forecast_on.map(|on| csplan_calc::care::year_forecast(&records, &setup, on));
    let costed = match &costs {
        Some(c) => {
            let shares = csplan_calc::care::in_house_shares(&records, &setup, to);
            Some(
                csplan_calc::care::project_costs(&projection, &shares, c)
                    .map_err(|m| Failure(format!("--cost: {m}")))?,
            )
        }
        None => None,
    };
    let text = match args.format {
        Format::Table => {
            let mut t = csplan_present::tables::care_projection(&projection).text();
            if let Some(bands) =
                csplan_present::tables::care_bands(&projection, projection.months.len().saturating_sub(1))
            {
                t.push('\n');
                t.push_str(&bands.text());
            }
            if let Some(c) = &costed {
                t.push('\n');
                t.push_str(&csplan_present::tables::care_costs(c, &names).text());
            }
            if let Some(f) = &forecast {
                t.push('\n');
                t.push_str(&csplan_present::tables::care_year_forecast(f).text());
            }
            t.push('\n');
            t.push_str(&csplan_present::tables::care_history(&history, &names).text());
            t.push('\n');
            let changes = if view == CareView::EveryChange {
                csplan_present::tables::care_change_rows(&records)
            } else {
                csplan_present::tables::care_changes(&records)
            };
            t.push_str(&changes.text());
            t
        }
        Format::Csv => csplan_present::tables::care_long(&projection).csv(),
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Care<'a> {
                changes: &'a [csplan_data::ssda903::Change],
                ignored: &'a [String],
                history: &'a [csplan_calc::care::HistoryPoint],
                rates: &'a csplan_calc::care::Rates,
                #[serde(skip_serializing_if = "<[_]>::is_empty")]
                adjustments: &'a [csplan_model::care::RateAdjustment],
                step: csplan_model::care::Step,
                projection: &'a csplan_calc::care::CareProjection,
                #[serde(skip_serializing_if = "Option::is_none")]
                costs: Option<&'a csplan_calc::care::CareCostResult>,
                #[serde(skip_serializing_if = "Option::is_none")]
                year_forecast: Option<&'a csplan_calc::care::YearForecast>,
            }
            let all = Care {
                year_forecast: forecast.as_ref(),
                changes: &records.changes,
                ignored: &records.ignored,
                history: &history,
                rates: &rates,
                adjustments: &adjustments,
                step,
                projection: &projection,
                costs: costed.as_ref(),
            };
            serde_json::to_string_pretty(&all).map(|t| t + "\n").map_err(|e| Failure(e.to_string()))?
        }
    };
    write_all(out, &text)
}
