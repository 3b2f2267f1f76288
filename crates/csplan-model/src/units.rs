//! The units a scenario is measured in. Each wraps an exact [`Decimal`]; there is no
//! conversion from binary floating point anywhere.
//!
//! Arithmetic is `checked_*` only: user data can be large enough to overflow, and a
//! planner must report that, not panic. Multiplying money by a quantity is explicit
//! ([`Money::checked_times`]).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::fmt::grouped;

/// The rule council papers use: halves go up (away from zero), 0.5 -> 1.
/// (rust_decimal's own default is banker's rounding, which papers do not use.)
pub const HALF_UP: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

macro_rules! decimal_unit {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Decimal);

        impl $name {
            /// Zero of this unit.
            pub const ZERO: Self = Self(Decimal::ZERO);

            /// Wraps an exact decimal.
            pub const fn new(value: Decimal) -> Self {
                Self(value)
            }

            /// The exact decimal inside.
            pub const fn value(self) -> Decimal {
                self.0
            }

            /// Sum of two amounts of this unit, `None` on overflow.
            pub fn checked_add(self, other: Self) -> Option<Self> {
                self.0.checked_add(other.0).map(Self)
            }

            /// Difference of two amounts of this unit, `None` on overflow.
            pub fn checked_sub(self, other: Self) -> Option<Self> {
                self.0.checked_sub(other.0).map(Self)
            }

            /// True when exactly zero.
            pub fn is_zero(self) -> bool {
                self.0.is_zero()
            }

            /// True when below zero.
            pub fn is_negative(self) -> bool {
                self.0.is_sign_negative() && !self.0.is_zero()
            }
        }

        impl From<Decimal> for $name {
            fn from(value: Decimal) -> Self {
                Self(value)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                crate::dec::serialize(&self.0, s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::dec::deserialize(d).map(Self)
            }
        }
    };
}

decimal_unit! {
    /// Money in pounds, exact to the penny and beyond (rounding happens only at named
    /// points, see [`Money::round_pence`] and [`Money::round_pounds`]).
    Money
}

decimal_unit! {
    /// Full-time equivalent staff: contracted hours / standard hours (1.0 = one full-time post).
    Fte
}

decimal_unit! {
    /// A percentage: `Rate(18.9)` means 18.9%.
    Rate
}

impl Money {
    /// Whole pounds, e.g. `Money::pounds(41_839)`.
    pub fn pounds(pounds: i64) -> Self {
        Self(Decimal::from(pounds))
    }

    /// This amount times a quantity (an FTE, a count, a number of weeks), `None` on overflow.
    pub fn checked_times(self, quantity: Decimal) -> Option<Self> {
        self.0.checked_mul(quantity).map(Self)
    }

    /// Rounded to the penny, halves up.
    pub fn round_pence(self) -> Self {
        Self(self.0.round_dp_with_strategy(2, HALF_UP))
    }

    /// Rounded to the pound, halves up.
    pub fn round_pounds(self) -> Self {
        Self(self.0.round_dp_with_strategy(0, HALF_UP))
    }

    /// `£585,746`: to the pound (halves up), thousands grouped, a minus sign before the £.
    pub fn display_pounds(self) -> String {
        self.display(0)
    }

    /// `£585,745.60`: to the penny (halves up).
    pub fn display_pence(self) -> String {
        self.display(2)
    }

    fn display(self, dp: u32) -> String {
        let text = grouped(self.0, dp);
        match text.strip_prefix('-') {
            Some(rest) => format!("-£{rest}"),
            None => format!("£{text}"),
        }
    }
}

impl Fte {
    /// `1,527.7`: rounded to `dp` places (halves up), thousands grouped.
    pub fn display(self, dp: u32) -> String {
        grouped(self.0, dp)
    }
}

impl Rate {
    /// `18.9%`: rounded to `dp` places (halves up).
    pub fn display(self, dp: u32) -> String {
        format!("{}%", grouped(self.0, dp))
    }
}

impl core::fmt::Display for Money {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.display_pounds())
    }
}
