// `cargo xtask bench --extension`: the built extension as a person uses it, with a small and a
// big wallet, in headless Chromium and Firefox against anvil. Timings are reported, never
// asserted. Both profiles are made here through the wallet's own commands and real on-chain
// transactions (nothing is written into the extension's storage by hand):
//
//   small: 1 account, 1 token, 10 activity entries;
//   big:   100 accounts, 50 tokens, activity over 5 networks (--activity, default 2000),
//          100 connected sites, 20 custom networks.
//
// node bench/extension.mjs [--browsers chromium,firefox] [--runs 15] [--activity 2000]
//                          [--profiles small,big] [--out docs/bench] [--name extension] [--rerender]
// Anvil answers on 127.0.0.1:8585 only (restarted with another --chain-id for each of the big
// profile's other networks); the wallet's "Localhost" reaches it through a counting proxy.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';
import { startAnvil, chainRpc } from '../tests/e2e/support/anvil.mjs';
import { startRpcProxy } from '../tests/e2e/support/rpc-proxy.mjs';
import { serveDir } from '../tests/e2e/support/server.mjs';
import { deployToken } from '../tests/e2e/support/erc20.mjs';
import { ROOT, PAGES_DIR, extensionDir, median } from '../tests/e2e/support/harness.mjs';
import { Approvals, answer, clickApprove, command, start } from '../tests/e2e/support/wallet.mjs';

const { values: opt } = parseArgs({
  options: {
    browsers: { type: 'string', default: process.env.E2E_BROWSERS ?? 'chromium,firefox' },
    runs: { type: 'string', default: '15' },
    activity: { type: 'string', default: '2000' },
    profiles: { type: 'string', default: 'small,big' },
    out: { type: 'string', default: path.join(ROOT, 'docs/bench') },
    name: { type: 'string', default: 'extension' },
    rerender: { type: 'boolean', default: false },
  },
});
const RUNS = Number(opt.runs);
const SLOW_RUNS = Math.max(3, Math.ceil(RUNS / 3)); // unlock and the window rows: ~0.5-1 s each
const PORT = 8585;
const ANVIL = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'correct horse battery';
const MAIN_CHAIN = 31337; // the wallet's built-in Localhost, its RPC URL set to our proxy
const DEV = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'; // anvil's funded account 0
const SINK = '0x000000000000000000000000000000000000dEaD';
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const hex = (n) => '0x' + BigInt(n).toString(16);

const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};
const stats = (xs) => ({ median: median(xs), p95: p95(xs), n: xs.length, runs: xs });

// ---------------------------------------------------------------------------------------------
// The chain: one anvil on 8585, restarted with another chain id when the profile needs it.

let anvil = null;
async function chainOn(chainId) {
  if (anvil) await anvil.stop();
  anvil = await startAnvil({ port: PORT, args: ['--chain-id', String(chainId)] });
  return anvil;
}
/** Funds a wallet account from anvil's unlocked account 0 (on-chain, not the wallet's storage). */
async function fund(address, eth = 1000n) {
  const hash = await chainRpc('eth_sendTransaction', [{ from: DEV, to: address, value: hex(eth * 10n ** 18n) }], ANVIL);
  await chainRpc('eth_getTransactionReceipt', [hash], ANVIL);
}

// ---------------------------------------------------------------------------------------------
// Browser helpers.

/** Firefox: a script in the browser's chrome context (memory reporters, process info). */
async function firefoxChrome(b, handle, body) {
  const { wd } = b.raw;
  await wd('POST', '/window', { handle });
  await wd('POST', '/moz/context', { context: 'chrome' });
  try {
    const r = await wd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        (async () => { ${body} })().then((v) => done({ ok: v }), (e) => done({ err: String((e && e.stack) || e) }));`,
      args: [],
    }, 120_000);
    if (r?.err) throw new Error(r.err);
    return r?.ok;
  } finally {
    await wd('POST', '/moz/context', { context: 'content' });
  }
}

/** Chromium: CDP on the service worker's own target (through the browser session). */
async function chromiumWorkerCdp(b, base) {
  const cdp = await b.raw.browser().newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(base));
  if (!target) throw new Error('no service worker target');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let next = 1;
  const waiting = new Map();
  cdp.on('Target.receivedMessageFromTarget', (ev) => {
    if (ev.sessionId !== sessionId) return;
    const m = JSON.parse(ev.message);
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new Error(m.error.message));
    else w.resolve(m.result);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  return { send, close: () => cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {}).then(() => cdp.detach()) };
}

/** The background's memory after a full GC, as each browser exposes it. */
async function backgroundMemory(b, ctl) {
  if (b.name === 'chromium') {
    await b.startBackground();
    const w = await chromiumWorkerCdp(b, b.extensionBaseUrl);
    try {
      await w.send('HeapProfiler.enable');
      await w.send('HeapProfiler.collectGarbage');
      const heap = await w.send('Runtime.getHeapUsage');
      return {
        jsHeapUsedBytes: heap.usedSize,
        jsHeapTotalBytes: heap.totalSize,
        // ArrayBuffers outside the JS heap, the WASM memories among them (Chromium 130+)
        backingStorageBytes: heap.backingStorageSize ?? null,
      };
    } finally {
      await w.close();
    }
  }
  await b.startBackground();
  const uuid = b.extensionHost;
  return firefoxChrome(b, ctl.raw.handle, `
    const mgr = Cc['@mozilla.org/memory-reporter-manager;1'].getService(Ci.nsIMemoryReporterManager);
    await new Promise((r) => mgr.minimizeMemoryUsage(() => r()));
    let window = 0;
    await new Promise((r) => mgr.getReports((proc, p, kind, units, amount) => {
      // a URL's slashes are backslashes in a report's path
      if (units === Ci.nsIMemoryReporter.UNITS_BYTES && p.startsWith('explicit/') &&
          p.includes('${uuid}') && p.includes('_generated_background_page.html')) window += amount;
    }, null, () => r(), null, false));
    const info = await ChromeUtils.requestProcInfo();
    const ext = info.children.filter((c) => c.type === 'extension');
    return { backgroundWindowExplicitBytes: window, extensionProcessBytes: ext.reduce((s, c) => s + Number(c.memory || 0), 0) };
  `);
}

/**
 * The wallet page from open to interactive: its own document in an iframe of an inert extension
 * page, timed from setting src to the balance shown with every token's row (`data-state`), then
 * to the activity list shown. Polls every 2 ms from the host document.
 */
async function timeHome(host, expectTokens, expectActivity) {
  return host.evaluate(async (tokens, activity) => {
    document.querySelectorAll('iframe').forEach((f) => f.remove());
    const f = document.createElement('iframe');
    f.style.cssText = 'width:360px;height:600px;border:0';
    const t0 = performance.now();
    f.src = 'popup.html';
    document.body.append(f);
    const until = (ok) =>
      new Promise((resolve, reject) => {
        const deadline = t0 + 60_000;
        const tick = () => {
          let d = null;
          try {
            d = f.contentDocument;
          } catch {}
          if (d && d.location.href !== 'about:blank' && ok(d)) return resolve(performance.now() - t0);
          if (performance.now() > deadline) return reject(new Error('home did not become interactive in 60 s: ' + (d?.body?.innerText ?? '').slice(0, 300)));
          setTimeout(tick, 2);
        };
        tick();
      });
    // First amounts on screen: the last known ones (marked) or already the network's.
    const firstShown = await until((d) => {
      if (!d.querySelector('[data-role="account-balance"]:is([data-state="stale"], [data-state="ok"])')) return false;
      return d.querySelectorAll('[data-role="tokens"] .token-row').length >= tokens;
    });
    const interactive = await until((d) => {
      if (!d.querySelector('[data-testid="account-balance"][data-state="ok"]')) return false;
      const panel = d.querySelector('[data-role="tokens-panel"]');
      return !!panel && !panel.hasAttribute('aria-busy') && d.querySelectorAll('[data-testid="token-balance"][data-state]').length >= tokens;
    });
    const shown = await until((d) => d.querySelectorAll('[data-testid="activity-item"]').length >= activity);
    return { firstShown, interactive, activity: shown };
  }, expectTokens, expectActivity);
}

// ---------------------------------------------------------------------------------------------
// Making a profile through the wallet's own paths.

/** A dApp origin of its own (each connected site is a server on its own port). */
const servers = [];
async function newOrigin() {
  const s = await serveDir(PAGES_DIR);
  servers.push(s);
  return s.origin;
}

/** The pending approval from `origin` of `type`, through the approval window's own command. */
async function pendingFrom(ctl, origin, type) {
  for (;;) {
    const r = await command(ctl, 'approvals');
    const a = r.result?.pending.find((x) => (origin === null || x.origin === origin) && x.type === type);
    if (a) return a;
    await new Promise((res) => setTimeout(res, 20));
  }
}

/** Approves as the window does (its `decideApproval` command); returns what the runner returned. */
async function decide(ctl, id, args = {}) {
  const r = await command(ctl, 'decideApproval', { id, approved: true, ...args });
  if (r.error) throw new Error(`decideApproval: ${r.error.message}`);
  return r.result;
}

/** A site connects: eth_requestAccounts from its page, approved for the selected account. */
async function connectSite(b, ctl, origin, account) {
  const page = await b.openPage(origin + '/index.html');
  const id = await start(page, 'eth_requestAccounts');
  const a = await pendingFrom(ctl, origin, 'connect');
  await decide(ctl, a.id, { accounts: [account] });
  const out = await answer(page, id);
  if (out.error) throw new Error(`connect ${origin}: ${out.error.message}`);
  return page;
}

/** A network added as a site proposes it (wallet_addEthereumChain), approved; the wallet switches to it. */
async function addChain(ctl, page, chainId, name, rpcUrl) {
  const origin = new URL(await page.url()).origin;
  const id = await start(page, 'wallet_addEthereumChain', [
    { chainId: hex(chainId), chainName: name, rpcUrls: [rpcUrl], nativeCurrency: { name: 'Bench Ether', symbol: 'BETH', decimals: 18 } },
  ]);
  const a = await pendingFrom(ctl, origin, 'add_chain');
  await decide(ctl, a.id);
  const out = await answer(page, id);
  if (out.error) throw new Error(`add chain ${chainId}: ${out.error.message}`);
}

/** `n` sends from the selected account: the send page's prepareSend, approved as the window does. */
async function sends(ctl, n) {
  for (let i = 0; i < n; i++) {
    const prepared = await command(ctl, 'prepareSend', { asset: 'native', to: SINK, amount: '0.001' });
    if (prepared.error) throw new Error(`prepareSend: ${prepared.error.message}`);
    // prepareSend answers before the request is queued (its id is the outcome's key)
    const a = await pendingFrom(ctl, null, 'transaction');
    await decide(ctl, a.id);
  }
  // The activity follows the chain (automine: every entry is confirmed on this refresh).
  const act = await command(ctl, 'activity');
  if (act.error) throw new Error(`activity: ${act.error.message}`);
  return act.result.total;
}

async function select(ctl, address) {
  const r = await command(ctl, 'selectAccount', { address });
  if (r.error) throw new Error(r.error.message);
}

/**
 * Makes the profile in a fresh browser. Returns what it made and how long it took.
 * @param {any} b @param {'small'|'big'} kind @param {any} proxy counting proxy → anvil
 */
async function makeProfile(b, kind, proxy, chainProxy) {
  const t0 = Date.now();
  const made = { accounts: 0, tokens: 0, activity: 0, activityNetworks: 0, sites: 0, customNetworks: 0 };
  await chainOn(MAIN_CHAIN);
  const ctl = await b.openExtensionPage('NOTICES.txt');
  const must = async (name, args) => {
    const r = await command(ctl, name, args);
    if (r.error) throw new Error(`${name}: ${r.error.message}`);
    return r.result;
  };
  await must('setNetworkRpc', { chainId: hex(MAIN_CHAIN), url: proxy.url });
  await must('switchNetwork', { chainId: hex(MAIN_CHAIN) });
  const { phrase } = await must('generatePhrase', { words: 12 });
  const created = await must('createWallet', { password: PASSWORD, phrase });
  await must('setAutoLock', { minutes: 60 }).catch(() => {});
  const first = created.accounts[0].address;

  // A site whose connect request stays pending while the profile is made keeps the approval
  // window open, so that each approval does not open and close a window of its own.
  const keeper = await b.openPage((await newOrigin()) + '/index.html');
  const keeperRequest = await start(keeper, 'eth_requestAccounts');
  const approvals = new Approvals(b, b.name);
  await approvals.window();

  const perNetwork = kind === 'small' ? 10 : Math.ceil(Number(opt.activity) / 5);
  const senders = kind === 'small' ? 1 : Math.ceil(perNetwork / 200); // the wallet keeps 200 per network and account
  let accounts = [first];
  if (kind === 'big') {
    for (let i = 1; i < 100; i++) accounts = (await must('addAccount', {})).accounts.map((a) => a.address);
    await select(ctl, first);
  }
  made.accounts = accounts.length;

  // The other 4 networks with activity: anvil restarted with their chain ids, each proposed by
  // a site and approved, then sends from `senders` accounts. Only 8585 is used.
  const adder = await connectSite(b, ctl, await newOrigin(), first);
  made.sites++;
  if (kind === 'big') {
    for (let c = 1; c <= 4; c++) {
      const chainId = MAIN_CHAIN + c;
      await chainOn(chainId);
      await addChain(ctl, adder, chainId, `Bench chain ${c}`, ANVIL);
      made.customNetworks++;
      for (let s = 0; s < senders; s++) {
        await fund(accounts[s]);
        await select(ctl, accounts[s]);
        made.activity += await sends(ctl, Math.min(200, perNetwork - s * 200));
      }
      made.activityNetworks++;
      log(`${b.name} ${kind}: network ${c} done, ${made.activity} activity entries, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    await select(ctl, first);
  }

  // The current network: Localhost on a fresh chain, through the counting proxy.
  await chainOn(MAIN_CHAIN);
  await must('switchNetwork', { chainId: hex(MAIN_CHAIN) });
  const tokenCount = kind === 'small' ? 1 : 50;
  for (let i = 0; i < tokenCount; i++) {
    const token = await deployToken({ name: `Bench ${i}`, symbol: `B${i}`, from: DEV, url: ANVIL });
    await must('addToken', { address: token });
  }
  made.tokens = tokenCount;
  for (let s = senders - 1; s >= 0; s--) {
    await fund(accounts[s]);
    await select(ctl, accounts[s]);
    made.activity += await sends(ctl, Math.min(200, perNetwork - s * 200));
  }
  made.activityNetworks++;
  log(`${b.name} ${kind}: current network done, ${made.activity} activity entries, ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  if (kind === 'big') {
    // 16 more custom networks (20 in all): endpoints proposed by a site, answered by a proxy
    // that says each one's chain id when the wallet checks it on approval.
    for (let c = 5; c <= 20; c++) {
      chainProxy.answerChainId(MAIN_CHAIN + c);
      await addChain(ctl, adder, MAIN_CHAIN + c, `Bench chain ${c}`, chainProxy.url);
      made.customNetworks++;
    }
    await must('switchNetwork', { chainId: hex(MAIN_CHAIN) });
    // 100 connected sites in all.
    while (made.sites < 100) {
      const page = await connectSite(b, ctl, await newOrigin(), first);
      await page.close();
      made.sites++;
    }
    log(`${b.name} ${kind}: sites and networks done, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  await select(ctl, first);
  // Let the window go: the keeper's request is refused, and the window closes itself.
  const pending = await pendingFrom(ctl, new URL(await keeper.url()).origin, 'connect');
  await command(ctl, 'decideApproval', { id: pending.id, approved: false });
  await answer(keeper, keeperRequest);
  await keeper.close();
  await approvals.done();
  made.seconds = Math.round((Date.now() - t0) / 1000);
  // Home shows the activity a page at a time (the newest 20, `ui/views/activity.js` PAGE).
  const shown = Math.min((await must('activity', {})).items.length, 20);
  return { made, ctl, adder, first, shownActivity: shown, tokens: tokenCount };
}

// ---------------------------------------------------------------------------------------------
// The measurements.

async function measure(b, kind, proxy, chainProxy) {
  const profile = await makeProfile(b, kind, proxy, chainProxy);
  const { ctl, adder, first } = profile;
  log(`${b.name} ${kind}: profile made in ${profile.made.seconds} s`, profile.made);
  const host = await b.openExtensionPage('NOTICES.txt');
  const r = {};

  // The wallet page, warm (one unrecorded open first), then after a background stop.
  await timeHome(host, profile.tokens, profile.shownActivity);
  const warm = [];
  const warmShown = [];
  const warmActivity = [];
  const rpc = [];
  const rpcCalls = [];
  for (let i = 0; i < RUNS; i++) {
    const before = proxy.calls.length;
    const beforeRequests = proxy.requests.length;
    const t = await timeHome(host, profile.tokens, profile.shownActivity);
    // HTTP requests (a JSON-RPC batch is one) and the JSON-RPC calls in them.
    rpc.push(proxy.requests.length - beforeRequests);
    rpcCalls.push(proxy.calls.length - before);
    warm.push(t.interactive);
    warmShown.push(t.firstShown);
    warmActivity.push(t.activity);
  }
  r.home_warm_shown = stats(warmShown);
  r.home_warm = stats(warm);
  r.home_warm_activity = stats(warmActivity);
  r.rpc_per_home = stats(rpc);
  r.rpc_calls_per_home = stats(rpcCalls);
  r.rpc_methods = {};
  {
    const before = proxy.calls.length;
    await timeHome(host, profile.tokens, profile.shownActivity);
    for (const m of proxy.calls.slice(before)) r.rpc_methods[m] = (r.rpc_methods[m] ?? 0) + 1;
  }
  const cold = [];
  const coldShown = [];
  for (let i = 0; i < SLOW_RUNS; i++) {
    await host.evaluate(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));
    await b.stopBackground();
    const t = await timeHome(host, profile.tokens, profile.shownActivity);
    cold.push(t.interactive);
    coldShown.push(t.firstShown);
  }
  r.home_after_stop_shown = stats(coldShown);
  r.home_after_stop = stats(cold);
  await host.evaluate(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));
  log(`${b.name} ${kind}: home shown ${r.home_warm_shown.median.toFixed(1)} ms, ${r.home_warm.median.toFixed(1)} ms warm, ${r.home_after_stop.median.toFixed(0)} ms after a stop, ${r.rpc_per_home.median} RPC`);

  // What the home page asks the background for, each command timed alone in an extension page:
  // where the page's wait goes.
  for (const [name, args] of [['accounts', {}], ['balance', { address: first }], ['tokens', {}], ['activity', { limit: 20 }]]) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      times.push(
        await ctl.evaluate(async (n, a) => {
          const t0 = performance.now();
          const res = await chrome.runtime.sendMessage({ type: 'ui-request', command: n, args: a });
          if (res.error) throw new Error(res.error.message);
          return performance.now() - t0;
        }, name, args),
      );
    }
    r[`command_${name}`] = stats(times);
  }

  // A site asks to connect (a new origin each time): to the window showing it; approve to the
  // page's answer. Then personal_sign from a connected site, the same two rows.
  const approvals = new Approvals(b, b.name);
  const shown = [];
  const approved = [];
  const signShown = [];
  const signApproved = [];
  for (let i = 0; i < SLOW_RUNS; i++) {
    const origin = await newOrigin();
    const page = await b.openPage(origin + '/index.html');
    let t0 = performance.now();
    const id = await start(page, 'eth_requestAccounts');
    let win = await approvals.expect('connect');
    shown.push(performance.now() - t0);
    await win.waitFor('css=[data-testid="approval-approve"]:not([data-arming])');
    t0 = performance.now();
    await clickApprove(win);
    const out = await answer(page, id);
    approved.push(performance.now() - t0);
    if (out.error) throw new Error(`connect: ${out.error.message}`);
    await approvals.done();

    t0 = performance.now();
    const sid = await start(page, 'personal_sign', ['0x' + Buffer.from(`bench ${i}`).toString('hex'), first]);
    win = await approvals.expect('personal_sign');
    signShown.push(performance.now() - t0);
    await win.waitFor('css=[data-testid="approval-approve"]:not([data-arming])');
    t0 = performance.now();
    await clickApprove(win);
    const signed = await answer(page, sid);
    signApproved.push(performance.now() - t0);
    if (signed.error) throw new Error(`personal_sign: ${signed.error.message}`);
    await approvals.done();
    await page.close();
  }
  r.connect_to_window = stats(shown);
  r.connect_approve_to_answer = stats(approved);
  r.sign_to_window = stats(signShown);
  r.sign_approve_to_answer = stats(signApproved);
  log(`${b.name} ${kind}: connect window ${r.connect_to_window.median.toFixed(0)} ms, answer ${r.connect_approve_to_answer.median.toFixed(0)} ms`);

  // Unlock, timed in the page around the wallet page's own command.
  const unlock = [];
  for (let i = 0; i < SLOW_RUNS; i++) {
    await command(ctl, 'lock');
    unlock.push(
      await ctl.evaluate(async (password) => {
        const t0 = performance.now();
        const res = await chrome.runtime.sendMessage({ type: 'ui-request', command: 'unlock', args: { password } });
        if (res.error) throw new Error(res.error.message);
        return performance.now() - t0;
      }, PASSWORD),
    );
  }
  r.unlock = stats(unlock);

  // A send from the wallet page: submit to the approval window showing it (then rejected).
  const wallet = await b.openExtensionPage('popup.html');
  const send = [];
  for (let i = 0; i < SLOW_RUNS; i++) {
    await wallet.goto(b.extensionBaseUrl + 'popup.html');
    await wallet.waitFor('css=[data-testid="account-balance"][data-state="ok"]');
    await wallet.click('send');
    await wallet.fill('send-to', SINK);
    await wallet.fill('send-amount', '0.001');
    const t0 = performance.now();
    await wallet.click('send-submit');
    await approvals.expect('transaction');
    send.push(performance.now() - t0);
    const a = await pendingFrom(ctl, null, 'transaction');
    await command(ctl, 'decideApproval', { id: a.id, approved: false });
    await approvals.done();
  }
  r.send_to_window = stats(send);
  await wallet.close();
  log(`${b.name} ${kind}: unlock ${r.unlock.median.toFixed(0)} ms, send → window ${r.send_to_window.median.toFixed(0)} ms`);

  // Memory: after that use, then after 2,000 requests from a connected site.
  r.memory_after_use = await backgroundMemory(b, ctl);
  const t0 = performance.now();
  const failures = await adder.evaluate(async (address) => {
    const asks = [['eth_chainId', null], ['eth_blockNumber', null], ['eth_getBalance', [address, 'latest']]];
    let failed = 0;
    for (let i = 0; i < 2000; i++) {
      const [m, p] = asks[i % 3];
      const out = await window.__ask(m, p);
      if (out.error) failed++;
    }
    return failed;
  }, first);
  r.requests_2000_seconds = (performance.now() - t0) / 1000;
  r.requests_2000_failed = failures;
  r.memory_after_2000_requests = await backgroundMemory(b, ctl);
  log(`${b.name} ${kind}: memory`, r.memory_after_use, '→', r.memory_after_2000_requests);
  return { profile: profile.made, shownActivity: profile.shownActivity, results: r };
}

// ---------------------------------------------------------------------------------------------
// The report.

const ROWS = [
  ['home_warm_shown', 'wallet page open → balance and tokens shown (last known or fresh), warm', 'ms'],
  ['home_warm', 'wallet page open → interactive (the network\'s balance and tokens), warm', 'ms'],
  ['home_warm_activity', 'wallet page open → activity list shown, warm', 'ms'],
  ['home_after_stop_shown', 'wallet page open → balance and tokens shown (last known or fresh), after a background stop', 'ms'],
  ['home_after_stop', 'wallet page open → interactive (the network\'s balance and tokens), after a background stop', 'ms'],
  ['connect_to_window', 'eth_requestAccounts (new site) → window shows it', 'ms'],
  ['connect_approve_to_answer', 'connect: Approve → the page has its answer', 'ms'],
  ['sign_to_window', 'personal_sign → window shows it', 'ms'],
  ['sign_approve_to_answer', 'personal_sign: Approve → the page has the signature', 'ms'],
  ['unlock', 'unlock (the command)', 'ms'],
  ['send_to_window', 'send: submit → window shows it', 'ms'],
  ['command_accounts', 'home\'s command `accounts`, alone', 'ms'],
  ['command_balance', 'home\'s command `balance`, alone', 'ms'],
  ['command_tokens', 'home\'s command `tokens` (a balance per token), alone', 'ms'],
  ['command_activity', 'home\'s command `activity`, alone', 'ms'],
  ['rpc_per_home', 'HTTP requests to the RPC endpoint per home render (at the proxy; a batch is one)', ''],
  ['rpc_calls_per_home', 'JSON-RPC calls per home render (in those requests)', ''],
];

const fmtMs = (v, unit) => (unit === 'ms' ? (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`) : String(v));
const mib = (bytes) => (bytes == null ? '—' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);

function markdown(report) {
  const out = [];
  out.push(`Generated ${report.generated} on ${report.machine}; ${report.runs} runs (${report.slowRuns} for the window, unlock and after-stop rows).`, '');
  for (const [browser, both] of Object.entries(report.browsers)) {
    out.push(`#### ${browser}`, '');
    out.push('| | small: median (p95) | big: median (p95) | big / small |', '|---|---|---|---|');
    for (const [id, label, unit] of ROWS) {
      const s = both.small?.results[id];
      const g = both.big?.results[id];
      if (!s || !g) continue;
      const ratio = g.median / s.median;
      out.push(`| ${label} | ${fmtMs(s.median, unit)} (${fmtMs(s.p95, unit)}) | ${fmtMs(g.median, unit)} (${fmtMs(g.p95, unit)}) | ${ratio.toFixed(2)}x ${ratio <= 1.5 ? '' : '**missed**'} |`);
    }
    for (const key of both.big ? Object.keys(both.small?.results.memory_after_use ?? {}) : []) {
      const row = (k) => `${mib(both.small.results[k][key])} | ${mib(both.big.results[k][key])}`;
      out.push(`| memory, ${key}, after the usual use | ${row('memory_after_use')} | |`);
      out.push(`| memory, ${key}, after 2,000 more requests | ${row('memory_after_2000_requests')} | |`);
    }
    const pm = (k) => both[k]?.profile;
    out.push('', `Profiles: small ${JSON.stringify(pm('small'))}; big ${JSON.stringify(pm('big'))} (seconds: the time to make it).`);
    out.push(`RPC methods of one big home render: ${JSON.stringify(both.big?.results.rpc_methods)}; small: ${JSON.stringify(both.small?.results.rpc_methods)}.`, '');
  }
  return out.join('\n') + '\n';
}

function svg(report) {
  const rows = [];
  for (const [browser, both] of Object.entries(report.browsers)) {
    for (const [id, label, unit] of ROWS) {
      if (unit !== 'ms' || !both.small?.results[id] || !both.big?.results[id]) continue;
      rows.push({ label: `${browser}: ${label}`, small: both.small.results[id].median, big: both.big.results[id].median });
    }
  }
  const values = rows.flatMap((r) => [r.small, r.big]).filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const left = 470;
  const width = 1100;
  const plotW = width - left - 150;
  const bar = 11;
  const groupH = 2 * bar + 12;
  const top = 60;
  const height = top + rows.length * groupH + 40;
  const x = (v) => left + (plotW * Math.log10(v / lo)) / Math.log10(hi / lo);
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const o = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`, '<rect width="100%" height="100%" fill="#fff"/>'];
  o.push(`<text x="10" y="20" font-size="14" font-weight="bold">Kura Wallet as a person uses it: small vs big wallet (median, log scale; shorter is faster)</text>`);
  o.push(`<text x="10" y="36" fill="#444">${esc(`${report.machine}; ${report.generated.slice(0, 10)}; target: big within 1.5x of small`)}</text>`);
  o.push(`<rect x="10" y="42" width="11" height="11" fill="#2b6cb0"/><text x="25" y="52">small</text><rect x="80" y="42" width="11" height="11" fill="#dd6b20"/><text x="95" y="52">big</text>`);
  for (let t = lo; t <= hi * 1.0001; t *= 10) {
    o.push(`<line x1="${x(t)}" y1="${top - 4}" x2="${x(t)}" y2="${height - 30}" stroke="#e2e8f0"/><text x="${x(t)}" y="${height - 16}" text-anchor="middle" fill="#444">${fmtMs(t, 'ms')}</text>`);
  }
  rows.forEach((r, i) => {
    const y0 = top + i * groupH;
    const ratio = r.big / r.small;
    o.push(`<text x="${left - 8}" y="${y0 + bar + 4}" text-anchor="end">${esc(r.label)}</text>`);
    o.push(`<text x="${left - 8}" y="${y0 + 2 * bar + 4}" text-anchor="end" fill="${ratio <= 1.5 ? '#276749' : '#9b2c2c'}">${ratio.toFixed(2)}x</text>`);
    [['#2b6cb0', r.small], ['#dd6b20', r.big]].forEach(([c, v], j) => {
      const y = y0 + j * (bar + 1);
      o.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(v) - left)}" height="${bar}" fill="${c}"/><text x="${x(v) + 4}" y="${y + bar - 2}">${fmtMs(v, 'ms')}</text>`);
    });
  });
  o.push('</svg>');
  return o.join('\n') + '\n';
}

function write(report) {
  mkdirSync(opt.out, { recursive: true });
  const base = path.join(opt.out, opt.name);
  writeFileSync(base + '.json', JSON.stringify(report, null, 2) + '\n');
  writeFileSync(base + '.md', markdown(report));
  writeFileSync(base + '.svg', svg(report));
  log(`wrote ${base}.{json,md,svg}`);
}

async function main() {
  const file = path.join(opt.out, `${opt.name}.json`);
  if (opt.rerender) return write(JSON.parse(readFileSync(file, 'utf8')));
  const cpu = os.cpus()[0]?.model ?? '?';
  const report = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { browsers: {} };
  Object.assign(report, { generated: new Date().toISOString(), machine: `${cpu.trim()}, ${os.cpus().length} cores`, runs: RUNS, slowRuns: SLOW_RUNS, activityAsked: Number(opt.activity) });
  const proxy = await startRpcProxy({ target: ANVIL });
  const chainProxy = await startRpcProxy({ target: ANVIL });
  try {
    for (const name of opt.browsers.split(',').filter(Boolean)) {
      report.browsers[name] ??= {};
      for (const kind of opt.profiles.split(',')) {
        const b = await launchBrowser(/** @type {any} */ (name), { extensionDir: extensionDir(name), timeout: 120_000 });
        try {
          report.browsers[name][kind] = await measure(b, kind, proxy, chainProxy);
        } finally {
          await b.close();
        }
        write(report);
      }
    }
  } finally {
    await proxy.close();
    await chainProxy.close();
    for (const s of servers) await s.close().catch(() => {});
    if (anvil) await anvil.stop();
  }
  console.log('\n' + markdown(report));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
