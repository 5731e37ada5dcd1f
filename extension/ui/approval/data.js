// The approval window's only link to the background: the queue of pending requests, the
// person's answer, unlocking, and being told when the queue changes.

import { call } from '../api.js';

/**
 * @typedef {{ code: string, severity: 'high' | 'medium' | 'info', [field: string]: unknown }} Warning
 * @typedef {{ id: string, type: string, origin: string, embeddedIn?: string | null, createdAt: number, payload: any }} Approval
 * @typedef {{ unlocked: boolean, pending: Approval[] }} Queue
 */

/** @returns {Promise<Queue>} pending requests, oldest first */
export async function fetchQueue() {
  const answer = await call('approvals');
  return {
    unlocked: answer?.unlocked === true,
    pending: Array.isArray(answer?.pending) ? answer.pending : [],
  };
}

/**
 * The person's answer; resolves once the background has carried it out.
 * @param {string} id
 * @param {boolean} approved
 * @param {Record<string, unknown>} [extra] e.g. `{ accounts }` (connect) or `{ fee }` (transaction)
 */
export function decide(id, approved, extra = {}) {
  return call('decideApproval', approved ? { ...extra, id, approved: true } : { id, approved: false });
}


const POLL_MS = 1000;

/**
 * Calls `onChange` whenever the queue may have changed: on a change of `approvals` in
 * chrome.storage.session, and once a second in case an event is missed (the background restarts
 * or the session area is not visible to this page).
 * @param {() => void} onChange
 * @returns {() => void} stops listening
 */
export function watchQueue(onChange) {
  /** @param {Record<string, chrome.storage.StorageChange>} changes @param {string} area */
  const listener = (changes, area) => {
    if (area === 'session' && Object.hasOwn(changes, 'approvals')) onChange();
  };
  chrome.storage.onChanged.addListener(listener);
  const timer = setInterval(onChange, POLL_MS);
  return () => {
    chrome.storage.onChanged.removeListener(listener);
    clearInterval(timer);
  };
}
