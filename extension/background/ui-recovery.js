// The phrase assistant for the restore page: one search at a time, in bounded steps that the
// page asks for one after another (so it can show progress and stop). The candidates go back
// to the page that typed the phrase; nothing is stored.

import { core } from './core.js';
import { walletError } from './errors.js';

/** Phrases tried per step (about a quarter of a second in WASM). */
const STEP = 2000;

/** @type {{ id: string, assistant: any } | null} */
let search = null;

function stop() {
  if (!search) return;
  try {
    search.assistant.free();
  } catch {
    // a broken instance: nothing to free
  }
  search = null;
}

/** @type {Record<string, (args: any) => Promise<unknown>>} */
export const RECOVERY_COMMANDS = {
  async assistantStart({ phrase, passphrase = '' }) {
    if (typeof phrase !== 'string' || typeof passphrase !== 'string') {
      throw walletError('INVALID_INPUT', 'the phrase and passphrase must be text', { field: 'phrase' });
    }
    stop();
    const c = await core();
    const assistant = new c.PhraseAssistant(phrase, passphrase);
    search = { id: crypto.randomUUID(), assistant };
    return { id: search.id, total: assistant.total() };
  },
  async assistantStep({ id }) {
    if (!search || search.id !== id) throw walletError('INVALID_INPUT', 'this search was stopped', { field: 'id' });
    const { assistant } = search;
    const candidates = assistant.step(STEP);
    const result = { tried: assistant.tried(), total: assistant.total(), finished: assistant.isFinished(), candidates };
    if (result.finished) stop();
    return result;
  },
  async assistantCancel() {
    stop();
    return null;
  },
};
