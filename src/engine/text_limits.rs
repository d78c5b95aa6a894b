//! Every string of a scenario within its length limit, found by walking the scenario as
//! serde writes it: each field, list item and map key, the way it appears in the file,
//! with the same JSON path a problem names.
//!
//! Hand-written as a serde [`Serializer`] that writes nothing: the walk before it turned
//! the whole scenario into a `serde_json::Value` first, one allocation per field, which for
//! 65,000 imported contacts took 0.54 s of every validation (so of every edit) natively.
//! This walk allocates only for a path it reports. No crate does "visit every string with
//! its path" without building the tree.

use serde::ser::{self, Serialize, Serializer};

/// Where the walk is: field and map-key names, and list positions.
enum Step {
    Field(&'static str),
    Key(String),
    Index(usize),
}

/// A string too long, or a map key too long, as (path, message).
pub type Found = (String, String);

/// Checks every string of `value`: at most `name` characters, or `free_text` characters
/// under a field called `description`, `summary` or `prepared_answers` (free text). Map
/// keys are names too. Lists what is too long, in the order the file writes it.
pub fn too_long<T: Serialize>(value: &T, name: usize, free_text: usize) -> Vec<Found> {
    too_long_but(value, None, name, free_text)
}

/// As [`too_long`], leaving out the top-level field `skipped` (a part known to be within
/// its limits, such as named contacts checked before and unchanged since).
pub fn too_long_but<T: Serialize>(value: &T, skipped: Option<&'static str>, name: usize, free_text: usize) -> Vec<Found> {
    let mut walk = Walk { path: Vec::new(), skip_value: false, skipped, name, free_text, found: Vec::new() };
    // The walk itself never fails; a value serde cannot write has no strings to check.
    let _ = value.serialize(&mut walk);
    walk.found
}

struct Walk {
    path: Vec<Step>,
    /// The map key just read was too long (already reported): its value is not walked.
    skip_value: bool,
    /// A top-level field not walked.
    skipped: Option<&'static str>,
    name: usize,
    free_text: usize,
    found: Vec<Found>,
}

impl Walk {
    fn path_text(&self) -> String {
        let mut text = String::new();
        for step in &self.path {
            match step {
                Step::Field(k) => push_key(&mut text, k),
                Step::Key(k) => push_key(&mut text, k),
                Step::Index(i) => text.push_str(&format!("[{i}]")),
            }
        }
        text
    }

    /// The limit where the walk is: free text under the nearest field so named.
    fn limit(&self) -> usize {
        let nearest = self.path.iter().rev().find_map(|s| match s {
            Step::Field(k) => Some(*k),
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        });
        match nearest {
            Some("description" | "summary" | "prepared_answers") => self.free_text,
            _ => self.name,
        }
    }

    fn check(&mut self, text: &str) {
        let limit = self.limit();
        // Counting stops just past the limit: a 100 MB string is not walked to its end.
        if text.len() > limit && text.chars().take(limit + 1).count() > limit {
            let message = format!("must be at most {limit} characters, not {}", text.chars().count());
            self.found.push((self.path_text(), message));
        }
    }

    fn inside<T: Serialize + ?Sized>(&mut self, step: Step, value: &T) -> Result<(), std::fmt::Error> {
        self.path.push(step);
        let result = value.serialize(&mut *self);
        self.path.pop();
        result
    }

    /// A map key as the file writes it: text, or a number or true/false written as text.
    fn key<T: Serialize + ?Sized>(&mut self, key: &T) {
        let text = match serde_json::to_value(key) {
            Ok(serde_json::Value::String(s)) => s,
            Ok(other) => other.to_string(),
            Err(_) => String::new(),
        };
        if text.chars().take(self.name + 1).count() > self.name {
            let message = format!("a name in it must be at most {} characters, not {}", self.name, text.chars().count());
            self.found.push((self.path_text(), message));
            self.skip_value = true;
        } else {
            self.path.push(Step::Key(text));
        }
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), std::fmt::Error> {
        if std::mem::take(&mut self.skip_value) {
            return Ok(());
        }
        let result = value.serialize(&mut *self);
        self.path.pop();
        result
    }
}

fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// A list, map or struct being walked; `variant` says whether it opened a variant's name.
pub struct Compound<'a> {
    walk: &'a mut Walk,
    index: usize,
    variant: bool,
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), std::fmt::Error> {
        let i = self.index;
        self.index += 1;
        self.walk.inside(Step::Index(i), value)
    }

    fn end(self) -> Result<(), std::fmt::Error> {
        if self.variant {
            self.walk.path.pop();
        }
        Ok(())
    }
}

/// Serializer methods for values with no text in them: nothing to do.
macro_rules! nothing {
    ($($method:ident : $ty:ty),*) => {$(
        fn $method(self, _: $ty) -> Result<(), Self::Error> {
            Ok(())
        }
    )*};
}

impl<'a> Serializer for &'a mut Walk {
    type Ok = ();
    type Error = std::fmt::Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_str(self, v: &str) -> Result<(), Self::Error> {
        self.check(v);
        Ok(())
    }
    // Numbers, true/false and single characters hold no text to check.
    nothing!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_u8: u8,
        serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char);
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Self::Error> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Self::Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Self::Error> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Self::Error> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Self::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, variant: &'static str, value: &T) -> Result<(), Self::Error> {
        self.inside(Step::Field(variant), value)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Self::Error> {
        Ok(Compound { walk: self, index: 0, variant: false })
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Self::Error> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Self::Error> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Compound<'a>, Self::Error> {
        self.path.push(Step::Field(variant));
        Ok(Compound { walk: self, index: 0, variant: true })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Self::Error> {
        self.serialize_seq(None)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Self::Error> {
        self.serialize_seq(None)
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Compound<'a>, Self::Error> {
        self.serialize_tuple_variant("", 0, variant, 0)
    }
}

/// The list-like parts serde writes (lists, tuples, a variant's tuple): each element at
/// its position.
macro_rules! elements {
    ($($kind:ident :: $method:ident),*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = std::fmt::Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Self::Error> {
                Compound::end(self)
            }
        }
    )*};
}

elements!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field, SerializeTupleVariant::serialize_field);

/// The struct-like parts (a struct, a variant's fields): each field under its name.
macro_rules! fields {
    ($($kind:ident),*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = std::fmt::Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Self::Error> {
                if self.walk.path.is_empty() && self.walk.skipped == Some(key) {
                    return Ok(());
                }
                self.walk.inside(Step::Field(key), value)
            }
            fn end(self) -> Result<(), Self::Error> {
                Compound::end(self)
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = std::fmt::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Self::Error> {
        self.walk.key(key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.walk.value(value)
    }
    fn end(self) -> Result<(), Self::Error> {
        Compound::end(self)
    }
}
