//! Small helpers: the repository root and running commands loudly.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (two levels above this crate).
pub fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().nth(2).unwrap_or(here).to_path_buf()
}

/// Prints a step heading, so a long CI log can be read by its steps, with the time since
/// xtask started: where CI's minutes go can be read off the log.
pub fn step(name: &str) {
    let elapsed = started().elapsed().as_secs();
    println!("\n==> [{}:{:02}] {name}", elapsed / 60, elapsed % 60);
}

/// When this xtask process started (the first call of this function: `main` makes it).
pub fn started() -> std::time::Instant {
    static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *STARTED.get_or_init(std::time::Instant::now)
}

/// Runs a command in the repository root, inheriting stdio; fails if it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    cmd.current_dir(root());
    let shown = format!("{cmd:?}");
    println!("$ {shown}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

/// Runs a command and returns its standard output, or `None` if it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.current_dir(root()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Work on a thread of its own whose commands write to a log file instead of the terminal,
/// so that the CI log stays readable while it runs beside other steps.
#[derive(Debug)]
pub struct Background<T> {
    name: &'static str,
    log_path: PathBuf,
    handle: std::thread::JoinHandle<Result<T>>,
}

/// What a [`Background`] job's commands are given to before they run: it sends their output to
/// the job's log.
pub type ToLog<'a> = &'a dyn Fn(&mut Command) -> Result<()>;

impl<T: Send + 'static> Background<T> {
    /// Starts `work` now; its commands' output goes to `target/<log>`.
    pub fn start(
        name: &'static str,
        log: &str,
        work: impl FnOnce(ToLog<'_>) -> Result<T> + Send + 'static,
    ) -> Result<Self> {
        let log_path = root().join("target").join(log);
        std::fs::create_dir_all(root().join("target"))?;
        let file = std::fs::File::create(&log_path)
            .with_context(|| format!("creating {}", log_path.display()))?;
        step(&format!("{name}, meanwhile (log: {})", log_path.display()));
        let handle = std::thread::spawn(move || {
            let to_log = |cmd: &mut Command| -> Result<()> {
                cmd.stdout(file.try_clone()?).stderr(file.try_clone()?);
                Ok(())
            };
            work(&to_log)
        });
        Ok(Self {
            name,
            log_path,
            handle,
        })
    }

    /// Waits for the job. Its log is printed only if it failed, the last `tail` lines of it, so
    /// that what came before (a failing e2e run's summary) is not pushed out of a CI log's end.
    pub fn finish(self, tail: usize) -> Result<T> {
        step(&format!("waiting for: {}", self.name));
        let result = self
            .handle
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the thread panicked")))
            .with_context(|| self.name.to_owned());
        if result.is_ok() {
            step(&format!(
                "{}: passed (log: {})",
                self.name,
                self.log_path.display()
            ));
            return result;
        }
        let text = std::fs::read_to_string(&self.log_path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines
            .get(lines.len().saturating_sub(tail)..)
            .unwrap_or_default();
        step(&format!(
            "{} failed: the last {} lines of its log ({})",
            self.name,
            shown.len(),
            self.log_path.display()
        ));
        for line in shown {
            println!("{line}");
        }
        result
    }
}

/// `cargo` as invoked us (respects the toolchain rustup chose).
pub fn cargo() -> Command {
    Command::new(cargo_path())
}

/// The path of the `cargo` that invoked us, for a command that runs it through another.
pub fn cargo_path() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// A tool installed by npm into `node_modules/.bin`.
pub fn npm_bin(name: &str) -> Command {
    Command::new(root().join("node_modules/.bin").join(name))
}
