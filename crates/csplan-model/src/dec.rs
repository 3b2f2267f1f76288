//! Serde for exact decimals.
//!
//! Decimals are written as JSON strings (`"62.8"`) so they round-trip exactly, keeping
//! the scale the user wrote. On reading, a string or a whole JSON number is accepted;
//! a JSON number with a fractional part is refused with a message, because a JSON
//! parser reads it as binary floating point, which cannot hold most pence exactly.
//!
//! Use as `#[serde(with = "csplan_model::dec")]` on a `Decimal` field, or
//! `#[serde(with = "csplan_model::dec::option")]` on an `Option<Decimal>` field.

use core::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// Writes a decimal as a JSON string, keeping its scale (`"62.80"` stays `"62.80"`).
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// Reads a decimal from a string (`"62.8"`, `"41,839"`) or a whole number (`18`).
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(DecimalVisitor)
}

/// Parses the text a person types for a number: surrounding spaces, a leading `£` and
/// thousands separators are allowed (`"£41,839"`); exponents and words are not.
pub fn parse_text(text: &str) -> Option<Decimal> {
    let trimmed = text.trim();
    let trimmed = trimmed.strip_prefix('£').unwrap_or(trimmed).trim_start();
    if trimmed.is_empty() {
        return None;
    }
    let cleaned: String = trimmed.chars().filter(|c| *c != ',').collect();
    // A comma may only separate groups of three digits: "1,5" is not 15.
    if cleaned.len() != trimmed.len() && !commas_group_thousands(trimmed) {
        return None;
    }
    let ok =
        cleaned.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')));
    if !ok || cleaned.chars().filter(|c| *c == '.').count() > 1 {
        return None;
    }
    Decimal::from_str_exact(&cleaned).ok()
}

fn commas_group_thousands(text: &str) -> bool {
    let whole = text.split('.').next().unwrap_or(text);
    let whole = whole.trim_start_matches(['-', '+']);
    let mut groups = whole.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    first_ok && groups.all(|g| g.len() == 3)
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number written as a string, like \"62.8\", or a whole number, like 18")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_text(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
}

/// Serde for `Option<Decimal>`: `null` or absent is `None`.
pub mod option {
    use super::*;

    /// Writes `Some` as a JSON string and `None` as `null`.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.collect_str(v),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `null`, a string or a whole number.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
        deserializer.deserialize_option(OptionVisitor)
    }

    struct OptionVisitor;

    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Option<Decimal>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            DecimalVisitor.expecting(f)?;
            f.write_str(", or null")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            super::deserialize(d).map(Some)
        }
    }
}

/// Serde for `Vec<Decimal>`: a JSON array of decimals.
pub mod vec {
    use super::*;
    use serde::ser::SerializeSeq;

    /// Writes each decimal as a JSON string.
    pub fn serialize<S: Serializer>(values: &[Decimal], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(values.len()))?;
        for v in values {
            seq.serialize_element(&v.to_string())?;
        }
        seq.end()
    }

    /// Reads an array of strings or whole numbers.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Decimal>, D::Error> {
        deserializer.deserialize_seq(VecVisitor)
    }

    struct VecVisitor;

    impl<'de> Visitor<'de> for VecVisitor {
        type Value = Vec<Decimal>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of numbers, like [\"18\", \"16\"]")
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(Wrapped(v)) = seq.next_element()? {
                out.push(v);
            }
            Ok(out)
        }
    }

    struct Wrapped(Decimal);

    impl<'de> serde::Deserialize<'de> for Wrapped {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::deserialize(d).map(Wrapped)
        }
    }
}

/// Serde for `Vec<Vec<Decimal>>` (written only): a JSON array of arrays of decimals.
pub mod vec_vec {
    use super::*;
    use serde::ser::SerializeSeq;

    /// Writes each row as an array of JSON strings.
    pub fn serialize<S: Serializer>(rows: &[Vec<Decimal>], serializer: S) -> Result<S::Ok, S::Error> {
        struct Row<'a>(&'a [Decimal]);
        impl serde::Serialize for Row<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                super::vec::serialize(self.0, serializer)
            }
        }
        let mut seq = serializer.serialize_seq(Some(rows.len()))?;
        for r in rows {
            seq.serialize_element(&Row(r))?;
        }
        seq.end()
    }
}

/// Serde for `Vec<Option<Decimal>>` (written only): a JSON array of decimals and nulls.
pub mod vec_option {
    use super::*;
    use serde::ser::SerializeSeq;

    /// Writes each value as a JSON string, or `null`.
    pub fn serialize<S: Serializer>(values: &[Option<Decimal>], serializer: S) -> Result<S::Ok, S::Error> {
        struct One<'a>(&'a Option<Decimal>);
        impl serde::Serialize for One<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                super::option::serialize(self.0, serializer)
            }
        }
        let mut seq = serializer.serialize_seq(Some(values.len()))?;
        for v in values {
            seq.serialize_element(&One(v))?;
        }
        seq.end()
    }
}
