//! The runtime's typed values: lenient reading, byte-identical writing, parts and constructors from parts.

use generated::runtime::values::{
    Base64, Date, DateParts, DateTime, DateTimeParts, Double, Duration, DurationParts, Guid, TimeOfDay, TimeParts,
};

/// `value` read from JSON and written back.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> (T, String) {
    let value: T = serde_json::from_str(json).expect("the value reads");
    let written = serde_json::to_string(&value).expect("the value writes");
    (value, written)
}

#[test]
fn date_times_with_0_to_7_digits_and_any_offset_round_trip_byte_identical() {
    let digits = "1234567";
    for count in 0..=7 {
        let fraction = if count == 0 { String::new() } else { format!(".{}", &digits[..count]) };
        // The nanoseconds the digits stand for: `.1` is 100,000,000.
        let nanosecond =
            if count == 0 { 0 } else { digits[..count].parse::<u32>().unwrap() * 10u32.pow(9 - count as u32) };
        for (offset, minutes) in [("Z", Some(0)), ("+02:00", Some(120)), ("-05:30", Some(-330)), ("", None)] {
            let json = format!("\"2021-03-04T05:06:07{fraction}{offset}\"");
            let (value, written): (DateTime, String) = round_trip(&json);
            assert_eq!(written, json);
            let parts = value.parts().expect("the parts read");
            assert_eq!(parts.date, DateParts { year: 2021, month: 3, day: 4 });
            assert_eq!(parts.time, TimeParts { hour: 5, minute: 6, second: 7, nanosecond }, "{json}");
            assert_eq!(parts.offset_minutes, minutes, "{json}");
        }
    }
}

#[test]
fn an_odd_date_time_reads_and_writes_back_but_has_no_parts() {
    #[derive(serde::Deserialize, serde::Serialize)]
    struct Event {
        start: Option<DateTime>,
        subject: Option<String>,
    }
    let json = r#"{"start":"next tuesday","subject":"kept"}"#;
    let (event, written): (Event, String) = round_trip(json);
    assert_eq!(written, json);
    assert_eq!(event.subject.as_deref(), Some("kept"));
    let error = event.start.expect("the odd value is kept").parts().expect_err("no parts");
    assert_eq!(error.to_string(), "\"next tuesday\" is not a date-time");
    for odd in [
        "2021-13-01T00:00:00Z",
        "2021-02-29T00:00:00Z",
        "2021-01-01T24:00:00Z",
        "2021-01-01T00:60:00Z",
        "2021-01-01T00:00:00.1234567890Z",
        "2021-01-01T00:00:00.Z",
        "2021-01-01 00:00:00Z",
        "2021-01-01T00:00:00+2:00",
        "2021-01-01T00:00:00+02:00:00",
        "+021-01-01T00:00:00Z",
        "2021-01-01",
    ] {
        assert!(odd.parse::<DateTime>().is_err(), "{odd}");
        assert!(DateTime::from_text(odd).parts().is_err(), "{odd}");
    }
    assert!("2020-02-29T00:00:00Z".parse::<DateTime>().is_ok(), "a leap day");
    assert!("2021-01-01T00:00Z".parse::<DateTime>().is_ok(), "seconds may be left out");
}

#[test]
fn date_times_from_parts_are_canonical_and_read_back() {
    let parts = DateTimeParts {
        date: DateParts { year: 2021, month: 12, day: 31 },
        time: TimeParts { hour: 23, minute: 59, second: 58, nanosecond: 120_000_000 },
        offset_minutes: Some(-90),
    };
    let value = DateTime::from_parts(parts).expect("valid parts");
    assert_eq!(value.as_str(), "2021-12-31T23:59:58.12-01:30");
    assert_eq!(value.parts(), Ok(parts));
    let utc = DateTimeParts { offset_minutes: Some(0), time: TimeParts { nanosecond: 0, ..parts.time }, ..parts };
    assert_eq!(DateTime::from_parts(utc).expect("valid").as_str(), "2021-12-31T23:59:58Z");
    let bad = DateTimeParts { date: DateParts { month: 2, day: 30, ..parts.date }, ..parts };
    assert!(DateTime::from_parts(bad).is_err());
}

#[test]
fn dates_and_times_of_day() {
    let (date, written): (Date, String) = round_trip("\"2024-02-29\"");
    assert_eq!(written, "\"2024-02-29\"");
    assert_eq!(date.parts(), Ok(DateParts { year: 2024, month: 2, day: 29 }));
    assert!(Date::from_text("2023-02-29").parts().is_err());
    assert!(Date::from_text("2023-02-28T00:00:00Z").parts().is_err());
    assert_eq!(Date::from_parts(DateParts { year: 7, month: 1, day: 2 }).expect("valid").as_str(), "0007-01-02");
    for count in 0..=7 {
        let text = format!(
            "\"08:30:00{}\"",
            if count == 0 { String::new() } else { format!(".{}", "0000001".get(7 - count..).unwrap()) }
        );
        let (time, written): (TimeOfDay, String) = round_trip(&text);
        assert_eq!(written, text);
        assert_eq!(time.parts().map(|parts| (parts.hour, parts.minute)), Ok((8, 30)), "{text}");
    }
    assert_eq!(TimeOfDay::from_text("08:30:00.0000001").parts().map(|parts| parts.nanosecond), Ok(100));
    assert!(TimeOfDay::from_text("8:30").parts().is_err());
    let time = TimeParts { hour: 7, minute: 5, second: 0, nanosecond: 500 };
    assert_eq!(TimeOfDay::from_parts(time).expect("valid").as_str(), "07:05:00.0000005");
}

#[test]
fn durations_read_iso_8601() {
    let (duration, written): (Duration, String) = round_trip("\"P1Y2M3W4DT5H6M7.25S\"");
    assert_eq!(written, "\"P1Y2M3W4DT5H6M7.25S\"");
    let parts = duration.parts().expect("the parts read");
    assert_eq!(
        parts,
        DurationParts {
            negative: false,
            years: 1,
            months: 2,
            weeks: 3,
            days: 4,
            hours: 5,
            minutes: 6,
            seconds: 7,
            nanoseconds: 250_000_000
        }
    );
    assert_eq!(parts.to_std(), None, "years and months have no fixed length");
    let parts = Duration::from_text("P1DT1H30M").parts().expect("reads");
    assert_eq!(parts.to_std(), Some(std::time::Duration::from_secs(86_400 + 5_400)));
    assert_eq!(
        Duration::from_text("-PT0.5S").parts().map(|parts| (parts.negative, parts.nanoseconds)),
        Ok((true, 500_000_000))
    );
    for odd in ["P", "PT", "P1H", "PT1D", "PT1.5M", "P1M1Y", "PT1H1H", "1H", "PT-1H", "P1DT", "PTS", "PT.5S"] {
        assert!(Duration::from_text(odd).parts().is_err(), "{odd}");
    }
    assert_eq!(Duration::from_std(std::time::Duration::from_secs(5_400)).as_str(), "PT1H30M");
    assert_eq!(Duration::from_std(std::time::Duration::ZERO).as_str(), "PT0S");
    assert_eq!(Duration::from_std(std::time::Duration::from_millis(86_400_250)).as_str(), "P1DT0.25S");
    let parts = DurationParts { negative: true, days: 2, ..DurationParts::default() };
    assert_eq!(Duration::from_parts(parts).expect("valid").as_str(), "-P2D");
}

#[test]
fn guids_keep_their_case_and_read_their_bytes() {
    let (guid, written): (Guid, String) = round_trip("\"0E6A9B2D-1B2C-4D3E-8F40-5A6B7C8D9E0F\"");
    assert_eq!(written, "\"0E6A9B2D-1B2C-4D3E-8F40-5A6B7C8D9E0F\"");
    let bytes = [0x0e, 0x6a, 0x9b, 0x2d, 0x1b, 0x2c, 0x4d, 0x3e, 0x8f, 0x40, 0x5a, 0x6b, 0x7c, 0x8d, 0x9e, 0x0f];
    assert_eq!(guid.parts(), Ok(bytes));
    assert_eq!(Guid::from_bytes(bytes).as_str(), "0e6a9b2d-1b2c-4d3e-8f40-5a6b7c8d9e0f");
    assert_eq!(Guid::from_text("{0e6a9b2d-1b2c-4d3e-8f40-5a6b7c8d9e0f}").parts(), Ok(bytes));
    assert_eq!(Guid::from_text("0e6a9b2d1b2c4d3e8f405a6b7c8d9e0f").parts(), Ok(bytes));
    for odd in [
        "",
        "0e6a9b2d-1b2c-4d3e-8f40-5a6b7c8d9e0",
        "0e6a9b2d-1b2c-4d3e-8f40-5a6b7c8d9e0g",
        "0e6a9b2d11b2c-4d3e-8f40-5a6b7c8d9e0f",
        "+e6a9b2d-1b2c-4d3e-8f40-5a6b7c8d9e0f",
    ] {
        assert!(Guid::from_text(odd).parts().is_err(), "{odd}");
    }
}

#[test]
fn base64_decodes_either_alphabet_and_writes_back_its_text() {
    let (binary, written): (Base64, String) = round_trip("\"aGVsbG8/\"");
    assert_eq!(written, "\"aGVsbG8/\"");
    assert_eq!(binary.parts().as_deref(), Ok(&b"hello?"[..]));
    assert_eq!(Base64::from_text("aGVsbG8_").parts().as_deref(), Ok(&b"hello?"[..]), "URL-safe");
    assert_eq!(Base64::from_text("aGk").parts().as_deref(), Ok(&b"hi"[..]), "unpadded");
    assert_eq!(Base64::from_bytes(b"hi").as_str(), "aGk=");
    assert!(Base64::from_text("not base64!").parts().is_err());
}

#[test]
fn doubles_read_and_write_graphs_nan_and_infinity_strings() {
    for (json, expected) in [("\"NaN\"", f64::NAN), ("\"INF\"", f64::INFINITY), ("\"-INF\"", f64::NEG_INFINITY)] {
        let (value, written): (Double, String) = round_trip(json);
        assert_eq!(written, json);
        let read = value.value().expect("reads");
        assert!(read.is_nan() == expected.is_nan() && (read.is_nan() || read == expected), "{json}: {read}");
        assert_eq!(serde_json::to_string(&Double::new(expected)).expect("writes"), json);
    }
    for json in ["1", "1.5", "-250.0", "\"12.5\""] {
        let (value, written): (Double, String) = round_trip(json);
        assert_eq!(written, json, "a number writes back as read");
        assert!(value.value().is_ok(), "{json}");
    }
    // An exponent is written as serde_json writes a float: the same number, not the same text.
    let (_, written): (Double, String) = round_trip("1e300");
    assert_eq!(written, "1e+300");
    assert_eq!(serde_json::to_string(&Double::from(2.5)).expect("writes"), "2.5");
    let (odd, written): (Double, String) = round_trip("\"many\"");
    assert_eq!(written, "\"many\"");
    assert!(odd.value().is_err());
    assert!(Double::from_text("inf").value().is_err(), "only Graph's spellings");
    assert!(serde_json::from_str::<Double>("true").is_err());
}
