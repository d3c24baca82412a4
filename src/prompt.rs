//! Confirmations on the terminal (dialoguer, on stderr). Every caller checks
//! [`Terminal::can_prompt`](crate::terminal::Terminal::can_prompt) first and does not prompt
//! without a terminal, so a script never waits for input.

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

use crate::bulk::Interrupt;
use crate::error::Failure;
use crate::terminal::Terminal;

/// Asks a yes/no question, default No. Returns false for No, Esc or `q`.
pub async fn confirm(
    question: String,
    terminal: &Terminal,
    interrupt: &Interrupt,
) -> anyhow::Result<bool> {
    let color = terminal.color;
    let answer = run_prompt(interrupt, move || {
        dialoguer::Confirm::with_theme(theme(color).as_ref())
            .with_prompt(question)
            .default(false)
            .wait_for_newline(true)
            .interact_opt()
    })
    .await?;
    Ok(answer == Some(true))
}

/// Asks the user to type `expected` (a machine id) and returns whether they did, exactly.
pub async fn type_to_confirm(
    question: String,
    expected: &str,
    terminal: &Terminal,
    interrupt: &Interrupt,
) -> anyhow::Result<bool> {
    let color = terminal.color;
    let typed: String = run_prompt(interrupt, move || {
        dialoguer::Input::<String>::with_theme(theme(color).as_ref())
            .with_prompt(question)
            .allow_empty(true)
            .interact_text()
    })
    .await?;
    Ok(typed.trim() == expected)
}

/// Asks for a line of text, such as a machine id.
pub async fn ask_text(
    question: String,
    terminal: &Terminal,
    interrupt: &Interrupt,
) -> anyhow::Result<String> {
    let color = terminal.color;
    run_prompt(interrupt, move || {
        dialoguer::Input::<String>::with_theme(theme(color).as_ref())
            .with_prompt(question)
            .interact_text()
    })
    .await
}

/// Shows a menu and returns the index chosen, or None for Esc or `q`.
pub async fn select(
    question: String,
    items: Vec<String>,
    terminal: &Terminal,
    interrupt: &Interrupt,
) -> anyhow::Result<Option<usize>> {
    let color = terminal.color;
    run_prompt(interrupt, move || {
        dialoguer::Select::with_theme(theme(color).as_ref())
            .with_prompt(question)
            .items(&items)
            .default(0)
            .interact_opt()
    })
    .await
}

fn theme(color: bool) -> Box<dyn Theme> {
    if color {
        Box::new(ColorfulTheme::default())
    } else {
        Box::new(SimpleTheme)
    }
}

/// Runs a blocking prompt on its own thread so that Ctrl-C, caught by the runtime, can end
/// the wait. On Ctrl-C the cursor is shown again and the result is [`Failure::Interrupted`].
async fn run_prompt<T, F>(interrupt: &Interrupt, prompt: F) -> anyhow::Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, dialoguer::Error> + Send + 'static,
{
    let task = tokio::task::spawn_blocking(prompt);
    let result = tokio::select! {
        joined = task => joined,
        () = interrupt.fired() => {
            restore_terminal();
            return Err(Failure::Interrupted.into());
        }
    };

    match result {
        Ok(Ok(value)) => Ok(value),
        // In raw mode Ctrl-C arrives as a key, which dialoguer reports as an interrupted read.
        Ok(Err(dialoguer::Error::IO(error))) if error.kind() == std::io::ErrorKind::Interrupted => {
            restore_terminal();
            Err(Failure::Interrupted.into())
        }
        Ok(Err(error)) => {
            restore_terminal();
            Err(anyhow::Error::new(error).context("reading the reply from the terminal"))
        }
        Err(join_error) => Err(anyhow::Error::new(join_error).context("running the prompt")),
    }
}

/// Shows the cursor again and ends the prompt's line, after an interrupted prompt.
fn restore_terminal() {
    let term = console::Term::stderr();
    let _ = term.show_cursor();
    let _ = term.write_line("");
}
