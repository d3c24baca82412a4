//! `vendctl config show`: the effective settings and where each came from.

use std::process::ExitCode;

use comfy_table::Cell;
use serde_json::{Map, Value, json};

use super::Context;
use crate::cli::{ConfigCommand, OutputFormat};
use crate::config::{Origin, Settings};
use crate::output::{self, new_table, write_stdout};

/// Runs a `config` subcommand.
pub async fn run(context: &Context, command: ConfigCommand) -> anyhow::Result<ExitCode> {
    match command {
        ConfigCommand::Show => show(context),
    }
}

/// One row of `config show`: the setting's name, its value as text and where it came from.
struct Row {
    name: &'static str,
    value: Option<String>,
    origin: Option<Origin>,
}

/// Returns the rows of `config show`. The token's value is never included.
fn rows(settings: &Settings) -> Vec<Row> {
    let token_value = settings.token.as_ref().map(|token| token.value.to_string());
    let token_origin = settings.token.as_ref().map(|token| token.origin.clone());
    vec![
        Row {
            name: "api_url",
            value: Some(settings.api_url.value.to_string()),
            origin: Some(settings.api_url.origin.clone()),
        },
        Row {
            name: "token",
            value: token_value,
            origin: token_origin.clone(),
        },
        Row {
            name: "token_file",
            value: settings
                .token_file
                .as_ref()
                .map(|path| path.display().to_string()),
            origin: settings.token_file.as_ref().and(token_origin),
        },
        Row {
            name: "timeout",
            value: Some(format!("{}s", settings.timeout.value.as_secs_f64())),
            origin: Some(settings.timeout.origin.clone()),
        },
        Row {
            name: "retries",
            value: Some(settings.retries.value.to_string()),
            origin: Some(settings.retries.origin.clone()),
        },
        Row {
            name: "output",
            value: Some(format_name(settings.output.value).to_owned()),
            origin: Some(settings.output.origin.clone()),
        },
        Row {
            name: "profile",
            value: settings
                .profile
                .as_ref()
                .map(|profile| profile.value.clone()),
            origin: settings
                .profile
                .as_ref()
                .map(|profile| profile.origin.clone()),
        },
        Row {
            name: "config_file",
            value: settings
                .config_file
                .as_ref()
                .map(|path| path.display().to_string()),
            origin: None,
        },
    ]
}

fn format_name(format: OutputFormat) -> &'static str {
    match format {
        OutputFormat::Table => "table",
        OutputFormat::Json => "json",
        OutputFormat::Ids => "ids",
        OutputFormat::Ndjson => "ndjson",
    }
}

/// `config show`: prints each setting, its value and its origin, as a table or one JSON object.
fn show(context: &Context) -> anyhow::Result<ExitCode> {
    let rows = rows(&context.settings);

    match context.format {
        OutputFormat::Table => {
            let mut table = new_table(&context.terminal);
            table.set_header(output::header(&["SETTING", "VALUE", "SOURCE"]));
            for row in &rows {
                table.add_row(vec![
                    Cell::new(row.name),
                    Cell::new(row.value.as_deref().unwrap_or("not set")),
                    Cell::new(
                        row.origin
                            .as_ref()
                            .map_or("-".to_owned(), ToString::to_string),
                    ),
                ]);
            }
            write_stdout(&format!("{table}\n"))?;
        }
        _ => {
            let mut settings = Map::new();
            for row in &rows {
                settings.insert(
                    row.name.to_owned(),
                    json!({
                        "value": row.value,
                        "source": row.origin.as_ref().map(ToString::to_string),
                        "source_kind": row.origin.as_ref().map(Origin::kind),
                    }),
                );
            }
            output::print_json(&Value::Object(settings), &context.terminal)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
