//! The workspace boundary: a path found through configuration (`atop.toml`'s `schema`,
//! `dataset`, `treaties`) or through pairing (treaty files, links) is read only if its real path
//! (links resolved) lies inside the workspace — the folder of the `atop.toml`, the repository,
//! the folders named on the command line or the editor's workspace folders — or inside a folder
//! the user allows in their own configuration file ([`user_config_path`]). A repository cannot
//! make the linter read, and quote, the files of whoever lints it.

use super::config::Config;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The folders inside which configured and paired paths are read, as real paths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Boundary {
    roots: Vec<PathBuf>,
}

impl Boundary {
    /// A boundary around `roots`; a root that does not exist is left out.
    pub fn new<P: AsRef<Path>>(roots: impl IntoIterator<Item = P>) -> Boundary {
        let mut b = Boundary::default();
        b.extend(roots);
        b
    }

    pub fn extend<P: AsRef<Path>>(&mut self, roots: impl IntoIterator<Item = P>) {
        for r in roots {
            if let Ok(real) = r.as_ref().canonicalize()
                && !self.roots.contains(&real)
            {
                self.roots.push(real);
            }
        }
    }

    /// Whether the real path of `path` is inside a root; false when it does not exist.
    pub fn contains(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|real| self.roots.iter().any(|r| real.starts_with(r)))
    }

    /// `Ok` when `path` may be read; else the warning that says why it is not. `found` says
    /// how the path was found ("the `schema` of /x/atop.toml", "a treaty file").
    pub fn admit(&self, path: &Path, found: &str) -> Result<(), String> {
        let Ok(real) = path.canonicalize() else {
            // A missing file is not read either; the caller's read says it is missing.
            return Ok(());
        };
        if self.roots.iter().any(|r| real.starts_with(r)) {
            return Ok(());
        }
        let shown = if real == path {
            String::new()
        } else {
            format!(" (really {})", real.display())
        };
        Err(format!(
            "{}{shown}: not read: {found} leads outside the workspace. Paths from atop.toml \
             and treaty pairing are read only inside the folder of atop.toml, the repository, \
             the folders named on the command line or the editor's workspace folders; name \
             the file on the command line (--treaty, --schema, --dataset) or allow its folder \
             in {}",
            path.display(),
            user_config_display()
        ))
    }
}

/// The repository that holds `dir`: the nearest folder from `dir` upward with a `.git`.
pub fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The user's own configuration file: `$XDG_CONFIG_HOME/atop-lint/config.toml`, or
/// `~/.config/atop-lint/config.toml` without that variable.
pub fn user_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("atop-lint").join("config.toml"))
}

fn user_config_display() -> String {
    user_config_path().map_or_else(
        || "$XDG_CONFIG_HOME/atop-lint/config.toml".to_string(),
        |p| format!("`allow` of {}", p.display()),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserConfig {
    /// Folders outside any workspace that configuration and pairing may lead into.
    #[serde(default)]
    allow: Vec<PathBuf>,
}

/// The folders the user's configuration file allows; none without the file.
pub fn user_allowed() -> Result<Vec<PathBuf>, String> {
    let Some(path) = user_config_path() else {
        return Ok(Vec::new());
    };
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text =
        super::workspace::read_text(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let config: UserConfig =
        toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))?;
    let dir = path.parent().unwrap_or(Path::new("/"));
    Ok(config.allow.into_iter().map(|p| dir.join(p)).collect())
}

/// The boundary of a sheet in folder `dir` governed by `config`: `base` (what the user named
/// or allowed), the sheet's folder, the folder of its `atop.toml` and its repository.
pub fn for_sheet(base: &Boundary, dir: &Path, config: &Config) -> Boundary {
    let mut b = base.clone();
    let real = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    b.extend(std::iter::once(&real));
    b.extend(config.path.as_deref().and_then(Path::parent));
    b.extend(repository_root(&real));
    b
}

/// Takes out of `config` the paths that lead outside `boundary`, and the treaty folders that
/// do not exist; returns a warning for each.
pub fn confine(config: &mut Config, boundary: &Boundary) -> Vec<String> {
    let from = config.path.as_ref().map_or_else(
        || "the configuration".to_string(),
        |p| p.display().to_string(),
    );
    let mut warnings = Vec::new();
    let mut admit = |p: &Path, key: &str| {
        boundary
            .admit(p, &format!("the `{key}` of {from}"))
            .map_err(|w| warnings.push(w))
            .is_ok()
    };
    if let Some(p) = config.schema.take() {
        config.schema = admit(&p, "schema").then_some(p);
    }
    config.datasets.retain(|p| admit(p, "dataset"));
    let mut missing = Vec::new();
    config.treaty_dirs.retain(|p| {
        if p.is_dir() {
            return admit(p, "treaties");
        }
        missing.push(format!(
            "{}: the treaty folder named in `treaties` of {from} does not exist",
            p.display()
        ));
        false
    });
    warnings.extend(missing);
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_paths_inside_the_roots_only() {
        let tmp = tempfile::tempdir().unwrap();
        let inside = tmp.path().join("repo");
        let outside = tmp.path().join("elsewhere");
        std::fs::create_dir_all(inside.join("treaties")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(inside.join("treaties/1.treaty.txt"), "x").unwrap();
        std::fs::write(outside.join("secret.txt"), "x").unwrap();
        let b = Boundary::new([&inside]);
        assert!(b.contains(&inside.join("treaties/1.treaty.txt")));
        assert!(b.contains(&inside.join("treaties/../treaties")));
        assert!(!b.contains(&outside.join("secret.txt")));
        assert!(!b.contains(&inside.join("../elsewhere/secret.txt")));
        assert!(!b.contains(Path::new("/etc")));
        assert!(!b.contains(Path::new("/")));
        #[cfg(unix)]
        {
            let link = inside.join("treaties/2.treaty.txt");
            std::os::unix::fs::symlink(outside.join("secret.txt"), &link).unwrap();
            assert!(!b.contains(&link));
            let e = b.admit(&link, "a treaty file").unwrap_err();
            assert!(
                e.starts_with(&format!(
                    "{} (really {}): not read: a treaty file leads outside the workspace.",
                    link.display(),
                    outside.canonicalize().unwrap().join("secret.txt").display()
                )),
                "{e}"
            );
            assert!(b.admit(&inside.join("treaties/1.treaty.txt"), "x").is_ok());
        }
        // A sibling whose name starts like a root is not inside it.
        std::fs::create_dir_all(tmp.path().join("repo2")).unwrap();
        assert!(!b.contains(&tmp.path().join("repo2")));
    }

    #[test]
    fn the_repository_is_the_nearest_folder_with_git() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("r/.git")).unwrap();
        std::fs::create_dir_all(tmp.path().join("r/a/b")).unwrap();
        assert_eq!(
            repository_root(&tmp.path().join("r/a/b")),
            Some(tmp.path().join("r"))
        );
    }
}
