//! Timestamps: the fixed-width UTC text stored in SQLite, and the ISO 8601 text of Python's
//! `datetime.isoformat()` that the API returns.

use chrono::{DateTime, NaiveDateTime, Timelike, Utc};

/// Storage format: UTC, always six fractional digits, no offset, so that text order is time order.
const STORAGE_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6f";

/// Formats `time` for storage in the database.
pub fn to_storage(time: DateTime<Utc>) -> String {
    time.format(STORAGE_FORMAT).to_string()
}

/// Parses a stored timestamp. The error text is the one Python's `fromisoformat` raises, which
/// the API returns inside a 500 answer.
pub fn parse_stored(text: &str) -> Result<NaiveDateTime, String> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .map_err(|_| format!("Invalid isoformat string: '{text}'"))
}

/// Formats a stored timestamp as `isoformat()` does for an aware UTC datetime:
/// `2026-12-04T20:03:22.933056+00:00`, microseconds only when non-zero.
pub fn isoformat_utc(stored: &str) -> Result<String, String> {
    Ok(format!("{}+00:00", isoformat_naive(stored)?))
}

/// Formats a stored timestamp as `isoformat()` does for a naive datetime (no offset).
pub fn isoformat_naive(stored: &str) -> Result<String, String> {
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
    fn parse_stored_rejects_garbage() {
        assert_eq!(
            parse_stored("garbage").unwrap_err(),
            "Invalid isoformat string: 'garbage'"
        );
    }
}
