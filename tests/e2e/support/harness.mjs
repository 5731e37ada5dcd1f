// What every end-to-end test file shares: which browsers, where the built extension is, and a
// place to record measurements (BENCHMARKS.md quotes them; nothing here asserts a time).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Both by default; E2E_BROWSERS=chromium (or firefox) narrows it while developing. */
export const BROWSERS = (process.env.E2E_BROWSERS ?? 'chromium,firefox').split(',').filter(Boolean);

/** @param {string} browser 'chromium' | 'firefox' */
export function extensionDir(browser) {
  const dir = path.join(ROOT, 'dist', browser === 'chromium' ? 'chrome' : 'firefox');
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`${dir} is not built: run cargo xtask dist`);
  }
  return dir;
}

export const PAGES_DIR = path.join(ROOT, 'tests/e2e/pages');
export const SCREENSHOTS_DIR = path.join(ROOT, 'target/screenshots');
fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
const METRICS_FILE = path.join(ROOT, 'target/e2e-metrics.json');

/** Adds one measurement to target/e2e-metrics.json. */
export function recordMetric(name, value, unit) {
  let all = {};
  try {
    all = JSON.parse(fs.readFileSync(METRICS_FILE, 'utf8'));
  } catch {}
  all[name] = { value, unit, at: new Date().toISOString() };
  fs.mkdirSync(path.dirname(METRICS_FILE), { recursive: true });
  fs.writeFileSync(METRICS_FILE, JSON.stringify(all, null, 2) + '\n');
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Polls fn until it returns a truthy value or the time is up. */
export async function eventually(fn, { timeout = 5000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}; last: ${last}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
