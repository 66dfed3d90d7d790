/*
 * PAKN pages: small progressive enhancements; every page works without this script.
 * - Length counters: <textarea data-max="20000" aria-describedby="x-counter"> with <span class="counter" id="x-counter">
 *   shows "1.234/20.000 ký tự" while typing and marks the counter when over the limit (the server still checks).
 * - Confirmation: <form data-confirm="Trả lại hồ sơ này?"> asks before submitting (irreversible actions).
 * - Copy a suggestion: <button hidden data-copy-from="src-id" data-copy-to="textarea-id"> is shown and copies the text
 *   of the element src-id into the field (asking first when the field already holds other text).
 */
(function () {
  'use strict';
  var fmt = function (n) { return n.toLocaleString('vi-VN'); };
  function length(s) { return Array.from(s).length; }
  function counter(field) {
    var max = parseInt(field.getAttribute('data-max'), 10);
    var out = document.getElementById(field.id + '-counter');
    if (!out || !max) { return; }
    var update = function () {
      var n = length(field.value);
      out.textContent = fmt(n) + '/' + fmt(max) + ' ký tự' + (n > max ? ' – vượt quá ' + fmt(n - max) + ' ký tự' : '');
      out.classList.toggle('counter--over', n > max);
    };
    field.addEventListener('input', update);
    update();
  }
  function confirmForm(form) {
    form.addEventListener('submit', function (e) {
      if (!window.confirm(form.getAttribute('data-confirm'))) { e.preventDefault(); }
    });
  }
  function copyButton(button) {
    var from = document.getElementById(button.getAttribute('data-copy-from'));
    var to = document.getElementById(button.getAttribute('data-copy-to'));
    if (!from || !to) { return; }
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = from.textContent.trim();
      if (to.value.trim() && to.value.trim() !== text
          && !window.confirm('Thay nội dung đang soạn bằng gợi ý?')) { return; }
      to.value = text;
      to.dispatchEvent(new Event('input'));
      to.focus();
    });
  }
  function init() {
    document.querySelectorAll('button[data-copy-from]').forEach(copyButton);
    document.querySelectorAll('[data-max]').forEach(counter);
    document.querySelectorAll('form[data-confirm]').forEach(confirmForm);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
