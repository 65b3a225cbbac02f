//! `--fix` writes a sheet back changed only by its fixes: the file a link points to is fixed
//! in place, and the fixed text goes through a temporary copy (checked by reading it back) into
//! the same file, so its owner, group, mode and hard links stay. Read-only files are refused.
//! A temporary copy left by SIGINT or SIGTERM is removed before the process ends.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary copies being written. Their owners hold the lock while they copy a fixed text
/// back, so a signal that comes then waits for the copy to end rather than cut it short.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// From now on SIGINT and SIGTERM remove the temporary copies, then end the process (with
/// 128 + the signal's number, as a shell reports it). Call before any other thread starts:
/// threads started later inherit the blocked signals, and one thread waits for them.
#[cfg(unix)]
pub fn clean_up_on_signals() {
    // SAFETY: plain libc calls on a zeroed, initialised signal set owned by this code.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        set
    };
    std::thread::spawn(move || {
        let mut signal = 0;
        // SAFETY: `set` is initialised above; sigwait writes only `signal`.
        if unsafe { libc::sigwait(&set, &mut signal) } != 0 {
            return;
        }
        // Held to the end: no copy is made after these are removed.
        let mut guard = pending();
        for tmp in guard.drain(..) {
            let _ = std::fs::remove_file(tmp);
        }
        std::process::exit(128 + signal);
    });
}

#[cfg(not(unix))]
pub fn clean_up_on_signals() {}

/// Writes `text` into the file `path` names (the file a link points to), keeping the file.
pub fn write_in_place(path: &Path, text: &str) -> Result<(), String> {
    let real = path
        .canonicalize()
        .map_err(|e| format!("cannot find the file: {e}"))?;
    let meta = std::fs::metadata(&real).map_err(|e| e.to_string())?;
    if meta.permissions().readonly() {
        return Err("read-only: not fixed (make it writable to fix it)".into());
    }
    let dir = real.parent().unwrap_or(Path::new("."));
    // Made and listed under the lock, so a signal finds it listed once it exists.
    let mut tmp = {
        let mut guard = pending();
        let tmp = tempfile::Builder::new()
            .prefix(".atop-lint-fix")
            .tempfile_in(dir)
            .map_err(|e| format!("cannot write a temporary copy in {}: {e}", dir.display()))?;
        guard.push(tmp.path().to_path_buf());
        tmp
    };
    let copied = (|| {
        tmp.write_all(text.as_bytes())?;
        tmp.as_file().sync_all()?;
        if std::fs::read(tmp.path())? != text.as_bytes() {
            return Err(std::io::Error::other(
                "the temporary copy reads back differently",
            ));
        }
        Ok(())
    })();
    // Held until the copy is removed: a signal now waits for the file to be whole.
    let mut guard = pending();
    guard.retain(|p| p != tmp.path());
    copied.map_err(|e| format!("cannot write a temporary copy: {e}"))?;
    // Into the same file: truncated and written, not replaced.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&real)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        });
    match written {
        Ok(()) => {
            let _ = tmp.close();
            drop(guard);
            Ok(())
        }
        Err(e) => {
            // The fixed text is kept where it can be found.
            let kept = tmp.into_temp_path().keep().map_err(|k| k.error);
            Err(match kept {
                Ok(p) => format!("cannot write the fixed text: {e}; it is in {}", p.display()),
                Err(_) => format!("cannot write the fixed text: {e}"),
            })
        }
    }
}
