// Home's activity panel: the selected account's transactions on the current network, newest
// first, polled every 2 seconds while home is on screen. A stuck transaction says why, and a
// pending one can be sped up or cancelled (the background opens the approval window).

import { call } from '../api.js';
import { byRole, byTestId } from '../dom.js';
import { coreCode, errorText } from '../errors.js';
import { shortUnits } from '../format.js';
import { maybe, t } from '../i18n.js';
import { units } from './tokens.js';

const POLL_MS = 2000;
/** Activity items shown at first, and added by each "show more". */
const PAGE = 20;

/**
 * @typedef {{ reason: 'fee-low', maxFeePerGas: string, neededFeePerGas: string }
 *   | { reason: 'blocked-by-nonce', blockingNonce: number }} Stuck
 * @typedef {{ symbol: string, decimals: number, amount: string, recipient: string }} Transfer
 * @typedef {{ hash: string, nonce: number, status: 'pending' | 'confirmed' | 'failed' | 'dropped',
 *   kind: 'send' | 'dapp' | 'speedup' | 'cancel', origin: string | null, from: string,
 *   to: string | null, valueWei: string, transfer: Transfer | null, submittedAt: number,
 *   blockNumber: string | null, revertReason: string | null, replacedBy: string | null, droppedReason?: string | null,
 *   explorerUrl: string | null, stuck: Stuck | null, canReplace: boolean }} Item
 * @typedef {{ symbol: string, decimals: number }} Native
 */

/** "0x1234…abcd": enough to tell addresses apart in a list (the approval shows them whole). */
export function shortAddress(/** @type {string | null | undefined} */ address) {
  const a = String(address ?? '');
  return a.length > 12 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a;
}

/** @param {string} tag @param {string} [className] @param {string} [text] */
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text != null) e.textContent = text;
  return e;
}

/** @param {number} ms */
function when(ms) {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return date.toLocaleString(chrome.i18n.getUILanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    return date.toLocaleString();
  }
}

/** What the transaction moves and where, in one line. @param {Item} item @param {Native} native */
function detail(item, native) {
  if (item.kind === 'cancel') return t('activityCancelDetail', [String(item.nonce)]);
  if (item.transfer) {
    const amount = units(item.transfer.amount, item.transfer.decimals) ?? String(item.transfer.amount);
    return t('activitySendTo', [amount, item.transfer.symbol, shortAddress(item.transfer.recipient)]);
  }
  if (!item.to) return t('activityDeploy');
  let value = 0n;
  try {
    value = BigInt(item.valueWei ?? '0');
  } catch {
    /* shown as a call */
  }
  if (value > 0n || item.kind === 'send') {
    const amount = units(String(value), native.decimals) ?? String(item.valueWei);
    return t('activitySendTo', [amount, native.symbol, shortAddress(item.to)]);
  }
  return t('activityCallTo', [shortAddress(item.to)]);
}

/** @param {Stuck} stuck */
function stuckText(stuck) {
  if (stuck.reason === 'fee-low') {
    // Gwei for reading (2.539, not 2.539000884): the comparison is what matters here.
    const gwei = (/** @type {unknown} */ wei) => {
      try {
        return shortUnits(String(wei), 9);
      } catch {
        return '?';
      }
    };
    return t('activityStuckFeeLow', [gwei(stuck.maxFeePerGas), gwei(stuck.neededFeePerGas)]);
  }
  if (stuck.reason === 'blocked-by-nonce') return t('activityStuckBlocked', [String(stuck.blockingNonce)]);
  return t('activityStuckOther');
}

/**
 * @param {HTMLElement} root the activity panel
 * @returns {{ refresh: (opts?: { clear?: boolean }) => Promise<void>, cleanup: () => void }}
 */
export function mountActivity(root) {
  const list = byRole(root, 'activity');
  const empty = byRole(root, 'activity-empty');
  const status = byRole(root, 'activity-status');
  // A page at a time (up to 200 are kept per network and account): the newest PAGE, then more
  // on request. Pending ones are always among the shown, wherever they sort. The wallet sends
  // only what is shown.
  /** @type {HTMLButtonElement} */
  const more = byTestId(root, 'activity-more');
  let limit = PAGE;
  /** A refresh asked for while one is under way (more was clicked): run once it ends. */
  let again = false;
  more.addEventListener('click', () => {
    limit += PAGE;
    if (inFlight) again = true;
    else void refresh();
  });
  /** @type {Map<string, { key: string, li: HTMLElement }>} */
  const shown = new Map();
  /** Messages under an item (after speed-up / cancel), kept across rebuilds. @type {Map<string, { text: string, error: boolean }>} */
  const notes = new Map();
  /** @type {{ chainId: string | null, native: Native }} */
  const net = { chainId: null, native: { symbol: '', decimals: 18 } };
  let request = 0;
  let inFlight = false;
  let stopped = false;

  /** The native coin's symbol, from the wallet's current network. @param {string} chainId */
  async function nativeFor(chainId) {
    if (net.chainId === chainId && net.native.symbol) return net.native;
    try {
      const { network } = await call('getState');
      if (network?.chainId === chainId) {
        net.chainId = chainId;
        net.native = { symbol: String(network.symbol ?? ''), decimals: Number(network.decimals ?? 18) };
      }
    } catch {
      /* the amounts are still shown */
    }
    return net.native;
  }

  /** @param {HTMLElement} li @param {string} hash */
  function renderNote(li, hash) {
    const box = /** @type {HTMLElement} */ (li.querySelector('.activity-note'));
    const note = notes.get(hash);
    box.textContent = note?.text ?? '';
    box.dataset.state = note?.error ? 'error' : 'ok';
    box.hidden = !note;
  }

  /**
   * @param {HTMLElement} li @param {Item} item
   * @param {'speedUp' | 'cancelTx'} command
   */
  async function replace(li, item, command) {
    const buttons = [...li.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    notes.delete(item.hash);
    renderNote(li, item.hash);
    try {
      await call(command, { hash: item.hash });
      notes.set(item.hash, { text: t('activityConfirmInWindow'), error: false });
    } catch (err) {
      const code = coreCode(err);
      notes.set(item.hash, { text: errorText(err), error: true });
      if (code === 'TX_NOT_PENDING') void refresh();
    } finally {
      for (const b of buttons) b.disabled = false;
    }
    // The item may have been rebuilt meanwhile: write into the one on screen.
    renderNote(shown.get(item.hash)?.li ?? li, item.hash);
  }

  /** @param {Item} item @param {Native} native */
  function itemNode(item, native) {
    const li = el('li', 'activity-item');
    li.dataset.testid = 'activity-item';
    li.dataset.hash = item.hash;
    li.dataset.nonce = String(item.nonce);
    li.dataset.status = item.status;
    li.dataset.kind = item.kind;

    const head = el('div', 'activity-head');
    head.append(
      el('strong', 'activity-kind', maybe(`activityKind_${item.kind}`) || item.kind),
      el('span', `activity-status status-${item.status}`, maybe(`activityStatus_${item.status}`) || item.status),
    );
    const what = el('p', 'activity-what', detail(item, native));

    const meta = el('p', 'hint activity-meta');
    const time = document.createElement('time');
    if (Number.isFinite(item.submittedAt)) time.dateTime = new Date(item.submittedAt).toISOString();
    time.textContent = when(item.submittedAt);
    const parts = [time, t('activityNonce', [String(item.nonce)])];
    if (item.origin) parts.push(item.origin);
    meta.append(...parts.flatMap((p, i) => (i ? [' · ', p] : [p])));
    li.append(head, what, meta);

    if (item.status === 'failed' && item.revertReason) li.append(el('p', 'activity-reason', t('activityRevertReason', [item.revertReason])));
    if (item.status === 'dropped' && item.replacedBy) li.append(el('p', 'hint', t('activityReplaced')));
    else if (item.status === 'dropped') li.append(el('p', 'hint activity-dropped', t('activityNonceUsedElsewhere', [String(item.nonce)])));

    if (item.stuck) {
      const stuck = el('p', 'callout warning activity-stuck', stuckText(item.stuck));
      stuck.dataset.testid = 'activity-stuck';
      stuck.dataset.reason = item.stuck.reason;
      li.append(stuck);
    }

    const actions = el('div', 'actions activity-actions');
    if (item.canReplace) {
      const speed = el('button', 'btn secondary small', t('activitySpeedUp'));
      speed.setAttribute('type', 'button');
      speed.dataset.testid = 'activity-speed-up';
      speed.title = t('activitySpeedUpHint');
      speed.addEventListener('click', () => void replace(li, item, 'speedUp'));
      const cancel = el('button', 'btn secondary small', t('activityCancel'));
      cancel.setAttribute('type', 'button');
      cancel.dataset.testid = 'activity-cancel';
      cancel.title = t('activityCancelHint');
      cancel.addEventListener('click', () => void replace(li, item, 'cancelTx'));
      actions.append(speed, cancel);
    }
    if (item.explorerUrl) {
      const link = /** @type {HTMLAnchorElement} */ (el('a', 'link activity-explorer', t('activityExplorer')));
      link.href = item.explorerUrl;
      link.target = '_blank';
      link.rel = 'noreferrer';
      link.dataset.testid = 'activity-explorer';
      actions.append(link);
    }
    if (actions.childElementCount) li.append(actions);

    const note = el('p', 'activity-note');
    note.setAttribute('role', 'status');
    note.hidden = true;
    li.append(note);
    renderNote(li, item.hash);
    return li;
  }

  /**
   * Updates the list in place: an item is rebuilt only when it changed.
   * @param {Item[]} page the newest `limit` and the pending ones @param {number} total how many there are @param {Native} native
   */
  function render(page, total, native) {
    const hidden = total - page.length;
    more.hidden = hidden <= 0;
    if (hidden > 0) more.textContent = t('activityMore', [String(Math.min(PAGE, hidden)), String(hidden)]);
    /** @type {HTMLElement[]} */
    const nodes = [];
    const seen = new Set();
    for (const item of page) {
      if (!item?.hash || seen.has(item.hash)) continue;
      seen.add(item.hash);
      if (item.status !== 'pending') notes.delete(item.hash);
      const key = JSON.stringify([native, item]);
      let entry = shown.get(item.hash);
      if (!entry || entry.key !== key) {
        const li = itemNode(item, native);
        if (entry) entry.li.replaceWith(li);
        entry = { key, li };
        shown.set(item.hash, entry);
      }
      nodes.push(entry.li);
    }
    for (const [hash, entry] of shown) {
      if (!seen.has(hash)) {
        entry.li.remove();
        shown.delete(hash);
      }
    }
    // Insert or move only what is out of place: items already on screen stay attached.
    nodes.forEach((node, i) => {
      if (list.children[i] !== node) list.insertBefore(node, list.children[i] ?? null);
    });
    while (list.children.length > nodes.length) list.lastElementChild?.remove();
    empty.hidden = nodes.length > 0;
  }

  async function refresh({ clear = false } = {}) {
    if (clear) {
      limit = PAGE;
      request++;
      again = false;
      shown.clear();
      notes.clear();
      list.replaceChildren();
      empty.hidden = true;
      status.textContent = '';
      inFlight = false;
    }
    if (inFlight || stopped) return;
    const mine = ++request;
    inFlight = true;
    try {
      const result = await call('activity', { limit });
      if (mine !== request) return;
      const native = await nativeFor(String(result?.chainId ?? ''));
      if (mine !== request) return;
      const items = Array.isArray(result?.items) ? result.items : [];
      render(items, Number.isSafeInteger(result?.total) ? result.total : items.length, native);
      status.textContent = '';
      delete status.dataset.state;
    } catch (err) {
      if (mine !== request) return;
      const text = errorText(err);
      if (status.textContent !== text) status.textContent = text;
      status.dataset.state = 'error';
    } finally {
      if (mine === request) inFlight = false;
    }
    if (again && mine === request) {
      again = false;
      await refresh();
    }
  }

  const timer = setInterval(() => {
    // Home is kept, detached, under settings or the send view: poll only while it is shown.
    if (root.isConnected) void refresh();
  }, POLL_MS);

  return {
    refresh,
    cleanup: () => {
      stopped = true;
      request++;
      clearInterval(timer);
    },
  };
}
