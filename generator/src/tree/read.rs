//! Reading a docs tree from disk without trusting the filesystem.
//!
//! The walk descends into real directories only: a symbolic link to a directory is never followed, so a link loop
//! cannot loop and no directory outside the root is walked. A `.md` entry is read only when it is a regular file
//! whose real path is inside the (canonical) docs root: a symbolic link to a regular file inside the root is
//! followed (read under the link's own name), anything else (a link leaving the root, a broken link, a FIFO, a
//! socket, a device) is skipped with a diagnostic, unopened. Pages larger than [`MAX_PAGE_BYTES`] are skipped too,
//! and file names that could forge lines where they are printed are refused before the file is touched.

use super::TreeError;
use crate::diagnostics::{Code, Diagnostic};
use std::fs::{File, FileType};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest page read, in bytes. The largest page of the real docs is about 120 KB; the cap only stops a
/// hostile or broken file from filling memory.
pub const MAX_PAGE_BYTES: u64 = 4 << 20;

/// What became of one `.md` entry.
pub(super) enum Entry {
    /// A page: its relative path and its text, or why it could not be read (reported by the parser).
    Page(String, Result<String, String>),
    /// An entry that was not read, and why.
    Skipped(Diagnostic),
}

/// Collects the `.md` entries under `dir` (of any file type: the type is judged when reading), descending into
/// real directories only.
pub(super) fn walk(dir: &Path, paths: &mut Vec<PathBuf>) -> Result<(), TreeError> {
    let entries = std::fs::read_dir(dir).map_err(|source| TreeError::Walk { path: dir.to_owned(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| TreeError::Walk { path: dir.to_owned(), source })?;
        let path = entry.path();
        // The entry's own type: a symbolic link is a link here, never its target.
        let file_type = entry.file_type().map_err(|source| TreeError::Walk { path: path.clone(), source })?;
        if file_type.is_dir() {
            walk(&path, paths)?;
        } else if path.extension().is_some_and(|extension| extension == "md") {
            paths.push(path);
        }
    }
    Ok(())
}

/// Reads the entry at `path` under `root` (whose canonical path is `canonical_root`), or says why not.
pub(super) fn read_entry(root: &Path, canonical_root: &Path, path: &Path) -> Entry {
    let relative = match relative_path(root, path) {
        Ok(relative) if !crate::diagnostics::has_unsafe(&relative) => relative,
        Ok(relative) => {
            let message = "the file name holds a control character or line break; the file was not read";
            return Entry::Skipped(skipped(Code::FileNameUnsafe, &relative, message.into()));
        }
        Err(lossy) => {
            let message = "the file name is not UTF-8; the file was not read";
            return Entry::Skipped(skipped(Code::FileNameUnsafe, &lossy, message.into()));
        }
    };
    let skip = |code, message: String| Entry::Skipped(skipped(code, &relative, message));
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => return Entry::Page(relative, Err(error.to_string())),
    };
    // The path to open: a link's resolved target, so that the link cannot be swapped between check and open.
    let real = if metadata.file_type().is_symlink() {
        let real = match std::fs::canonicalize(path) {
            Ok(real) => real,
            Err(error) => return skip(Code::FileSkipped, format!("a symbolic link that does not resolve ({error})")),
        };
        if !real.starts_with(canonical_root) {
            return skip(Code::FileSkipped, "a symbolic link to a file outside the docs root; not followed".into());
        }
        match std::fs::metadata(&real) {
            Ok(target) if target.is_file() => real,
            Ok(target) => {
                let kind = kind(target.file_type());
                return skip(Code::FileSkipped, format!("a symbolic link to {kind}, not to a regular file"));
            }
            Err(error) => return Entry::Page(relative, Err(error.to_string())),
        }
    } else if metadata.is_file() {
        // Found by walking real directories from the root: its real path is inside the root.
        path.to_owned()
    } else {
        return skip(Code::FileSkipped, format!("{}, not a regular file", kind(metadata.file_type())));
    };
    match read_capped(&real) {
        Ok(Outcome::Text(bytes)) => {
            Entry::Page(relative, String::from_utf8(bytes).map_err(|error| format!("not UTF-8: {error}")))
        }
        Ok(Outcome::TooLarge) => {
            skip(Code::FileTooLarge, format!("the page is larger than {} MiB; it was not read", MAX_PAGE_BYTES >> 20))
        }
        Ok(Outcome::NotAFile(file_type)) => skip(Code::FileSkipped, format!("{}, not a regular file", kind(file_type))),
        Err(error) => Entry::Page(relative, Err(error.to_string())),
    }
}

/// The outcome of reading a file checked to be regular.
enum Outcome {
    Text(Vec<u8>),
    TooLarge,
    /// It was replaced by something else between the check and the open.
    NotAFile(FileType),
}

/// Reads at most [`MAX_PAGE_BYTES`] of `path`. The file is opened without blocking (a FIFO swapped in after the
/// type check does not hang the open) and its type is checked again on the open handle before reading.
fn read_capped(path: &Path) -> std::io::Result<Outcome> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file: File = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Ok(Outcome::NotAFile(metadata.file_type()));
    }
    if metadata.len() > MAX_PAGE_BYTES {
        return Ok(Outcome::TooLarge);
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // One byte over the cap tells a file that grew since its size was read.
    file.take(MAX_PAGE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(if bytes.len() as u64 > MAX_PAGE_BYTES { Outcome::TooLarge } else { Outcome::Text(bytes) })
}

/// What a file type is, in words, for a diagnostic.
fn kind(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else {
        "a special file"
    }
}

/// A diagnostic at line 1 of `file`, whose name is shown escaped (it may hold line breaks).
fn skipped(code: Code, file: &str, message: String) -> Diagnostic {
    let file = crate::diagnostics::terminal_safe(file).into_owned();
    Diagnostic { code, severity: code.severity(), file, line: 1, col: 1, message }
}

/// `path` relative to `root`, with `/` separators; `Err` with a lossy rendering when a component is not UTF-8.
fn relative_path(root: &Path, path: &Path) -> Result<String, String> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let mut utf8 = true;
    let mut parts = Vec::new();
    for component in relative.components() {
        utf8 &= component.as_os_str().to_str().is_some();
        parts.push(component.as_os_str().to_string_lossy());
    }
    let joined = parts.join("/");
    if utf8 {
        Ok(joined)
    } else {
        Err(joined)
    }
}
