//! A part of a scenario that copies of the scenario share until one of them changes it.
//!
//! Every edit in the app keeps the scenario before it for undo, hands a copy to the
//! simulation and compares the two. With 42,945 named contacts a plain copy took about
//! 14 ms of every edit, even a cap turned on, and each undo step held another copy of
//! every contact, so a large scenario could keep only a few. The contacts are therefore
//! held in a [`Shared`]: copying the scenario copies a pointer, comparing two copies that
//! share their contacts is one pointer comparison, and the first change through one copy
//! ([`std::ops::DerefMut`], [`Arc::make_mut`]) gives that copy its own contacts.
//!
//! To everything else it is the value it holds: it reads, writes, compares and has the
//! JSON Schema of `T`.

use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value shared by copies until one of them changes it. See the module's notes.
#[derive(Default)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }

    /// Whether `a` and `b` are copies of the same value, never changed since (equal
    /// without looking at it).
    pub fn same(a: &Shared<T>, b: &Shared<T>) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// Where the value lives, to tell apart the values that several copies hold.
    pub fn address(&self) -> *const T {
        Arc::as_ptr(&self.0)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Changing the value through a copy that shares it gives that copy its own first.
impl<T: Clone> std::ops::DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Shared<T> {
        Shared::new(value)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Shared::same(self, other) || *self.0 == *other.0
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Shared<T>, D::Error> {
        T::deserialize(deserializer).map(Shared::new)
    }
}

impl<A> FromIterator<A> for Shared<Vec<A>> {
    fn from_iter<I: IntoIterator<Item = A>>(items: I) -> Shared<Vec<A>> {
        Shared::new(items.into_iter().collect())
    }
}

impl<A: Clone> Shared<Vec<A>> {
    /// Changes the items `pick` picks and says how many it changed. A copy that shares
    /// them gets its own only when some item is picked: renaming a rep who owns no contact
    /// leaves the contacts shared.
    pub fn change_where(&mut self, pick: impl Fn(&A) -> bool, mut change: impl FnMut(&mut A)) -> usize {
        if !self.iter().any(&pick) {
            return 0;
        }
        let mut changed = 0;
        for item in self.iter_mut().filter(|item| pick(item)) {
            change(item);
            changed += 1;
        }
        changed
    }
}

impl<'a, A> IntoIterator for &'a Shared<Vec<A>> {
    type Item = &'a A;
    type IntoIter = std::slice::Iter<'a, A>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Walking every item to change it gives a copy that shares them its own first.
impl<'a, A: Clone> IntoIterator for &'a mut Shared<Vec<A>> {
    type Item = &'a mut A;
    type IntoIter = std::slice::IterMut<'a, A>;
    fn into_iter(self) -> Self::IntoIter {
        Arc::make_mut(&mut self.0).iter_mut()
    }
}
