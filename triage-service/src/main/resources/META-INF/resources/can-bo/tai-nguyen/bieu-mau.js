// Length counters of the liaison pages' text fields: "1.705/20.000 ký tự" under each textarea with data-dem.
// Progressive enhancement: without script the field still has its maxlength and the "tối đa" hint.
(function () {
  var fmt = function (n) { return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.'); };
  document.querySelectorAll('textarea[data-dem]').forEach(function (field) {
    var out = document.getElementById(field.getAttribute('data-dem'));
    if (!out) { return; }
    var max = parseInt(field.getAttribute('maxlength'), 10);
    var show = function () {
      var n = field.value.length;
      out.textContent = fmt(n) + '/' + fmt(max) + ' ký tự' + (max - n < 500 ? ' (còn ' + fmt(max - n) + ')' : '');
    };
    field.addEventListener('input', show);
    show();
  });
})();
