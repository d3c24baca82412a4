//! Timestamps: the fixed-width UTC text stored in SQLite, and the ISO 8601 text of Python's
//! `datetime.isoformat()` that the API returns.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike, Utc};

/// Storage format: UTC, always six fractional digits, no offset, so that text order is time order.
const STORAGE_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6f";

/// Formats `time` for storage in the database.
pub fn to_storage(time: DateTime<Utc>) -> String {
    time.format(STORAGE_FORMAT).to_string()
}

/// Parses a stored timestamp. The error text is the one Python's `fromisoformat` raises, which
/// the API returns inside a 500 response.
pub fn parse_stored(text: &str) -> Result<NaiveDateTime, String> {
    if let Some(time) = parse_storage_form(text) {
        return Ok(time);
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .map_err(|_| format!("Invalid isoformat string: '{text}'"))
}

/// Parses text in the exact [`STORAGE_FORMAT`] shape (`2026-12-04T20:03:22.933056`) without
/// chrono's format-string parser: parsing and formatting with chrono took 14% of serve's CPU
/// time in a perf profile of list requests of 100 sessions. Returns `None` for any other text,
/// including leap seconds, which [`parse_stored`] then hands to chrono.
fn parse_storage_form(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    if bytes.len() != 26 {
        return None;
    }
    let separators = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'.'),
    ];
    if separators.iter().any(|&(index, byte)| bytes[index] != byte) {
        return None;
    }
    let number = |start: usize, end: usize| -> Option<u32> {
        bytes[start..end].iter().try_fold(0u32, |value, &byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + u32::from(byte - b'0'))
        })
    };

    let year = i32::try_from(number(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)?;
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    if second > 59 {
        return None;
    }
    date.and_hms_micro_opt(hour, minute, second, number(20, 26)?)
}

/// Formats a stored timestamp as `isoformat()` does for an aware UTC datetime:
/// `2026-12-04T20:03:22.933056+00:00`, microseconds only when non-zero.
pub fn isoformat_utc(stored: &str) -> Result<String, String> {
    Ok(format!("{}+00:00", isoformat_naive(stored)?))
}

/// Formats a stored timestamp as `isoformat()` does for a naive datetime (no offset).
pub fn isoformat_naive(stored: &str) -> Result<String, String> {
    if parse_storage_form(stored).is_some() {
        // The stored text already is the isoformat text, so it is copied, not formatted.
        let text = stored.strip_suffix(".000000").unwrap_or(stored);
        return Ok(text.to_owned());
    }
    let time = parse_stored(stored)?;
    let text = if time.nanosecond() / 1000 == 0 {
        time.format("%Y-%m-%dT%H:%M:%S").to_string()
    } else {
        time.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()
    };
    Ok(text)
}

/// Formats an optional stored timestamp with [`isoformat_utc`].
pub fn isoformat_utc_opt(stored: Option<&str>) -> Result<Option<String>, String> {
    stored.map(isoformat_utc).transpose()
}

/// Formats an optional stored timestamp with [`isoformat_naive`].
pub fn isoformat_naive_opt(stored: Option<&str>) -> Result<Option<String>, String> {
    stored.map(isoformat_naive).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isoformat_omits_zero_microseconds() {
        assert_eq!(
            isoformat_utc("2020-01-01T00:00:00.000000").unwrap(),
            "2020-01-01T00:00:00+00:00"
        );
    }

    #[test]
    fn isoformat_keeps_microseconds() {
        assert_eq!(
            isoformat_naive("2026-12-04T20:03:22.933056").unwrap(),
            "2026-12-04T20:03:22.933056"
        );
    }

    #[test]
    fn storage_form_matches_chrono() {
        let cases = [
            "2026-12-04T20:03:22.933056",
            "2026-12-04T20:03:22.000000",
            "2024-02-29T23:59:59.999999",
            "0001-01-01T00:00:00.000001",
        ];
        for text in cases {
            let expected = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").unwrap();
            assert_eq!(parse_storage_form(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn storage_form_rejects_other_shapes() {
        let cases = [
            "2026-12-04T20:03:22",
            "2026-12-04T20:03:22.93305",
            "2026-12-04 20:03:22.933056",
            "2026-02-30T20:03:22.933056",
            "2026-12-04T24:03:22.933056",
            "2026-12-04T20:03:60.000000",
            "2026-12-04T20:03:2x.933056",
            "+026-12-04T20:03:22.933056",
        ];
        for text in cases {
            assert_eq!(parse_storage_form(text), None, "{text}");
        }
    }

    #[test]
    fn isoformat_accepts_short_fraction() {
        assert_eq!(
            isoformat_naive("2026-12-04T20:03:22.5").unwrap(),
            "2026-12-04T20:03:22.500000"
        );
    }

    #[test]
    fn parse_stored_rejects_invalid_date() {
        assert_eq!(
            parse_stored("2026-02-30T20:03:22.933056").unwrap_err(),
            "Invalid isoformat string: '2026-02-30T20:03:22.933056'"
        );
    }

    #[test]
    fn parse_stored_rejects_garbage() {
        assert_eq!(
            parse_stored("garbage").unwrap_err(),
            "Invalid isoformat string: 'garbage'"
        );
    }
}
