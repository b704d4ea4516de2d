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
})();
