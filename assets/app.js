// Small enhancements; every page works without this file.
(function () {
  'use strict';
  // The hide control blanks the screen at once, before the next page loads.
  var hide = document.getElementById('hide');
  if (hide) {
    hide.addEventListener('click', function () {
      document.body.className += ' hidden-screen';
      document.body.innerHTML = '';
    });
  }
  // Escape twice quickly also hides: a teacher at a classroom computer.
  var last = 0;
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape' || !hide) return;
    var now = Date.now();
    if (now - last < 600) { hide.click(); window.location.href = '/verberg'; }
    last = now;
  });

  // A form that came back with errors: move focus to the summary, so a
  // screen reader reads what to fix first.
  var summary = document.getElementById('fouten');
  if (summary) summary.focus();

  // A case prints as a dossier: everything folded away prints too.
  window.addEventListener('beforeprint', function () {
    var d = document.querySelectorAll('details:not([open])');
    for (var i = 0; i < d.length; i++) { d[i].setAttribute('open', ''); d[i].setAttribute('data-was-closed', ''); }
  });
  window.addEventListener('afterprint', function () {
    var d = document.querySelectorAll('details[data-was-closed]');
    for (var i = 0; i < d.length; i++) { d[i].removeAttribute('open'); d[i].removeAttribute('data-was-closed'); }
  });

  // Melden: the student search answers while typing (the API, with the
  // page's CSRF token). The buttons it draws are the same submit buttons the
  // server draws, so adding a student still goes through the form.
  var form = document.getElementById('melden');
  var input = document.getElementById('zoek');
  var out = document.getElementById('zoek-resultaten');
  if (!form || !input || !out || !window.fetch) return;
  var csrf = form.elements.csrf ? form.elements.csrf.value : '';
  var roles = JSON.parse(out.getAttribute('data-roles') || '[]');
  var timer = null, seq = 0;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function render(items, q) {
    out.textContent = '';
    if (!items.length) { out.appendChild(el('p', null, out.getAttribute('data-none'))); return; }
    out.appendChild(el('h3', 'small-head', out.getAttribute('data-title')));
    var ul = el('ul', 'result-list');
    items.forEach(function (s) {
      var li = el('li');
      var name = el('span', 'result-name', s.name + ' ');
      name.appendChild(el('span', 'meta', s['class']));
      li.appendChild(name);
      var btns = el('span', 'btns');
      roles.forEach(function (r) {
        var b = el('button', 'small');
        b.type = 'submit'; b.name = 'voeg'; b.value = s.id + ':' + r[0];
        b.appendChild(el('span', 'sr-only', s.name + ' toevoegen als '));
        b.appendChild(document.createTextNode(r[1]));
        btns.appendChild(b);
      });
      li.appendChild(btns);
      if (s.attention) li.appendChild(el('span', 'excerpt', s.attention.text));
      ul.appendChild(li);
    });
    out.appendChild(ul);
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(function () {
      var mine = ++seq;
      fetch('/api/v1/students?limit=15&q=' + encodeURIComponent(q), {
        headers: { 'X-CSRF-Token': csrf }, credentials: 'same-origin'
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (j) {
        if (j && mine === seq) render(j.items || [], q);
      })['catch'](function () { /* the button still works */ });
    }, 200);
  });
})();
