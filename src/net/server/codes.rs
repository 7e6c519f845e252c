//! Join codes: made from OS randomness, kept beside the journal (owner-only
//! where the platform has modes), never inside it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::net::{ServeError, protocol};

/// The join codes of an exercise and where its server listens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codes {
    pub address: String,
    pub teams: BTreeMap<String, String>,
}

/// A fresh, unguessable join code: 32 hex digits from the operating
/// system's randomness, on every platform `getrandom` supports.
pub fn new_code() -> Result<String, getrandom::Error> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)?;
    let h = blake3::hash(&seed);
    Ok(protocol::hex(&h.as_bytes()[..16]))
}

pub use crate::journal::codes_path;

/// Write a file atomically (temporary file, then rename). On Unix the file
/// gets `mode` from its creation on; elsewhere it keeps the platform's
/// default permissions (README says which platforms are supported).
pub fn write_atomic(path: &Path, text: &str, mode: u32) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut f = options.open(&tmp)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}

/// Read the codes saved beside a journal.
pub fn read_codes(path: &Path) -> Result<Codes, ServeError> {
    let name = || path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ServeError::ReadCodes {
        path: name(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| ServeError::ParseCodes {
        path: name(),
        source,
    })
}

/// Write the codes owner-only (where the platform has modes), atomically.
pub fn write_codes(path: &Path, codes: &Codes) -> Result<(), ServeError> {
    let failed = |source| ServeError::WriteCodes {
        path: path.display().to_string(),
        source,
    };
    let text = serde_json::to_string_pretty(codes).map_err(|e| failed(e.into()))?;
    write_atomic(path, &text, 0o600).map_err(failed)
}
