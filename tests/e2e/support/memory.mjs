// The background's memory as the browser itself counts it, for what a page of the extension
// cannot see: in Firefox, the memory reporters (about:memory's source) of the background page,
// run in the browser's chrome context through geckodriver.

/**
 * Bytes of ArrayBuffers outside the JS heap held by the background page, after a full GC and
 * CC; WebAssembly memories are among them. Firefox only.
 * @param {any} browser from launchBrowser('firefox') @param {any} page an open page of it
 * @returns {Promise<number>}
 */
export async function firefoxBackgroundArrayBufferBytes(browser, page) {
  const { wd } = browser.raw;
  await wd('POST', '/window', { handle: page.raw.handle });
  await wd('POST', '/moz/context', { context: 'chrome' });
  try {
    const r = await wd(
      'POST',
      '/execute/async',
      {
        script: `const [host, done] = arguments;
          (async () => {
            const mgr = Cc['@mozilla.org/memory-reporter-manager;1'].getService(Ci.nsIMemoryReporterManager);
            await new Promise((r) => mgr.minimizeMemoryUsage(() => r()));
            let bytes = 0;
            await new Promise((r) => mgr.getReports((proc, path, kind, units, amount) => {
              if (units === Ci.nsIMemoryReporter.UNITS_BYTES && path.startsWith('explicit/') && path.includes(host) &&
                  path.includes('_generated_background_page.html') && path.includes('class(ArrayBuffer)/objects/non-heap')) bytes += amount;
            }, null, () => r(), null, false));
            return bytes;
          })().then((v) => done({ ok: v }), (e) => done({ err: String((e && e.stack) || e) }));`,
        args: [browser.extensionHost],
      },
      120_000,
    );
    if (r?.err) throw new Error(r.err);
    return r.ok;
  } finally {
    await wd('POST', '/moz/context', { context: 'content' });
  }
}
