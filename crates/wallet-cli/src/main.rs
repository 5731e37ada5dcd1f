#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod commands;
mod input;
mod output;

use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;

/// kura: Kura Wallet's offline recovery tool.
///
/// Passwords and phrases are asked for without echo, or read from standard input with
/// --stdin (one per line); never from arguments. Nothing is printed that gives away a
/// secret unless --show-secrets is given.
#[derive(Debug, Parser)]
#[command(name = "kura", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct Common {
    /// Print one JSON document on standard output instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Read passwords and phrases from standard input, one per line, instead of prompting.
    #[arg(long, global = true)]
    pub stdin: bool,
    /// Also print phrases and private keys (by default only addresses are printed).
    #[arg(long, global = true)]
    pub show_secrets: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decrypt a Kura Wallet backup file (or a stored vault) and list its accounts.
    Backup {
        /// The file the extension exported (`kura-wallet-backup-<date>.json`) or a vault.
        file: std::path::PathBuf,
    },
    /// Find MetaMask vaults in files or folders (a profile, or its Local Extension
    /// Settings folder) and decrypt them.
    Metamask {
        /// Vault JSON files, LevelDB .log/.ldb files, or folders to search.
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
        /// Only list the vaults found; ask for no password.
        #[arg(long)]
        list: bool,
    },
    /// Print the addresses of a phrase on the usual derivation paths.
    Addresses {
        /// Path families: standard (m/44'/60'/0'/0/i), ledger-live (m/44'/60'/i'/0/0),
        /// legacy (m/44'/60'/0'/i), or all.
        #[arg(long = "scheme", default_value = "standard")]
        schemes: Vec<String>,
        /// First account index.
        #[arg(long, default_value_t = 0)]
        start: u32,
        /// How many accounts per path family (at most 1000).
        #[arg(long, default_value_t = 5)]
        count: u32,
        /// Look for this address instead of listing (searches `--count` accounts of each family).
        #[arg(long)]
        find: Option<String>,
        /// Also ask for the BIP-39 passphrase (the "25th word").
        #[arg(long)]
        passphrase: bool,
    },
    /// Find the phrase that was meant when a restore fails: one wrong or unknown word, two
    /// words swapped, a word missing or one too many.
    Assist {
        /// An address the wallet had: candidates whose first accounts include it come first.
        #[arg(long)]
        address: Option<String>,
        /// How many first accounts (m/44'/60'/0'/0/i) to derive per candidate (1 to 20).
        #[arg(long, default_value_t = 5)]
        accounts: u32,
        /// Also ask for the BIP-39 passphrase.
        #[arg(long)]
        passphrase: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut secrets = input::Secrets::new(cli.common.stdin);
    let result = match cli.command {
        Command::Backup { file } => commands::backup(&cli.common, &mut secrets, &file),
        Command::Metamask { paths, list } => {
            commands::metamask(&cli.common, &mut secrets, &paths, list)
        }
        Command::Addresses {
            schemes,
            start,
            count,
            find,
            passphrase,
        } => commands::addresses(
            &cli.common,
            &mut secrets,
            &schemes,
            start,
            count,
            find.as_deref(),
            passphrase,
        ),
        Command::Assist {
            address,
            accounts,
            passphrase,
        } => commands::assist(
            &cli.common,
            &mut secrets,
            address.as_deref(),
            accounts,
            passphrase,
        ),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            output::error(&message);
            ExitCode::FAILURE
        }
    }
}
