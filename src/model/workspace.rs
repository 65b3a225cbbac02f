//! Finding things on disk: sheets under a folder, the treaty texts of a sheet, reading text
//! files with clear errors. No editor state here: the language server asks for paths and reads
//! open buffers itself.

use crate::model::boundary::Boundary;
use crate::model::schema::Schema;
use crate::syntax::sheet::Sheet;
use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// File name endings of coding sheets.
pub const SHEET_SUFFIXES: [&str; 2] = [".codesheet.txt", ".codesheet"];

pub fn is_sheet(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| SHEET_SUFFIXES.iter().any(|s| n.ends_with(s)))
}

/// A treaty file name for `id`: `<id>.treaty.txt` (None) or `<id>.treaty.<lang>.txt` (Some).
pub fn treaty_name_lang(name: &str, id: &str) -> Option<Option<String>> {
    let rest = name.strip_prefix(id)?.strip_prefix(".treaty.")?;
    if rest == "txt" {
        return Some(None);
    }
    let lang = rest.strip_suffix(".txt")?;
    (!lang.is_empty()
        && lang.len() <= 8
        && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    .then(|| Some(lang.to_ascii_lowercase()))
}

/// If `path` is a treaty file, its ATOP ID and language.
pub fn treaty_file_id(path: &Path) -> Option<(String, Option<String>)> {
    let name = path.file_name()?.to_str()?;
    let id: String = name.chars().take_while(char::is_ascii_digit).collect();
    if id.is_empty() {
        return None;
    }
    treaty_name_lang(name, &id).map(|lang| (id, lang))
}

/// The folders searched for a sheet's treaties, nearest first: the sheet's folder, `treaties/`
/// in it and in every parent inside `boundary`, then the configured folders.
pub fn treaty_dirs(sheet: &Path, configured: &[PathBuf], boundary: &Boundary) -> Vec<PathBuf> {
    let written = sheet.parent().unwrap_or(Path::new(""));
    let mut dirs = vec![sheet_folder(sheet).to_path_buf()];
    // The parents as written, then (for a relative path) those above the current folder.
    let top = written.ancestors().last().unwrap_or(written);
    let above = match top {
        t if t.as_os_str().is_empty() => Path::new(".").canonicalize(),
        t => t.canonicalize(),
    };
    let parents = written.ancestors().map(Path::to_path_buf);
    let above = above.into_iter().flat_map(|real| {
        let up: Vec<PathBuf> = real.ancestors().skip(1).map(Path::to_path_buf).collect();
        up
    });
    dirs.extend(
        parents
            .chain(above)
            .map(|d| d.join("treaties"))
            .filter(|d| boundary.contains(d)),
    );
    dirs.extend(configured.iter().cloned());
    dirs
}

/// The folder of a file path: "." for a bare file name.
pub fn sheet_folder(sheet: &Path) -> &Path {
    sheet
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Treaty files for ATOP ID `id` found in `dirs`, as (path, language), without duplicates.
pub fn find_treaties(id: &str, dirs: &[PathBuf]) -> Vec<(PathBuf, Option<String>)> {
    let mut found = FoundTreaties::default();
    for d in dirs {
        let Ok(entries) = std::fs::read_dir(d) else {
            continue;
        };
        let here = entries.filter_map(|e| e.ok()).filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let lang = treaty_name_lang(&name, id)?;
            is_file_entry(&e).then(|| (e.path(), lang))
        });
        found.add_folder(here);
    }
    found.files
}

/// Whether a folder entry is a file or a link to one: the listing tells, without a `stat`, for
/// all but links.
fn is_file_entry(entry: &std::fs::DirEntry) -> bool {
    match entry.file_type() {
        Ok(t) if !t.is_symlink() => t.is_file(),
        _ => entry.path().is_file(),
    }
}

/// Treaty files found so far, folder after folder.
#[derive(Default)]
struct FoundTreaties {
    files: Vec<(PathBuf, Option<String>)>,
    /// The canonical path of each file, worked out only once a second file comes (most sheets
    /// have their treaties in one folder and need none).
    canonical: Vec<Option<PathBuf>>,
}

impl FoundTreaties {
    /// Adds the treaty files of one folder, in path order, leaving out any found already
    /// (under another path, too).
    fn add_folder(&mut self, here: impl Iterator<Item = (PathBuf, Option<String>)>) {
        let mut here: Vec<(PathBuf, Option<String>)> = here.collect();
        here.sort();
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        for (p, lang) in here {
            let mut canon = None;
            if !self.files.is_empty() {
                let new = canonical(&p);
                for (known, (q, _)) in self.canonical.iter_mut().zip(&self.files) {
                    known.get_or_insert_with(|| canonical(q));
                }
                if self.canonical.iter().any(|k| k.as_ref() == Some(&new)) {
                    continue;
                }
                canon = Some(new);
            }
            self.files.push((p, lang));
            self.canonical.push(canon);
        }
    }
}

/// The treaty files of folders, each folder listed once: what [`find_treaties`] finds, for a
/// run that pairs many sheets. Pairing the sheets of a folder with the treaties beside them
/// then reads the folder once, not once per sheet (which grows with the square of the number
/// of sheets).
#[derive(Default)]
pub struct TreatyIndex {
    /// Folder → the paths of its files whose names contain `.treaty.`, by name.
    listings: Mutex<BTreeMap<PathBuf, Arc<BTreeMap<String, PathBuf>>>>,
}

impl TreatyIndex {
    fn listing(&self, dir: &Path) -> Arc<BTreeMap<String, PathBuf>> {
        load_once(&self.listings, dir.to_path_buf(), || {
            Arc::new(treaty_files(dir))
        })
    }

    /// Forgets the folders listed so far: a run over many folders keeps the listings of the
    /// ones it is linting, not of every one it has linted.
    pub fn forget(&self) {
        self.listings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Treaty files for ATOP ID `id` found in `dirs`, as (path, language), without duplicates.
    pub fn find(&self, id: &str, dirs: &[PathBuf]) -> Vec<(PathBuf, Option<String>)> {
        let mut found = FoundTreaties::default();
        for d in dirs {
            let listing = self.listing(d);
            // Names that start with the ID sort together.
            let here = listing
                .range::<str, _>((Bound::Included(id), Bound::Unbounded))
                .take_while(|(name, _)| name.starts_with(id))
                .filter_map(|(name, p)| Some((p.clone(), treaty_name_lang(name, id)?)));
            found.add_folder(here);
        }
        found.files
    }
}

/// The entry of `cache` for `key`, loaded by `load` the first time. Loaded without the lock,
/// so that threads load different entries at once; two loading the same one keep the first
/// (what is loaded depends only on the key).
pub fn load_once<K: Ord, V: Clone>(
    cache: &Mutex<BTreeMap<K, V>>,
    key: K,
    load: impl FnOnce() -> V,
) -> V {
    let lock = || cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(entry) = lock().get(&key) {
        return entry.clone();
    }
    let loaded = load();
    lock().entry(key).or_insert(loaded).clone()
}

/// The files of `dir` whose names contain `.treaty.`, by name.
fn treaty_files(dir: &Path) -> BTreeMap<String, PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            (name.contains(".treaty.") && is_file_entry(&e)).then(|| (name, e.path()))
        })
        .collect()
}

/// The language tag of a file name such as `5030.treaty.zh.txt` or `nato-1949.nl.txt`.
pub fn lang_from_name(path: &Path) -> Option<String> {
    if let Some((_, lang)) = treaty_file_id(path) {
        return lang;
    }
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".txt")?;
    let (_, tag) = stem.rsplit_once('.')?;
    (tag.len() == 2 && tag.chars().all(|c| c.is_ascii_lowercase())).then(|| tag.to_string())
}

/// The ATOP ID a sheet gives, as written digits.
pub fn atop_id(text: &str, schema: &Schema) -> Option<String> {
    sheet_atop_id(&crate::syntax::sheet::parse(text, schema), text, schema)
}

/// The ATOP ID an already parsed sheet gives.
pub fn sheet_atop_id(sheet: &Sheet, text: &str, schema: &Schema) -> Option<String> {
    let number = schema.by_role(crate::model::schema::Role::AtopId)?.number;
    let q = sheet.questions.iter().find(|q| q.number() == number)?;
    let id: String = text[q.answer.clone()]
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    (!id.is_empty()).then_some(id)
}

/// Reads a questionnaire schema file; the error names the file.
pub fn read_schema(path: &Path) -> Result<Schema, String> {
    let text = read_text(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Schema::parse(&path.display().to_string(), &text).map_err(|e| e.to_string())
}

/// Reads the files of a release of the ATOP dataset, with errors that name the file and line.
pub fn read_release(paths: &[PathBuf]) -> Result<crate::model::release::Release, String> {
    let mut release = crate::model::release::Release::default();
    for p in paths {
        let text = read_text(p).map_err(|e| format!("{}: {e}", p.display()))?;
        release
            .add(&p.display().to_string(), &text)
            .map_err(|e| e.to_string())?;
    }
    Ok(release)
}

/// The default cap on the size of any file read: far above any sheet, treaty, schema or
/// dataset file, far below what exhausts memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);

/// Sets the cap on the size of the files [`read_text`] reads (`--max-file-size`,
/// `ATOP_LINT_MAX_FILE_SIZE`).
pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

pub fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Not a regular file: what it is instead ("a FIFO (named pipe)", "a device", …).
    NotRegular(&'static str),
    TooLarge {
        cap: u64,
    },
    Binary,
    Utf16,
    NotUtf8 {
        line: usize,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotRegular(what) => {
                write!(f, "{what}, not a regular file: only regular files are read")
            }
            ReadError::TooLarge { cap } => write!(
                f,
                "larger than the cap of {cap} bytes on a file read (raise it with \
                 --max-file-size or ATOP_LINT_MAX_FILE_SIZE)"
            ),
            ReadError::Binary => {
                f.write_str("binary file (it contains NUL bytes), not a text file")
            }
            ReadError::Utf16 => f.write_str("UTF-16 text; convert it to UTF-8"),
            ReadError::NotUtf8 { line } => write!(
                f,
                "not UTF-8 text (invalid bytes on line {line}); convert it to UTF-8"
            ),
        }
    }
}

/// What a file that is not a regular one is, in words.
pub fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Opens a regular file for reading, and only one: a FIFO is not waited on (it is opened
/// without blocking and refused), a device is not read.
pub fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(file_kind(&meta)));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    // The path may have been swapped for something else since it was looked at.
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(file_kind(&meta)));
    }
    Ok((file, meta.len()))
}

/// Reads a regular UTF-8 text file no larger than the cap; anything else is an error that
/// says what it is.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    use std::io::Read;
    let cap = max_file_size();
    let (file, len) = open_regular(path)?;
    if len > cap {
        return Err(ReadError::TooLarge { cap });
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // A file that grows while it is read is held to the cap too.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { cap });
    }
    bytes_to_text(bytes)
}

pub fn bytes_to_text(bytes: Vec<u8>) -> Result<String, ReadError> {
    if looks_utf16(&bytes) {
        return Err(ReadError::Utf16);
    }
    // The memchr crate's search, vectorised: `<[u8]>::contains` reads a word at a time.
    if memchr::memchr(0, &bytes).is_some() {
        return Err(ReadError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| {
        let upto = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..upto].iter().filter(|&&b| b == b'\n').count() + 1;
        ReadError::NotUtf8 { line }
    })
}

/// Whether bytes are UTF-16 text: a byte order mark, or (without one) ASCII text whose every
/// other byte is NUL at the start.
fn looks_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(256) & !1];
    if head.len() < 4 {
        return false;
    }
    let pairs = head.chunks_exact(2);
    let le = pairs.clone().all(|p| p[1] == 0 && p[0] != 0);
    let be = pairs.clone().all(|p| p[0] == 0 && p[1] != 0);
    le || be
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn treaty_names() {
        assert_eq!(treaty_name_lang("5030.treaty.txt", "5030"), Some(None));
        assert_eq!(
            treaty_name_lang("5030.treaty.zh.txt", "5030"),
            Some(Some("zh".into()))
        );
        assert_eq!(treaty_name_lang("50301.treaty.txt", "5030"), None);
        assert_eq!(treaty_name_lang("5030.treaty.zh.txt.bak", "5030"), None);
        assert_eq!(
            treaty_file_id(Path::new("/x/3180.treaty.nl.txt")),
            Some(("3180".into(), Some("nl".into())))
        );
        assert!(is_sheet(Path::new("a/5030.codesheet.txt")));
        assert!(is_sheet(Path::new("a/5030.codesheet")));
        assert!(!is_sheet(Path::new("a/5030.treaty.txt")));
    }

    #[test]
    fn treaties_by_id_from_one_listing_per_folder() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("treaties");
        std::fs::create_dir(&dir).unwrap();
        for name in [
            "5030.treaty.zh.txt",
            "5030.treaty.txt",
            "50301.treaty.txt",
            "503.treaty.en.txt",
            "5030.treaty.zh.txt.bak",
            "x5030.treaty.en.txt",
        ] {
            std::fs::write(dir.join(name), "text").unwrap();
        }
        std::fs::create_dir(dir.join("5030.treaty.en.txt")).unwrap();
        let dirs = [root.path().to_path_buf(), dir.clone(), dir.join("missing")];
        let index = TreatyIndex::default();
        let want = vec![
            (dir.join("5030.treaty.txt"), None),
            (dir.join("5030.treaty.zh.txt"), Some("zh".to_string())),
        ];
        assert_eq!(index.find("5030", &dirs), want);
        assert_eq!(find_treaties("5030", &dirs), want);
        assert_eq!(
            index.find("503", &dirs),
            [(dir.join("503.treaty.en.txt"), Some("en".into()))]
        );
        assert_eq!(
            index.find("50301", &dirs),
            [(dir.join("50301.treaty.txt"), None)]
        );
        // Listed once: a file added later is not seen by the same index.
        std::fs::write(dir.join("4000.treaty.txt"), "text").unwrap();
        assert_eq!(index.find("4000", &dirs), []);
        assert_eq!(
            find_treaties("4000", &dirs),
            [(dir.join("4000.treaty.txt"), None)]
        );
    }

    #[test]
    fn a_treaty_reached_by_two_paths_is_found_once() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("treaties");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("7.treaty.en.txt"), "text").unwrap();
        std::fs::write(dir.join("7.treaty.fr.txt"), "texte").unwrap();
        let other = root.path().join("other");
        std::fs::create_dir(&other).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.join("7.treaty.en.txt"), other.join("7.treaty.txt"))
            .unwrap();
        // The same folder under a second name, then a link to one of its files.
        let dirs = [
            dir.clone(),
            root.path().join("other/../treaties"),
            other.clone(),
        ];
        let want = vec![
            (dir.join("7.treaty.en.txt"), Some("en".to_string())),
            (dir.join("7.treaty.fr.txt"), Some("fr".to_string())),
        ];
        assert_eq!(find_treaties("7", &dirs), want);
        assert_eq!(TreatyIndex::default().find("7", &dirs), want);
    }

    #[test]
    fn text_errors() {
        assert!(matches!(
            bytes_to_text(b"a\0b".to_vec()),
            Err(ReadError::Binary)
        ));
        assert!(matches!(
            bytes_to_text(b"a\nb\xff".to_vec()),
            Err(ReadError::NotUtf8 { line: 2 })
        ));
        let utf16le: Vec<u8> = "1. ATOP ID: 5030\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(matches!(
            bytes_to_text(utf16le.clone()),
            Err(ReadError::Utf16)
        ));
        let with_bom = [&[0xFF, 0xFE][..], &utf16le].concat();
        assert!(matches!(bytes_to_text(with_bom), Err(ReadError::Utf16)));
        let utf16be: Vec<u8> = "SECTION I"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(matches!(bytes_to_text(utf16be), Err(ReadError::Utf16)));
    }
}
