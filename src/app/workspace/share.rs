//! Share links: the scenario travels in the address's fragment (after `#`), compressed, so
//! nothing is sent to any server — browsers never send the fragment. Plain Rust, tested
//! natively.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::engine::{load, LoadError, Scenario};

/// The fragment's prefix.
pub const PREFIX: &str = "#scenario=";

/// The longest link Baton offers; longer addresses break in some mail and chat tools.
pub const MAX_LINK: usize = 8_000;

/// The most a link's scenario may unpack to. A link of 8,000 characters carries about
/// 6,000 compressed bytes; scenario JSON packs about ten to one, so 4 MB is far more than an
/// honest link holds and keeps a hostile one from filling memory.
pub const MAX_UNPACKED: usize = 4 << 20;

/// The fragment for a scenario: compact JSON, deflated, base64 (URL-safe).
pub fn fragment(s: &Scenario) -> String {
    let json = serde_json::to_vec(s).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// A link for `base` (the page address without fragment), if it fits.
pub fn link(base: &str, s: &Scenario) -> Result<String, usize> {
    let link = format!("{base}{}", fragment(s));
    if link.len() <= MAX_LINK {
        Ok(link)
    } else {
        Err(link.len())
    }
}

/// Why a shared link could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// The link was cut or changed on its way.
    Damaged,
    /// It decoded, but the scenario has problems.
    Invalid(Vec<String>),
    /// Longer than any link Baton makes (the length is given).
    TooLong(usize),
}

impl ShareError {
    /// Lines shown to people.
    pub fn lines(&self) -> Vec<String> {
        match self {
            ShareError::Damaged => vec!["the link is incomplete or was changed on its way (ask for it again, or for the file)".into()],
            ShareError::Invalid(lines) => lines.clone(),
            ShareError::TooLong(n) => {
                vec![format!("the link holds {n} characters, more than the {MAX_LINK} a Baton link can have; ask for the scenario file instead")]
            }
        }
    }
}

/// Reads a fragment (with or without the prefix) back into a validated scenario.
pub fn read(fragment: &str) -> Result<Scenario, ShareError> {
    let data = fragment.strip_prefix(PREFIX).unwrap_or(fragment);
    // Longer than any link Baton makes: not decoded at all.
    if data.len() > MAX_LINK {
        return Err(ShareError::TooLong(data.len()));
    }
    let packed = URL_SAFE_NO_PAD.decode(data.trim()).map_err(|_| ShareError::Damaged)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_UNPACKED).map_err(|_| ShareError::Damaged)?;
    let text = String::from_utf8(json).map_err(|_| ShareError::Damaged)?;
    load(&text).map_err(|e: LoadError| ShareError::Invalid(e.lines()))
}
