// The API-key sign-in form: posts the key in the request body (never a URL), and on success (the session cookie is
// set) returns to the dashboard address the browser came from; a refused key is said on the page.
(function () {
  'use strict';
  var form = document.getElementById('key-form');
  if (!form) { return; }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' })
      .then(function (response) {
        if (response.ok) {
          window.location.assign(form.getAttribute('data-then') || '/');
        } else {
          document.getElementById('sign-in-failed').hidden = false;
          document.getElementById('key').value = '';
        }
      })
      .catch(function () { document.getElementById('sign-in-failed').hidden = false; });
  });
})();
