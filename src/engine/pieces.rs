//! A scenario as JSON in pieces, so that a page can write or read a large one a slice at a
//! time instead of in one long step.
//!
//! The pieces are lines: the first is the scenario without its contacts, each other line
//! holds the next [`CONTACTS_PER_PIECE`] contacts as a JSON array. Compact JSON has no line
//! breaks (a line break inside text is written `\n`), so the lines join with `'\n'` into one
//! text that travels between the page and its Web Workers as a single message:
//!
//! - a large file is read by a worker ([`load_to_pieces`]: parsed and validated like any
//!   file, [`super::load()`]), and the page reads the pieces back a slice at a time
//!   ([`Assembly`]);
//! - the page writes a large scenario for its helpers a slice at a time ([`head`],
//!   [`contacts_piece`]), and each helper reads it back and validates it
//!   ([`super::helpers::answer`]).
//!
//! Reading the pieces gives the same scenario, to the bit, as the one written (tested).
//!
//! Contacts already written are kept ([`Written`]): a large scenario is written again after
//! every edit (to the browser's storage, to the helpers), and most edits change no contact
//! or a few, so only the pieces whose contacts changed are written again.

use super::load::{load, LoadError};
use super::scenario::Contact;
use super::shared::Shared;
use super::Scenario;

/// Contacts in one piece: about half a megabyte of JSON, read in 5 to 15 ms in a browser.
pub const CONTACTS_PER_PIECE: usize = 1000;

/// The scenario without its contacts, as one line of JSON. The contacts are taken out for
/// the moment and put back.
pub fn head(s: &mut Scenario) -> String {
    let contacts = std::mem::take(&mut s.contacts);
    let text = serde_json::to_string(s).unwrap_or_default();
    s.contacts = contacts;
    text
}

/// Some contacts as one line of JSON (an array).
pub fn contacts_piece(contacts: &[Contact]) -> String {
    serde_json::to_string(contacts).unwrap_or_else(|_| "[]".into())
}

/// The whole scenario in pieces, joined by line breaks, in one step.
pub fn to_pieces(s: &mut Scenario) -> String {
    let mut text = head(s);
    for chunk in s.contacts.chunks(CONTACTS_PER_PIECE) {
        text.push('\n');
        text.push_str(&contacts_piece(chunk));
    }
    text
}

/// Reads a scenario file like [`load`] (every problem found, with its place) and answers
/// with the scenario in pieces.
pub fn load_to_pieces(text: &str) -> Result<String, LoadError> {
    load(text).map(|mut s| to_pieces(&mut s))
}

/// A scenario read back from its pieces, one piece at a time.
pub struct Assembly {
    scenario: Scenario,
    written: Written,
    /// Whether every piece so far held [`CONTACTS_PER_PIECE`] contacts but the last.
    aligned: bool,
    last_short: bool,
}

impl Assembly {
    /// Starts from the first piece, the scenario without its contacts.
    pub fn new(head: &str) -> Result<Assembly, String> {
        let scenario: Scenario = serde_json::from_str(head).map_err(|e| format!("the scenario's first piece could not be read: {e}"))?;
        Ok(Assembly { scenario, written: Written::default(), aligned: true, last_short: false })
    }

    /// Adds a piece of contacts.
    pub fn add(&mut self, piece: &str) -> Result<(), String> {
        let contacts: Vec<Contact> = serde_json::from_str(piece).map_err(|e| format!("a piece of the scenario's contacts could not be read: {e}"))?;
        self.aligned &= !self.last_short && (1..=CONTACTS_PER_PIECE).contains(&contacts.len());
        self.last_short = contacts.len() < CONTACTS_PER_PIECE;
        if self.aligned {
            self.written.pieces.push(Some(piece.to_string()));
        }
        self.scenario.contacts.extend(contacts);
        Ok(())
    }

    /// The scenario, as written. Not validated again: check it where it came from elsewhere.
    pub fn finish(self) -> Scenario {
        self.scenario
    }

    /// The scenario and its contacts as written, to write it again without the work.
    pub fn finish_written(self) -> (Scenario, Written) {
        // Pieces cut another way than this side cuts them are not kept.
        let written = match self.aligned {
            true => Written { contacts: self.scenario.contacts.clone(), pieces: self.written.pieces },
            false => Written::default(),
        };
        (self.scenario, written)
    }
}

/// Contacts with their JSON in pieces, kept between writes: writing the same contacts
/// again is only a comparison, and after an edit to a few contacts only their pieces are
/// written again.
#[derive(Debug, Default, Clone)]
pub struct Written {
    /// Shared with the scenario written, so that the next write sees at once whether they
    /// are the same contacts.
    contacts: Shared<Vec<Contact>>,
    /// The JSON of each [`CONTACTS_PER_PIECE`] contacts; `None` until written.
    pieces: Vec<Option<String>>,
}

impl Written {
    /// Whether these are the contacts kept.
    pub fn holds(&self, contacts: &Shared<Vec<Contact>>) -> bool {
        self.contacts == *contacts
    }

    /// Takes in `contacts`: the pieces whose contacts are unchanged are kept, the others
    /// are to be written ([`Written::write_one`], or all at once when asked for text).
    pub fn sync(&mut self, contacts: &Shared<Vec<Contact>>) {
        if Shared::same(&self.contacts, contacts) {
            return;
        }
        let old = std::mem::take(&mut self.pieces);
        let mut old = old.into_iter();
        for (i, chunk) in contacts.chunks(CONTACTS_PER_PIECE).enumerate() {
            let start = i * CONTACTS_PER_PIECE;
            let kept = old.next().flatten();
            // The old piece held these contacts and no more (a last piece cut shorter holds
            // fewer: its text is not these contacts' text).
            let old_extent = self.contacts.len().saturating_sub(start).min(CONTACTS_PER_PIECE);
            let unchanged = old_extent == chunk.len() && self.contacts.get(start..start + chunk.len()) == Some(chunk);
            self.pieces.push(if unchanged { kept } else { None });
        }
        self.contacts = contacts.clone();
    }

    /// Bytes of JSON written so far: less than the contacts' whole text only by the pieces
    /// still to write.
    pub fn written_len(&self) -> usize {
        self.pieces.iter().flatten().map(String::len).sum()
    }

    /// Writes the next piece not yet written; false when every piece was.
    pub fn write_one(&mut self) -> bool {
        let Some(i) = self.pieces.iter().position(Option::is_none) else { return false };
        let start = i * CONTACTS_PER_PIECE;
        let end = (start + CONTACTS_PER_PIECE).min(self.contacts.len());
        self.pieces[i] = Some(contacts_piece(&self.contacts[start..end]));
        true
    }

    fn pieces(&mut self) -> impl Iterator<Item = &str> {
        while self.write_one() {}
        self.pieces.iter().map(|p| p.as_deref().unwrap_or("[]"))
    }

    /// The contacts as one JSON array.
    pub fn contacts_json(&mut self) -> String {
        let mut text = String::from("[");
        for piece in self.pieces() {
            let inner = &piece[1..piece.len() - 1];
            if !inner.is_empty() {
                if text.len() > 1 {
                    text.push(',');
                }
                text.push_str(inner);
            }
        }
        text.push(']');
        text
    }

    /// The scenario in pieces (as [`to_pieces`]), from its head ([`head`]).
    pub fn with_head(&mut self, head: String) -> String {
        let mut text = head;
        for piece in self.pieces() {
            text.push('\n');
            text.push_str(piece);
        }
        text
    }
}

/// The scenario as one line of JSON, equal to `serde_json::to_string(s)`, its contacts
/// taken from (and kept in) `written`.
pub fn scenario_json(s: &mut Scenario, written: &mut Written) -> String {
    written.sync(&s.contacts);
    let head = head(s);
    // The empty list of contacts in the head is where the contacts go. Text cannot hold
    // this pattern (a quote inside text is written \"), so only a field named "contacts"
    // can; if there were ever more than one, the whole scenario is written the plain way.
    const EMPTY: &str = "\"contacts\":[]";
    match (head.find(EMPTY), head.rfind(EMPTY)) {
        (Some(first), Some(last)) if first == last => {
            let at = first + EMPTY.len() - 2;
            let contacts = written.contacts_json();
            let mut text = String::with_capacity(head.len() + contacts.len());
            text.push_str(&head[..at]);
            text.push_str(&contacts);
            text.push_str(&head[at + 2..]);
            text
        }
        _ => serde_json::to_string(s).unwrap_or_default(),
    }
}

/// Reads every piece at once.
pub fn from_pieces(text: &str) -> Result<Scenario, String> {
    let mut lines = text.split('\n');
    let mut assembly = Assembly::new(lines.next().unwrap_or_default())?;
    for piece in lines {
        assembly.add(piece)?;
    }
    Ok(assembly.finish())
}
