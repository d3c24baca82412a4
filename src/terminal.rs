//! The terminal state of the process, decided once at start-up and passed to every command.

use std::io::IsTerminal;

use crate::cli::ColorChoice;

/// The standard streams that are terminals, and whether colour is allowed. Commands read this
/// instead of asking the operating system themselves, so tests and the menu can rely on it.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// Standard input is a terminal.
    pub stdin: bool,
    /// Standard output is a terminal.
    pub stdout: bool,
    /// Standard error is a terminal.
    pub stderr: bool,
    /// Table output may contain ANSI colour codes.
    pub color: bool,
}

impl Terminal {
    /// Inspects the standard streams and the environment (`NO_COLOR`, `TERM`).
    pub fn detect(choice: ColorChoice) -> Self {
        let stdout = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|term| term == "dumb");
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout && !no_color && !dumb,
        };

        Self {
            stdin: std::io::stdin().is_terminal(),
            stdout,
            stderr: std::io::stderr().is_terminal(),
            color,
        }
    }

    /// Returns true when a person can answer a prompt: both stdin and stderr are terminals.
    pub fn can_prompt(&self) -> bool {
        self.stdin && self.stderr
    }
}
