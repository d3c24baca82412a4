//! Profiles of the configuration file and `vendctl config show`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const CONFIG: &str = r#"default_profile = "prod"

[profiles.prod]
api_url = "http://127.0.0.1:9001/backend"
timeout = 10
retries = 4

[profiles.stage]
api_url = "http://127.0.0.1:9002"
output = "json"
"#;

/// A home folder with `XDG_CONFIG_HOME/vendctl/config.toml` holding `config`.
struct Home {
    dir: TempDir,
}

impl Home {
    fn new(config: &str) -> Self {
        let dir = TempDir::new().unwrap();
        let folder = dir.path().join("xdg").join("vendctl");
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("config.toml"), config).unwrap();
        Home { dir }
    }

    fn config_path(&self) -> PathBuf {
        self.dir
            .path()
            .join("xdg")
            .join("vendctl")
            .join("config.toml")
    }

    /// Returns vendctl with a clean environment: HOME and XDG_CONFIG_HOME in the temp folder.
    fn vendctl(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vendctl"));
        command
            .env_clear()
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg"));
        command
    }

    fn write_token(&self, name: &str, token: &str, mode: u32) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, format!("{token}\n")).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        path
    }
}

/// Runs `config show -o json`, expecting success and an empty stderr, and returns the document.
fn show(command: &mut Command) -> Value {
    let output = command
        .args(["-o", "json", "config", "show"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn profile_source(name: &str, path: &Path) -> String {
    format!("profile {name} in {}", path.display())
}

#[test]
fn precedence_flag_beats_environment() {
    let home = Home::new(CONFIG);
    let shown = show(
        home.vendctl()
            .env("VENDCTL_TIMEOUT", "20")
            .args(["--timeout", "30"]),
    );
    assert_eq!(shown["timeout"]["value"], "30s");
    assert_eq!(shown["timeout"]["source"], "flag --timeout");
}

#[test]
fn precedence_environment_beats_profile() {
    let home = Home::new(CONFIG);
    let shown = show(home.vendctl().env("VENDCTL_TIMEOUT", "20"));
    assert_eq!(shown["timeout"]["value"], "20s");
    assert_eq!(shown["timeout"]["source"], "environment VENDCTL_TIMEOUT");
}

#[test]
fn precedence_profile_beats_default() {
    let home = Home::new(CONFIG);
    let shown = show(&mut home.vendctl());
    let source = profile_source("prod", &home.config_path());
    assert_eq!(shown["api_url"]["value"], "http://127.0.0.1:9001/backend");
    assert_eq!(shown["api_url"]["source"], source);
    assert_eq!(shown["timeout"]["value"], "10s");
    assert_eq!(shown["retries"]["value"], "4");
    assert_eq!(shown["retries"]["source"], source);
}

#[test]
fn precedence_default_when_profile_silent() {
    let home = Home::new(CONFIG);
    let shown = show(home.vendctl().args(["--profile", "stage"]));
    assert_eq!(shown["retries"]["value"], "2");
    assert_eq!(shown["retries"]["source"], "default");
}

#[test]
fn default_profile_names_its_source() {
    let home = Home::new(CONFIG);
    let shown = show(&mut home.vendctl());
    let source = format!("default_profile in {}", home.config_path().display());
    assert_eq!(shown["profile"]["value"], "prod");
    assert_eq!(shown["profile"]["source"], source);
}

#[test]
fn profile_flag_beats_default_profile() {
    let home = Home::new(CONFIG);
    let shown = show(home.vendctl().args(["--profile", "stage"]));
    assert_eq!(shown["api_url"]["value"], "http://127.0.0.1:9002/");
    assert_eq!(shown["profile"]["source"], "flag --profile");
}

#[test]
fn profile_environment_selects_profile() {
    let home = Home::new(CONFIG);
    let shown = show(home.vendctl().env("VENDCTL_PROFILE", "stage"));
    assert_eq!(shown["api_url"]["value"], "http://127.0.0.1:9002/");
    assert_eq!(shown["profile"]["source"], "environment VENDCTL_PROFILE");
}

#[test]
fn profile_output_applies() {
    let home = Home::new(CONFIG);
    let output = home
        .vendctl()
        .args(["--profile", "stage", "config", "show"])
        .output()
        .unwrap();
    let shown: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(shown["output"]["value"], "json");
}

#[test]
fn xdg_config_home_honoured() {
    let home = Home::new(CONFIG);
    let shown = show(&mut home.vendctl());
    assert_eq!(
        shown["config_file"]["value"],
        home.config_path().display().to_string()
    );
}

#[test]
fn home_config_used_without_xdg() {
    let home = Home::new("");
    let folder = home.dir.path().join(".config").join("vendctl");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("config.toml"), "[profiles.a]\nretries = 7\n").unwrap();
    let shown = show(
        home.vendctl()
            .env_remove("XDG_CONFIG_HOME")
            .args(["--profile", "a"]),
    );
    assert_eq!(shown["retries"]["value"], "7");
}

#[test]
fn config_flag_overrides_default_file() {
    let home = Home::new(CONFIG);
    let other = home.dir.path().join("other.toml");
    fs::write(&other, "[profiles.prod]\nretries = 9\n").unwrap();
    let shown = show(
        home.vendctl()
            .arg("--config")
            .arg(&other)
            .args(["--profile", "prod"]),
    );
    assert_eq!(shown["retries"]["value"], "9");
    assert_eq!(shown["config_file"]["value"], other.display().to_string());
}

#[test]
fn missing_default_file_is_fine() {
    let home = Home::new("");
    fs::remove_file(home.config_path()).unwrap();
    let shown = show(&mut home.vendctl());
    assert_eq!(shown["api_url"]["source"], "default");
    assert_eq!(shown["config_file"]["value"], Value::Null);
}

#[test]
fn missing_config_flag_file_exits_2() {
    let home = Home::new(CONFIG);
    let missing = home.dir.path().join("missing.toml");
    home.vendctl()
        .arg("--config")
        .arg(&missing)
        .args(["config", "show"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "vendctl: cannot read the configuration file {}: No such file or directory (os error 2)\n",
            missing.display()
        ));
}

#[test]
fn malformed_file_names_file_and_line() {
    let home = Home::new("[profiles.prod]\napi_url = \"http://127.0.0.1:9001\"\ntimeot = 3\n");
    home.vendctl()
        .args(["config", "show"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::starts_with(format!(
            "vendctl: invalid configuration file {}, line 3: unknown field `timeot`",
            home.config_path().display()
        )));
}

#[test]
fn malformed_toml_names_line() {
    let home = Home::new("default_profile = \"prod\"\n[profiles.prod\n");
    home.vendctl()
        .args(["config", "show"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(format!(
            "invalid configuration file {}, line 2:",
            home.config_path().display()
        )));
}

#[test]
fn missing_profile_exits_2() {
    let home = Home::new(CONFIG);
    home.vendctl()
        .args(["--profile", "nope", "config", "show"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "vendctl: profile `nope` (from flag --profile) not found in {}; defined profiles: prod, stage\n",
            home.config_path().display()
        ));
}

#[test]
fn missing_default_profile_exits_2() {
    let home = Home::new("default_profile = \"gone\"\n");
    home.vendctl()
        .args(["config", "show"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "vendctl: profile `gone` (from default_profile in {path}) not found in {path}, line 1; defined profiles: none\n",
            path = home.config_path().display()
        ));
}

#[test]
fn shared_token_file_warns() {
    let home = Home::new(CONFIG);
    let token = home.write_token("token", "s3cret-value", 0o640);
    let output = home
        .vendctl()
        .arg("--token-file")
        .arg(&token)
        .args(["config", "show"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr,
        format!(
            "vendctl: warning: the token file {path} is accessible by group or others (mode 640); run `chmod 600 {path}`\n",
            path = token.display()
        )
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("[redacted]"));
}

#[test]
fn private_token_file_is_quiet() {
    let home = Home::new(CONFIG);
    let token = home.write_token("token", "s3cret-value", 0o600);
    let shown = show(home.vendctl().arg("--token-file").arg(&token));
    assert_eq!(shown["token"]["value"], "[redacted]");
    assert_eq!(shown["token"]["source"], "flag --token-file");
    assert_eq!(shown["token_file"]["value"], token.display().to_string());
}

#[test]
fn profile_token_file_relative_to_config() {
    let home = Home::new(
        "[profiles.prod]\napi_url = \"http://127.0.0.1:9001\"\ntoken_file = \"prod.token\"\n",
    );
    let token = home.config_path().with_file_name("prod.token");
    fs::write(&token, "s3cret-value\n").unwrap();
    fs::set_permissions(&token, fs::Permissions::from_mode(0o600)).unwrap();
    let shown = show(home.vendctl().args(["--profile", "prod"]));
    assert_eq!(shown["token"]["value"], "[redacted]");
    assert_eq!(shown["token_file"]["value"], token.display().to_string());
}

#[test]
fn token_never_printed() {
    let home = Home::new(CONFIG);
    for format in ["table", "json"] {
        let output = home
            .vendctl()
            .env("VENDCTL_TOKEN", "s3cret-value")
            .args(["-v", "-o", format, "config", "show"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{format}: {stderr}");
        assert!(
            !stdout.contains("s3cret-value"),
            "{format} stdout: {stdout}"
        );
        assert!(
            !stderr.contains("s3cret-value"),
            "{format} stderr: {stderr}"
        );
        assert!(stdout.contains("[redacted]"), "{format} stdout: {stdout}");
    }
}

#[test]
fn token_unset_shows_not_set() {
    let home = Home::new(CONFIG);
    let output = home.vendctl().args(["config", "show"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let token_line = stdout
        .lines()
        .find(|line| line.trim_start().starts_with("token "))
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert!(token_line.contains("not set"), "{token_line}");
}
