// The help center: the bundled articles, offline, in the wallet's language; searched in that
// language first and, when it finds nothing, in the other one (an English word typed into the
// Japanese wallet still finds its article). Article text reaches the page as text only.

import { ARTICLES, articleKeys } from '../../common/codes.js';
import { search } from '../../common/help-search.js';
import { byRole, byTestId, q } from '../dom.js';
import { t } from '../i18n.js';
import * as router from '../router.js';

/** @typedef {import('../../common/help-search.js').Article} Article */

/** The articles in the wallet's language, from chrome.i18n (the build merged them). @returns {Article[]} */
function articles() {
  return ARTICLES.map((id) => {
    const k = articleKeys(id);
    return { id, title: t(k.title), summary: t(k.summary), keywords: t(k.keywords), body: t(k.body) };
  });
}

/**
 * The other language's articles, for a query the first finds nothing for. chrome.i18n gives
 * only the current language, so they are read from the built catalog.
 * @returns {Promise<Article[]>}
 */
async function otherArticles() {
  const other = chrome.i18n.getUILanguage().startsWith('ja') ? 'en' : 'ja';
  const catalog = await (await fetch(chrome.runtime.getURL(`_locales/${other}/messages.json`))).json();
  return ARTICLES.map((id) => {
    const k = articleKeys(id);
    const m = (/** @type {string} */ key) => String(catalog[key]?.message ?? '');
    return { id, title: m(k.title), summary: m(k.summary), keywords: m(k.keywords), body: m(k.body) };
  });
}

/**
 * The article's small markup as elements: paragraphs (blank line between), `## ` headings,
 * `- ` bullets, `1. ` steps.
 * @param {string} text
 */
export function renderBody(text) {
  const out = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.length === 1 && lines[0].startsWith('## ')) {
      const h = document.createElement('h4');
      h.textContent = lines[0].slice(3);
      out.push(h);
    } else if (lines.every((l) => l.startsWith('- '))) {
      const ul = document.createElement('ul');
      for (const l of lines) ul.append(Object.assign(document.createElement('li'), { textContent: l.slice(2) }));
      out.push(ul);
    } else if (lines.every((l) => /^\d+\.\s/.test(l))) {
      const ol = document.createElement('ol');
      for (const l of lines) ol.append(Object.assign(document.createElement('li'), { textContent: l.replace(/^\d+\.\s+/, '') }));
      out.push(ol);
    } else {
      out.push(Object.assign(document.createElement('p'), { textContent: lines.join(' ') }));
    }
  }
  return out;
}

/**
 * @param {HTMLElement} root
 * @param {{ article?: string }} params
 */
export function mountHelp(root, params = {}) {
  const list = articles();
  const finder = byRole(root, 'finder');
  const results = q(root, '.help-results');
  const none = byRole(root, 'help-none');
  /** @type {HTMLInputElement} */
  const input = byTestId(root, 'help-search');
  const view = byTestId(root, 'help-article');

  /** @param {Article[]} shown @param {string} query what they were found for ('' for all) */
  const renderResults = (shown, query) => {
    results.dataset.query = query;
    results.replaceChildren(
      ...shown.map((a) => {
        const li = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'help-result';
        button.dataset.testid = 'help-result';
        button.dataset.article = a.id;
        button.append(Object.assign(document.createElement('strong'), { textContent: a.title }), Object.assign(document.createElement('span'), { className: 'hint', textContent: a.summary }));
        button.addEventListener('click', () => open(a.id));
        li.append(button);
        return li;
      }),
    );
    none.hidden = shown.length > 0;
  };

  let searchRun = 0;
  const runSearch = async () => {
    const run = ++searchRun;
    const query = input.value.trim();
    if (!query) return renderResults(list, '');
    let hits = search(list, query);
    if (hits.length === 0) hits = search(await otherArticles(), query);
    if (run !== searchRun) return; // a newer query is on its way
    renderResults(hits.map((h) => /** @type {Article} */ (list.find((a) => a.id === h.id))), query);
  };

  /** @param {string} id */
  function open(id) {
    const article = list.find((a) => a.id === id);
    if (!article) return;
    view.dataset.article = id;
    q(view, '.help-article-title').textContent = article.title;
    q(view, '.help-article-body').replaceChildren(...renderBody(article.body));
    view.hidden = false;
    finder.hidden = true;
    /** @type {HTMLElement} */ (q(view, '.help-article-title')).focus();
  }
  const showList = () => {
    view.hidden = true;
    finder.hidden = false;
    input.focus();
  };

  input.addEventListener('input', () => void runSearch());
  byRole(root, 'help-list').addEventListener('click', showList);
  byTestId(root, 'help-back').addEventListener('click', () => router.back());
  renderResults(list, '');
  if (params.article) open(params.article);
  else input.focus();
}
