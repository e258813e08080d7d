//! The small text scanners every part of the parser shares. None knows the docs format: each answers as a plain
//! `str` or `[u8]` method would, only cheaper for the short texts the docs are made of (cells, labels, lines), and
//! each file's tests check it against that plain reading on empty, blank, CJK and full-width text.
//!
//! - `trim`: `str::trim` and friends, and a short excerpt of a text for messages;
//! - `find`: searches for short needles, exactly or with ASCII letters of any case, and for digits;
//! - `case`: lower-casing that copies only text that changes;
//! - `keywords`: one scan of a text for many keywords;
//! - `split`: the first word of a text and the items of a list;
//! - `lines`: the lines of a text with their offsets.
//!
//! What a format gives meaning to (scopes, pipe rows, paths, headers) is read where that format is, with these.

mod case;
mod find;
mod keywords;
mod lines;
mod split;
mod trim;

pub use case::to_lowercase;
pub use find::{
    contains_ignore_ascii_case, contains_short, find_ascii_case_insensitive, find_bytes, find_short, find_word,
    next_ascii_digit, starts_with_ignore_ascii_case,
};
pub use keywords::Keywords;
pub use lines::{lines_counting, lines_from, Line, Lines};
pub use split::{first_word, list_parts};
pub use trim::{excerpt, is_visible_ascii, trim, trim_end, trim_start};
