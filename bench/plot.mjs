// The bench's plot: per operation, horizontal bars on a log time axis for our WASM and the
// JavaScript libraries in each browser that ran, and our native build, with the ratio
// ours/theirs per browser. Plain SVG, no library. Also the report's per-browser field names,
// which bench/run.mjs writes and both read.

/** The browsers the page runs in, in the order they run and are shown. */
export const BROWSERS = ['chromium', 'firefox'];
export const BROWSER_NAMES = { chromium: 'Chromium', firefox: 'Firefox' };
/**
 * A result row holds each browser's figures under the same names with this suffix. Chromium's
 * have none: they are the names of the reports from before Firefox ran too.
 */
export const SUFFIX = { chromium: '', firefox: '_firefox' };

/** One browser's figures of a result row (undefined or null where it did not run). */
export function figures(r, b) {
  const s = SUFFIX[b];
  return {
    ours: r[`ours_wasm_ms${s}`], theirs: r[`theirs_js_ms${s}`], alt: r[`theirs_alt_ms${s}`],
    ratio: r[`ours_over_theirs${s}`], wasmNative: r[`wasm_over_native${s}`],
    met: r[`target_met${s}`], same: r[`same_output${s}`],
  };
}

// Firefox's bars in lighter shades of Chromium's colours
const COLORS = {
  ours: '#2b6cb0', theirs: '#dd6b20', native: '#a0aec0', ours_firefox: '#90cdf4', theirs_firefox: '#f6ad55',
};

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function fmt(ms) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

/** @param {{results: any[], machine: any, wasm_build: string, generated: string}} report */
export function renderSvg(report) {
  const rows = report.results;
  // the browsers with figures: Chromium alone in the reports from before Firefox ran
  const shown = BROWSERS.filter((b) => rows.some((r) => figures(r, b).ours > 0));
  const one = shown.length === 1;
  /** @type {{key: string, label: string, value: (r: any) => number | null | undefined}[]} */
  const series = [
    ...shown.flatMap((b) => [
      { key: `ours${SUFFIX[b]}`, label: `ours, WASM${one ? '' : `, ${BROWSER_NAMES[b]}`}`, value: (r) => figures(r, b).ours },
      { key: `theirs${SUFFIX[b]}`, label: `theirs, JavaScript${one ? '' : `, ${BROWSER_NAMES[b]}`}`, value: (r) => figures(r, b).theirs },
    ]),
    { key: 'native', label: 'ours, native (criterion)', value: (r) => r.native_ms },
  ];
  const values = rows.flatMap((r) => series.map((c) => c.value(r))).filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const left = 360;
  // two browsers: room for the longer title and legend
  const width = one ? 1060 : 1180;
  const plotW = width - left - 130;
  const bar = 12;
  const groupH = series.length * bar + 26;
  const top = 70;
  const height = top + rows.length * groupH + 50;
  const x = (ms) => left + (plotW * Math.log10(ms / lo)) / Math.log10(hi / lo);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  const where = one ? `same ${BROWSER_NAMES[shown[0]]} page` : `same page in ${shown.map((b) => BROWSER_NAMES[b]).join(' and ')}`;
  out.push(`<text x="10" y="20" font-size="15" font-weight="bold">Kura Wallet: Rust core in WASM vs the JavaScript libraries, ${where} (median time, log scale; shorter is faster)</text>`);
  const m = report.machine;
  const versions = shown.map((b) => `${BROWSER_NAMES[b]} ${m[b]}`).join('; ');
  out.push(`<text x="10" y="38" fill="#444">${esc(`${m.cpu}, ${m.nproc} cores; ${versions}; WASM: ${report.wasm_build}; ${report.generated.slice(0, 10)}`)}</text>`);
  let lx = 10;
  for (const { key: k, label } of series) {
    out.push(`<rect x="${lx}" y="48" width="12" height="12" fill="${COLORS[k]}"/><text x="${lx + 16}" y="58">${label}</text>`);
    lx += Math.max(190, 30 + 7 * label.length);
  }
  for (let t = lo; t <= hi * 1.0001; t *= 10) {
    const tx = x(t);
    out.push(`<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${height - 40}" stroke="#e2e8f0"/>`);
    out.push(`<text x="${tx}" y="${height - 26}" text-anchor="middle" fill="#444">${fmt(t)}</text>`);
  }
  rows.forEach((r, i) => {
    const y0 = top + i * groupH;
    out.push(`<text x="${left - 8}" y="${y0 + bar + 4}" text-anchor="end" font-weight="bold">${esc(r.label)}</text>`);
    out.push(`<text x="${left - 8}" y="${y0 + 2 * bar + 8}" text-anchor="end" fill="#444">${esc(`vs ${r.theirs_lib}`)}</text>`);
    // one line per browser, under the label and the library (room for two in two browsers' bars)
    shown.forEach((b, k) => {
      const { ratio, met } = figures(r, b);
      if (ratio == null) return;
      const speed = ratio < 1 ? `${(1 / ratio).toFixed(1)}x faster` : `${ratio.toFixed(1)}x slower`;
      const who = one ? 'ours' : `${BROWSER_NAMES[b]}: ours`;
      // unlock: slower on purpose (a memory-hard KDF); its target is the wait, not the ratio
      const note = r.id !== 'unlock' ? `${who} ${speed}`
        : one ? `${who} ${speed}: memory-hard on purpose; target ≤ 1 s` : `${who} ${speed}; ≤ 1 s ${met ? 'met' : 'missed'}`;
      const good = r.id === 'unlock' ? met : ratio < 1;
      out.push(`<text x="${left - 8}" y="${y0 + (3 + k) * bar + 10 + 2 * k}" text-anchor="end" fill="${good ? '#276749' : '#9b2c2c'}">${esc(note)}</text>`);
    });
    if (r.id === 'unlock' && !one) {
      out.push(`<text x="${left - 8}" y="${y0 + 5 * bar + 14}" text-anchor="end" fill="#444">slower on purpose: a memory-hard KDF</text>`);
    }
    series.forEach(({ key: k, value }, j) => {
      const v = value(r);
      if (!(v > 0)) return;
      const y = y0 + j * (bar + 2);
      out.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(v) - left)}" height="${bar}" fill="${COLORS[k]}"/>`);
      out.push(`<text x="${x(v) + 4}" y="${y + bar - 2}" fill="#222">${fmt(v)}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
