// Auto-lock after a period without activity: on by default (15 minutes), unlike MetaMask and
// Rabby. An alarm survives worker restarts; each activity pushes it back.

import { settings } from './store.js';
import { announceAccounts } from './dapp/connect.js';
import { lock } from './vault.js';

export const ALARM = 'autolock';
export const DEFAULT_AUTO_LOCK_MINUTES = 15;
let lastTouch = 0;

/** Pushes the auto-lock back after activity (at most once a second). */
export async function touch() {
  const now = Date.now();
  if (now - lastTouch < 1000) return;
  lastTouch = now;
  const minutes = (await settings()).autoLockMinutes;
  if (!(minutes > 0)) {
    await chrome.alarms.clear(ALARM);
    return;
  }
  await chrome.alarms.create(ALARM, { when: now + minutes * 60_000 });
}

/** @param {chrome.alarms.Alarm} alarm */
export async function onAlarm(alarm) {
  if (alarm.name !== ALARM) return;
  await lock();
  await announceAccounts();
}

/** After a settings change, the next touch must re-arm at once. */
export function rearm() {
  lastTouch = 0;
  return touch();
}
