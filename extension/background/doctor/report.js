// The support report: what a helper needs to understand a problem, as one text file the person
// downloads and reads before sending it to anyone. A summary for people first, then the
// details: versions, browser, settings, networks (their endpoints' hosts only), the doctor's
// findings and the diagnostic log. Never a phrase, key, password, vault or session key (none
// of them is read here); the person's addresses only when they tick "include my addresses",
// and every other 40-hex-digit value is masked as well.

import { listAccounts } from '../accounts.js';
import { core, coreFacts } from '../core.js';
import { allNetworks } from '../networks.js';
import { currentNetwork, customNetworks, settings } from '../store.js';
import { hostOf, readLog } from './log.js';
import { runChecks } from './index.js';

const ADDRESS = /0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/g;

/** @param {unknown} value @param {boolean} includeAddresses */
const masked = (value, includeAddresses) => {
  const text = JSON.stringify(value, null, 2);
  return includeAddresses ? text : text.replace(ADDRESS, (a) => `${a.slice(0, 4)}…(address left out)`);
};

/**
 * The report's text and a file name for it.
 * @param {{ includeAddresses?: boolean }} options
 */
export async function supportReport({ includeAddresses = false } = {}) {
  const manifest = chrome.runtime.getManifest();
  const [network, custom, prefs, log, checks] = await Promise.all([currentNetwork(), customNetworks(), settings(), readLog(), runChecks({})]);
  const coreVersion = await core().then((w) => w.coreVersion()).catch(() => 'unknown');
  // The instance's memory (MiB, rounded) and how often it was replaced: a memory complaint's facts.
  const instance = await coreFacts()
    .then((f) => ({ memoryMiB: Math.round(f.memoryBytes / 1048576), restarts: f.restarts, compactions: f.compactions }))
    .catch(() => null);
  const accounts = includeAddresses ? ((await listAccounts().catch(() => ({ accounts: [] }))).accounts ?? []).map((/** @type {{ address: string }} */ a) => a.address) : null;
  const details = {
    wallet: { version: manifest.version, core: coreVersion, coreInstance: instance },
    browser: navigator.userAgent,
    language: chrome.i18n.getUILanguage(),
    settings: { autoLockMinutes: prefs.autoLockMinutes ?? null, metaMaskMode: prefs.metaMaskMode ?? null },
    network: { chainId: network.chainId, name: network.name, endpointHost: hostOf(network.rpcUrl) ?? null },
    networks: allNetworks(custom).map((/** @type {any} */ n) => ({ chainId: n.chainId, name: n.name, endpointHost: hostOf(n.rpcUrl) ?? null })),
    findings: checks.findings.map((f) => ({ check: f.check, code: f.code, severity: f.severity, data: f.data ?? {} })),
    checks: { ran: checks.ran, skipped: checks.skipped, failed: checks.failed, ms: checks.ms },
    log,
    ...(accounts ? { accounts } : {}),
  };
  const counts = log.reduce((/** @type {Record<string, number>} */ c, e) => ({ ...c, [e.kind]: (c[e.kind] ?? 0) + 1 }), {});
  const summary = [
    `Kura Wallet support report, ${new Date().toISOString()}`,
    `Wallet ${manifest.version} (core ${coreVersion}), ${navigator.userAgent}`,
    `Network: ${network.name} (chain ${BigInt(network.chainId)}), endpoint ${hostOf(network.rpcUrl) ?? '?'}`,
    checks.findings.length
      ? `The doctor found ${checks.findings.length} problem(s): ${checks.findings.map((f) => `${f.code} (${f.severity})`).join(', ')}`
      : 'The doctor found no problem.',
    log.length ? `Logged events: ${Object.entries(counts).map(([k, n]) => `${k} ×${n}`).join(', ')} (the last on ${new Date(log[log.length - 1].at).toISOString()})` : 'No events logged.',
    includeAddresses ? 'The account addresses are included.' : 'Addresses are left out.',
    'This report holds no secret phrase, key, password or vault. Nobody from any wallet needs those: never send them.',
  ].join('\n');
  const day = new Date().toISOString().slice(0, 10);
  return { filename: `kura-wallet-report-${day}.txt`, text: `${summary}\n\n--- details ---\n${masked(details, includeAddresses)}\n` };
}
