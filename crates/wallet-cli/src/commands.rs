//! The four commands. Each returns the exit code, or the message to print on failure.

use crate::Common;
use crate::input::Secrets;
use crate::output;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wallet_core::metamask::{Candidate, MetaMaskKey, find_vault_candidates};
use wallet_core::recovery::{
    AddressSearch, PathScheme, PhraseAssistant, PhraseCandidate, RankedCandidate, find_account,
    scan_accounts,
};
use wallet_core::vault::{Vault, VaultContents};
use wallet_core::{AccountKind, Error, Keyring, Phrase, parse_address, to_checksum};
use zeroize::Zeroizing;

type Outcome = Result<ExitCode, String>;

/// Sets a field of a JSON object (every value this is called on is one).
fn set(object: &mut Value, key: &str, value: Value) {
    if let Some(map) = object.as_object_mut() {
        map.insert(key.to_owned(), value);
    }
}

/// Largest file read.
const MAX_FILE: u64 = 256 * 1024 * 1024;
/// Most bytes read from all the files of a search.
const MAX_TOTAL: u64 = 1024 * 1024 * 1024;
/// Most files read from folders.
const MAX_FILES: usize = 10_000;

/// A core error as the person should read it.
fn explain(error: &Error) -> String {
    match error {
        Error::PhraseUnknownWord {
            position,
            language,
            suggestions,
        } => {
            let mut text = format!("word {position} is not in the {language} word list");
            if !suggestions.is_empty() {
                text.push_str(&format!(" (close words: {})", suggestions.join(", ")));
            }
            text.push_str("; `kura assist` can look for the phrase you meant");
            text
        }
        Error::PhraseChecksum => {
            format!("{error}; `kura assist` can look for the phrase you meant")
        }
        other => other.to_string(),
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.len() > MAX_FILE {
        return Err(format!("{} is larger than 256 MiB", path.display()));
    }
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn account_json(info: &wallet_core::AccountInfo) -> Value {
    let (kind, phrase) = match &info.kind {
        AccountKind::Hd { phrase, .. } => ("hd", Some(*phrase)),
        _ => ("imported", None),
    };
    json!({"address": to_checksum(&info.address), "name": info.name, "kind": kind,
        "phrase": phrase, "path": info.path()})
}

fn account_line(info: &wallet_core::AccountInfo) -> String {
    let place = match &info.kind {
        AccountKind::Hd { phrase, .. } => {
            format!("phrase {} {}", phrase + 1, info.path().unwrap_or_default())
        }
        _ => "imported key".to_owned(),
    };
    format!("  {}  {}  ({place})", to_checksum(&info.address), info.name)
}

/// The secrets of contents, for --show-secrets.
fn secrets_json(contents: &VaultContents) -> Value {
    json!({
        "phrases": contents.hd.iter().map(|hd| json!({
            "phrase": hd.phrase.expose_secret(),
            "passphrase": hd.passphrase.expose_secret(),
        })).collect::<Vec<_>>(),
        "keys": contents.imported.iter().map(|k| k.key.expose_secret()).collect::<Vec<_>>(),
    })
}

fn print_secrets(contents: &VaultContents) {
    for (i, hd) in contents.hd.iter().enumerate() {
        output::line(&format!(
            "  phrase {}: {}",
            i + 1,
            hd.phrase.expose_secret()
        ));
        if !hd.passphrase.expose_secret().is_empty() {
            output::line(&format!(
                "  passphrase {}: {}",
                i + 1,
                hd.passphrase.expose_secret()
            ));
        }
    }
    for key in &contents.imported {
        output::line(&format!("  key {}: {}", key.name, key.key.expose_secret()));
    }
}

pub fn backup(common: &Common, secrets: &mut Secrets, file: &Path) -> Outcome {
    let bytes = read_file(file)?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{} is not text", file.display()))?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|_| format!("{} is not JSON: not a wallet backup", file.display()))?;
    let vault_json = match value.get("kind").and_then(Value::as_str) {
        Some("kura-wallet-backup") => value
            .get("vault")
            .filter(|v| v.is_object())
            .ok_or("the backup file has no vault in it")?
            .to_string(),
        Some(_) => return Err("the file is not a Kura Wallet backup".into()),
        None if value.get("kdf").is_some() => text.clone(),
        None => return Err("the file is not a Kura Wallet backup".into()),
    };
    let vault = Vault::parse(&vault_json).map_err(|e| explain(&e))?;
    let password = secrets.read("backup password: ")?;
    let (contents, _) = vault.unlock(&password).map_err(|e| explain(&e))?;
    let keyring = Keyring::from_contents(contents.clone()).map_err(|e| explain(&e))?;
    // The addresses shown are derived here, not read from the file.
    keyring.verify().map_err(|e| explain(&e))?;
    let accounts = keyring.accounts();
    if common.json {
        let mut doc = json!({"kind": "kura-wallet-backup", "vaultVersion": vault.version(),
            "accounts": accounts.iter().map(account_json).collect::<Vec<_>>()});
        if common.show_secrets {
            set(&mut doc, "secrets", secrets_json(&contents));
        }
        output::json(&doc);
    } else {
        output::line(&format!(
            "Kura Wallet backup (vault version {}): {} accounts",
            vault.version(),
            accounts.len()
        ));
        for account in &accounts {
            output::line(&account_line(account));
        }
        if common.show_secrets {
            print_secrets(&contents);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every file under `path` worth searching (a file given by name is always read).
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let meta = std::fs::symlink_metadata(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.is_file() {
        out.push(path.to_owned());
        return Ok(());
    }
    if !meta.is_dir() {
        return Ok(());
    }
    let mut stack = vec![path.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for entry in names {
            let Ok(meta) = std::fs::symlink_metadata(&entry) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(entry);
            } else if meta.is_file()
                && entry
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e, "log" | "ldb" | "json" | "txt"))
            {
                if out.len() >= MAX_FILES {
                    return Err(format!(
                        "more than {MAX_FILES} files under {}",
                        path.display()
                    ));
                }
                out.push(entry);
            }
        }
    }
    Ok(())
}

fn source_json(c: &Candidate, files: &[PathBuf]) -> Vec<Value> {
    c.sources
        .iter()
        .map(|s| {
            json!({"file": files.get(s.file).map(|p| p.display().to_string()), "kind": s.kind.code(),
                "offset": s.offset, "sequence": s.sequence, "key": s.key, "escaping": s.escaping})
        })
        .collect()
}

fn source_line(c: &Candidate, files: &[PathBuf]) -> String {
    let first = c.sources.first();
    let file = first
        .and_then(|s| files.get(s.file))
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let kind = first.map_or("", |s| s.kind.code());
    let more = c.sources.len().saturating_sub(1);
    let sequence = c
        .newest_sequence()
        .map(|s| format!(", leveldb sequence {s}"))
        .unwrap_or_default();
    format!(
        "{file} ({kind}{sequence}, {} PBKDF2 iterations{})",
        c.vault.iterations(),
        match more {
            0 => String::new(),
            1 => ", and 1 more place".to_owned(),
            n => format!(", and {n} more places"),
        }
    )
}

pub fn metamask(common: &Common, secrets: &mut Secrets, paths: &[PathBuf], list: bool) -> Outcome {
    let mut files = Vec::new();
    for path in paths {
        collect(path, &mut files)?;
    }
    let mut data = Vec::with_capacity(files.len());
    let mut total = 0u64;
    for file in &files {
        let bytes = read_file(file)?;
        total += bytes.len() as u64;
        if total > MAX_TOTAL {
            return Err("more than 1 GiB of files to search".into());
        }
        data.push(bytes);
    }
    let refs: Vec<&[u8]> = data.iter().map(Vec::as_slice).collect();
    let candidates = find_vault_candidates(&refs);
    if candidates.is_empty() {
        return Err(format!("no MetaMask vault found in {} files", files.len()));
    }
    if list {
        if common.json {
            output::json(&json!({"vaults": candidates.iter().map(|c| json!({
                "iterations": c.vault.iterations(), "sources": source_json(c, &files)})).collect::<Vec<_>>()}));
        } else {
            output::line(&format!(
                "{} MetaMask vaults found, newest first:",
                candidates.len()
            ));
            for (i, c) in candidates.iter().enumerate() {
                output::line(&format!("  {}. {}", i + 1, source_line(c, &files)));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !common.json {
        output::note(&format!(
            "{} MetaMask vaults found in {} files; trying the password on each, newest first",
            candidates.len(),
            files.len()
        ));
    }
    let password = secrets.read("MetaMask password: ")?;
    let mut keys: Vec<MetaMaskKey> = Vec::new();
    let mut report = Vec::new();
    let mut opened = 0;
    for (i, c) in candidates.iter().enumerate() {
        let key = match keys.iter().find(|k| c.vault.key_fits(k)) {
            Some(key) => key.clone(),
            None => {
                let key = c.vault.derive_key(&password);
                keys.push(key.clone());
                key
            }
        };
        let result = c.vault.decrypt_with_key(&key);
        let mut entry = json!({"vault": i + 1, "iterations": c.vault.iterations(),
            "sources": source_json(c, &files)});
        if !common.json {
            output::line(&format!("vault {}: {}", i + 1, source_line(c, &files)));
        }
        match result {
            Err(error) => {
                set(
                    &mut entry,
                    "result",
                    json!(if error == Error::VaultDecrypt {
                        "wrong-password"
                    } else {
                        "unreadable"
                    }),
                );
                if !common.json {
                    output::line(&format!("  {}", explain(&error)));
                }
            }
            Ok(keyrings) => {
                opened += 1;
                set(&mut entry, "result", json!("opened"));
                set(
                    &mut entry,
                    "skipped",
                    json!(
                        keyrings
                            .skipped
                            .iter()
                            .map(|k| json!({"type": k.kind, "reason": k.reason.code()}))
                            .collect::<Vec<_>>()
                    ),
                );
                let contents = keyrings.to_vault_contents();
                if !common.json {
                    output::line("  opened with this password");
                }
                match contents.and_then(|c| {
                    Keyring::from_contents(c.clone()).and_then(|k| k.verify().map(|()| (c, k)))
                }) {
                    Ok((contents, keyring)) => {
                        let accounts = keyring.accounts();
                        set(
                            &mut entry,
                            "accounts",
                            json!(accounts.iter().map(account_json).collect::<Vec<_>>()),
                        );
                        if common.show_secrets {
                            set(&mut entry, "secrets", secrets_json(&contents));
                        }
                        if !common.json {
                            for account in &accounts {
                                output::line(&account_line(account));
                            }
                            if common.show_secrets {
                                print_secrets(&contents);
                            }
                        }
                    }
                    Err(error) => {
                        set(&mut entry, "importError", json!(explain(&error)));
                        if !common.json {
                            output::line(&format!("  nothing to import: {}", explain(&error)));
                        }
                    }
                }
                if !common.json {
                    for k in &keyrings.skipped {
                        output::line(&format!("  skipped: {} ({})", k.kind, k.reason.code()));
                    }
                }
            }
        }
        report.push(entry);
    }
    if common.json {
        output::json(&json!({"vaults": report, "opened": opened}));
    }
    if opened == 0 {
        return Err("the password opened none of the vaults found".into());
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_schemes(codes: &[String]) -> Result<Vec<PathScheme>, String> {
    let mut out = Vec::new();
    for code in codes {
        let schemes = if code == "all" {
            PathScheme::ALL.to_vec()
        } else {
            vec![PathScheme::from_code(code).map_err(|e| e.to_string())?]
        };
        for s in schemes {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    Ok(out)
}

fn read_phrase(
    secrets: &mut Secrets,
    with_passphrase: bool,
) -> Result<(Zeroizing<String>, Zeroizing<String>), String> {
    let phrase = secrets.read("secret phrase: ")?;
    let passphrase = if with_passphrase {
        secrets.read("BIP-39 passphrase: ")?
    } else {
        Zeroizing::new(String::new())
    };
    Ok((phrase, passphrase))
}

pub fn addresses(
    common: &Common,
    secrets: &mut Secrets,
    schemes: &[String],
    start: u32,
    count: u32,
    find: Option<&str>,
    with_passphrase: bool,
) -> Outcome {
    let schemes = parse_schemes(schemes)?;
    let target = find
        .map(parse_address)
        .transpose()
        .map_err(|e| e.to_string())?;
    let (typed, passphrase) = read_phrase(secrets, with_passphrase)?;
    let phrase = Phrase::parse(&typed).map_err(|e| explain(&e))?;
    let seed = phrase.to_seed(&passphrase);
    if let Some(target) = target {
        let found = find_account(&seed, &target, &schemes, count).map_err(|e| e.to_string())?;
        if common.json {
            output::json(
                &json!({"address": to_checksum(&target), "found": found.as_ref().map(|a| json!({
                "scheme": a.scheme.code(), "index": a.index, "path": a.path}))}),
            );
        } else {
            match &found {
                Some(a) => output::line(&format!(
                    "{} is at {} ({} account {})",
                    to_checksum(&target),
                    a.path,
                    a.scheme.code(),
                    a.index
                )),
                None => output::line(&format!(
                    "{} is not among the first {count} accounts of {}",
                    to_checksum(&target),
                    schemes
                        .iter()
                        .map(|s| s.code())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
        return Ok(if found.is_some() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    let accounts = scan_accounts(&seed, &schemes, start, count).map_err(|e| e.to_string())?;
    if common.json {
        output::json(
            &json!({"accounts": accounts.iter().map(|a| json!({"scheme": a.scheme.code(),
            "index": a.index, "path": a.path, "address": to_checksum(&a.address)})).collect::<Vec<_>>()}),
        );
    } else {
        for a in &accounts {
            output::line(&format!(
                "{:<12} {:<22} {}",
                a.scheme.code(),
                a.path,
                to_checksum(&a.address)
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Derives the candidates' addresses on both cores, keeping the search order.
fn rank(
    candidates: Vec<PhraseCandidate>,
    passphrase: &str,
    accounts: u32,
    known: Option<wallet_core::Address>,
) -> Result<Vec<RankedCandidate>, String> {
    let half = candidates.len().div_ceil(2);
    let mut second = candidates;
    let first: Vec<PhraseCandidate> = second.drain(..half).collect();
    let run = |part: Vec<PhraseCandidate>| -> Result<Vec<RankedCandidate>, String> {
        let mut search =
            AddressSearch::new(part, passphrase, accounts, None).map_err(|e| e.to_string())?;
        while !search.is_finished() {
            search.step(64).map_err(|e| e.to_string())?;
        }
        Ok(search.ranked())
    };
    let (a, b) = std::thread::scope(|scope| {
        let handle = scope.spawn(|| run(second));
        let a = run(first);
        (a, handle.join())
    });
    let mut all = a?;
    all.extend(b.map_err(|_| "an address thread failed".to_owned())??);
    for r in &mut all {
        r.known_at = known
            .and_then(|k| r.addresses.iter().position(|a| *a == k))
            .and_then(|i| u32::try_from(i).ok());
    }
    all.sort_by_key(|r| r.known_at.unwrap_or(u32::MAX));
    Ok(all)
}

pub fn assist(
    common: &Common,
    secrets: &mut Secrets,
    address: Option<&str>,
    accounts: u32,
    with_passphrase: bool,
) -> Outcome {
    let known = address
        .map(parse_address)
        .transpose()
        .map_err(|e| e.to_string())?;
    if accounts == 0 || accounts > wallet_core::recovery::MAX_ADDRESSES {
        return Err("--accounts must be 1 to 20".into());
    }
    let (typed, passphrase) = read_phrase(secrets, with_passphrase)?;
    if Phrase::parse(&typed).is_ok() {
        return Err("this phrase is valid as it is: `kura addresses` prints its accounts".into());
    }
    let mut assistant = PhraseAssistant::new(&typed).map_err(|e| e.to_string())?;
    let mut candidates = Vec::new();
    while !assistant.is_finished() {
        candidates.extend(assistant.next_batch(8192));
    }
    if candidates.is_empty() {
        return Err(format!(
            "no single correction gives a valid phrase ({} tried)",
            assistant.tried()
        ));
    }
    if !common.json {
        output::note(&format!(
            "{} candidates from {} attempts; deriving {accounts} addresses of each",
            candidates.len(),
            assistant.tried()
        ));
    }
    let ranked = rank(candidates, &passphrase, accounts, known)?;
    let matches = ranked.iter().filter(|r| r.known_at.is_some()).count();
    if common.json {
        output::json(&json!({"tried": assistant.tried(), "matches": matches,
            "candidates": ranked.iter().map(|r| {
                let c = &r.candidate.correction;
                let mut v = json!({"correction": {"kind": c.code(), "position": c.position(), "word": c.word()},
                    "addresses": r.addresses.iter().map(to_checksum).collect::<Vec<_>>(), "knownAt": r.known_at});
                if common.show_secrets {
                    set(&mut v, "phrase", json!(r.candidate.phrase.to_secret_string().expose_secret()));
                }
                v
            }).collect::<Vec<_>>()}));
    } else {
        if known.is_some() {
            output::line(&match matches {
                0 => "no candidate has that address among its first accounts".to_owned(),
                1 => "1 candidate has that address:".to_owned(),
                n => format!("{n} candidates have that address:"),
            });
        }
        for (i, r) in ranked.iter().enumerate() {
            let c = &r.candidate.correction;
            let what = match (c.code(), c.word()) {
                ("replace", Some(w)) => format!("word {} → {w}", c.position()),
                ("insert", Some(w)) => format!("insert {w} as word {}", c.position()),
                ("swap", _) => format!("swap words {} and {}", c.position(), c.position() + 1),
                _ => format!("remove word {}", c.position()),
            };
            let first = r.addresses.first().map(to_checksum).unwrap_or_default();
            let mark = r
                .known_at
                .map(|a| format!("  ← your address is account {}", a + 1))
                .unwrap_or_default();
            output::line(&format!("{:>5}. {what:<28} {first}{mark}", i + 1));
            if common.show_secrets {
                output::line(&format!(
                    "       {}",
                    r.candidate.phrase.to_secret_string().expose_secret()
                ));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
