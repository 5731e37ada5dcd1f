// The address book (settings): the addresses the person sent to, filled from confirmed sends,
// and any they add; each can be named or removed. The send page suggests them, and the
// look-alike check compares every recipient against them.

import { call } from '../api.js';
import { busy, byRole, byTestId, clearMessages, q, showError } from '../dom.js';
import { errorText, showFailure } from '../errors.js';
import { renderAddress } from '../format.js';
import { t } from '../i18n.js';

/** @typedef {{ address: string, name: string | null }} Contact */

/** @param {HTMLElement} root the contacts panel */
export function mountContacts(root) {
  const list = byRole(root, 'contacts');
  const status = byRole(root, 'contacts-status');
  const form = byRole(root, 'contact-form');
  /** @type {HTMLInputElement} */
  const addressInput = byTestId(root, 'contact-address');
  /** @type {HTMLInputElement} */
  const nameInput = byTestId(root, 'contact-new-name');

  /** @param {string} text @param {boolean} [error] */
  const say = (text, error = false) => {
    status.textContent = text;
    if (error) status.dataset.state = 'error';
    else delete status.dataset.state;
  };

  /** @param {Contact} c */
  function item(c) {
    const li = document.createElement('li');
    li.className = 'contact';
    li.dataset.testid = 'contact-item';
    li.dataset.address = c.address;
    const address = document.createElement('p');
    address.className = 'address small';
    renderAddress(address, c.address);
    const row = document.createElement('div');
    row.className = 'row';
    const name = document.createElement('input');
    name.type = 'text';
    name.maxLength = 40;
    name.value = c.name ?? '';
    name.placeholder = t('contactUnnamed');
    name.dataset.testid = 'contact-name';
    name.setAttribute('aria-label', t('contactNameFor', [c.address]));
    const save = document.createElement('button');
    save.type = 'button';
    save.className = 'btn secondary small';
    save.dataset.testid = 'contact-save';
    save.textContent = t('save');
    save.addEventListener('click', async () => {
      try {
        render(await call('saveContact', { address: c.address, name: name.value }));
        say(t('contactSaved'));
      } catch (err) {
        say(errorText(err), true);
      }
    });
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'btn secondary small';
    remove.dataset.testid = 'contact-remove';
    remove.textContent = t('contactRemove');
    remove.setAttribute('aria-label', t('contactRemoveLabel', [c.name || c.address]));
    remove.addEventListener('click', async () => {
      try {
        render(await call('removeContact', { address: c.address }));
        say(t('contactRemoved'));
      } catch (err) {
        say(errorText(err), true);
      }
    });
    row.append(name, save, remove);
    li.append(address, row);
    return li;
  }

  /** @param {Contact[]} contacts */
  function render(contacts) {
    if (!contacts.length) {
      const empty = document.createElement('li');
      empty.className = 'hint';
      empty.textContent = t('contactsEmpty');
      list.replaceChildren(empty);
      return;
    }
    list.replaceChildren(...contacts.map(item));
  }

  form.addEventListener('submit', async (/** @type {Event} */ e) => {
    e.preventDefault();
    clearMessages();
    const error = q(form, '.form-error');
    if (!addressInput.value.trim()) return showError(error, t('contactAddressRequired'), addressInput);
    const done = busy(form);
    try {
      render(await call('saveContact', { address: addressInput.value.trim(), name: nameInput.value }));
      done();
      addressInput.value = '';
      nameInput.value = '';
      say(t('contactSaved'));
    } catch (err) {
      done();
      showFailure(error, err, { invalid: addressInput });
    }
  });

  call('addressBook').then(render, (err) => say(errorText(err), true));
}
