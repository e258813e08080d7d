//! Typed values for Graph's primitive types: date-times, dates, times of day, durations, GUIDs, base64 binary and
//! doubles.
//!
//! Each keeps the text it was read from and writes exactly that text back, so a value read from Graph and sent
//! again is byte-identical. The parts (year..nanosecond and offset, a GUID's bytes, the decoded bytes) are read
//! from the text on demand and are a `Result`: deserialising never fails a whole response because one value is
//! odd (Graph data is messy); the odd value is kept, and only asking for its parts says it is not what the docs
//! declare. `from_parts` constructors write the canonical form.
//!
//! The date and time readers are written here rather than taken from `time`, `chrono` or `jiff`: those would add
//! crates and compile time to every generated crate, none keeps the original text, and their RFC 3339 readers
//! want an offset that Graph sometimes leaves out and digits Graph writes 0 to 7 of. Only the fields are read;
//! no calendar arithmetic is needed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A value's text does not read as its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// The type it should have been: `date-time`, `GUID`, ...
    pub expected: &'static str,
    /// The text (at most 64 characters of it).
    pub text: String,
}

impl ValueError {
    fn new(expected: &'static str, text: &str) -> Self {
        ValueError { expected, text: text.chars().take(64).collect() }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a {}", self.text, self.expected)
    }
}

impl std::error::Error for ValueError {}

/// The date of a [`Date`] or [`DateTime`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateParts {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// The time of a [`TimeOfDay`] or [`DateTime`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeParts {
    pub hour: u8,
    pub minute: u8,
    /// 0-60 (60: a leap second).
    pub second: u8,
    pub nanosecond: u32,
}

/// The parts of a [`DateTime`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTimeParts {
    pub date: DateParts,
    pub time: TimeParts,
    /// Minutes east of UTC (`Z` is `Some(0)`); `None` when the text has no offset (Graph then means UTC).
    pub offset_minutes: Option<i16>,
}

/// The parts of an ISO 8601 [`Duration`] (`-P1Y2M3W4DT5H6M7.5S`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DurationParts {
    pub negative: bool,
    pub years: u64,
    pub months: u64,
    pub weeks: u64,
    pub days: u64,
    pub hours: u64,
    pub minutes: u64,
    pub seconds: u64,
    pub nanoseconds: u32,
}

impl DurationParts {
    /// As a `std` duration, when it has a fixed length (no years or months) and is not negative.
    pub fn to_std(self) -> Option<std::time::Duration> {
        if self.negative || self.years != 0 || self.months != 0 {
            return None;
        }
        let seconds =
            [(self.weeks, 604_800), (self.days, 86_400), (self.hours, 3_600), (self.minutes, 60), (self.seconds, 1)]
                .iter()
                .try_fold(0u64, |total, &(count, unit)| total.checked_add(count.checked_mul(unit)?))?;
        Some(std::time::Duration::new(seconds, self.nanoseconds))
    }
}

// The six text values share their representation and serde code: the text as read.
macro_rules! text_value {
    ($(#[$doc:meta])* $name:ident, $parts:ty, $read:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Keeps `text` whatever it holds (as deserialising does); [`parts`](Self::parts) says whether
            /// it reads.
            pub fn from_text(text: impl Into<String>) -> Self {
                $name(text.into())
            }

            /// The text, exactly as read or written.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The parts the text holds, or why it holds none.
            pub fn parts(&self) -> Result<$parts, ValueError> {
                $read(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ValueError;

            /// Reads `text`, refusing text that does not hold the parts.
            fn from_str(text: &str) -> Result<Self, ValueError> {
                $read(text).map(|_| $name(text.to_owned()))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map($name)
            }
        }
    };
}

text_value!(
    /// An `Edm.DateTimeOffset`: `2021-01-01T00:00:00Z`, `2021-01-01T00:00:00.1234567+02:00`, or with no
    /// offset, `2021-01-01T00:00:00`.
    DateTime, DateTimeParts, read_date_time
);
text_value!(
    /// An `Edm.Date`: `2021-01-31`.
    Date, DateParts, read_date_only
);
text_value!(
    /// An `Edm.TimeOfDay`: `08:30:00`, `08:30:00.0000000`.
    TimeOfDay, TimeParts, read_time_only
);
text_value!(
    /// An `Edm.Duration` in ISO 8601: `PT1H30M`, `P1D`, `-PT0.5S`.
    Duration, DurationParts, read_duration
);
text_value!(
    /// An `Edm.Guid`: `0e6a9b2d-1b2c-4d3e-8f40-5a6b7c8d9e0f` (any case; braces allowed).
    Guid, [u8; 16], read_guid
);
text_value!(
    /// An `Edm.Binary`: base64 text (standard or URL-safe alphabet, padded or not).
    Base64, Vec<u8>, read_base64
);

impl DateTime {
    /// The canonical text of `parts`: seconds always, the fraction without trailing zeros, `Z` for offset 0.
    pub fn from_parts(parts: DateTimeParts) -> Result<Self, ValueError> {
        let mut text = date_text(parts.date);
        text.push('T');
        text.push_str(&time_text(parts.time));
        match parts.offset_minutes {
            None => {}
            Some(0) => text.push('Z'),
            Some(offset) => {
                let sign = if offset < 0 { '-' } else { '+' };
                let offset = offset.unsigned_abs();
                text.push_str(&format!("{sign}{:02}:{:02}", offset / 60, offset % 60));
            }
        }
        text.parse()
    }
}

impl Date {
    /// `YYYY-MM-DD`.
    pub fn from_parts(parts: DateParts) -> Result<Self, ValueError> {
        date_text(parts).parse()
    }
}

impl TimeOfDay {
    /// `HH:MM:SS`, with the fraction without trailing zeros.
    pub fn from_parts(parts: TimeParts) -> Result<Self, ValueError> {
        time_text(parts).parse()
    }
}

impl Duration {
    /// The shortest text of `parts` (`PT0S` for zero).
    pub fn from_parts(parts: DurationParts) -> Result<Self, ValueError> {
        let mut text = String::from(if parts.negative { "-P" } else { "P" });
        for (count, unit) in [(parts.years, 'Y'), (parts.months, 'M'), (parts.weeks, 'W'), (parts.days, 'D')] {
            if count != 0 {
                text.push_str(&format!("{count}{unit}"));
            }
        }
        let fraction = fraction_text(parts.nanoseconds);
        if parts.hours != 0 || parts.minutes != 0 || parts.seconds != 0 || !fraction.is_empty() || text.ends_with('P') {
            text.push('T');
            for (count, unit) in [(parts.hours, 'H'), (parts.minutes, 'M')] {
                if count != 0 {
                    text.push_str(&format!("{count}{unit}"));
                }
            }
            if parts.seconds != 0 || !fraction.is_empty() || text.ends_with('T') {
                text.push_str(&format!("{}{fraction}S", parts.seconds));
            }
        }
        text.parse()
    }

    /// A non-negative `std` duration, in days, hours, minutes and seconds.
    pub fn from_std(duration: std::time::Duration) -> Self {
        let seconds = duration.as_secs();
        let parts = DurationParts {
            days: seconds / 86_400,
            hours: seconds / 3_600 % 24,
            minutes: seconds / 60 % 60,
            seconds: seconds % 60,
            nanoseconds: duration.subsec_nanos(),
            ..DurationParts::default()
        };
        // The text of valid parts always reads back.
        Duration::from_parts(parts).unwrap_or_else(|_| Duration::from_text("PT0S"))
    }
}

impl Guid {
    /// Lower-case `8-4-4-4-12` hex.
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        let mut text = String::with_capacity(36);
        for (position, byte) in bytes.iter().enumerate() {
            if matches!(position, 4 | 6 | 8 | 10) {
                text.push('-');
            }
            text.push_str(&format!("{byte:02x}"));
        }
        Guid(text)
    }
}

impl Base64 {
    /// Standard, padded base64.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        use base64::Engine as _;
        Base64(base64::engine::general_purpose::STANDARD.encode(bytes))
    }
}

/// An `Edm.Double` (or `Single`, `Decimal`): a JSON number, or one of the strings Graph writes for the values
/// JSON has no number for (`"NaN"`, `"INF"`, `"-INF"`) or for numbers sent as strings (`IEEE754Compatible`).
/// It writes back what it read: the same string, or the same number (an integer as read, a float as
/// `serde_json` writes it: `1e300` becomes `1e+300`, the same value).
#[derive(Debug, Clone, PartialEq)]
pub struct Double(DoubleWire);

#[derive(Debug, Clone, PartialEq)]
enum DoubleWire {
    Number(serde_json::Number),
    Text(String),
}

impl Double {
    /// A finite value as a JSON number; NaN and the infinities as Graph's strings.
    pub fn new(value: f64) -> Self {
        match serde_json::Number::from_f64(value) {
            Some(number) => Double(DoubleWire::Number(number)),
            None if value.is_nan() => Double(DoubleWire::Text("NaN".to_owned())),
            None if value > 0.0 => Double(DoubleWire::Text("INF".to_owned())),
            None => Double(DoubleWire::Text("-INF".to_owned())),
        }
    }

    /// Keeps a string value whatever it holds (as deserialising does); [`value`](Self::value) says whether
    /// it reads.
    pub fn from_text(text: impl Into<String>) -> Self {
        Double(DoubleWire::Text(text.into()))
    }

    /// The number, or why the string holds none.
    pub fn value(&self) -> Result<f64, ValueError> {
        let text = match &self.0 {
            DoubleWire::Number(number) => {
                return number.as_f64().ok_or_else(|| ValueError::new("double", &number.to_string()))
            }
            DoubleWire::Text(text) => text.as_str(),
        };
        match text {
            "NaN" => Ok(f64::NAN),
            "INF" | "Infinity" => Ok(f64::INFINITY),
            "-INF" | "-Infinity" => Ok(f64::NEG_INFINITY),
            // Only plain decimal numbers: Rust would also read `inf` and `nan` in any case.
            _ if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) => {
                text.parse().map_err(|_| ValueError::new("double", text))
            }
            _ => Err(ValueError::new("double", text)),
        }
    }
}

impl From<f64> for Double {
    fn from(value: f64) -> Self {
        Double::new(value)
    }
}

impl Serialize for Double {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            DoubleWire::Number(number) => number.serialize(serializer),
            DoubleWire::Text(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for Double {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Number(number) => Ok(Double(DoubleWire::Number(number))),
            serde_json::Value::String(text) => Ok(Double(DoubleWire::Text(text))),
            other => Err(serde::de::Error::custom(format_args!("expected a number or a string, found {other}"))),
        }
    }
}

/// `len` ASCII digits at `at` (`str::parse` alone would take a sign).
fn digits(text: &str, at: usize, len: usize) -> Option<u32> {
    let found = text.get(at..at + len)?;
    if found.bytes().all(|b| b.is_ascii_digit()) {
        found.parse().ok()
    } else {
        None
    }
}

/// `YYYY-MM-DD` at the start of `text`, and the rest.
fn read_date(text: &str) -> Option<(DateParts, &str)> {
    let (year, month, day) = (digits(text, 0, 4)?, digits(text, 5, 2)?, digits(text, 8, 2)?);
    if text.as_bytes().get(4) != Some(&b'-') || text.as_bytes().get(7) != Some(&b'-') {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    let date = DateParts { year: u16::try_from(year).ok()?, month: month as u8, day: day as u8 };
    (1..=days).contains(&day).then_some((date, &text[10..]))
}

/// `HH:MM`, then `:SS` and `.fffffff` (1 to 9 digits) if there, at the start of `text`, and the rest.
fn read_time(text: &str) -> Option<(TimeParts, &str)> {
    let (hour, minute) = (digits(text, 0, 2)?, digits(text, 3, 2)?);
    if text.as_bytes().get(2) != Some(&b':') || hour > 23 || minute > 59 {
        return None;
    }
    let mut rest = &text[5..];
    let mut second = 0;
    if let Some(after) = rest.strip_prefix(':') {
        second = digits(after, 0, 2).filter(|second| *second <= 60)?;
        rest = &after[2..];
    }
    let mut nanosecond = 0;
    if let Some(after) = rest.strip_prefix('.') {
        let count = after.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=9).contains(&count) {
            return None;
        }
        nanosecond = digits(after, 0, count)? * 10u32.pow(9 - count as u32);
        rest = &after[count..];
    }
    Some((TimeParts { hour: hour as u8, minute: minute as u8, second: second as u8, nanosecond }, rest))
}

fn read_date_time(text: &str) -> Result<DateTimeParts, ValueError> {
    let error = || ValueError::new("date-time", text);
    let (date, rest) = read_date(text).ok_or_else(error)?;
    let rest = rest.strip_prefix(['T', 't']).ok_or_else(error)?;
    let (time, rest) = read_time(rest).ok_or_else(error)?;
    let offset_minutes = match rest {
        "" => None,
        "Z" | "z" => Some(0),
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return Err(error()),
            };
            let (hours, minutes) = (digits(rest, 1, 2).ok_or_else(error)?, digits(rest, 4, 2).ok_or_else(error)?);
            if rest.len() != 6 || rest.as_bytes()[3] != b':' || hours > 23 || minutes > 59 {
                return Err(error());
            }
            Some(sign * (hours * 60 + minutes) as i16)
        }
    };
    Ok(DateTimeParts { date, time, offset_minutes })
}

fn read_date_only(text: &str) -> Result<DateParts, ValueError> {
    read_date(text)
        .filter(|(_, rest)| rest.is_empty())
        .map(|(date, _)| date)
        .ok_or_else(|| ValueError::new("date", text))
}

fn read_time_only(text: &str) -> Result<TimeParts, ValueError> {
    read_time(text)
        .filter(|(_, rest)| rest.is_empty())
        .map(|(time, _)| time)
        .ok_or_else(|| ValueError::new("time of day", text))
}

fn read_duration(text: &str) -> Result<DurationParts, ValueError> {
    let error = || ValueError::new("duration", text);
    let mut parts = DurationParts::default();
    let rest = match text.strip_prefix('-') {
        Some(rest) => {
            parts.negative = true;
            rest
        }
        None => text.strip_prefix('+').unwrap_or(text),
    };
    let rest = rest.strip_prefix('P').ok_or_else(error)?;
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) if !time.is_empty() => (date, Some(time)),
        Some(_) => return Err(error()),
        None => (rest, None),
    };
    if date.is_empty() && time.is_none() {
        return Err(error());
    }
    // Each component once, in order: `Y M W D` before `T`, `H M S` after it.
    let mut read = |mut part: &str, units: &[char], time: bool| -> Option<()> {
        let mut allowed = units;
        while !part.is_empty() {
            let count = part.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',').count();
            let unit = part[count..].chars().next()?;
            let position = allowed.iter().position(|allowed| *allowed == unit)?;
            allowed = &allowed[position + 1..];
            let number = &part[..count];
            let (whole, fraction) = match number.split_once(['.', ',']) {
                Some((whole, fraction)) => (whole, Some(fraction)),
                None => (number, None),
            };
            if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // A fraction only on seconds, the one Graph writes.
            if let Some(fraction) = fraction {
                let digits_only = fraction.bytes().all(|b| b.is_ascii_digit());
                let seconds = time && unit == 'S';
                if !(seconds && (1..=9).contains(&fraction.len()) && digits_only) {
                    return None;
                }
                parts.nanoseconds = fraction.parse::<u32>().ok()? * 10u32.pow(9 - fraction.len() as u32);
            }
            let whole: u64 = whole.parse().ok()?;
            let slot = match (time, unit) {
                (false, 'Y') => &mut parts.years,
                (false, 'M') => &mut parts.months,
                (false, 'W') => &mut parts.weeks,
                (false, 'D') => &mut parts.days,
                (true, 'H') => &mut parts.hours,
                (true, 'M') => &mut parts.minutes,
                _ => &mut parts.seconds,
            };
            *slot = whole;
            part = &part[count + unit.len_utf8()..];
        }
        Some(())
    };
    read(date, &['Y', 'M', 'W', 'D'], false).ok_or_else(error)?;
    if let Some(time) = time {
        read(time, &['H', 'M', 'S'], true).ok_or_else(error)?;
    }
    Ok(parts)
}

fn read_guid(text: &str) -> Result<[u8; 16], ValueError> {
    let error = || ValueError::new("GUID", text);
    let inner = text.strip_prefix('{').and_then(|rest| rest.strip_suffix('}')).unwrap_or(text);
    let hex: String = match inner.len() {
        36 if [8, 13, 18, 23].iter().all(|at| inner.as_bytes()[*at] == b'-') => inner.split('-').collect(),
        32 => inner.to_owned(),
        _ => return Err(error()),
    };
    let mut bytes = [0u8; 16];
    for (position, byte) in bytes.iter_mut().enumerate() {
        let pair = hex.get(position * 2..position * 2 + 2).ok_or_else(error)?;
        if !pair.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(error());
        }
        *byte = u8::from_str_radix(pair, 16).map_err(|_| error())?;
    }
    Ok(bytes)
}

fn read_base64(text: &str) -> Result<Vec<u8>, ValueError> {
    use base64::engine::general_purpose::{STANDARD_PAD_INDIFFERENT, URL_SAFE_PAD_INDIFFERENT};
    use base64::Engine as _;
    STANDARD_PAD_INDIFFERENT
        .decode(text)
        .or_else(|_| URL_SAFE_PAD_INDIFFERENT.decode(text))
        .map_err(|_| ValueError::new("base64 value", text))
}

fn date_text(date: DateParts) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}

fn time_text(time: TimeParts) -> String {
    format!("{:02}:{:02}:{:02}{}", time.hour, time.minute, time.second, fraction_text(time.nanosecond))
}

/// `.` and the nanoseconds without trailing zeros; empty for none.
fn fraction_text(nanosecond: u32) -> String {
    if nanosecond == 0 {
        return String::new();
    }
    format!(".{nanosecond:09}").trim_end_matches('0').to_owned()
}
