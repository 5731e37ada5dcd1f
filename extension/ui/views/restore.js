// Restoring from a secret phrase (English or Japanese), with an optional BIP-39 passphrase.
// A refused phrase is shown back as word chips with the wrong word marked and the closest
// words offered in its place. A phrase that does not restore (a wrong or unknown word, two
// words swapped, one missing or one too many) can be handed to the phrase assistant: the
// phrases one correction away that pass the checksum, each with its first address, found in
// steps with a progress bar and a cancel button. With an address the person knows, each
// candidate's first 5 addresses are derived (in WASM, on this device) and the candidates that
// hold it come first; with their consent, the candidates' first addresses (at most 200) are
// checked for a balance or a nonce on a network they choose, and those with activity follow.

import { call } from '../api.js';
import { busy, byRole, byTestId, clearMessages, q, showError } from '../dom.js';
import { coreCode, errorText, showFailure } from '../errors.js';
import { revealHidden } from '../../common/text.js';
import { t } from '../i18n.js';
import { attachMeter, newPasswordProblem } from '../password.js';
import { replaceWord, splitWords } from '../phrase.js';
import * as router from '../router.js';

/** @param {HTMLElement} root */
export function mountRestore(root) {
  const form = /** @type {HTMLFormElement} */ (q(root, 'form'));
  /** @type {HTMLTextAreaElement} */
  const phrase = byTestId(root, 'import-phrase');
  /** @type {HTMLInputElement} */
  const passphrase = byTestId(root, 'import-passphrase');
  /** @type {HTMLInputElement} */
  const password = byTestId(root, 'new-password');
  /** @type {HTMLInputElement} */
  const confirm = byTestId(root, 'new-password-confirm');
  const error = q(form, '.form-error:not([data-role])');
  /** @type {HTMLElement} the message about the phrase, shown just under it */
  const phraseError = q(form, '[data-role="phrase-error"]');
  const check = q(root, '.phrase-check');
  const count = q(root, '#restore-word-count');
  /** @type {{ position: number, suggestions: string[] } | null} the word the core refused */
  let unknown = null;
  const assistant = byRole(root, 'assistant');
  const assistantRun = byRole(root, 'assistant-run');
  const assistantStatus = byRole(root, 'assistant-status');
  const candidatesList = byRole(root, 'assistant-candidates');
  /** @type {HTMLProgressElement} */
  const progress = byTestId(root, 'phrase-assistant-progress');
  /** @type {HTMLButtonElement} */
  const startButton = byTestId(root, 'phrase-assistant-start');
  const cancelButton = byTestId(root, 'phrase-assistant-cancel');
  /** @type {HTMLInputElement} */
  const knownInput = byTestId(root, 'phrase-assistant-known');
  /** @type {HTMLInputElement} */
  const activityBox = byTestId(root, 'phrase-assistant-activity');
  /** @type {HTMLSelectElement} */
  const networkSelect = byTestId(root, 'phrase-assistant-network');
  const networkField = byRole(root, 'assistant-network-field');
  const activityHint = byRole(root, 'assistant-activity-hint');
  const assistantError = byRole(root, 'assistant-error');
  /** @type {object | null} the search in progress (replaced or cleared to stop it) */
  let running = null;
  /** Candidates shown at most (the count says how many there are). */
  const MAX_SHOWN = 300;
  /** Candidates whose first address is checked for activity at most (the background's bound too). */
  const MAX_ACTIVITY = 200;
  /** Addresses per activity request. */
  const ACTIVITY_CHUNK = 10;
  /** @type {{ chainId: string, name: string, rpcUrl: string }[]} */
  let networks = [];

  /** @param {string} url */
  const endpointOf = (url) => {
    try {
      return new URL(url).origin;
    } catch {
      return url;
    }
  };
  const chosenNetwork = () => networks.find((n) => n.chainId === networkSelect.value) ?? networks[0];
  function describeActivity() {
    const n = chosenNetwork();
    activityHint.textContent = t('assistantActivityHint', [String(MAX_ACTIVITY), n ? `${n.name} (${endpointOf(n.rpcUrl)})` : '']);
  }
  call('getState').then((/** @type {any} */ state) => {
    networks = state.networks;
    networkSelect.replaceChildren(
      ...networks.map((n) => {
        const o = document.createElement('option');
        o.value = n.chainId;
        o.textContent = `${revealHidden(n.name)} (${BigInt(n.chainId)})`;
        return o;
      }),
    );
    networkSelect.value = state.network.chainId;
    describeActivity();
  });
  networkSelect.addEventListener('change', describeActivity);
  activityBox.addEventListener('change', () => {
    networkField.hidden = !activityBox.checked;
  });

  /** @param {{ correction: string, position: number, word?: string }} c */
  function correctionText(c) {
    const n = String(c.position);
    if (c.correction === 'replace') return t('assistantReplace', [n, c.word ?? '']);
    if (c.correction === 'insert') return t('assistantInsert', [n, c.word ?? '']);
    if (c.correction === 'swap') return t('assistantSwap', [n, String(c.position + 1)]);
    return t('assistantRemove', [n]);
  }

  /**
   * @typedef {{ phrase: string, correction: string, position: number, word?: string, address: string, knownAt?: number }} Candidate
   * @typedef {{ c: Candidate, li: HTMLLIElement, order: number, activity?: boolean, badge: HTMLElement }} Entry
   */

  /** @param {Candidate} c @param {number} order @returns {Entry} */
  function candidateItem(c, order) {
    const li = document.createElement('li');
    li.dataset.testid = 'phrase-candidate';
    li.dataset.address = c.address;
    li.dataset.correction = c.correction;
    const what = document.createElement('span');
    what.textContent = correctionText(c);
    const address = document.createElement('code');
    address.className = 'mono';
    address.textContent = c.address;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.hidden = true;
    if (c.knownAt !== undefined) {
      li.dataset.known = 'true';
      li.dataset.knownIndex = String(c.knownAt);
      badge.textContent = t('assistantKnownMatch', [String(c.knownAt + 1)]);
      badge.hidden = false;
    }
    const use = document.createElement('button');
    use.type = 'button';
    use.className = 'btn secondary';
    use.dataset.testid = 'phrase-candidate-use';
    use.textContent = t('assistantUse');
    use.addEventListener('click', () => {
      running = null;
      phrase.value = c.phrase;
      unknown = null;
      clearMessages();
      check.hidden = true;
      assistant.hidden = true;
      candidatesList.replaceChildren();
      updateCount();
      password.focus();
    });
    li.append(what, ' ', address, ' ', badge, ' ', use);
    return { c, li, order, badge };
  }

  /** The known address's holders first (by where), then those with activity, then search order. @param {Entry} e */
  const rank = (e) => (e.c.knownAt !== undefined ? e.c.knownAt : e.activity ? 100 : 200);
  /** @param {Entry[]} entries */
  function showRanked(entries) {
    entries.sort((a, b) => rank(a) - rank(b) || a.order - b.order);
    candidatesList.replaceChildren(...entries.slice(0, MAX_SHOWN).map((e) => e.li));
  }

  /** @param {string} state */
  const setState = (state) => {
    progress.dataset.state = state;
  };

  /**
   * Phase two: the first addresses of the best-ranked candidates, asked of the chosen network's
   * endpoint in small chunks. Returns false when stopped.
   * @param {Entry[]} entries @param {object} token
   */
  async function checkActivity(entries, token) {
    const network = chosenNetwork();
    const targets = entries.slice(0, MAX_ACTIVITY);
    setState('activity');
    progress.value = 0;
    progress.max = Math.max(targets.length, 1);
    let active = 0;
    for (let i = 0; i < targets.length; i += ACTIVITY_CHUNK) {
      if (running !== token) {
        assistantStatus.textContent = t('assistantActivityStopped', [String(i), String(targets.length), String(active)]);
        return false;
      }
      const chunk = targets.slice(i, i + ACTIVITY_CHUNK);
      let answer;
      try {
        answer = await call('assistantActivity', { chainId: network.chainId, addresses: chunk.map((e) => e.c.address) });
      } catch (err) {
        setState('failed');
        showError(assistantError, t('assistantActivityFailed', [endpointOf(network.rpcUrl), errorText(err)]));
        assistantStatus.textContent = t('assistantActivityStopped', [String(i), String(targets.length), String(active)]);
        return false;
      }
      answer.results.forEach((/** @type {{ used: boolean }} */ r, /** @type {number} */ j) => {
        const e = chunk[j];
        e.activity = r.used;
        e.li.dataset.activity = String(r.used);
        if (r.used) {
          active++;
          if (e.c.knownAt === undefined) {
            e.badge.textContent = t('assistantActivityMatch', [network.name]);
            e.badge.hidden = false;
          }
        }
      });
      progress.value = i + chunk.length;
      assistantStatus.textContent = t('assistantActivityProgress', [String(i + chunk.length), String(targets.length), String(active)]);
      showRanked(entries);
    }
    assistantStatus.textContent = t('assistantActivityDone', [String(targets.length), String(active), network.name]);
    return true;
  }

  startButton.addEventListener('click', async () => {
    const token = {};
    running = token;
    candidatesList.replaceChildren();
    assistantRun.hidden = false;
    cancelButton.hidden = false;
    startButton.disabled = true;
    progress.value = 0;
    setState('search');
    /** @type {Entry[]} */
    const entries = [];
    try {
      const words = splitWords(phrase.value).map((w) => w.normalize('NFKC').toLowerCase());
      let started;
      try {
        started = await call('assistantStart', { phrase: words.join(' '), passphrase: passphrase.value, knownAddress: knownInput.value.trim() });
      } catch (err) {
        const code = coreCode(err);
        if (code === 'ADDRESS_INVALID' || code === 'ADDRESS_CHECKSUM') {
          setState('failed');
          return showFailure(assistantError, err, { invalid: knownInput });
        }
        throw err;
      }
      const { id, total } = started;
      progress.max = Math.max(total, 1);
      for (;;) {
        if (running !== token) {
          await call('assistantCancel');
          setState('stopped');
          assistantStatus.textContent = t('assistantCancelled', [String(entries.length)]);
          return;
        }
        const step = await call('assistantStep', { id });
        progress.value = step.tried;
        for (const c of step.candidates) entries.push(candidateItem(c, entries.length));
        showRanked(entries);
        assistantStatus.textContent = t('assistantProgress', [String(step.tried), String(step.total), String(entries.length)]);
        if (step.finished) break;
      }
      const known = entries.filter((e) => e.c.knownAt !== undefined).length;
      if (entries.length === 0) {
        setState('done');
        assistantStatus.textContent = t('assistantNone');
        return;
      }
      assistantStatus.textContent = knownInput.value.trim()
        ? known > 0
          ? t('assistantKnownFound', [String(entries.length), String(known)])
          : t('assistantKnownNone', [String(entries.length)])
        : t('assistantDone', [String(entries.length)]);
      if (activityBox.checked && !(await checkActivity(entries, token))) {
        if (progress.dataset.state !== 'failed') setState('stopped');
        return;
      }
      setState('done');
    } catch (err) {
      setState('failed');
      showFailure(phraseError, err);
    } finally {
      cancelButton.hidden = true;
      startButton.disabled = false;
      if (running === token) running = null;
    }
  });
  cancelButton.addEventListener('click', () => {
    running = null;
  });

  byTestId(root, 'onboarding-back').addEventListener('click', () => void router.route());
  attachMeter(password, q(form, '.strength'), q(root, '#restore-password-strength'));

  function renderChips() {
    const words = splitWords(phrase.value);
    const chips = q(check, '.chips');
    chips.replaceChildren(
      ...words.map((word, i) => {
        const li = document.createElement('li');
        li.className = 'chip-word';
        li.dataset.testid = 'phrase-word';
        li.dataset.index = String(i + 1);
        const n = document.createElement('span');
        n.className = 'n';
        n.textContent = String(i + 1);
        li.append(n, document.createTextNode(word));
        if (unknown && unknown.position === i + 1) {
          li.setAttribute('aria-invalid', 'true');
          li.title = t('chipUnknown');
        }
        return li;
      }),
    );
    const suggestions = q(check, '.suggestions');
    suggestions.hidden = !unknown || unknown.suggestions.length === 0;
    q(suggestions, '.suggestion-list').replaceChildren(
      ...(unknown?.suggestions ?? []).map((word) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'chip';
        b.dataset.testid = 'phrase-suggestion';
        b.dataset.word = word;
        b.textContent = word;
        b.setAttribute('aria-label', t('suggestionUse', [word, String(unknown?.position ?? '')]));
        b.addEventListener('click', () => {
          if (!unknown) return;
          phrase.value = replaceWord(phrase.value, unknown.position, word);
          unknown = null;
          clearMessages();
          check.hidden = true;
          updateCount();
          phrase.focus();
        });
        return b;
      }),
    );
    check.hidden = false;
  }

  function updateCount() {
    const n = splitWords(phrase.value).length;
    count.textContent = n === 0 ? '' : n === 1 ? t('wordCountOne') : t('wordCount', [String(n)]);
  }
  phrase.addEventListener('input', () => {
    updateCount();
    if (!check.hidden) renderChips();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearMessages();
    unknown = null;
    check.hidden = true;
    running = null;
    assistant.hidden = true;
    const words = splitWords(phrase.value);
    if (words.length === 0) return showError(phraseError, t('phraseRequired'), phrase);
    const problem = newPasswordProblem(password.value, confirm.value);
    if (problem) return showError(error, problem.message, problem.field === 'password' ? password : confirm);
    const done = busy(form, t('restoring'));
    try {
      const result = await call('restoreWallet', {
        phrase: words.map((w) => w.normalize('NFKC').toLowerCase()).join(' '),
        passphrase: passphrase.value,
        password: password.value,
      });
      phrase.value = '';
      passphrase.value = '';
      password.value = '';
      confirm.value = '';
      done();
      const found = result?.discovery?.found ?? 1;
      const notices = [t('restoredNotice')];
      if (found > 1) notices.push(t('restoreFoundAccounts', [String(found)]));
      if (result?.discovery?.error) notices.push(t('restoreDiscoveryFailed'));
      router.show('home', { notice: notices.join('\n') });
    } catch (err) {
      done();
      const code = coreCode(err);
      if (code?.startsWith('PHRASE_')) {
        assistant.hidden = false;
        assistantRun.hidden = true;
        candidatesList.replaceChildren();
      }
      if (code === 'PHRASE_UNKNOWN_WORD') {
        const d = /** @type {any} */ (err).data;
        unknown = { position: Number(d?.position), suggestions: d?.suggestions ?? [] };
        renderChips();
        showFailure(phraseError, err, { invalid: phrase });
      } else if (code === 'PHRASE_WORD_COUNT' || code === 'PHRASE_CHECKSUM') {
        showFailure(phraseError, err, { invalid: phrase });
      } else if (code === 'PASSWORD_TOO_SHORT') {
        showFailure(error, err, { invalid: password });
      } else {
        showFailure(error, err);
      }
    }
  });

  phrase.focus();
  return {
    cleanup: () => {
      if (running) void call('assistantCancel').catch(() => {});
      running = null;
      phrase.value = '';
      passphrase.value = '';
    },
  };
}
