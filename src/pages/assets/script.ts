/**
 * The one script, served by the app (/assets/app.js). Pages work without it; it only enhances:
 * - a form sent back with errors moves focus to its error summary;
 * - an input with `data-suggest="/path"` gets suggestions while typing (a datalist filled from that
 *   page's JSON), and a hidden input named by `data-suggest-code` takes the picked entry's code.
 * No inline script anywhere, so the Content-Security-Policy needs no 'unsafe-inline'.
 */
export const appJs = `
(function(){
  'use strict';
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  document.querySelectorAll('input[data-suggest]').forEach(function(input){
    var list = document.getElementById(input.getAttribute('list'));
    var codeInput = input.form && input.form.elements.namedItem(input.getAttribute('data-suggest-code'));
    var timer = null, last = '', entries = [];
    function pick(){
      var hit = entries.filter(function(e){ return e.label === input.value; })[0];
      if (codeInput && hit) codeInput.value = hit.code;
      else if (codeInput) codeInput.value = '';
    }
    input.addEventListener('input', function(){
      pick();
      var q = input.value.trim();
      if (q.length < 2 || q === last) return;
      clearTimeout(timer);
      timer = setTimeout(function(){
        last = q;
        fetch(input.getAttribute('data-suggest') + '?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
          .then(function(r){ return r.ok ? r.json() : []; })
          .then(function(found){
            entries = found;
            list.textContent = '';
            found.forEach(function(e){
              var o = document.createElement('option');
              o.value = e.label;
              o.textContent = e.code;
              list.appendChild(o);
            });
            pick();
          })
          .catch(function(){});
      }, 150);
    });
  });
})();
`;
