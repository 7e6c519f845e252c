//! Writing journals and the files beside them: never through a symbolic
//! link, never over an existing file unless told to, and by write-then-rename
//! where a file is replaced, so a crash leaves the old file or the new one.

use std::fs::{File, OpenOptions};
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

use super::read::Damage;
use super::{Header, Journal, MAX_HEADER_LINE, MAX_RECORD_LINE, Record, encode};

/// What to do when a new file's path is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Leave what is there, and say so.
    Refuse,
    /// Replace it (`--force`): the new file is written aside, then renamed over it.
    Replace,
}

/// Where a new journal goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// This path, and what to do if it is taken.
    Path { path: PathBuf, existing: Existing },
    /// The first free name of `STEM.journal`, `STEM-2.journal`, `STEM-3.journal`…
    /// (free: neither the journal nor its codes file is there).
    FreeName { stem: PathBuf },
}

impl Target {
    /// This path, refused if it is taken.
    pub fn new(path: &Path) -> Target {
        Target::Path {
            path: path.to_path_buf(),
            existing: Existing::Refuse,
        }
    }

    /// This path, replaced if `force`, else refused if it is taken.
    pub fn at(path: &Path, force: bool) -> Target {
        Target::Path {
            path: path.to_path_buf(),
            existing: if force {
                Existing::Replace
            } else {
                Existing::Refuse
            },
        }
    }
}

/// Why a journal (or a file beside it) is not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: a {what} is already there and is not overwritten: {way_on}")]
    Exists {
        path: String,
        what: &'static str,
        way_on: String,
    },
    #[error(
        "{path}: is a symbolic link; nothing is written through a link: name the file itself, or choose another name"
    )]
    Symlink { path: String },
    #[error(
        "{path}: damaged at {damage}, after turn {last_good}: the turns after it cannot be read, so the journal is not appended to and is left as it is; to continue from turn {last_good} in a new journal, give the same command with `--journal NEW`"
    )]
    Damaged {
        path: String,
        damage: Damage,
        last_good: u32,
    },
    #[error("{path}: the new journal must be another file than the one it continues")]
    SameFile { path: String },
    #[error(
        "{path}: the header would be a line of {mib} MiB, more than the {cap} MiB a journal may have"
    )]
    TooLong {
        path: String,
        mib: usize,
        cap: usize,
    },
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
}

impl WriteError {
    /// A file that is there already, with the ways on from it.
    pub fn exists(path: &Path, what: &'static str) -> WriteError {
        let shown = path.display();
        let way_on = if what == "journal" {
            format!(
                "continue it with `--resume {shown}` (play or serve), choose another name, or add --force to replace it"
            )
        } else {
            "continue its exercise with `serve --resume` and its journal, choose another name, or add --force to replace it"
                .to_string()
        };
        WriteError::Exists {
            path: shown.to_string(),
            what,
            way_on,
        }
    }
}

fn io_error(path: &Path) -> impl Fn(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Where the join codes of a journal are kept: beside it, never inside it.
pub fn codes_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".codes");
    PathBuf::from(name)
}

/// Whether anything, even a dangling link, is at `path`.
fn taken(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Create a file that must not exist yet; owner-only where the system has modes.
/// `create_new` refuses whatever is there, a link included, so no link is followed.
fn create_new_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o600)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path)
}

/// Open an existing file to append to it, refusing a symbolic link.
fn open_existing_nofollow(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    #[cfg(not(unix))]
    if is_symlink(path) {
        return Err(io::Error::other("is a symbolic link"));
    }
    options.open(path)
}

/// Open a file to append to, creating it (owner-only) if it is missing, and
/// never through a symbolic link: for logs kept beside a journal.
pub fn open_for_append(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o600)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    #[cfg(not(unix))]
    if is_symlink(path) {
        return Err(io::Error::other("is a symbolic link"));
    }
    options.open(path)
}

/// Write a new file with `fill`, then rename it over `path`: whatever was at
/// `path` (a file, or a link, which is replaced and not followed) stays whole
/// until the new file is.
fn replace_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<File> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = path.with_file_name(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
        match create_new_file(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let written = fill(&mut file)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    sync_parent(path);
    Ok(file)
}

/// Make a rename durable; best effort, as not every system can open a directory.
#[cfg_attr(not(unix), allow(unused_variables))]
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// Create a file that must not exist, filled by `fill`; removed again if that fails.
fn create_filled(
    path: &Path,
    what: &'static str,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<File, WriteError> {
    let mut file = match create_new_file(path) {
        Ok(f) => f,
        Err(_) if is_symlink(path) => {
            return Err(WriteError::Symlink {
                path: path.display().to_string(),
            });
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(WriteError::exists(path, what));
        }
        Err(e) => return Err(io_error(path)(e)),
    };
    if let Err(e) = fill(&mut file).and_then(|()| file.sync_all()) {
        let _ = std::fs::remove_file(path);
        return Err(io_error(path)(e));
    }
    sync_parent(path);
    Ok(file)
}

/// Write a new file beside a journal (its codes): refused if the path is
/// taken, unless `existing` says to replace it.
pub fn write_new(
    path: &Path,
    text: &str,
    existing: Existing,
    what: &'static str,
) -> Result<(), WriteError> {
    let fill = |f: &mut File| f.write_all(text.as_bytes());
    match existing {
        Existing::Refuse => create_filled(path, what, fill).map(drop),
        Existing::Replace => replace_with(path, fill).map(drop).map_err(io_error(path)),
    }
}

/// The file at a target, claimed and filled by `fill`.
fn materialize(
    target: &Target,
    fill: impl Fn(&mut File) -> io::Result<()>,
) -> Result<(File, PathBuf), WriteError> {
    match target {
        Target::Path {
            path,
            existing: Existing::Refuse,
        } => Ok((create_filled(path, "journal", fill)?, path.clone())),
        Target::Path {
            path,
            existing: Existing::Replace,
        } => {
            let file = replace_with(path, fill).map_err(io_error(path))?;
            Ok((file, path.clone()))
        }
        Target::FreeName { stem } => {
            let base = stem.as_os_str().to_string_lossy().into_owned();
            for n in 1..=10_000u32 {
                let path = PathBuf::from(if n == 1 {
                    format!("{base}.journal")
                } else {
                    format!("{base}-{n}.journal")
                });
                if taken(&path) || taken(&codes_path(&path)) {
                    continue;
                }
                match create_filled(&path, "journal", &fill) {
                    Ok(file) => return Ok((file, path)),
                    // Taken since it was looked at: the next name.
                    Err(WriteError::Exists { .. } | WriteError::Symlink { .. }) => continue,
                    Err(e) => return Err(e),
                }
            }
            Err(WriteError::exists(
                Path::new(&format!("{base}.journal")),
                "journal",
            ))
        }
    }
}

/// An open journal that records a run as it is played.
pub struct Writer {
    file: File,
    path: PathBuf,
}

impl Writer {
    /// Start a new journal with its header, where `target` says.
    pub fn create(target: &Target, header: &Header) -> Result<Writer, WriteError> {
        let line = encode(&Record::Header(header.clone())).map_err(|e| WriteError::Io {
            path: target_name(target),
            source: e,
        })?;
        if line.len() > MAX_HEADER_LINE {
            return Err(WriteError::TooLong {
                path: target_name(target),
                mib: line.len() / (1024 * 1024),
                cap: MAX_HEADER_LINE / (1024 * 1024),
            });
        }
        let (file, path) = materialize(target, |f| f.write_all(line.as_bytes()))?;
        Ok(Writer { file, path })
    }

    /// Go on appending to a journal where it is. A journal damaged before its
    /// end is refused and left as it is; a torn last record (a crash in
    /// mid-write) is cut off, and the warning says so.
    pub fn resume(journal: &Journal, path: &Path) -> Result<(Writer, Option<String>), WriteError> {
        Writer::check_resumable(journal, path)?;
        let name = path.display().to_string();
        if is_symlink(path) {
            return Err(WriteError::Symlink { path: name });
        }
        let mut file = open_existing_nofollow(path).map_err(io_error(path))?;
        let len = file.metadata().map_err(io_error(path))?.len();
        let changed = || WriteError::Io {
            path: name.clone(),
            source: io::Error::other("the journal changed while it was read; try again"),
        };
        let warning = match &journal.damage {
            Some(d) if len > journal.readable_end => {
                file.set_len(journal.readable_end).map_err(io_error(path))?;
                file.sync_all().map_err(io_error(path))?;
                Some(format!("{name}: dropped {d}"))
            }
            None if len == journal.readable_end => None,
            _ => return Err(changed()),
        };
        file.seek(io::SeekFrom::End(0)).map_err(io_error(path))?;
        Ok((
            Writer {
                file,
                path: path.to_path_buf(),
            },
            warning,
        ))
    }

    /// Whether a journal may be appended to where it is: whole, or with only
    /// its last record torn. Damage before that is refused, naming where.
    pub fn check_resumable(journal: &Journal, path: &Path) -> Result<(), WriteError> {
        match journal.damage.as_ref().filter(|d| !d.is_torn()) {
            Some(damage) => Err(WriteError::Damaged {
                path: path.display().to_string(),
                damage: damage.clone(),
                last_good: journal.last_turn(),
            }),
            None => Ok(()),
        }
    }

    /// Continue a journal in a new file: its readable part is copied there
    /// and the run goes on in the copy; the journal itself is not touched.
    pub fn continue_into(journal: &Journal, target: &Target) -> Result<Writer, WriteError> {
        if let (Target::Path { path, .. }, Some(source)) = (target, journal.file_path()) {
            let same = |a: &Path, b: &Path| matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y);
            if same(path, source) {
                return Err(WriteError::SameFile {
                    path: path.display().to_string(),
                });
            }
        }
        let (mut file, path) = materialize(target, |f| journal.copy_readable(f))?;
        file.seek(io::SeekFrom::End(0)).map_err(io_error(&path))?;
        Ok(Writer { file, path })
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append one record and make it durable before returning. A record
    /// longer than a reader accepts is refused, not written.
    pub fn append(&mut self, record: &Record) -> io::Result<()> {
        if !self.append_if_fits(record)? {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "the record is longer than the {} MiB a journal line may hold",
                    MAX_RECORD_LINE / (1024 * 1024)
                ),
            ));
        }
        Ok(())
    }

    /// Append a record that may be left out (a snapshot): false if it is
    /// longer than a reader accepts, and so was not written.
    pub fn append_if_fits(&mut self, record: &Record) -> io::Result<bool> {
        let line = encode(record)?;
        if line.len() - 1 > MAX_RECORD_LINE {
            return Ok(false);
        }
        self.file.write_all(line.as_bytes())?;
        self.file.flush()?;
        self.file.sync_data()?;
        Ok(true)
    }
}

fn target_name(target: &Target) -> String {
    match target {
        Target::Path { path, .. } => path.display().to_string(),
        Target::FreeName { stem } => format!("{}.journal", stem.display()),
    }
}
