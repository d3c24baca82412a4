//! The effective settings of a run: each one taken from a flag, the environment, a profile of
//! the configuration file or the built-in default, in that order of precedence.
//!
//! The configuration file is TOML, by default `$XDG_CONFIG_HOME/vendctl/config.toml` (or
//! `~/.config/vendctl/config.toml`):
//!
//! ```toml
//! default_profile = "prod"
//!
//! [profiles.prod]
//! api_url = "https://vending.example.com/backend"
//! token_file = "~/.config/vendctl/prod.token"
//! timeout = 10
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::ArgMatches;
use clap::parser::ValueSource;
use serde::Deserialize;
use url::Url;

use crate::cli::{self, GlobalArgs, OutputFormat};
use crate::error::usage;
use crate::output;
use crate::secret::Secret;

/// The source of a setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag.
    Flag(&'static str),
    /// An environment variable.
    Environment(&'static str),
    /// A profile of the configuration file.
    Profile { name: String, path: PathBuf },
    /// The `default_profile` key of the configuration file.
    DefaultProfile { path: PathBuf },
    /// The built-in default.
    Default,
}

impl Origin {
    /// Returns the kind of origin as one word, for JSON output.
    pub fn kind(&self) -> &'static str {
        match self {
            Origin::Flag(_) => "flag",
            Origin::Environment(_) => "environment",
            Origin::Profile { .. } | Origin::DefaultProfile { .. } => "config",
            Origin::Default => "default",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => write!(formatter, "flag {flag}"),
            Origin::Environment(variable) => write!(formatter, "environment {variable}"),
            Origin::Profile { name, path } => {
                write!(formatter, "profile {name} in {}", path.display())
            }
            Origin::DefaultProfile { path } => {
                write!(formatter, "default_profile in {}", path.display())
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
    /// The token and where it came from.
    pub token: Option<Setting<Secret>>,
    /// The file the token was read from, when it came from a file.
    pub token_file: Option<PathBuf>,
    pub timeout: Setting<Duration>,
    pub retries: Setting<u32>,
    pub output: Setting<OutputFormat>,
    /// The configuration file that was read; None when there is none.
    pub config_file: Option<PathBuf>,
    /// The profile in use and where its name came from.
    pub profile: Option<Setting<String>>,
}

/// The configuration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    /// The profile used when neither `--profile` nor `VENDCTL_PROFILE` names one.
    default_profile: Option<String>,
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// One `[profiles.NAME]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Profile {
    api_url: Option<String>,
    /// Relative paths are relative to the configuration file's folder; `~/` is the home folder.
    token_file: Option<PathBuf>,
    /// Seconds, such as 10 or 2.5.
    timeout: Option<f64>,
    retries: Option<u32>,
    output: Option<OutputFormat>,
}

/// The configuration file and profile found by [`load_profile`].
#[derive(Default)]
struct LoadedConfig {
    /// The configuration file read, if any.
    file: Option<PathBuf>,
    /// The chosen profile, if any.
    chosen: Option<ChosenProfile>,
    /// The chosen profile's name and where that name came from.
    profile: Option<Setting<String>>,
}

/// The profile chosen for this run, with the file it came from.
struct ChosenProfile {
    name: String,
    path: PathBuf,
    profile: Profile,
}

impl ChosenProfile {
    fn origin(&self) -> Origin {
        Origin::Profile {
            name: self.name.clone(),
            path: self.path.clone(),
        }
    }
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

/// Returns the precedence of an origin: flag 2, environment 1, anything else 0.
fn rank(origin: &Origin) -> u8 {
    match origin {
        Origin::Flag(_) => 2,
        Origin::Environment(_) => 1,
        _ => 0,
    }
}

/// Resolves the settings: flags, then the environment, then the profile of the configuration
/// file, then the built-in defaults.
pub fn resolve(global: &GlobalArgs, matches: &ArgMatches) -> anyhow::Result<Settings> {
    let LoadedConfig {
        file: config_file,
        chosen,
        profile: profile_setting,
    } = load_profile(global, matches)?;
    let profile = chosen.as_ref().map(|chosen| &chosen.profile);

    let api_url = match (&global.api_url, profile.and_then(|p| p.api_url.as_ref())) {
        (Some(text), _) => Setting {
            value: parse_api_url(text)?,
            origin: origin_of(matches, "api_url", "--api-url", "VENDCTL_API_URL")
                .unwrap_or(Origin::Default),
        },
        (None, Some(text)) => {
            let chosen = chosen
                .as_ref()
                .expect("a profile value comes from a profile");
            Setting {
                value: parse_api_url(text).map_err(|error| {
                    usage(format!(
                        "invalid api_url in profile {} of {}: {error}",
                        chosen.name,
                        chosen.path.display()
                    ))
                })?,
                origin: chosen.origin(),
            }
        }
        (None, None) => Setting {
            value: parse_api_url(cli::DEFAULT_API_URL)?,
            origin: Origin::Default,
        },
    };

    let (token, token_file) = resolve_token(global, matches, chosen.as_ref())?;

    let timeout_secs = match (global.timeout, profile.and_then(|p| p.timeout)) {
        (Some(seconds), _) => Setting {
            value: seconds,
            origin: origin_of(matches, "timeout", "--timeout", "VENDCTL_TIMEOUT")
                .unwrap_or(Origin::Default),
        },
        (None, Some(seconds)) => {
            let chosen = chosen
                .as_ref()
                .expect("a profile value comes from a profile");
            if !(seconds.is_finite() && seconds > 0.0) {
                return Err(usage(format!(
                    "invalid timeout {seconds} in profile {} of {}: give a positive number of seconds, such as 30 or 0.5",
                    chosen.name,
                    chosen.path.display()
                )));
            }
            Setting {
                value: seconds,
                origin: chosen.origin(),
            }
        }
        (None, None) => Setting {
            value: cli::DEFAULT_TIMEOUT_SECS,
            origin: Origin::Default,
        },
    };
    let timeout = Setting {
        value: Duration::from_secs_f64(timeout_secs.value),
        origin: timeout_secs.origin,
    };

    let retries = layered(
        global.retries,
        origin_of(matches, "retries", "--retries", "VENDCTL_RETRIES"),
        chosen.as_ref(),
        |profile| profile.retries,
        cli::DEFAULT_RETRIES,
    );
    let output = layered(
        global.output,
        origin_of(matches, "output", "--output", "VENDCTL_OUTPUT"),
        chosen.as_ref(),
        |profile| profile.output,
        OutputFormat::Table,
    );

    Ok(Settings {
        api_url,
        token,
        token_file,
        timeout,
        retries,
        output,
        config_file,
        profile: profile_setting,
    })
}

/// Picks a setting from the command line or environment (`given`), the profile, or `default`.
fn layered<T: Copy>(
    given: Option<T>,
    given_origin: Option<Origin>,
    chosen: Option<&ChosenProfile>,
    from_profile: impl Fn(&Profile) -> Option<T>,
    default: T,
) -> Setting<T> {
    if let Some(value) = given {
        return Setting {
            value,
            origin: given_origin.unwrap_or(Origin::Default),
        };
    }
    if let Some(chosen) = chosen
        && let Some(value) = from_profile(&chosen.profile)
    {
        return Setting {
            value,
            origin: chosen.origin(),
        };
    }
    Setting {
        value: default,
        origin: Origin::Default,
    }
}

/// Picks the token: `--token` or `--token-file` (a flag beats an environment variable), then
/// the profile's `token_file`. Returns the token and the file it was read from.
fn resolve_token(
    global: &GlobalArgs,
    matches: &ArgMatches,
    chosen: Option<&ChosenProfile>,
) -> anyhow::Result<(Option<Setting<Secret>>, Option<PathBuf>)> {
    let token_origin = global.token.as_ref().map(|_| {
        origin_of(matches, "token", "--token", "VENDCTL_TOKEN").unwrap_or(Origin::Default)
    });
    let file_origin = global.token_file.as_ref().map(|_| {
        origin_of(matches, "token_file", "--token-file", "VENDCTL_TOKEN_FILE")
            .unwrap_or(Origin::Default)
    });

    match (&global.token, token_origin, &global.token_file, file_origin) {
        (Some(token), Some(origin), _, file_origin)
            if file_origin
                .as_ref()
                .is_none_or(|file_origin| rank(&origin) >= rank(file_origin)) =>
        {
            return Ok((
                Some(Setting {
                    value: token.clone(),
                    origin,
                }),
                None,
            ));
        }
        (_, _, Some(path), Some(origin)) => {
            let token = read_token_file(path)?;
            return Ok((
                Some(Setting {
                    value: token,
                    origin,
                }),
                Some(path.clone()),
            ));
        }
        _ => {}
    }

    let Some(chosen) = chosen else {
        return Ok((None, None));
    };
    let Some(path) = &chosen.profile.token_file else {
        return Ok((None, None));
    };
    let path = profile_path(path, &chosen.path);
    let token = read_token_file(&path)?;
    Ok((
        Some(Setting {
            value: token,
            origin: chosen.origin(),
        }),
        Some(path),
    ))
}

/// Resolves a path written in the configuration file: `~/` is the home folder, and a relative
/// path is relative to the configuration file's folder.
fn profile_path(path: &Path, config_file: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    if path.is_relative()
        && let Some(folder) = config_file.parent()
    {
        return folder.join(path);
    }
    path.to_path_buf()
}

/// Returns the default configuration file: `$XDG_CONFIG_HOME/vendctl/config.toml`, or
/// `$HOME/.config/vendctl/config.toml` when `XDG_CONFIG_HOME` is unset, empty or relative (the
/// XDG Base Directory Specification ignores relative paths).
pub fn default_config_path() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute());
    let base = match xdg {
        Some(base) => base,
        None => PathBuf::from(std::env::var_os("HOME")?).join(".config"),
    };
    Some(base.join("vendctl").join("config.toml"))
}

/// Reads the configuration file and picks the profile.
fn load_profile(global: &GlobalArgs, matches: &ArgMatches) -> anyhow::Result<LoadedConfig> {
    let requested_file = global.config.clone();
    let path = match requested_file.clone().or_else(default_config_path) {
        Some(path) => path,
        None => return no_file_profile(global, matches, None),
    };

    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && requested_file.is_none() => {
            return no_file_profile(global, matches, Some(&path));
        }
        Err(error) => {
            return Err(usage(format!(
                "cannot read the configuration file {}: {error}",
                path.display()
            )));
        }
    };
    let config = parse_config(&text, &path)?;

    let requested = global.profile.as_ref().map(|name| Setting {
        value: name.clone(),
        origin: origin_of(matches, "profile", "--profile", "VENDCTL_PROFILE")
            .unwrap_or(Origin::Default),
    });
    let profile_setting = requested.or_else(|| {
        config.default_profile.as_ref().map(|name| Setting {
            value: name.clone(),
            origin: Origin::DefaultProfile { path: path.clone() },
        })
    });

    let Some(profile_setting) = profile_setting else {
        return Ok(LoadedConfig {
            file: Some(path),
            ..LoadedConfig::default()
        });
    };
    let Some(profile) = config.profiles.get(&profile_setting.value) else {
        let line = profile_setting_line(&profile_setting, &text);
        return Err(usage(format!(
            "profile `{}` (from {}) not found in {}{line}; defined profiles: {}",
            profile_setting.value,
            profile_setting.origin,
            path.display(),
            profile_names(&config)
        )));
    };

    let chosen = ChosenProfile {
        name: profile_setting.value.clone(),
        path: path.clone(),
        profile: profile.clone(),
    };
    Ok(LoadedConfig {
        file: Some(path),
        chosen: Some(chosen),
        profile: Some(profile_setting),
    })
}

/// Handles a run without a configuration file: fine unless a profile was requested.
fn no_file_profile(
    global: &GlobalArgs,
    matches: &ArgMatches,
    path: Option<&Path>,
) -> anyhow::Result<LoadedConfig> {
    let Some(name) = &global.profile else {
        return Ok(LoadedConfig::default());
    };
    let origin =
        origin_of(matches, "profile", "--profile", "VENDCTL_PROFILE").unwrap_or(Origin::Default);
    let location = match path {
        Some(path) => format!("there is no configuration file {}", path.display()),
        None => "HOME and XDG_CONFIG_HOME are unset, so there is no configuration file".to_owned(),
    };
    Err(usage(format!(
        "profile `{name}` (from {origin}) not found: {location}; create it with a [profiles.{name}] table or pass --config PATH"
    )))
}

/// Returns ", line N" for a profile name taken from the file's `default_profile`.
fn profile_setting_line(setting: &Setting<String>, text: &str) -> String {
    if !matches!(setting.origin, Origin::DefaultProfile { .. }) {
        return String::new();
    }
    text.lines()
        .position(|line| line.trim_start().starts_with("default_profile"))
        .map(|index| format!(", line {}", index + 1))
        .unwrap_or_default()
}

fn profile_names(config: &ConfigFile) -> String {
    if config.profiles.is_empty() {
        return "none".to_owned();
    }
    config
        .profiles
        .keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses the configuration file, naming the file, line and problem on failure.
fn parse_config(text: &str, path: &Path) -> anyhow::Result<ConfigFile> {
    toml::from_str(text).map_err(|error| {
        let line = error
            .span()
            .map(|span| format!(", line {}", line_of(text, span.start)))
            .unwrap_or_default();
        usage(format!(
            "invalid configuration file {}{line}: {}",
            path.display(),
            error.message().trim_end()
        ))
    })
}

/// Returns the 1-based line number of the byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|byte| **byte == b'\n')
        .count()
        + 1
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

/// Reads a token from the first line of `path`, warning on stderr when the file is readable
/// by group or others.
pub fn read_token_file(path: &Path) -> anyhow::Result<Secret> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        usage(format!(
            "cannot read the token file {}: {error}",
            path.display()
        ))
    })?;
    warn_if_shared(path);
    let first_line = text.lines().next().unwrap_or_default().trim();
    first_line
        .parse::<Secret>()
        .map_err(|problem| usage(format!("invalid token file {}: {problem}", path.display())))
}

/// Warns when a token file's permissions let group or others read it (Unix only).
#[cfg(unix)]
fn warn_if_shared(path: &Path) {
    use std::os::unix::fs::PermissionsExt;

    let Ok(metadata) = std::fs::metadata(path) else {
        return;
    };
    let mode = metadata.permissions().mode();
    if mode & 0o077 != 0 {
        output::warn(&format!(
            "the token file {} is accessible by group or others (mode {:03o}); run `chmod 600 {}`",
            path.display(),
            mode & 0o777,
            path.display()
        ));
    }
}

#[cfg(not(unix))]
fn warn_if_shared(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_of_offsets() {
        let text = "a = 1\nb = 2\nc = 3\n";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 6), 2);
        assert_eq!(line_of(text, 14), 3);
        assert_eq!(line_of(text, 999), 4);
    }

    #[test]
    fn config_unknown_key_names_line() {
        let text = "[profiles.prod]\napi_url = \"http://127.0.0.1:1\"\ntimeot = 3\n";
        let error = parse_config(text, Path::new("/tmp/c.toml")).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("/tmp/c.toml, line 3"), "{message}");
        assert!(message.contains("timeot"), "{message}");
    }

    #[test]
    fn config_output_format_parses() {
        let text = "[profiles.ci]\noutput = \"ndjson\"\ntimeout = 5\n";
        let config = parse_config(text, Path::new("c.toml")).unwrap();
        assert_eq!(config.profiles["ci"].output, Some(OutputFormat::Ndjson));
        assert_eq!(config.profiles["ci"].timeout, Some(5.0));
    }

    #[test]
    fn profile_path_relative_to_file() {
        let path = profile_path(
            Path::new("prod.token"),
            Path::new("/etc/vendctl/config.toml"),
        );
        assert_eq!(path, PathBuf::from("/etc/vendctl/prod.token"));
    }
}
