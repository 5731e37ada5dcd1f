//! The phishing guard against real hosts: the bundled lists, the cases of
//! `tests/vectors/risk/phishing-hosts.json`, and the legitimate hosts of
//! `tests/vectors/risk/legitimate-hosts.json` (none may be flagged).

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::print_stdout)]

use serde_json::Value;
use wallet_risk::{PhishingGuard, PhishingList, SuffixList};

fn data(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/data/phishing/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn vectors(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/vectors/risk/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn guards() -> (PhishingGuard, PhishingGuard) {
    let list = data("eth-phishing-detect-config.json");
    let psl = data("public_suffix_list.dat");
    let bundled = PhishingGuard::new(&list, &psl).unwrap();
    let none = PhishingGuard::from_parts(
        PhishingList::new(Vec::new(), Vec::new()).unwrap(),
        SuffixList::parse(&psl).unwrap(),
    )
    .unwrap();
    (bundled, none)
}

#[test]
fn bundled_lists_pass_their_own_checks() {
    let (guard, _) = guards();
    let info = guard.list_info();
    assert_eq!(
        (info.format_version, info.blocked, info.allowed),
        (2, 13_752, 1_138)
    );
    let psl = SuffixList::parse(&data("public_suffix_list.dat")).unwrap();
    assert!(psl.rules() > 9_000);
    assert_eq!(
        psl.registrable("a.b.metamask.co.uk"),
        Some("metamask.co.uk")
    );
    assert_eq!(
        psl.registrable("uniswap.vercel.app"),
        Some("uniswap.vercel.app")
    );
    assert_eq!(psl.registrable("github.io"), None);
    assert_eq!(psl.registrable("www.xn--fiqs8s"), Some("www.xn--fiqs8s"));
    assert_eq!(
        psl.registrable("a.xn--55qx5d.cn"),
        Some("a.xn--55qx5d.cn"),
        "公司.cn, a Unicode rule"
    );
}

#[test]
fn a_refreshed_list_replaces_the_bundled_one_only_if_it_passes() {
    let (mut guard, _) = guards();
    let truncated = &data("eth-phishing-detect-config.json")[..100_000];
    assert!(guard.replace_list(truncated).is_err());
    assert_eq!(guard.list_info().blocked, 13_752, "the old list stays");
    assert!(
        guard
            .replace_list(
                r#"{"version":2,"tolerance":2,"fuzzylist":[],"whitelist":[],"blacklist":[]}"#
            )
            .is_err()
    );
    let entries: Vec<String> = (0..1000).map(|i| format!("bad{i}.example")).collect();
    let small = serde_json::json!({"version": 3, "tolerance": 1, "fuzzylist": [], "whitelist": [], "blacklist": entries});
    let info = guard.replace_list(&small.to_string()).unwrap();
    assert_eq!((info.format_version, info.blocked), (3, 1000));
    assert!(guard.check("x.bad7.example").phishing);
    assert!(
        !guard
            .check("metamask.com")
            .reason
            .is_some_and(|r| r == wallet_risk::PhishingReason::Listed)
    );
}

#[test]
fn cases() {
    let (bundled, none) = guards();
    let file = vectors("phishing-hosts.json");
    let cases = file["cases"].as_array().unwrap();
    assert_eq!(file["count"], cases.len());
    for case in cases {
        let host = case["host"].as_str().unwrap();
        let guard = if case["list"] == "bundled" {
            &bundled
        } else {
            &none
        };
        let verdict = serde_json::to_value(guard.check(host)).unwrap();
        assert_eq!(verdict["phishing"], case["phishing"], "{host}: {verdict}");
        assert_eq!(verdict["reason"], case["reason"], "{host}: {verdict}");
        assert_eq!(verdict["imitates"], case["imitates"], "{host}: {verdict}");
    }
}

/// The false-positive measurement: every legitimate host passes.
#[test]
fn no_legitimate_host_is_flagged() {
    let (guard, _) = guards();
    let file = vectors("legitimate-hosts.json");
    let mut checked = 0;
    let mut flagged = Vec::new();
    for group in file["groups"].as_array().unwrap() {
        for host in group["hosts"].as_array().unwrap() {
            let host = host.as_str().unwrap();
            checked += 1;
            let verdict = guard.check(host);
            if verdict.phishing {
                flagged.push(format!(
                    "{host} ({:?} {:?})",
                    verdict.reason, verdict.imitates
                ));
            }
        }
    }
    assert_eq!(checked, file["count"].as_u64().unwrap() as usize);
    assert!(checked >= 200);
    assert!(
        flagged.is_empty(),
        "{} of {checked} flagged: {flagged:?}",
        flagged.len()
    );
}

/// How the look-alike rules alone do on the list's own hosts (measured, reported in the
/// README): its blocklist (real phishing hosts) and its whitelist (legitimate hosts, most of
/// them added after its fuzzy match flagged them).
#[test]
fn lookalike_rules_alone_on_the_lists_hosts() {
    let (_, none) = guards();
    let config: Value = serde_json::from_str(&data("eth-phishing-detect-config.json")).unwrap();
    let count = |key: &str| {
        let hosts = config[key].as_array().unwrap();
        let flagged = hosts
            .iter()
            .filter(|h| none.check(h.as_str().unwrap()).phishing)
            .count();
        (flagged, hosts.len())
    };
    let (blocked, blocked_total) = count("blacklist");
    let (allowed, allowed_total) = count("whitelist");
    println!(
        "look-alike rules alone: {blocked}/{blocked_total} listed hosts, {allowed}/{allowed_total} whitelisted hosts"
    );
    assert!(blocked >= 2_500, "detection fell: {blocked}");
    assert!(allowed <= 40, "more whitelisted hosts flagged: {allowed}");
}
