// The one registry of codes (extension/common/codes.js) against everything that uses codes:
// every error, risk and finding code has its text and its help article in English and Japanese;
// every code the background produces is registered, with the registry's severity; and the help
// search finds the right article for what people type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTICLES, ERRORS, FINDINGS, RISKS, articleFor, messageKey } from '../../extension/common/codes.js';
import { search } from '../../extension/common/help-search.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const LANGS = ['en', 'ja'];
const messages = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(read(`extension/_locales/${l}/messages.json`))]));
const help = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(read(`extension/help/${l}.json`))]));

/** Every .js file under a folder. @param {string} dir @returns {string[]} */
const sources = (dir) =>
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.js') ? [p] : [];
  });

test('every code has its text in English and Japanese', () => {
  const missing = [];
  for (const lang of LANGS) {
    for (const code of Object.keys(ERRORS)) if (!messages[lang][`error_${code}`]) missing.push(`${lang} error_${code}`);
    for (const code of Object.keys(RISKS)) if (!messages[lang][messageKey('risk', code)]) missing.push(`${lang} ${messageKey('risk', code)}`);
    for (const code of Object.keys(FINDINGS)) if (!messages[lang][messageKey('finding', code)]) missing.push(`${lang} ${messageKey('finding', code)}`);
  }
  assert.deepEqual(missing, []);
});

test('every code has a help article, and every article exists in both languages with all its parts', () => {
  for (const code of [...Object.keys(ERRORS), ...Object.keys(RISKS), ...Object.keys(FINDINGS)]) {
    assert.ok(ARTICLES.includes(articleFor(code)), `${code} → ${articleFor(code)}`);
  }
  for (const lang of LANGS) {
    assert.deepEqual(Object.keys(help[lang]).sort(), [...ARTICLES].sort(), `${lang}: exactly the registry's articles`);
    for (const [id, a] of Object.entries(help[lang])) {
      for (const part of ['title', 'summary', 'body']) assert.ok(typeof a[part] === 'string' && a[part].trim().length > 0, `${lang} ${id}.${part}`);
      assert.ok(Array.isArray(a.keywords) && a.keywords.length > 0, `${lang} ${id}.keywords`);
      assert.doesNotMatch(JSON.stringify(a), /\$/, `${lang} ${id}: no $ (chrome.i18n placeholders)`);
    }
  }
});

test('every code the background produces is registered, with the registry severity', () => {
  const unknown = [];
  for (const file of sources('extension/background')) {
    const text = read(file);
    // walletError('CODE', …) and walletError(cond ? 'A' : 'B', …)
    for (const call of text.matchAll(/walletError\(([^,]+),/g)) {
      for (const [, code] of call[1].matchAll(/'([A-Z_]+)'/g)) if (!ERRORS[code]) unknown.push(`${file}: error ${code}`);
    }
    // the doctor's finding('finding-code', …)
    for (const [, code] of text.matchAll(/\bfinding\('([a-z0-9-]+)'/g)) if (!FINDINGS[code]) unknown.push(`${file}: finding ${code}`);
    // { code: 'risk-code', severity: '…' }
    for (const [, code, severity] of text.matchAll(/code: '([a-z0-9-]+)'(?:, severity: '([a-z]+)')?/g)) {
      if (!RISKS[code]) unknown.push(`${file}: risk ${code}`);
      else if (severity && RISKS[code].severity !== severity) unknown.push(`${file}: ${code} is ${severity}, the registry says ${RISKS[code].severity}`);
    }
  }
  // The core's codes, as docs/wasm-api.md lists them.
  for (const [, code] of read('docs/wasm-api.md').matchAll(/^\| `([A-Z_]+)` \|/gm)) if (!ERRORS[code]) unknown.push(`wasm-api.md: ${code}`);
  assert.deepEqual(unknown, []);
});

test('the help search finds what people type, in the wallet language or the other', () => {
  const articles = (lang) =>
    Object.entries(help[lang]).map(([id, a]) => ({ id, title: a.title, summary: a.summary, keywords: a.keywords.join(' '), body: a.body }));
  const first = (lang, query) => search(articles(lang), query)[0]?.id;
  assert.equal(first('ja', '送金 間違い'), 'wrong-address');
  assert.equal(first('ja', 'フレーズ 忘れた'), 'lost-phrase');
  assert.equal(first('ja', '詰まった'), 'stuck-transaction');
  assert.equal(first('en', 'stuck'), 'stuck-transaction');
  assert.equal(first('en', 'forgot password'), 'forgot-password');
  assert.equal(first('en', 'MetaMask'), 'import-metamask');
  assert.deepEqual(search(articles('en'), 'zzqx'), [], 'nonsense finds nothing');
});
