// Restoring from a secret phrase (English or Japanese), with an optional BIP-39 passphrase.
// A refused phrase is shown back as word chips with the wrong word marked and the closest
// words offered in its place. A phrase that does not restore (a wrong or unknown word, two
// words swapped, one missing or one too many) can be handed to the phrase assistant: the
// phrases one correction away that pass the checksum, each with its first address, found in
// steps with a progress bar and a cancel button.

import { call } from '../api.js';
import { busy, byRole, byTestId, clearMessages, q, showError } from '../dom.js';
import { coreCode, showFailure } from '../errors.js';
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
  /** @type {object | null} the search in progress (replaced or cleared to stop it) */
  let running = null;
  /** Candidates shown at most (the count says how many there are). */
  const MAX_SHOWN = 300;

  /** @param {{ correction: string, position: number, word?: string }} c */
  function correctionText(c) {
    const n = String(c.position);
    if (c.correction === 'replace') return t('assistantReplace', [n, c.word ?? '']);
    if (c.correction === 'insert') return t('assistantInsert', [n, c.word ?? '']);
    if (c.correction === 'swap') return t('assistantSwap', [n, String(c.position + 1)]);
    return t('assistantRemove', [n]);
  }

  /** @param {{ phrase: string, correction: string, position: number, word?: string, address: string }} c */
  function candidateItem(c) {
    const li = document.createElement('li');
    li.dataset.testid = 'phrase-candidate';
    li.dataset.address = c.address;
    li.dataset.correction = c.correction;
    const what = document.createElement('span');
    what.textContent = correctionText(c);
    const address = document.createElement('code');
    address.className = 'mono';
    address.textContent = c.address;
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
    li.append(what, ' ', address, ' ', use);
    return li;
  }

  startButton.addEventListener('click', async () => {
    const token = {};
    running = token;
    candidatesList.replaceChildren();
    assistantRun.hidden = false;
    cancelButton.hidden = false;
    startButton.disabled = true;
    progress.value = 0;
    let count = 0;
    try {
      const words = splitWords(phrase.value).map((w) => w.normalize('NFKC').toLowerCase());
      const { id, total } = await call('assistantStart', { phrase: words.join(' '), passphrase: passphrase.value });
      progress.max = Math.max(total, 1);
      for (;;) {
        if (running !== token) {
          await call('assistantCancel');
          assistantStatus.textContent = t('assistantCancelled', [String(count)]);
          break;
        }
        const step = await call('assistantStep', { id });
        progress.value = step.tried;
        for (const c of step.candidates) {
          if (count < MAX_SHOWN) candidatesList.append(candidateItem(c));
          count++;
        }
        assistantStatus.textContent = t('assistantProgress', [String(step.tried), String(step.total), String(count)]);
        if (step.finished) {
          assistantStatus.textContent = count === 0 ? t('assistantNone') : t('assistantDone', [String(count)]);
          break;
        }
      }
    } catch (err) {
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
