// Small DOM helpers shared by the views: finding elements, the one visible form message, busy
// buttons.

/**
 * The element with this data-testid (or data-role) inside root.
 * @param {ParentNode} root @param {string} name
 * @returns {any} typed loosely: callers know whether it is an input, a button, ...
 */
export function byTestId(root, name) {
  return root.querySelector(`[data-testid="${name}"]`);
}

/** @param {ParentNode} root @param {string} name @returns {any} */
export function byRole(root, name) {
  return root.querySelector(`[data-role="${name}"]`);
}

/** @param {ParentNode} root @param {string} selector @returns {any} */
export function q(root, selector) {
  return root.querySelector(selector);
}

const MESSAGE_IDS = ['form-error', 'form-success'];

/**
 * Hides every form message in the page. Only the message being shown carries its data-testid,
 * so that there is exactly one `form-error` (or `form-success`) in the document at a time.
 */
export function clearMessages() {
  for (const id of MESSAGE_IDS) {
    for (const el of document.querySelectorAll(`[data-testid="${id}"]`)) {
      const e = /** @type {HTMLElement} */ (el);
      e.hidden = true;
      e.textContent = '';
      delete e.dataset.testid;
    }
  }
  for (const el of document.querySelectorAll('[aria-invalid="true"]')) {
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.removeAttribute('aria-invalid');
  }
}

/**
 * @param {HTMLElement} el a `.form-error` element
 * @param {string} message
 * @param {HTMLElement} [invalid] the control at fault: marked aria-invalid and focused
 */
export function showError(el, message, invalid) {
  clearMessages();
  el.dataset.testid = 'form-error';
  el.hidden = false;
  el.textContent = message;
  if (invalid) {
    invalid.setAttribute('aria-invalid', 'true');
    invalid.focus();
  }
}

/** @param {HTMLElement} el a `.form-success` element @param {string} message */
export function showSuccess(el, message) {
  clearMessages();
  el.dataset.testid = 'form-success';
  el.hidden = false;
  el.textContent = message;
}

/**
 * Disables a form's buttons and shows a progress text until the returned function is called.
 * @param {HTMLElement} scope form or section whose buttons to disable
 * @param {string} [text] progress text, shown in the scope's `.busy` element
 * @returns {() => void}
 */
export function busy(scope, text = '') {
  const buttons = [...scope.querySelectorAll('button')].filter((b) => !b.disabled);
  for (const b of buttons) b.disabled = true;
  scope.setAttribute('aria-busy', 'true');
  const status = /** @type {HTMLElement | null} */ (scope.querySelector('.busy'));
  if (status) status.textContent = text;
  return () => {
    for (const b of buttons) b.disabled = false;
    scope.removeAttribute('aria-busy');
    if (status) status.textContent = '';
  };
}

/**
 * Hands a file the page made to the browser's downloads (a backup, a support report).
 * @param {string} filename @param {string} content @param {string} type
 */
export function downloadFile(filename, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
