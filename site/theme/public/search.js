// Search with MyST's own index (myst.search.json, written by `myst build`): every word typed must
// appear in a section's heading or text; sections whose heading has them come first. No server needed.
(function () {
  'use strict';
  const base = (document.querySelector('meta[name="mrt-base"]') || {}).content || '';
  const box = document.getElementById('search-box');
  const out = document.getElementById('search-results');
  if (!box || !out) return;
  let records = null;
  const load = () => records || (records = fetch(`${base}/myst.search.json`)
    .then((r) => r.json()).then((index) => index.records || []).catch(() => []));
  const text = (node) => { const d = document.createElement('div'); d.textContent = node; return d.innerHTML; };
  const heading = (r) => Object.keys(r.hierarchy || {}).sort().map((k) => r.hierarchy[k]).filter(Boolean).join(' › ');
  box.addEventListener('focus', load);
  box.addEventListener('keydown', (e) => { if (e.key === 'Escape') { box.value = ''; out.innerHTML = ''; } });
  box.addEventListener('input', async () => {
    const words = box.value.toLowerCase().split(/\s+/).filter((w) => w.length > 1);
    if (!words.length) { out.innerHTML = ''; return; }
    const seen = new Set();
    const inHeading = (r) => words.every((w) => heading(r).toLowerCase().includes(w));
    const found = (await load()).filter((r) => {
      const hay = `${heading(r)} ${r.content || ''}`.toLowerCase();
      if (!words.every((w) => hay.includes(w)) || seen.has(r.url)) return false;
      seen.add(r.url);  // one result per section
      return true;
    }).sort((a, b) => inHeading(b) - inHeading(a)).slice(0, 12);  // sections named by the words first
    out.innerHTML = found.length ? found.map((r) => {
      const url = `${base}${r.url}`;
      return `<a href="${text(url)}">${text(heading(r) || r.url)}<small>${text((r.content || '').slice(0, 120))}</small></a>`;
    }).join('') : '<p style="padding:6px 10px;margin:0">No section mentions all of those words.</p>';
  });
}());
