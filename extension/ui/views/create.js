// Creating a wallet: a password, then a new secret phrase to write down, then a check of three
// of its words. The wallet is created only once the check passes.

import { call } from '../api.js';
import { busy, byTestId, clearMessages, q, showError } from '../dom.js';
import { showFailure } from '../errors.js';
import { t } from '../i18n.js';
import { attachMeter, newPasswordProblem } from '../password.js';
import { normalizeWord, pickPositions, renderPhrase, splitWords } from '../phrase.js';
import * as router from '../router.js';

const STEPS = ['password', 'phrase', 'quiz'];

/** @param {HTMLElement} root */
export function mountCreate(root) {
  /** @type {{ password: string, phrase: string, words: string[], positions: number[] }} */
  const state = { password: '', phrase: '', words: [], positions: [] };
  const step = (/** @type {string} */ name) => /** @type {HTMLElement} */ (q(root, `[data-step="${name}"]`));

  /** @param {string} name */
  function go(name) {
    clearMessages();
    for (const s of STEPS) step(s).hidden = s !== name;
    q(root, '[data-role="step"]').textContent = t('stepOf', [String(STEPS.indexOf(name) + 1), String(STEPS.length)]);
    // Focus the first field; on the phrase step, the heading (the phrase is read top-down).
    const first = /** @type {HTMLElement | null} */ (step(name).querySelector('input'));
    (first ?? /** @type {HTMLElement} */ (q(root, '.view-title'))).focus();
    window.scrollTo(0, 0);
  }

  byTestId(root, 'onboarding-back').addEventListener('click', () => {
    if (!step('quiz').hidden) go('phrase');
    else void router.route();
  });

  // Step 1: the password.
  const passwordForm = step('password');
  /** @type {HTMLInputElement} */
  const password = byTestId(passwordForm, 'new-password');
  /** @type {HTMLInputElement} */
  const confirm = byTestId(passwordForm, 'new-password-confirm');
  attachMeter(password, q(passwordForm, '.strength'), q(root, '#create-password-strength'));
  passwordForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearMessages();
    const problem = newPasswordProblem(password.value, confirm.value);
    const error = q(passwordForm, '.form-error');
    if (problem) return showError(error, problem.message, problem.field === 'password' ? password : confirm);
    const done = busy(passwordForm);
    try {
      const { phrase } = await call('generatePhrase', { words: 12, language: 'en' });
      done();
      state.password = password.value;
      state.phrase = phrase;
      state.words = splitWords(phrase);
      renderPhrase(byTestId(root, 'secret-phrase'), state.words);
      go('phrase');
    } catch (err) {
      done();
      showFailure(error, err);
    }
  });

  // Step 2: the phrase, with the warning.
  byTestId(root, 'backup-confirmed').addEventListener('click', () => {
    state.positions = pickPositions(state.words.length, 3);
    renderQuiz();
    go('quiz');
  });

  // Step 3: the check.
  const quiz = step('quiz');
  function renderQuiz() {
    q(quiz, '.quiz-fields').replaceChildren(
      ...state.positions.map((position) => {
        const field = document.createElement('div');
        field.className = 'field';
        const label = document.createElement('label');
        label.htmlFor = `quiz-word-${position}`;
        label.textContent = t('quizWordLabel', [String(position)]);
        const input = document.createElement('input');
        input.id = `quiz-word-${position}`;
        input.type = 'text';
        input.dataset.testid = 'quiz-word';
        input.dataset.index = String(position);
        input.autocomplete = 'off';
        input.spellcheck = false;
        input.setAttribute('autocapitalize', 'off');
        field.append(label, input);
        return field;
      }),
    );
  }
  q(quiz, '[data-action="show-phrase"]').addEventListener('click', () => go('phrase'));
  quiz.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearMessages();
    const error = q(quiz, '.form-error');
    /** @type {HTMLInputElement[]} */
    const inputs = [...quiz.querySelectorAll('input[data-testid="quiz-word"]')].map((el) => /** @type {HTMLInputElement} */ (el));
    const wrong = inputs.filter((input) => {
      const position = Number(input.dataset.index);
      return normalizeWord(input.value) !== normalizeWord(state.words[position - 1]);
    });
    if (wrong.length > 0) {
      const positions = wrong.map((i) => i.dataset.index).join(t('listSeparator'));
      showError(error, t(wrong.length === 1 ? 'quizWrongOne' : 'quizWrongMany', [positions]), wrong[0]);
      for (const input of wrong) input.setAttribute('aria-invalid', 'true');
      return;
    }
    const done = busy(quiz, t('creating'));
    try {
      await call('createWallet', { password: state.password, phrase: state.phrase });
      state.password = '';
      state.phrase = '';
      state.words = [];
      done();
      router.show('home', { notice: t('createdNotice') });
    } catch (err) {
      done();
      showFailure(error, err);
    }
  });

  go('password');
  return {
    cleanup: () => {
      state.password = '';
      state.phrase = '';
      state.words = [];
    },
  };
}
