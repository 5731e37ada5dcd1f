// The approval window. The background opens it when a site's request needs the person; it shows
// the pending requests one after another (oldest first), after the unlock form when the wallet
// is locked, and closes itself when none is left. Closing it is answered by the background (it
// rejects what was shown). A request the site withdrew (its tab closed) is not silently replaced
// by the next one under the person's cursor: the window says so and waits for "next".

import { LOCKED_EVENT } from '../api.js';
import { busy, clearMessages, q } from '../dom.js';
import { errorText, showFailure } from '../errors.js';
import { localize, t } from '../i18n.js';
import { decide, fetchQueue, watchQueue } from './data.js';
import { mountUnlock } from './unlock.js';
import { mountApproval } from './view.js';

/**
 * @typedef {import('./data.js').Queue} Queue
 * @typedef {import('./data.js').Approval} Approval
 * @typedef {{ kind: 'loading' | 'fatal' | 'done' | 'withdrawn' }
 *   | { kind: 'unlock', node: HTMLElement, unlock: ReturnType<typeof mountUnlock> }
 *   | { kind: 'approval', node: HTMLElement, id: string, failed: boolean, mounted: ReturnType<typeof mountApproval> }} Screen
 */

const main = /** @type {HTMLElement} */ (document.getElementById('view'));
const queueBadge = /** @type {HTMLElement} */ (document.getElementById('queue'));

/** @type {Screen} */
let screen = { kind: 'loading' };
/** @type {Queue | null} */
let last = null;
/** True while an answer is being carried out: the queue may change under it, the screen must not. */
let deciding = false;
/** The requests this window answered: when one leaves the queue, that is not a withdrawal. */
const answered = new Set();

/** @param {string} id @returns {HTMLElement} */
function fromTemplate(id) {
  const tpl = /** @type {HTMLTemplateElement} */ (document.getElementById(`tpl-${id}`));
  const node = /** @type {HTMLElement} */ (tpl.content.firstElementChild?.cloneNode(true));
  localize(node);
  return node;
}

/** @param {Screen} next @param {HTMLElement} node */
function show(next, node) {
  if (screen.kind === 'unlock') screen.unlock.cleanup();
  screen = next;
  main.replaceChildren(node);
  document.body.dataset.view = next.kind;
  window.scrollTo(0, 0);
}

function updateBadge() {
  const total = last?.pending.length ?? 0;
  const id = screen.kind === 'approval' ? screen.id : null;
  const index = id === null ? -1 : (last?.pending.findIndex((a) => a.id === id) ?? -1);
  if (total < 2 || index < 0) {
    queueBadge.hidden = true;
    return;
  }
  queueBadge.hidden = false;
  queueBadge.textContent = t('approvalQueue', [String(index + 1), String(total)]);
  queueBadge.dataset.position = String(index + 1);
  queueBadge.dataset.total = String(total);
}

/** @param {Queue} queue */
function showUnlock(queue) {
  if (screen.kind !== 'unlock') {
    const node = fromTemplate('unlock');
    const unlock = mountUnlock(node, { onUnlocked: () => void refresh() });
    show({ kind: 'unlock', node, unlock }, node);
    /** @type {HTMLElement} */ (q(node, '[data-testid="unlock-password"]')).focus();
  }
  if (screen.kind === 'unlock') screen.unlock.setWaiting(queue.pending.map((a) => a.origin));
}

// The answers stay in view at the bottom (and the header at the top): scrolling an element into
// view (keyboard focus, a test driver's click) must leave room for them.
const padding = new ResizeObserver(() => {
  const footer = main.querySelector('.approval-footer');
  const header = document.querySelector('.bar');
  const root = document.documentElement.style;
  root.scrollPaddingBottom = footer ? `${footer.getBoundingClientRect().height + 8}px` : '';
  root.scrollPaddingTop = header ? `${header.getBoundingClientRect().height + 8}px` : '';
});

/** The shown request left the queue without an answer from here: say so, then wait for "next". */
function showWithdrawn() {
  const node = fromTemplate('withdrawn');
  show({ kind: 'withdrawn' }, node);
  const next = /** @type {HTMLButtonElement} */ (q(node, '[data-testid="approval-next"]'));
  next.addEventListener('click', () => {
    const first = last?.pending[0];
    if (first) showApproval(first);
    else void closeWhenEmpty();
    updateBadge();
  });
  /** @type {HTMLElement} */ (q(node, '#withdrawn-title')).focus({ preventScroll: true });
}

/** @param {Approval} approval */
function showApproval(approval) {
  const node = fromTemplate('approval');
  const mounted = mountApproval(node, approval, { onAnswer: (approved, args) => void answer(approval, approved, args) });
  show({ kind: 'approval', node, id: approval.id, failed: false, mounted }, node);
  padding.disconnect();
  padding.observe(/** @type {HTMLElement} */ (q(node, '.approval-footer')));
  /** @type {HTMLElement} */ (q(node, '#approval-title')).focus({ preventScroll: true });
}

const CLOSE_GRACE_MS = 800;
let closing = false;
/**
 * Nothing is left: say so, then close, unless a request arrives meanwhile. A site often sends its
 * next request right after the answer to the last one, and the background then reuses this
 * window: closing at once could lose it.
 */
async function closeWhenEmpty() {
  closing = true;
  try {
    if (screen.kind !== 'done') show({ kind: 'done' }, fromTemplate('done'));
    updateBadge();
    await new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS));
    const queue = await fetchQueue().catch(() => null);
    if (!queue) return; // the next poll tries again
    if (queue.pending.length > 0) return apply(queue);
    // A window the background opened closes; a tab a person opened by hand stays, showing "done".
    if (screen.kind === 'done') window.close();
  } finally {
    closing = false;
  }
}

/** @param {Queue} queue */
function apply(queue) {
  last = queue;
  if (deciding) return;
  if (screen.kind === 'approval' && screen.failed) return updateBadge();
  if (queue.pending.length === 0) {
    if (!closing) void closeWhenEmpty();
    return updateBadge();
  }
  if (!queue.unlocked) {
    showUnlock(queue);
    return updateBadge();
  }
  if (screen.kind === 'withdrawn') return updateBadge();
  const id = screen.kind === 'approval' ? screen.id : null;
  const shown = queue.pending.find((a) => a.id === id);
  if (!shown) {
    if (id && !answered.has(id)) showWithdrawn();
    else showApproval(queue.pending[0]);
  }
  updateBadge();
}

/** @param {unknown} err */
function showFatal(err) {
  // A request already on screen stays: the 1 s poll tries again.
  if (screen.kind === 'approval' || screen.kind === 'unlock') return;
  const node = fromTemplate('fatal');
  /** @type {HTMLElement} */ (q(node, '[data-testid="fatal-error"]')).textContent = errorText(err);
  if (screen.kind !== 'fatal') show({ kind: 'fatal' }, node);
  else main.replaceChildren(node);
}

/** EIP-1193 "user rejected the request". */
const USER_REJECTED = 4001;

let running = false;
let again = false;
/** Reads the queue and shows what it calls for; calls made meanwhile are merged into one more. */
async function refresh() {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      try {
        apply(await fetchQueue());
      } catch (err) {
        showFatal(err);
      }
    } while (again);
  } finally {
    running = false;
  }
}

/**
 * @param {Approval} approval
 * @param {boolean} approved
 * @param {Record<string, unknown>} args
 */
async function answer(approval, approved, args) {
  if (screen.kind !== 'approval' || screen.id !== approval.id || deciding) return;
  const current = screen;
  if (current.failed) {
    // Already answered (it failed); this button only moves on.
    current.failed = false;
    current.id = '';
    return void refresh();
  }
  const section = current.node;
  clearMessages();
  deciding = true;
  answered.add(approval.id);
  section.dataset.answered = approved ? 'approve' : 'reject';
  const done = busy(section, approved ? (section.dataset.busyApprove ?? '') : t('approvalRejecting'));
  try {
    await decide(approval.id, approved, args);
    // The buttons stay disabled: the next request (or the end) replaces this one.
    deciding = false;
    await refresh();
  } catch (err) {
    if (!approved && /** @type {any} */ (err)?.code === USER_REJECTED) {
      // The background may answer a rejection with the error the site receives (4001): done.
      deciding = false;
      await refresh();
      return;
    }
    // Keep the request on screen with the reason. If the background still holds it, the person
    // may try again or reject; if not, the only way on is the (relabelled) reject button.
    /** @type {Queue | null} */
    let queue = null;
    try {
      queue = await fetchQueue();
    } catch {
      // unknown: treat it as still pending
    }
    done();
    const stillPending = !queue || queue.pending.some((a) => a.id === approval.id);
    if (!stillPending) {
      current.failed = true;
      current.mounted.approve?.remove();
      current.mounted.reject.textContent = t('approvalDismiss');
      q(section, '.actions').classList.add('single');
    } else {
      current.mounted.refreshReady();
    }
    showFailure(/** @type {HTMLElement} */ (q(section, '.form-error')), err);
    deciding = false;
    if (queue) apply(queue);
  }
}

// The window coming back into view (focused, uncovered) re-arms Approve: a window that pops up
// under a click must not take that click as an answer.
const rearm = () => {
  if (screen.kind === 'approval') screen.mounted.arm();
};
window.addEventListener('focus', rearm);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') rearm();
});

localize();
document.title = t('approvalWindowTitle');
show({ kind: 'loading' }, fromTemplate('loading'));
watchQueue(() => void refresh());
window.addEventListener(LOCKED_EVENT, () => void refresh());
void refresh();
