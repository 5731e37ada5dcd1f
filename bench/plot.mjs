// The bench's plot: per operation, horizontal bars on a log time axis for our WASM, the
// JavaScript libraries and our native build, with the ratio ours/theirs. Plain SVG, no library.

const COLORS = { ours: '#2b6cb0', theirs: '#dd6b20', native: '#a0aec0' };

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function fmt(ms) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

/** @param {{results: any[], machine: any, wasm_build: string}} report */
export function renderSvg(report) {
  const rows = report.results;
  const values = rows.flatMap((r) => [r.ours_wasm_ms, r.theirs_js_ms, r.native_ms]).filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const left = 360;
  const width = 1060;
  const plotW = width - left - 130;
  const bar = 12;
  const groupH = 3 * bar + 26;
  const top = 70;
  const height = top + rows.length * groupH + 50;
  const x = (ms) => left + (plotW * Math.log10(ms / lo)) / Math.log10(hi / lo);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  out.push(`<text x="10" y="20" font-size="15" font-weight="bold">Kura Wallet: Rust core in WASM vs the JavaScript libraries, same Chromium page (median time, log scale; shorter is faster)</text>`);
  const m = report.machine;
  out.push(`<text x="10" y="38" fill="#444">${esc(`${m.cpu}, ${m.nproc} cores; Chromium ${m.chromium}; WASM: ${report.wasm_build}; ${report.generated.slice(0, 10)}`)}</text>`);
  let lx = 10;
  for (const [k, label] of [['ours', 'ours, WASM'], ['theirs', 'theirs, JavaScript'], ['native', 'ours, native (criterion)']]) {
    out.push(`<rect x="${lx}" y="48" width="12" height="12" fill="${COLORS[k]}"/><text x="${lx + 16}" y="58">${label}</text>`);
    lx += 190;
  }
  for (let t = lo; t <= hi * 1.0001; t *= 10) {
    const tx = x(t);
    out.push(`<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${height - 40}" stroke="#e2e8f0"/>`);
    out.push(`<text x="${tx}" y="${height - 26}" text-anchor="middle" fill="#444">${fmt(t)}</text>`);
  }
  rows.forEach((r, i) => {
    const y0 = top + i * groupH;
    out.push(`<text x="${left - 8}" y="${y0 + bar + 4}" text-anchor="end" font-weight="bold">${esc(r.label)}</text>`);
    const ratio = r.ours_over_theirs;
    const speed = ratio < 1 ? `${(1 / ratio).toFixed(1)}x faster` : `${ratio.toFixed(1)}x slower`;
    out.push(`<text x="${left - 8}" y="${y0 + 2 * bar + 8}" text-anchor="end" fill="#444">${esc(`vs ${r.theirs_lib}`)}</text>`);
    // unlock: slower on purpose (a memory-hard KDF); its target is the wait, not the ratio
    const note = r.id === 'unlock' ? `ours ${speed}: memory-hard on purpose; target ≤ 1 s` : `ours ${speed}`;
    const good = r.id === 'unlock' ? r.target_met : ratio < 1;
    out.push(`<text x="${left - 8}" y="${y0 + 3 * bar + 10}" text-anchor="end" fill="${good ? '#276749' : '#9b2c2c'}">${esc(note)}</text>`);
    [['ours', r.ours_wasm_ms], ['theirs', r.theirs_js_ms], ['native', r.native_ms]].forEach(([k, v], j) => {
      if (!(v > 0)) return;
      const y = y0 + j * (bar + 2);
      out.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(v) - left)}" height="${bar}" fill="${COLORS[k]}"/>`);
      out.push(`<text x="${x(v) + 4}" y="${y + bar - 2}" fill="#222">${fmt(v)}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
