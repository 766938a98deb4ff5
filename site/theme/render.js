// MyST's page tree (mdast, as MyST writes it to _build/site/content/<slug>.json) to HTML.
// Only what the course's notebooks and home page use is drawn; an unknown node draws its children.
'use strict';

const esc = (text) => String(text ?? '')
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Which part of an output bundle a static page shows, best first. The widget view needs a kernel.
const PREFERRED = ['text/html', 'image/png', 'image/jpeg', 'image/svg+xml', 'text/markdown', 'text/latex', 'text/plain'];

/** Render a list of nodes. ctx: { base, assets, inline(path) -> text of an extracted output } */
async function renderAll(nodes, ctx) {
  const parts = [];
  for (const node of nodes || []) parts.push(await render(node, ctx));
  return parts.join('');
}

function href(url, ctx) {
  if (!url) return '#';
  if (/^(https?:|mailto:|#)/.test(url)) return url;
  if (url.startsWith('/')) return `${ctx.base}${url}`;
  return url;
}

function asset(url, ctx) {
  if (!url || /^(https?:|data:)/.test(url)) return url;
  return `${ctx.base}/build/${url.replace(/^\/+/, '')}`;
}

async function renderOutput(node, ctx) {
  const data = node.jupyter_data || node.data || {};
  if (data.output_type === 'stream') {
    const cls = data.name === 'stderr' ? 'stream stderr' : 'stream';
    return `<pre class="${cls}">${esc(data.text)}</pre>`;
  }
  if (data.output_type === 'error') {
    // Shown so the site's own check can find it; a built lesson should never have one.
    return `<pre class="output-error">${esc(data.ename)}: ${esc(data.evalue)}\n${esc((data.traceback || []).join('\n').replace(/\x1b\[[0-9;]*m/g, ''))}</pre>`;
  }
  const bundle = data.data || {};
  const mime = PREFERRED.find((m) => bundle[m]);
  if (!mime) return '';
  const part = bundle[mime];
  let content = part.content;
  if (content === undefined && part.path) {
    if (mime.startsWith('image/')) {
      const alt = bundle['text/plain'] ? bundle['text/plain'].content : 'Output image';
      return `<img src="${esc(asset(part.path, ctx))}" alt="${esc(alt || 'Output image')}">`;
    }
    content = await ctx.inline(part.path);
  }
  if (mime === 'text/html') return `<div class="output-html">${content}</div>`;
  if (mime.startsWith('image/svg')) return `<div class="output-svg">${content}</div>`;
  if (mime.startsWith('image/')) {
    const alt = bundle['text/plain'] ? bundle['text/plain'].content : 'Output image';
    return `<img src="data:${mime};base64,${content}" alt="${esc(alt || 'Output image')}">`;
  }
  return `<pre class="output-text">${esc(content)}</pre>`;
}

async function render(node, ctx) {
  const kids = () => renderAll(node.children, ctx);
  const id = node.html_id || node.identifier;
  const idAttr = id ? ` id="${esc(id)}"` : '';
  switch (node.type) {
    case 'root': return kids();
    case 'block': {
      const kind = node.kind || (node.data && node.data.type) || '';
      return `<div class="block ${esc(kind)}">${await kids()}</div>`;
    }
    case 'heading': return `<h${node.depth}${idAttr}>${await kids()}</h${node.depth}>`;
    case 'paragraph': return `<p>${await kids()}</p>`;
    case 'text': return esc(node.value);
    case 'emphasis': return `<em>${await kids()}</em>`;
    case 'strong': return `<strong>${await kids()}</strong>`;
    case 'underline': return `<u>${await kids()}</u>`;
    case 'delete': return `<del>${await kids()}</del>`;
    case 'subscript': return `<sub>${await kids()}</sub>`;
    case 'superscript': return `<sup>${await kids()}</sup>`;
    case 'break': return '<br>';
    case 'inlineCode': return `<code>${esc(node.value)}</code>`;
    case 'code': {
      const cls = node.lang ? ` class="language-${esc(node.lang)}"` : '';
      return `<pre class="code"><code${cls}>${esc(node.value)}</code></pre>`;
    }
    case 'link': case 'crossReference': {
      const url = node.type === 'crossReference'
        ? (node.remote ? node.url : `#${node.identifier || ''}`) : (node.urlSource && node.internal ? node.url : node.url);
      return `<a href="${esc(href(url, ctx))}">${await kids()}</a>`;
    }
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul';
      const start = node.ordered && node.start && node.start !== 1 ? ` start="${node.start}"` : '';
      return `<${tag}${start}>${await kids()}</${tag}>`;
    }
    case 'listItem': return `<li>${await kids()}</li>`;
    case 'thematicBreak': return '<hr>';
    case 'blockquote': return `<blockquote>${await kids()}</blockquote>`;
    case 'table': return `<div class="table-wrap"><table>${await kids()}</table></div>`;
    case 'tableRow': return `<tr>${await kids()}</tr>`;
    case 'tableCell': {
      const tag = node.header ? 'th' : 'td';
      const align = node.align ? ` style="text-align:${esc(node.align)}"` : '';
      return `<${tag}${align}>${await kids()}</${tag}>`;
    }
    case 'image': return `<img src="${esc(asset(node.url, ctx))}" alt="${esc(node.alt || node.title || '')}">`;
    case 'html': return node.value || '';
    case 'admonition': return `<aside class="admonition ${esc(node.kind || 'note')}">${await kids()}</aside>`;
    case 'admonitionTitle': return `<p class="admonition-title">${await kids()}</p>`;
    case 'container': return `<figure${idAttr}>${await kids()}</figure>`;
    case 'caption': return `<figcaption>${await kids()}</figcaption>`;
    case 'inlineMath': return `<code>${esc(node.value)}</code>`;
    case 'math': return `<pre class="math">${esc(node.value)}</pre>`;
    case 'footnoteReference': return `<sup><a href="#fn-${esc(node.identifier)}">${esc(node.label || node.identifier)}</a></sup>`;
    case 'footnoteDefinition': return `<div class="footnote" id="fn-${esc(node.identifier)}">${await kids()}</div>`;
    case 'outputs': return `<div class="outputs">${await kids()}</div>`;
    case 'output': return `<div class="output">${await renderOutput(node, ctx)}</div>`;
    case 'comment': case 'mystComment': case 'mystTarget': case 'embed': return kids();
    default: return kids();
  }
}

module.exports = { render, renderAll, esc };
