/*
 * The display's service worker: it keeps the page itself, its scripts and its last answers on the screen,
 * so a kiosk whose browser restarts while the server is unreachable still shows saved content instead of
 * the browser's error page, and recovers by itself when the server is back.
 * Version __VERSION__ (a new version installs a new worker; the page then reloads itself once).
 */
"use strict";

var VERSION = "__VERSION__";
var ASSETS = __ASSETS__;
var STATIC_URL = __STATIC_URL__;
var SHELL_URL = "/display/";
var SHELL_CACHE = "display-shell-" + VERSION;
var ANSWERS_CACHE = "display-answers";
var MEDIA_CACHE = "display-media";
var MEDIA_LIMIT = 60;
var NETWORK_TIMEOUT_MS = 4000;
// A stored answer handed out while the network fails carries this header, so the page says it is offline.
var SAVED_HEADER = "X-Display-Saved";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE).then(function (cache) {
      // One by one: a missing file (not written yet, or renamed) must not stop the others being kept.
      return Promise.all([SHELL_URL].concat(ASSETS).map(function (url) {
        return cache.add(new Request(url, { cache: "reload" })).catch(function () {});
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  var keep = [SHELL_CACHE, ANSWERS_CACHE, MEDIA_CACHE];
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("display-") === 0 && keep.indexOf(name) < 0;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function withTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
    promise.then(
      function (value) { clearTimeout(timer); resolve(value); },
      function (error) { clearTimeout(timer); reject(error); }
    );
  });
}

function markedSaved(response) {
  var headers = new Headers(response.headers);
  headers.set(SAVED_HEADER, "1");
  return response.blob().then(function (body) {
    return new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
  });
}

// Network first: a good answer is stored (per URL, query included); when the network fails, is slow or
// the server answers with an error of its own (a proxy's 502 during an outage), the stored answer for the
// same URL, else the fallback URL's (the page shell), else what the network gave.
function networkFirst(request, cacheName, fallbackUrl) {
  var failed = null;
  var fromNetwork = fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(cacheName).then(function (cache) { return cache.put(request, copy); });
    } else if (response.status >= 500) {
      failed = response;
      throw new Error("HTTP " + response.status);
    }
    return response;
  });
  return withTimeout(fromNetwork, NETWORK_TIMEOUT_MS).catch(function (error) {
    return caches.open(cacheName).then(function (cache) {
      return cache.match(request);
    }).then(function (stored) {
      if (stored) return markedSaved(stored);
      return fallbackUrl ? caches.match(fallbackUrl) : null;
    }).then(function (shell) {
      if (shell) return shell.headers.has(SAVED_HEADER) ? shell : markedSaved(shell);
      if (failed) return failed;
      throw error;
    });
  });
}

function cacheFirst(request, cacheName, limit) {
  return caches.open(cacheName).then(function (cache) {
    return cache.match(request).then(function (stored) {
      if (stored) return stored;
      return fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          cache.put(request, copy).then(function () { if (limit) return trim(cache, limit); });
        }
        return response;
      });
    });
  });
}

// Keys come back in the order they were stored: the oldest go first.
function trim(cache, limit) {
  return cache.keys().then(function (keys) {
    return Promise.all(keys.slice(0, Math.max(0, keys.length - limit)).map(function (key) {
      return cache.delete(key);
    }));
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;  // never cache what a screen sends
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var path = url.pathname;
  if (request.mode === "navigate") {
    if (path.indexOf("/display/") === 0) event.respondWith(networkFirst(request, ANSWERS_CACHE, SHELL_URL));
    return;
  }
  if (path === "/graphql/" || path === "/display/api/alerts") {
    event.respondWith(networkFirst(request, ANSWERS_CACHE, null));
  } else if (STATIC_URL && path.indexOf(STATIC_URL) === 0) {
    event.respondWith(cacheFirst(request, SHELL_CACHE, 0));
  } else if (path.indexOf("/media/") === 0 && request.destination !== "video") {
    event.respondWith(cacheFirst(request, MEDIA_CACHE, MEDIA_LIMIT));
  }
});
