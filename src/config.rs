//! The effective settings of a run: each one taken from a flag, the environment, a profile of
//! the configuration file or the built-in default, in that order of precedence.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::ArgMatches;
use clap::parser::ValueSource;
use url::Url;

use crate::cli::{self, GlobalArgs, OutputFormat};
use crate::error::usage;
use crate::secret::Secret;

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag.
    Flag(&'static str),
    /// An environment variable.
    Environment(&'static str),
    /// A profile of the configuration file.
    Profile { name: String, path: PathBuf },
    /// The built-in default.
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => write!(formatter, "flag {flag}"),
            Origin::Environment(variable) => write!(formatter, "environment {variable}"),
            Origin::Profile { name, path } => {
                write!(formatter, "profile {name} in {}", path.display())
            }
            Origin::Default => formatter.write_str("default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

/// Every setting the client uses.
#[derive(Debug, Clone)]
pub struct Settings {
    pub api_url: Setting<Url>,
    /// The token and where it came from (a token file is named in the origin).
    pub token: Option<Setting<Secret>>,
    pub timeout: Setting<Duration>,
    pub retries: Setting<u32>,
    pub output: Setting<OutputFormat>,
}

/// Returns where clap took the global argument `id` from, if anywhere. Clap copies global
/// arguments given after a subcommand to the top-level matches too.
fn origin_of(
    matches: &ArgMatches,
    id: &str,
    flag: &'static str,
    variable: &'static str,
) -> Option<Origin> {
    match matches.value_source(id)? {
        ValueSource::CommandLine => Some(Origin::Flag(flag)),
        ValueSource::EnvVariable => Some(Origin::Environment(variable)),
        _ => None,
    }
}

/// Resolves the settings from the parsed flags and environment, then the built-in defaults.
pub fn resolve(global: &GlobalArgs, matches: &ArgMatches) -> anyhow::Result<Settings> {
    let api_url = match &global.api_url {
        Some(text) => Setting {
            value: parse_api_url(text)?,
            origin: origin_of(matches, "api_url", "--api-url", "VENDCTL_API_URL")
                .unwrap_or(Origin::Default),
        },
        None => Setting {
            value: parse_api_url(cli::DEFAULT_API_URL)?,
            origin: Origin::Default,
        },
    };

    let token = match (&global.token, &global.token_file) {
        (Some(token), _) => Some(Setting {
            value: token.clone(),
            origin: origin_of(matches, "token", "--token", "VENDCTL_TOKEN")
                .unwrap_or(Origin::Default),
        }),
        (None, Some(path)) => Some(Setting {
            value: read_token_file(path)?,
            origin: origin_of(matches, "token_file", "--token-file", "VENDCTL_TOKEN_FILE")
                .unwrap_or(Origin::Default),
        }),
        (None, None) => None,
    };

    let timeout = Setting {
        value: Duration::from_secs_f64(global.timeout.unwrap_or(cli::DEFAULT_TIMEOUT_SECS)),
        origin: origin_of(matches, "timeout", "--timeout", "VENDCTL_TIMEOUT")
            .unwrap_or(Origin::Default),
    };

    let retries = Setting {
        value: global.retries.unwrap_or(cli::DEFAULT_RETRIES),
        origin: origin_of(matches, "retries", "--retries", "VENDCTL_RETRIES")
            .unwrap_or(Origin::Default),
    };

    let output = Setting {
        value: global.output.unwrap_or(OutputFormat::Table),
        origin: origin_of(matches, "output", "--output", "VENDCTL_OUTPUT")
            .unwrap_or(Origin::Default),
    };

    Ok(Settings {
        api_url,
        token,
        timeout,
        retries,
        output,
    })
}

/// Parses an API URL, which must be http or https. A path prefix is kept.
pub fn parse_api_url(text: &str) -> anyhow::Result<Url> {
    let url = Url::parse(text).map_err(|error| {
        usage(format!(
            "invalid API URL `{text}`: {error}; give a URL such as http://127.0.0.1:8000 or https://host/backend"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(usage(format!(
            "invalid API URL `{text}`: the scheme must be http or https"
        )));
    }
    Ok(url)
}

/// Reads a token from the first line of `path`.
pub fn read_token_file(path: &Path) -> anyhow::Result<Secret> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        usage(format!(
            "cannot read the token file {}: {error}",
            path.display()
        ))
    })?;
    let first_line = text.lines().next().unwrap_or_default().trim();
    first_line
        .parse::<Secret>()
        .map_err(|problem| usage(format!("invalid token file {}: {problem}", path.display())))
}
