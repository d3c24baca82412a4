//! Input validation with the error texts of the production backend (FastAPI and pydantic 2):
//! a 422 `detail` is `Validation error: ` followed by the Python repr of pydantic's error list.

use serde_json::{Map, Value, json};

/// One pydantic validation error.
#[derive(Debug, Clone)]
pub struct Issue {
    kind: &'static str,
    loc: Vec<Value>,
    msg: String,
    // Boxed to keep `Result<_, Issue>` small.
    input: Box<Value>,
    ctx: Option<Box<(&'static str, Value)>>,
}

impl Issue {
    fn new(kind: &'static str, loc: &[&str], msg: &str, input: Value) -> Self {
        Self {
            kind,
            loc: loc.iter().map(|part| json!(part)).collect(),
            msg: msg.to_owned(),
            input: Box::new(input),
            ctx: None,
        }
    }

    fn with_ctx(mut self, key: &'static str, value: Value) -> Self {
        self.ctx = Some(Box::new((key, value)));
        self
    }

    /// Formats the error as the Python repr of pydantic's error dict.
    fn repr(&self) -> String {
        let loc = match self.loc.as_slice() {
            [single] => format!("({},)", py_repr(single)),
            parts => format!(
                "({})",
                parts.iter().map(py_repr).collect::<Vec<_>>().join(", ")
            ),
        };
        let mut text = format!(
            "{{'type': {}, 'loc': {loc}, 'msg': {}, 'input': {}",
            py_repr_str(self.kind),
            py_repr_str(&self.msg),
            py_repr(&self.input)
        );
        if let Some((key, value)) = self.ctx.as_deref() {
            text.push_str(&format!(
                ", 'ctx': {{{}: {}}}",
                py_repr_str(key),
                py_repr(value)
            ));
        }
        text.push('}');
        text
    }
}

/// Formats the 422 `detail` for `issues`.
pub fn detail(issues: &[Issue]) -> String {
    let list = issues
        .iter()
        .map(Issue::repr)
        .collect::<Vec<_>>()
        .join(", ");
    format!("Validation error: [{list}]")
}

/// Parses the `limit` query parameter of the session list: an integer in 1..=100, 50 when absent.
pub fn parse_limit(text: Option<&str>) -> Result<i64, Issue> {
    const LOC: &[&str] = &["query", "limit"];
    let Some(text) = text else {
        return Ok(50);
    };
    let input = json!(text);
    let trimmed = text.trim();
    let digits = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(Issue::new(
            "int_parsing",
            LOC,
            "Input should be a valid integer, unable to parse string as an integer",
            input,
        ));
    }

    // Python integers have no maximum, so a number too large for i64 is only "too large".
    let value = trimmed
        .parse::<i64>()
        .unwrap_or(if trimmed.starts_with('-') {
            i64::MIN
        } else {
            i64::MAX
        });
    if value < 1 {
        return Err(Issue::new(
            "greater_than_equal",
            LOC,
            "Input should be greater than or equal to 1",
            input,
        )
        .with_ctx("ge", json!(1)));
    }
    if value > 100 {
        return Err(Issue::new(
            "less_than_equal",
            LOC,
            "Input should be less than or equal to 100",
            input,
        )
        .with_ctx("le", json!(100)));
    }
    Ok(value)
}

/// Parses the `force` query parameter of cleanup as pydantic parses a boolean: case-insensitive
/// `true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`, `t`/`f`, `y`/`n`; false when absent.
pub fn parse_force(text: Option<&str>) -> Result<bool, Issue> {
    let Some(text) = text else {
        return Ok(false);
    };
    match text.to_lowercase().as_str() {
        "1" | "on" | "t" | "true" | "y" | "yes" => Ok(true),
        "0" | "off" | "f" | "false" | "n" | "no" => Ok(false),
        _ => Err(Issue::new(
            "bool_parsing",
            &["query", "force"],
            "Input should be a valid boolean, unable to interpret input",
            json!(text),
        )),
    }
}

/// A valid create-session request body.
#[derive(Debug, Clone)]
pub struct CreateRequest {
    pub machine_id: String,
    pub location: Option<String>,
    pub session_timeout_minutes: Option<i64>,
    pub metadata: Option<Map<String, Value>>,
}

/// Parses a non-empty create-session body, returning every field error as pydantic lists them.
pub fn parse_create_request(body: &[u8]) -> Result<CreateRequest, Vec<Issue>> {
    let value: Value =
        serde_json::from_slice(body).map_err(|error| vec![json_issue(body, &error)])?;
    let Value::Object(fields) = &value else {
        return Err(vec![Issue::new(
            "model_attributes_type",
            &["body"],
            "Input should be a valid dictionary or object to extract fields from",
            value.clone(),
        )]);
    };

    let machine_id = match fields.get("machine_id") {
        None => Err(Issue::new(
            "missing",
            &["body", "machine_id"],
            "Field required",
            value.clone(),
        )),
        Some(field) => string_field(field, "machine_id"),
    };
    let location = optional(fields.get("location"), |field| {
        string_field(field, "location")
    });
    let timeout = optional(fields.get("session_timeout_minutes"), timeout_field);
    let metadata = optional(fields.get("metadata"), metadata_field);

    match (machine_id, location, timeout, metadata) {
        (Ok(machine_id), Ok(location), Ok(session_timeout_minutes), Ok(metadata)) => {
            Ok(CreateRequest {
                machine_id,
                location,
                session_timeout_minutes,
                metadata,
            })
        }
        (machine_id, location, timeout, metadata) => Err([
            machine_id.err(),
            location.err(),
            timeout.err(),
            metadata.err(),
        ]
        .into_iter()
        .flatten()
        .collect()),
    }
}

/// Describes a body that is not JSON as FastAPI does.
// NOTE: Python's JSON decoder words its errors differently ("Expecting ',' delimiter", ...);
// this one always reports "Expecting value", and the position is the byte offset serde_json reports.
fn json_issue(body: &[u8], error: &serde_json::Error) -> Issue {
    let text = String::from_utf8_lossy(body);
    let offset: usize = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + error.column().saturating_sub(1);
    Issue {
        kind: "json_invalid",
        loc: vec![json!("body"), json!(offset)],
        msg: "JSON decode error".to_owned(),
        input: Box::new(json!({})),
        ctx: Some(Box::new(("error", json!("Expecting value")))),
    }
}

fn optional<T>(
    field: Option<&Value>,
    parse: impl Fn(&Value) -> Result<T, Issue>,
) -> Result<Option<T>, Issue> {
    match field {
        None | Some(Value::Null) => Ok(None),
        Some(field) => parse(field).map(Some),
    }
}

fn string_field(field: &Value, name: &str) -> Result<String, Issue> {
    field.as_str().map(str::to_owned).ok_or_else(|| {
        Issue::new(
            "string_type",
            &["body", name],
            "Input should be a valid string",
            field.clone(),
        )
    })
}

/// Parses the timeout as pydantic's lax mode parses an integer: integers, floats without a
/// fraction, numeric strings and booleans.
fn timeout_field(field: &Value) -> Result<i64, Issue> {
    const LOC: &[&str] = &["body", "session_timeout_minutes"];
    match field {
        Value::Bool(flag) => Ok(i64::from(*flag)),
        Value::Number(number) => number
            .as_i64()
            .or_else(|| {
                number
                    .as_f64()
                    .filter(|float| float.fract() == 0.0)
                    .map(|float| float as i64)
            })
            .ok_or_else(|| {
                Issue::new(
                    "int_from_float",
                    LOC,
                    "Input should be a valid integer, got a number with a fractional part",
                    field.clone(),
                )
            }),
        Value::String(text) => text.trim().parse::<i64>().map_err(|_| {
            Issue::new(
                "int_parsing",
                LOC,
                "Input should be a valid integer, unable to parse string as an integer",
                field.clone(),
            )
        }),
        _ => Err(Issue::new(
            "int_type",
            LOC,
            "Input should be a valid integer",
            field.clone(),
        )),
    }
}

fn metadata_field(field: &Value) -> Result<Map<String, Value>, Issue> {
    field.as_object().cloned().ok_or_else(|| {
        Issue::new(
            "dict_type",
            &["body", "metadata"],
            "Input should be a valid dictionary",
            field.clone(),
        )
    })
}

/// Formats a JSON value as Python's `repr` formats the value `json.loads` returns.
pub fn py_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => py_repr_str(text),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(py_repr).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(fields) => format!(
            "{{{}}}",
            fields
                .iter()
                .map(|(key, value)| format!("{}: {}", py_repr_str(key), py_repr(value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Formats a string as Python's `repr`: single quotes unless the text contains a single quote
/// and no double quote, with control characters escaped.
pub fn py_repr_str(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push(quote);
    for character in text.chars() {
        match character {
            '\\' => repr.push_str("\\\\"),
            '\n' => repr.push_str("\\n"),
            '\r' => repr.push_str("\\r"),
            '\t' => repr.push_str("\\t"),
            _ if character == quote => {
                repr.push('\\');
                repr.push(character);
            }
            _ if (character as u32) < 0x20 || ('\u{7f}'..='\u{a0}').contains(&character) => {
                repr.push_str(&format!("\\x{:02x}", character as u32));
            }
            _ => repr.push(character),
        }
    }
    repr.push(quote);
    repr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_101_detail_matches_production() {
        let issue = parse_limit(Some("101")).unwrap_err();
        assert_eq!(
            detail(&[issue]),
            "Validation error: [{'type': 'less_than_equal', 'loc': ('query', 'limit'), 'msg': 'Input should be less than or equal to 100', 'input': '101', 'ctx': {'le': 100}}]"
        );
    }

    #[test]
    fn force_maybe_detail_matches_production() {
        let issue = parse_force(Some("maybe")).unwrap_err();
        assert_eq!(
            detail(&[issue]),
            "Validation error: [{'type': 'bool_parsing', 'loc': ('query', 'force'), 'msg': 'Input should be a valid boolean, unable to interpret input', 'input': 'maybe'}]"
        );
    }

    #[test]
    fn force_accepts_uppercase_yes() {
        assert!(parse_force(Some("YES")).unwrap());
    }

    #[test]
    fn create_empty_object_detail_matches_production() {
        let issues = parse_create_request(b"{}").unwrap_err();
        assert_eq!(
            detail(&issues),
            "Validation error: [{'type': 'missing', 'loc': ('body', 'machine_id'), 'msg': 'Field required', 'input': {}}]"
        );
    }

    #[test]
    fn py_repr_str_switches_quotes() {
        assert_eq!(py_repr_str("it's"), "\"it's\"");
    }

    #[test]
    fn limit_rejects_text() {
        assert_eq!(parse_limit(Some("ten")).unwrap_err().kind, "int_parsing");
    }
}
