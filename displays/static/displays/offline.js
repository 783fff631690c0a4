/*
 * Registers the display's service worker (/display/sw.js), which keeps the page and its last answers so
 * the screen survives a browser restart while the server is unreachable. When a new release's worker
 * takes over a page that already had one, the page reloads itself once to run the new scripts.
 */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  var body = document.body;
  var hadController = Boolean(navigator.serviceWorker.controller);
  var reloaded = false;

  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (hadController && !reloaded) {
      reloaded = true;
      window.location.reload();
    }
    hadController = true;
  });

  // Look for a new release as often as the page asks for new content (at least every 2 s, at most hourly).
  var checkMs = Math.min(Math.max(Number(body.dataset.pollSeconds) || 60, 2), 3600) * 1000;

  navigator.serviceWorker.register("/display/sw.js", { scope: "/display/" })
    .then(function (registration) {
      setInterval(function () { registration.update().catch(function () {}); }, checkMs);
      return navigator.serviceWorker.ready;
    })
    .then(function () { body.dataset.serviceWorker = "ready"; })
    .catch(function () { body.dataset.serviceWorker = "unavailable"; });
})();
