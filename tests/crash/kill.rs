//! The kill loop: runs a CLI command, kills it with SIGKILL after a random
//! wait within the time one whole run takes (from shortly before the store
//! is open), and hands each round to the caller's checks.

use std::fmt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Kills per write path.
pub const KILLS: usize = 25;

/// The variable that replays a run's moments of killing.
pub const SEED_ENV: &str = "RESPIJT_CRASH_SEED";

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Held for a whole test: the tests share two cores, and a loop's measured
/// run time must still hold while it kills.
pub fn alone() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

// A test is an edge: the seed to replay comes from the environment.
#[allow(clippy::disallowed_methods)]
fn seed() -> u64 {
    std::env::var(SEED_ENV).ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| fastrand::u64(..))
}

/// The CLI on the store `db`, with the passphrase in the file `passphrase`.
pub fn respijt(db: &Path, passphrase: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_respijt"));
    cmd.arg("--db")
        .arg(db)
        .env_remove("RESPIJT_DB")
        .env("RESPIJT_PASSPHRASE_FILE", passphrase)
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    cmd
}

/// Runs `cmd` to its end; panics with its error output if it fails.
pub fn run_whole(mut cmd: Command) -> Duration {
    let started = Instant::now();
    let out = cmd.stderr(Stdio::piped()).output().unwrap();
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    started.elapsed()
}

/// How long the CLI takes to open the store at `db` and do nothing
/// (`respijt init` on an existing store): the part of every run before its work.
pub fn open_time(db: &Path, passphrase: &Path) -> Duration {
    let mut cmd = respijt(db, passphrase);
    cmd.arg("init");
    run_whole(cmd)
}

/// One killed run, for the checks and their messages.
pub struct Round {
    pub round: usize,
    pub seed: u64,
    pub wait: Duration,
    /// The command ran to its end before the kill.
    pub finished: bool,
}

impl fmt::Display for Round {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "round {} ({SEED_ENV}={}, killed after {:?}{})",
            self.round,
            self.seed,
            self.wait,
            if self.finished { ", had finished" } else { "" }
        )
    }
}

/// A write path under the kill loop.
pub struct KillLoop<'a> {
    /// For the report: "caregiver import (CSV)".
    pub name: &'a str,
    /// How long one whole run takes here: the kills fall anywhere in it.
    pub whole: Duration,
    /// How long opening the store takes (`open_time`): a kill before that
    /// stopped the run before it could write.
    pub opened: Duration,
    /// Where the killed runs' error output goes (to tell a kill from a failure).
    pub dir: &'a Path,
}

impl KillLoop<'_> {
    /// `KILLS` rounds: `command(round)` is started and killed, then
    /// `check(round)` looks at what it left. Prints the share of kills that
    /// landed before the end of the run.
    pub fn run(&self, mut command: impl FnMut(usize) -> Command, mut check: impl FnMut(&Round)) {
        let seed = seed();
        let mut rng = fastrand::Rng::with_seed(seed);
        let stderr_path: PathBuf = self.dir.join("stderr.txt");
        let (mut killed_midway, mut after_open) = (0, 0);
        let started = Instant::now();
        for round in 1..=KILLS {
            let mut cmd = command(round);
            cmd.stderr(std::fs::File::create(&stderr_path).unwrap());
            // From a little before the store is open to the end of the run:
            // a kill while the CLI starts up and derives the key tests nothing.
            let earliest = self.opened.as_micros() as u64 * 3 / 4;
            let wait = Duration::from_micros(rng.u64(earliest..=earliest.max(self.whole.as_micros() as u64)));
            let mut child = cmd.spawn().unwrap();
            std::thread::sleep(wait);
            child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no closing of the store
            let status = child.wait().unwrap();
            let finished = status.success();
            if status.signal().is_some() {
                killed_midway += 1;
                after_open += usize::from(wait > self.opened);
            } else {
                let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
                assert!(finished, "round {round}: {cmd:?} failed by itself ({status}): {stderr}");
            }
            check(&Round { round, seed, wait, finished });
        }
        eprintln!(
            "{}: {killed_midway} of {KILLS} kills landed before the end of the run, {after_open} of them after \
             the store was open ({} finished); one run {:?}, opening {:?}, all rounds {:?}; {SEED_ENV}={seed} replays",
            self.name,
            KILLS - killed_midway,
            self.whole,
            self.opened,
            started.elapsed()
        );
    }
}
