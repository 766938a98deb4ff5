// A wide table or output scrolls sideways inside its own box; a box that scrolls must be reachable
// with the keyboard (Tab) and say what it is, so each one gets a tab stop and a name.
(function () {
  'use strict';
  const mark = () => document.querySelectorAll('.output-html, .table-wrap').forEach((box) => {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute('tabindex')) {
      box.setAttribute('tabindex', '0');
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', 'Wide output: scroll sideways to see all of it');
    } else if (!scrolls && box.getAttribute('role') === 'region') {
      ['tabindex', 'role', 'aria-label'].forEach((name) => box.removeAttribute(name));
    }
  });
  document.addEventListener('DOMContentLoaded', mark);
  window.addEventListener('load', mark);
  window.addEventListener('resize', mark);
}());
