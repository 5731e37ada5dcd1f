//! Secrets in: a prompt without echo, or standard input line by line (`--stdin`).

use std::io::BufRead;
use zeroize::Zeroizing;

/// Where passwords and phrases come from.
#[derive(Debug)]
pub struct Secrets {
    stdin: bool,
}

impl Secrets {
    pub fn new(stdin: bool) -> Self {
        Self { stdin }
    }

    /// The next secret: one line of standard input, or typed at a prompt without echo.
    pub fn read(&mut self, prompt: &str) -> Result<Zeroizing<String>, String> {
        let mut line = Zeroizing::new(String::new());
        if self.stdin {
            let read = std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            if read == 0 {
                return Err(format!(
                    "standard input ended before the {}",
                    prompt.trim_end_matches([':', ' '])
                ));
            }
        } else {
            line = Zeroizing::new(
                rpassword::prompt_password(prompt)
                    .map_err(|e| format!("cannot read from the terminal: {e}"))?,
            );
        }
        let trimmed = line.trim_end_matches(['\r', '\n']).len();
        line.truncate(trimmed);
        Ok(line)
    }
}
