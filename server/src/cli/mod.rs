//! The command line: `check`, `explain`, `rules`. An edge: it reads the files it checks and
//! writes the report; config, catalog and notes files come through `workspace`.

mod output;

use crate::analysis::{analyze_keeping, Keep};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ide;
use crate::model::DocKind;
use crate::syntax::LineIndex;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use output::Format;

pub const USAGE: &str = "policy-lsp: language server and checker for AWS access-policy documents

Usage:
  policy-lsp [serve] [--stdio]          speak the Language Server Protocol on stdin/stdout
  policy-lsp check [OPTIONS] PATH...    check policy files; directories are searched for them
  policy-lsp explain RULE               show a rule's documentation (id or Access Analyzer code)
  policy-lsp rules                      list all rules
  policy-lsp --version                  version and catalog provenance

Options for check:
  --format human|json|sarif|github      output format (default: human)
  --kind identity|trust|resource|kms-key|s3-bucket|scp
                                        treat every file as this kind of policy
  --config FILE                         use this policy-lsp.toml (default: the nearest one
                                        found from each file's folder upwards)
  --show-suppressed                     also list findings turned off by [[ignore]]
  --no-color                            never colour the human output
";

/// Runs the CLI with `args` (without the program name); returns the exit status, which
/// the caller is to exit with (`check` leaves its results unfreed for a fast exit).
pub fn run(args: &[String]) -> i32 {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..], &mut out, &mut err),
        Some("explain") => explain(&args[1..], &mut out, &mut err),
        Some("rules") => {
            let _ = out.write_all(ide::explain::rules_table().as_bytes());
            0
        }
        Some("--version" | "-V" | "version") => {
            let _ = writeln!(out, "{}", version_text());
            0
        }
        Some("--help" | "-h" | "help") => {
            let _ = out.write_all(USAGE.as_bytes());
            0
        }
        Some("serve" | "--stdio") => {
            let _ = writeln!(
                err,
                "policy-lsp: the language server is started by main, not here"
            );
            2
        }
        Some(other) => {
            let _ = writeln!(err, "policy-lsp: unknown command `{other}`\n\n{USAGE}");
            2
        }
        None => {
            let _ = writeln!(err, "{USAGE}");
            2
        }
    }
}

pub fn version_text() -> String {
    let c = crate::catalog::Catalog::builtin();
    let p = c.provenance();
    format!(
        "policy-lsp {}\ncatalog: {}@{} ({}, {}), {} services, {} actions",
        env!("CARGO_PKG_VERSION"),
        p.package,
        p.version,
        p.date,
        p.license,
        c.services().len(),
        c.services()
            .iter()
            .map(|s| s.actions().len())
            .sum::<usize>()
    )
}

struct CheckArgs {
    config: Option<PathBuf>,
    show_suppressed: bool,
    format: Format,
    kind: Option<DocKind>,
    color: bool,
    paths: Vec<PathBuf>,
}

fn parse_check_args(args: &[String]) -> Result<CheckArgs, String> {
    let mut res = CheckArgs {
        config: None,
        show_suppressed: false,
        format: Format::Human,
        kind: None,
        color: true,
        paths: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "--format" | "-f" => {
                let v = value("--format")?;
                res.format = Format::parse(&v).ok_or_else(|| {
                    format!("unknown format `{v}`: use human, json, sarif or github")
                })?;
            }
            "--kind" => {
                let v = value("--kind")?;
                res.kind = Some(DocKind::parse(&v).ok_or_else(|| format!("unknown kind `{v}`: use identity, trust, resource, kms-key, s3-bucket or scp"))?);
            }
            "--no-color" => res.color = false,
            "--config" | "-c" => res.config = Some(PathBuf::from(value("--config")?)),
            "--show-suppressed" => res.show_suppressed = true,
            "--" => res.paths.extend(it.by_ref().map(PathBuf::from)),
            _ if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option `{flag}`"))
            }
            _ => res.paths.push(PathBuf::from(a)),
        }
    }
    if res.paths.is_empty() {
        return Err("no paths given: policy-lsp check PATH...".to_string());
    }
    Ok(res)
}

/// One checked file.
pub struct FileResult {
    pub path: String,
    pub analysis: Checked,
    /// Its part of the output ([`output::file_part`]), rendered by the worker that
    /// checked it.
    pub rendered: String,
}

/// What the output needs of an [`crate::analysis::Analysis`]; the syntax tree is dropped
/// as soon as a file is checked, so a large run does not hold every tree at once.
pub struct Checked {
    pub text: String,
    pub line_index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
    pub suppressed: Vec<(Diagnostic, String)>,
    pub is_policy: bool,
    /// Policies checked: those of a template or Terraform file, or 1 for a policy file.
    pub policies: usize,
    /// Findings by severity (index: `Severity as usize`), kept when the rest is
    /// released after rendering.
    pub counts: [usize; 4],
}

impl Checked {
    /// Frees the text and findings once the file's part of the output is rendered and
    /// nothing later needs them: the worker's next file reuses that memory instead of
    /// touching fresh pages (page faults were about a tenth of a corpus run).
    fn release(&mut self) {
        self.text = String::new();
        self.line_index = LineIndex::new("");
        self.diagnostics = Vec::new();
        self.suppressed = Vec::new();
    }
}

fn check(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let args = match parse_check_args(args) {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(err, "policy-lsp check: {e}");
            return 2;
        }
    };
    // An explicit --config applies to every file; otherwise each file's nearest one.
    let given_config = match &args.config {
        Some(p) => match load_config(p, args.kind, err) {
            Some(c) => Some(c),
            None => return 2,
        },
        None => None,
    };
    let builtin_catalog = given_config.as_ref().is_none_or(|c| c.catalog.is_none());
    if builtin_catalog {
        crate::workspace::warm_up(args.kind.map_or(DocKind::ALL.to_vec(), |k| vec![k]));
    }
    let (files, mut io_errors) = collect_files(&args.paths, err);
    let mut plan = Plan {
        given: given_config,
        kind: args.kind,
        discovered: HashMap::new(),
        real_dirs: HashMap::new(),
        config_of_dir: HashMap::new(),
        last_dir: None,
    };
    let mut jobs = Vec::with_capacity(files.len());
    for (path, explicit) in files {
        match plan.job(path, explicit, err) {
            Some(job) => jobs.push(job),
            None => return 2,
        }
    }
    if jobs.len() >= READ_ALL_ACTIONS_FROM && builtin_catalog {
        read_all_actions_in_background();
    }
    let color = args.color
        && args.format == Format::Human
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
        && std::env::var_os("NO_COLOR").is_none();
    let analyses = crate::parallel::parallel_map(&jobs, |job| check_file(&args, &plan, job, color));
    let (results, skipped, failed) = gather(jobs, analyses, err);
    io_errors += failed;
    write_report(&args, &results, skipped, color, out, err);
    let any_error = results
        .iter()
        .any(|r| r.analysis.counts[Severity::Error as usize] > 0);
    // The process exits next (`run` is only called by `main`): freeing every file's
    // text and findings one by one would only delay that.
    std::mem::forget(results);
    if io_errors > 0 {
        2
    } else if any_error {
        1
    } else {
        0
    }
}

/// The files to check: walked folders' `*.json` files and the files named (`true`:
/// named explicitly), and how many folders could not be read.
fn collect_files(paths: &[PathBuf], err: &mut dyn Write) -> (Vec<(PathBuf, bool)>, usize) {
    let mut io_errors = 0;
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(p, &mut found) {
                let _ = writeln!(
                    err,
                    "policy-lsp: cannot read directory {}: {e}",
                    p.display()
                );
                io_errors += 1;
            }
            files.extend(found.into_iter().map(|f| (f, false)));
        } else {
            files.push((p.clone(), true));
        }
    }
    (files, io_errors)
}

/// One file to read, check and render on a worker.
struct Job {
    path: PathBuf,
    display: String,
    name: String,
    /// The key of its config in [`Plan::discovered`]; `None`: the `--config` one.
    config: Option<Option<PathBuf>>,
    explicit: bool,
}

/// Finds each file's config in order (once per folder), so that the workers can then
/// read, check and render the files in parallel: each worker reads its own files, so
/// reading overlaps the checking instead of coming before it.
struct Plan {
    given: Option<Config>,
    kind: Option<DocKind>,
    /// The configs found, by config file (`None`: no file, the defaults).
    discovered: HashMap<Option<PathBuf>, Config>,
    // Walked files are regular files (the walk does not follow links), so their real
    // path is their folder's real path and their name: one canonicalize per folder.
    real_dirs: HashMap<PathBuf, Option<PathBuf>>,
    config_of_dir: HashMap<PathBuf, Option<PathBuf>>,
    // Walked files come folder by folder, so the last folder's answers (its real path
    // and its config) are kept at hand: the maps above hash a `Path` by splitting it
    // into components, a cost per file otherwise.
    last_dir: Option<(PathBuf, Option<PathBuf>, Option<Option<PathBuf>>)>,
}

impl Plan {
    /// The job for `path`; `None` when its config file is broken (reported on `err`).
    fn job(&mut self, path: PathBuf, explicit: bool, err: &mut dyn Write) -> Option<Job> {
        let walked = match (explicit, path.parent(), path.file_name()) {
            (false, Some(dir), Some(name)) => Some((dir, name)),
            _ => None,
        };
        let hit = match (walked, &self.last_dir) {
            (Some((dir, name)), Some((last, real, key))) if last.as_os_str() == dir.as_os_str() => {
                Some((real.as_ref().map(|d| d.join(name)), key.clone()))
            }
            _ => None,
        };
        let (canonical, key) = match hit {
            Some(known) => known,
            None => {
                let real = walked.map(|(dir, _)| {
                    self.real_dirs
                        .entry(dir.to_path_buf())
                        .or_insert_with(|| std::fs::canonicalize(dir).ok())
                        .clone()
                });
                let canonical = match (&real, walked) {
                    (Some(real), Some((_, name))) => real.as_ref().map(|d| d.join(name)),
                    _ => std::fs::canonicalize(&path).ok(),
                };
                let key = match &self.given {
                    Some(_) => None,
                    None => Some(self.discover(canonical.as_deref(), err)?),
                };
                if let (Some((dir, _)), Some(real)) = (walked, real) {
                    self.last_dir = Some((dir.to_path_buf(), real, key.clone()));
                }
                (canonical, key)
            }
        };
        let display = display_path(&path);
        // Paths are matched against the config's globs relative to its folder, so the
        // config gets an absolute path (the working directory is the edge's to know).
        let name = match (self.config(&key), &canonical) {
            (Some(c), Some(p)) if c.root.is_some() => p.to_string_lossy().to_string(),
            (Some(c), None) if c.root.is_some() => std::path::absolute(&path)
                .map_or_else(|_| display.clone(), |p| p.to_string_lossy().to_string()),
            _ => display.clone(),
        };
        Some(Job {
            path,
            display,
            name,
            config: key,
            explicit,
        })
    }

    /// The config file of the file at `canonical` (loaded on first use); `None` when
    /// it is broken.
    fn discover(
        &mut self,
        canonical: Option<&Path>,
        err: &mut dyn Write,
    ) -> Option<Option<PathBuf>> {
        let dir = canonical
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let found = self
            .config_of_dir
            .entry(dir)
            .or_insert_with_key(|dir| crate::workspace::find_config(dir))
            .clone();
        if !self.discovered.contains_key(&found) {
            let c = match &found {
                Some(f) => load_config(f, self.kind, err)?,
                None => Config {
                    forced_kind: self.kind,
                    ..Config::new()
                },
            };
            self.discovered.insert(found.clone(), c);
        }
        Some(found)
    }

    fn config(&self, key: &Option<Option<PathBuf>>) -> Option<&Config> {
        match key {
            Some(k) => self.discovered.get(k),
            None => self.given.as_ref(),
        }
    }
}

/// Many files name nearly every service between them, and each service's actions are
/// read on first use behind a lock: a worker that needs a service another is reading
/// waits, and on two cores that left a core idle for a tenth of checking the AWS
/// managed policies. A spare thread reading them all, in catalog order, fills those
/// waits with work that is needed anyway; it passes over a service that a worker is
/// reading rather than wait for it too.
fn read_all_actions_in_background() {
    std::thread::spawn(|| {
        for s in crate::catalog::Catalog::builtin().services() {
            s.read_actions_unless_busy();
        }
    });
}

/// Reads, checks and renders one file (on a worker).
fn check_file(args: &CheckArgs, plan: &Plan, job: &Job, color: bool) -> Result<FileResult, String> {
    let bytes =
        std::fs::read(&job.path).map_err(|e| format!("cannot read {}: {e}", job.path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not valid UTF-8 (invalid byte at offset {}); policies must be UTF-8 text",
            job.path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let Some(c) = plan.config(&job.config) else {
        return Err(format!(
            "internal error while checking {}; please report it",
            job.display
        ));
    };
    let a = analyze_keeping(text, Some(&job.name), c, Keep::Findings);
    let mut counts = [0; 4];
    for d in &a.diagnostics {
        counts[d.severity as usize] += 1;
    }
    let policies = match &a.host {
        Some(h) => h.checked,
        None => usize::from(a.is_policy),
    };
    let mut r = FileResult {
        path: job.display.clone(),
        analysis: Checked {
            text: a.text,
            line_index: a.line_index,
            diagnostics: a.diagnostics,
            suppressed: a.suppressed,
            is_policy: a.is_policy,
            policies,
            counts,
        },
        rendered: String::new(),
    };
    r.rendered = output::file_part(args.format, &r, color);
    // SARIF is rendered whole at the end, and suppressed findings are listed there.
    if args.format != Format::Sarif && !args.show_suppressed {
        r.analysis.release();
    }
    Ok(r)
}

/// The files' results in order, leaving out walked files that are not policies:
/// `(results, how many were left out, how many could not be checked)`.
fn gather(
    jobs: Vec<Job>,
    analyses: Vec<Option<Result<FileResult, String>>>,
    err: &mut dyn Write,
) -> (Vec<FileResult>, usize, usize) {
    let (mut results, mut skipped, mut failed) = (Vec::new(), 0, 0);
    for (job, result) in jobs.into_iter().zip(analyses) {
        let result = match result {
            Some(Ok(r)) => r,
            Some(Err(message)) => {
                let _ = writeln!(err, "policy-lsp: {message}");
                failed += 1;
                continue;
            }
            None => {
                let _ = writeln!(
                    err,
                    "policy-lsp: internal error while checking {}; please report it",
                    job.display
                );
                failed += 1;
                continue;
            }
        };
        if !job.explicit && !result.analysis.is_policy {
            skipped += 1;
            continue;
        }
        results.push(result);
    }
    (results, skipped, failed)
}

/// Writes the output, and the suppressed findings (`--show-suppressed`): after the
/// output in the human and GitHub formats, on stderr in the others.
fn write_report(
    args: &CheckArgs,
    results: &[FileResult],
    skipped: usize,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) {
    let suppressed = args.show_suppressed.then(|| output::suppressed(results));
    let inline = matches!(args.format, Format::Human | Format::Github);
    if let (Some(lines), false) = (&suppressed, inline) {
        let _ = err.write_all(lines.as_bytes());
    }
    // Write errors (a closed pipe, say) are not reported: there is nowhere to.
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, out);
    let _ = output::write(args.format, results, skipped, color, &mut buf);
    if let (Some(lines), true) = (&suppressed, inline) {
        let _ = buf.write_all(lines.as_bytes());
    }
    let _ = buf.flush();
}

/// From how many files `check` reads every service's actions on a spare thread at once
/// (see there); fewer files name fewer services, and reading the rest would be waste.
const READ_ALL_ACTIONS_FROM: usize = 64;

/// Loads a config file, printing the error (and returning `None`) when it is broken.
fn load_config(path: &Path, kind: Option<DocKind>, err: &mut dyn Write) -> Option<Config> {
    match crate::workspace::load_config(path) {
        Ok((mut c, warnings)) => {
            for w in warnings {
                let _ = writeln!(err, "policy-lsp: warning: {w}");
            }
            c.forced_kind = kind;
            Some(c)
        }
        Err(e) => {
            let _ = writeln!(err, "policy-lsp: config error: {e}");
            None
        }
    }
}

fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// The files `check DIR` reads: policies (`.json`), CloudFormation templates (`.json`,
/// `.yaml`, `.yml`, `.template`), Terraform (`.tf`) and `templatefile` policies. A JSON
/// or YAML file that is neither a policy nor a template is counted as skipped.
const HOST_SUFFIXES: &[&str] = &[
    ".json",
    ".yaml",
    ".yml",
    ".template",
    ".tf",
    ".json.tpl",
    ".json.tftpl",
];

/// Collects policy and template files below `dir`, skipping hidden folders and dependency folders,
/// in the order of sorted paths: each folder's entries are sorted by name and a
/// subfolder's files come where its name sorts, which is how `Path` compares (component
/// by component) without sorting the whole list by components at the end.
fn walk(dir: &Path, acc: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let ft = entry.file_type()?;
        let lossy = name.to_string_lossy();
        let keep = if ft.is_dir() {
            !(lossy.starts_with('.') || lossy == "node_modules" || lossy == "target")
        } else {
            ft.is_file() && {
                let l = lossy.to_ascii_lowercase();
                HOST_SUFFIXES.iter().any(|s| l.ends_with(s))
            }
        };
        if keep {
            entries.push((name, ft.is_dir()));
        }
    }
    entries.sort_unstable();
    for (name, is_dir) in entries {
        let path = dir.join(name);
        if is_dir {
            walk(&path, acc)?;
        } else {
            acc.push(path);
        }
    }
    Ok(())
}

#[allow(clippy::unwrap_or_default)] // see `Config::new` below
fn explain(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(name) = args.first() else {
        let _ = writeln!(err, "policy-lsp explain: name a rule, e.g. `policy-lsp explain invalid-effect`; `policy-lsp rules` lists them");
        return 2;
    };
    let Some(rule) = ide::explain::find_rule(name) else {
        let _ = writeln!(
            err,
            "policy-lsp explain: no rule `{name}`; `policy-lsp rules` lists them"
        );
        return 2;
    };
    // The team's notes (from the nearest policy-lsp.toml) and the built-in ones.
    let notes = ide::explain::uses_notes(rule).then(|| {
        let config = std::env::current_dir()
            .ok()
            .and_then(|d| crate::workspace::find_config(&d))
            .and_then(|f| crate::workspace::load_config(&f).ok())
            .map(|(c, _)| c)
            // `Config::new`, not `Default`: it turns the built-in notes on.
            .unwrap_or_else(Config::new);
        let (sources, errors) = crate::workspace::load_notes(&config.notes_paths);
        for e in errors {
            let _ = writeln!(err, "policy-lsp: notes: {e}");
        }
        crate::notes::Notes::new(&sources, config.builtin_notes)
    });
    let text = ide::explain::explain(rule, notes.as_ref());
    let _ = out.write_all(text.as_bytes());
    0
}
