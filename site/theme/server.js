// The course's MyST site template. `myst build --html` starts this server (PORT, HOST,
// CONTENT_CDN_PORT and BASE_URL come from MyST), fetches every page of the site from it and
// saves them as static files; public/ is copied beside them. Node's standard library only.
'use strict';

const http = require('http');
const fs = require('fs');
const path = require('path');
const { renderAll, esc } = require('./render');

const PORT = Number(process.env.PORT || 3000);
const HOST = process.env.HOST || 'localhost';
const CDN = `http://localhost:${process.env.CONTENT_CDN_PORT || 3100}`;
const BASE = (process.env.BASE_URL || '').replace(/\/$/, '');

async function get(url, kind = 'json') {
  const response = await fetch(url);
  if (!response.ok) throw Object.assign(new Error(`${url}: ${response.status}`), { status: response.status });
  return kind === 'json' ? response.json() : response.text();
}

const project = (config) => (config.projects || [])[0] || { pages: [] };

function nav(config, current) {
  const proj = project(config);
  const items = [{ slug: proj.index, title: 'Home', level: 1 }, ...(proj.pages || []).filter((p) => p.slug)];
  return items.map((p) => {
    const url = p.slug === proj.index ? `${BASE}/` : `${BASE}/${p.slug}/`;
    const here = p.slug === current ? ' aria-current="page"' : '';
    return `<li class="level-${p.level || 1}"><a href="${url}"${here}>${esc(p.title || p.slug)}</a></li>`;
  }).join('');
}

async function page(slug) {
  const config = await get(`${CDN}/config.json`);
  const proj = project(config);
  const data = await get(`${CDN}/content/${slug}.json`);
  const ctx = { base: BASE, inline: (p) => get(`${CDN}/${p.replace(/^\/+/, '')}`, 'text') };
  const title = (data.frontmatter && data.frontmatter.title) || slug;
  let body = await renderAll(data.mdast ? [data.mdast] : [], ctx);
  const siteTitle = config.title || proj.title || 'Course';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="mrt-base" content="${esc(BASE)}">
<title>${esc(title)} - ${esc(siteTitle)}</title>
<link rel="stylesheet" href="${BASE}/site.css">
<script defer src="${BASE}/search.js"></script>
<script defer src="${BASE}/site.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to the lesson</a>
<header class="top">
  <a class="site-title" href="${BASE}/">${esc(siteTitle)}</a>
  <form class="search" role="search" onsubmit="return false">
    <label for="search-box">Search the course</label>
    <input id="search-box" type="search" autocomplete="off" placeholder="e.g. release of information">
    <div id="search-results" aria-live="polite"></div>
  </form>
</header>
<div class="layout">
<nav class="toc" aria-label="Lessons and workbooks"><ul>${nav(config, slug)}</ul></nav>
<main id="main" class="tex2jax_ignore mathjax_ignore">
<h1>${esc(title)}</h1>
${body}
</main>
</div>
<footer>Code MIT, text CC BY 4.0. All patient records in this course are synthetic.
Built with MyST (mystmd) from the executed notebooks.</footer>
</body>
</html>
`;
}

const SITEMAP_XSL = '<?xml version="1.0"?><xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>';

async function sitemap() {
  const config = await get(`${CDN}/config.json`);
  const proj = project(config);
  const urls = [`${BASE}/`, ...(proj.pages || []).filter((p) => p.slug).map((p) => `${BASE}/${p.slug}/`)];
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${
    urls.map((u) => `<url><loc>${esc(u)}</loc></url>`).join('')}</urlset>`;
}

async function handle(request, response) {
  const url = new URL(request.url, `http://${HOST}`);
  let route = decodeURIComponent(url.pathname);
  if (BASE && route.startsWith(BASE)) route = route.slice(BASE.length) || '/';
  const send = (status, type, body) => { response.writeHead(status, { 'Content-Type': type }); response.end(body); };
  if (route === '/robots.txt') return send(200, 'text/plain', 'User-agent: *\nAllow: /\n');
  if (route === '/sitemap.xml') return send(200, 'application/xml', await sitemap());
  if (route === '/sitemap_style.xsl') return send(200, 'application/xml', SITEMAP_XSL);
  if (route === '/myst-theme.css') return send(200, 'text/css', '/* the theme\'s styles are in site.css */\n');
  if (route === '/favicon.ico') return send(200, 'image/x-icon', fs.readFileSync(path.join(__dirname, 'public', 'favicon.ico')));
  const file = path.join(__dirname, 'public', path.normalize(route).replace(/^(\.\.[/\\])+/, ''));
  if (route !== '/' && fs.existsSync(file) && fs.statSync(file).isFile()) return send(200, 'application/octet-stream', fs.readFileSync(file));
  if (route.endsWith('.json')) {
    return send(200, 'application/json', JSON.stringify(await get(`${CDN}/content/${route.slice(1, -5)}.json`)));
  }
  const config = await get(`${CDN}/config.json`);
  const slug = route === '/' ? project(config).index : route.replace(/^\/|\/$/g, '');
  return send(200, 'text/html; charset=utf-8', await page(slug));
}

http.createServer((request, response) => {
  handle(request, response).catch((error) => {
    console.error(`error serving ${request.url}: ${error.message}`);
    response.writeHead(error.status === 404 ? 404 : 500, { 'Content-Type': 'text/plain' });
    response.end(`Not found or not renderable: ${request.url}`);
  });
}).listen(PORT, HOST, () => {
  // MyST waits for a line with the server's address before it starts fetching pages.
  console.log(`MRT course theme ready on http://${HOST}:${PORT}`);
});
