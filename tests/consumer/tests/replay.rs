//! The replay tests generated with the code: each documented example exchange, against a loopback stand-in.

include!(concat!(env!("OUT_DIR"), "/replay.rs"));
