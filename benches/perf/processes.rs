//! Whole processes timed side by side: `atop-lint check` over a corpus, `cat` over the same files
//! (the floor: reading the bytes) and `rg` with the evidence lexicons as patterns (what a
//! hand-rolled grep script costs). Commands run round-robin, so load from elsewhere on the
//! machine falls on all of them alike; each one's output is drained through a pipe, as a
//! terminal or a file would take it.

use crate::corpus::{self, Corpora, Corpus};
use crate::timing::{Human, Stats};
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ATOP_LINT: &str = env!("CARGO_BIN_EXE_atop-lint");

/// A command to time, and what it works on.
struct Cmd {
    label: String,
    program: OsString,
    args: Vec<OsString>,
    cwd: PathBuf,
    env: Vec<(&'static str, &'static str)>,
    /// Exit codes that mean it worked.
    ok: &'static [i32],
    /// Whether every run must print the same bytes (not so for `rg`, which prints files in
    /// the order its threads finish them).
    deterministic: bool,
}

impl Cmd {
    fn new(label: &str, program: &str, args: &[&str], cwd: &Path) -> Cmd {
        Cmd {
            label: label.to_string(),
            program: program.into(),
            args: args.iter().map(OsString::from).collect(),
            cwd: cwd.to_path_buf(),
            env: vec![("NO_COLOR", "1")],
            ok: &[0],
            deterministic: true,
        }
    }

    fn lint(label: &str, args: &[&str], cwd: &Path) -> Cmd {
        Cmd {
            ok: &[0, 1],
            ..Cmd::new(label, ATOP_LINT, args, cwd)
        }
    }

    fn cat(c: &Corpus) -> Cmd {
        Cmd {
            args: c.files().map(|f| f.clone().into_os_string()).collect(),
            ..Cmd::new("cat (every sheet and treaty)", "cat", &[], &c.dir)
        }
    }

    fn rg(c: &Corpus, lexicon: &Path) -> Cmd {
        let lexicon = lexicon.to_str().expect("UTF-8 path");
        Cmd {
            ok: &[0, 1],
            deterministic: false,
            ..Cmd::new(
                "rg -i -f lexicon (every sheet and treaty)",
                "rg",
                &["--no-ignore", "-i", "-f", lexicon, "."],
                &c.dir,
            )
        }
    }

    /// Runs once; returns the wall-clock time, the CPU time and a hash of what it printed.
    fn run(&self) -> (Duration, Duration, u64) {
        let cpu_before = children_cpu();
        let started = Instant::now();
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .current_dir(&self.cwd)
            .envs(self.env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", self.label));
        let mut out = child.stdout.take().expect("piped");
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = out.read(&mut buf).expect("read output");
            if n == 0 {
                break;
            }
            for &b in &buf[..n] {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        let status = child.wait().expect("wait");
        let elapsed = started.elapsed();
        let cpu = children_cpu().saturating_sub(cpu_before);
        let code = status.code().unwrap_or(-1);
        assert!(
            self.ok.contains(&code),
            "{} exited with {status}",
            self.label
        );
        (elapsed, cpu, hash)
    }
}

/// User + system time of the children this process has waited for (Linux; 10 ms ticks), so
/// that figures can be read apart from the load other processes put on the machine.
fn children_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    // Fields 16 and 17 of proc(5), counted from field 3 just after the name.
    let ticks: u64 = after_name
        .split_whitespace()
        .skip(13)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// Wall-clock and CPU times of one command's runs.
struct Timing {
    wall: Stats,
    cpu: Stats,
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}  cpu {}", self.wall, Human(self.cpu.median))
    }
}

/// Runs every command `rounds` times round-robin after one warm-up round. Every run of
/// atop-lint must print the same bytes: its output order does not depend on thread timing.
fn compare(cmds: &[Cmd], rounds: usize) -> Vec<Timing> {
    let first: Vec<u64> = cmds.iter().map(|c| c.run().2).collect();
    let mut wall = vec![Vec::new(); cmds.len()];
    let mut cpu = vec![Vec::new(); cmds.len()];
    for _ in 0..rounds {
        for (i, c) in cmds.iter().enumerate() {
            let (t, used, hash) = c.run();
            if c.deterministic {
                assert_eq!(hash, first[i], "{}: output differs between runs", c.label);
            }
            wall[i].push(t);
            cpu[i].push(used);
        }
    }
    wall.into_iter()
        .zip(cpu)
        .map(|(w, c)| Timing {
            wall: Stats::of(w),
            cpu: Stats::of(c),
        })
        .collect()
}

fn rg_installed() -> bool {
    Command::new("rg")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn throughput(cmds: &[Cmd], c: &Corpus, rounds: usize) {
    let stats = compare(cmds, rounds);
    for (cmd, s) in cmds.iter().zip(&stats) {
        let secs = s.wall.median.as_secs_f64();
        println!(
            "  {:<44} {s}  {:>7.0} sheets/s  {:>6.1} MB/s",
            cmd.label,
            c.sheets.len() as f64 / secs,
            c.bytes as f64 / 1e6 / secs
        );
    }
    let lint = stats[0].wall.median.as_secs_f64();
    for (cmd, s) in cmds.iter().zip(&stats).skip(1) {
        println!(
            "  atop-lint check / {:<26} {:.2}x",
            cmd.label.split(" (").next().unwrap_or(""),
            lint / s.wall.median.as_secs_f64()
        );
    }
}

fn corpus_commands(c: &Corpus, lexicon: &Path, extra: bool) -> Vec<Cmd> {
    let mut cmds = vec![Cmd::lint("atop-lint check", &["check", "."], &c.dir)];
    if extra {
        cmds.push(Cmd::lint(
            "atop-lint check --format json",
            &["check", "--format", "json", "."],
            &c.dir,
        ));
        cmds.push(Cmd {
            env: vec![("NO_COLOR", "1"), ("RAYON_NUM_THREADS", "1")],
            ..Cmd::lint("atop-lint check, 1 thread", &["check", "."], &c.dir)
        });
    }
    cmds.push(Cmd::cat(c));
    if rg_installed() {
        cmds.push(Cmd::rg(c, lexicon));
    }
    cmds
}

pub fn cli(corpora: &Corpora, root: &Path) {
    if !rg_installed() {
        println!("\n(rg is not installed: scripts/bench installs it; the rg rows are left out)");
    }
    println!("\n## cli: startup to first diagnostics, seed pair (examples/5030)");
    let seed_dir = root.join("examples/5030");
    let startup = [
        Cmd::lint("atop-lint check examples/5030", &["check", "."], &seed_dir),
        Cmd::new(
            "cat (sheet and treaty)",
            "cat",
            &["5030.codesheet.txt", "5030.treaty.zh.txt"],
            &seed_dir,
        ),
    ];
    for (cmd, s) in startup.iter().zip(compare(&startup, 30)) {
        println!("  {:<44} {s}", cmd.label);
    }
    for (c, extra, rounds) in [(&corpora.base, true, 10), (&corpora.scaled, false, 5)] {
        println!(
            "\n## cli: {} sheets ({:.1} MB with treaties)",
            c.sheets.len(),
            c.bytes as f64 / 1e6
        );
        throughput(&corpus_commands(c, &corpora.lexicon, extra), c, rounds);
    }
    println!("\n## cli: scaling with corpus size (atop-lint check; one folder up to 745 sheets)");
    let sizes_dir = corpora.base.dir.with_file_name("sizes");
    let subsets: Vec<Corpus> = [93, 186, 372]
        .iter()
        .map(|&n| corpus::subset(&corpora.base, n, &sizes_dir.join(n.to_string())))
        .collect();
    let by_size: Vec<&Corpus> = subsets
        .iter()
        .chain([&corpora.base, &corpora.scaled])
        .collect();
    let cmds: Vec<Cmd> = by_size
        .iter()
        .map(|c| Cmd::lint("atop-lint check", &["check", "."], &c.dir))
        .collect();
    let stats = compare(&cmds, 5);
    let sizes = by_size.iter().map(|c| (c.sheets.len(), c.bytes));
    for ((sheets, bytes), s) in sizes.zip(&stats) {
        let secs = s.wall.median.as_secs_f64();
        println!(
            "  {:<20} {s}  {:>6.0} µs/sheet  {:>6.1} MB/s",
            format!("{sheets:>6} sheets"),
            secs * 1e6 / sheets as f64,
            bytes as f64 / 1e6 / secs
        );
    }
    println!(
        "  ({} per run of the largest)",
        Human(stats[stats.len() - 1].wall.median)
    );
}
