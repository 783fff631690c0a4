/*
 * School display, alerts: while any alert is in force, one full-screen alert slide replaces every other
 * slide, with the title and message in each of the screen's languages in turn and the severity in words
 * and colour. The last answer is kept, so a screen that loses the network keeps showing an alert it knew
 * of until the alert's end time. When the alerts end (all-clear or end time) the slides come back.
 * A screen never trusts what it heard before: it asks for its alerts at start, on the first pulse it hears, on
 * every change of the pulse's alerts number and whenever the network comes back, and a request that fails is
 * tried again within seconds rather than at the next change, which a screen that was cut off may never see.
 */
(function () {
  "use strict";

  var BT = (window.BTDisplay = window.BTDisplay || {});
  var body = document.body;
  var SEVERITIES = ["extreme", "severe", "advisory", "info"];
  var FETCH_TIMEOUT_MS = 10000;
  var RETRY_FIRST_MS = 2000;
  var RETRY_MAX_MS = 8000;
  // The service worker's stored answer, handed out while the server is unreachable, carries this header.
  var SAVED_HEADER = "X-Display-Saved";

  var state = { context: null, answer: null, pages: [], index: 0, rotateTimer: null, checkTimer: null, active: false,
    pending: null, inFlight: null, again: false, retryTimer: null, retryMs: RETRY_FIRST_MS };

  function storageKey() {
    var context = state.context;
    return ["btcms-display:alerts", BT.mode, context.school || "district", context.locales.join(",")].join(":");
  }

  function save(answer) {
    try { localStorage.setItem(storageKey(), JSON.stringify(answer)); } catch (error) {}
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(storageKey()) || "null"); } catch (error) { return null; }
  }

  function inForce(alert, now) {
    var started = !alert.startsAt || new Date(alert.startsAt).getTime() <= now;
    var ended = alert.endsAt && new Date(alert.endsAt).getTime() <= now;
    return started && !ended;
  }

  function fetchAlerts() {
    var context = state.context;
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS);
    var request;
    if (BT.mode === "fleet") {
      request = BT.authFetch("/display/api/alerts", { signal: controller.signal });
    } else {
      var params = new URLSearchParams({ locale: context.locales.join(",") });
      if (context.school) params.set("school", context.school);
      request = fetch("/display/api/alerts?" + params.toString(),
        { cache: "no-store", headers: { Accept: "application/json" }, signal: controller.signal });
    }
    return request
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        var saved = response.headers.get(SAVED_HEADER) === "1";
        return response.json().then(function (answer) { return { answer: answer, saved: saved }; });
      })
      .finally(function () { clearTimeout(timer); });
  }

  function words(language) {
    return BT.strings[language] || BT.strings[state.context.locales[0]] || BT.strings[Object.keys(BT.strings)[0]];
  }

  function pagesFor(alerts) {
    // Each alert in force, most severe first, in each of the screen's languages in turn.
    var pages = [];
    alerts.forEach(function (alert) {
      var seen = {};
      (alert.texts || []).forEach(function (text) {
        var key = text.title + "\n" + text.message;
        if (seen[key]) return;  // an English fallback repeated for another language shows once
        seen[key] = true;
        pages.push({ alert: alert, text: text });
      });
    });
    return pages;
  }

  // A message's paragraphs (a CAP alert's description, then its instruction) are split on blank lines, as
  // the site's banner splits them: each is a <p>, its single line breaks kept.
  function renderMessage(element, text) {
    element.textContent = "";
    String(text || "").replace(/\r\n?/g, "\n").split(/\n\s*\n/).forEach(function (paragraph) {
      paragraph = paragraph.trim();
      if (!paragraph) return;
      var p = document.createElement("p");
      paragraph.split("\n").forEach(function (line, i) {
        if (i) p.appendChild(document.createElement("br"));
        p.appendChild(document.createTextNode(line));
      });
      element.appendChild(p);
    });
    element.hidden = !element.childNodes.length;
  }

  function renderPage(page) {
    var slide = document.getElementById("slide-alert");
    var severity = SEVERITIES.indexOf(page.alert.severity) >= 0 ? page.alert.severity : "info";
    var language = page.text.isFallback ? "en" : page.text.language;
    var labelLanguage = BT.strings[page.text.language] ? page.text.language : state.context.locales[0];
    SEVERITIES.forEach(function (name) { slide.classList.toggle("severity-" + name, name === severity); });
    slide.lang = labelLanguage;
    var label = slide.querySelector(".severity");
    label.textContent = words(labelLanguage)["severity_" + severity];
    var title = slide.querySelector(".alert-title");
    title.textContent = page.text.title;
    title.lang = language;
    var message = slide.querySelector(".alert-message");
    renderMessage(message, page.text.message);
    message.lang = language;
    var sections = document.querySelectorAll(".slide");
    for (var i = 0; i < sections.length; i++) sections[i].hidden = sections[i] !== slide;
    body.dataset.slide = "slide-alert";
    body.dataset.slideLocale = page.text.language;
    body.dataset.alertSeverity = severity;
    if (BT.showing) {
      BT.showing({ kind: "alert", itemId: String(page.alert.id), label: page.text.title,
        language: page.text.language, contentVersion: (state.answer && state.answer.validUntil) || "" });
    }
  }

  function rotate() {
    if (!state.active || state.pages.length < 2) return;
    state.index = (state.index + 1) % state.pages.length;
    renderPage(state.pages[state.index]);
  }

  function nextChange(alerts, now) {
    var instants = [];
    alerts.forEach(function (alert) {
      [alert.startsAt, alert.endsAt].forEach(function (iso) {
        var at = iso && new Date(iso).getTime();
        if (at && at > now) instants.push(at);
      });
    });
    if (state.answer && state.answer.validUntil) instants.push(new Date(state.answer.validUntil).getTime());
    return instants.length ? Math.min.apply(null, instants) : null;
  }

  function apply() {
    clearTimeout(state.checkTimer);
    var now = Date.now();
    var all = (state.answer && state.answer.alerts) || [];
    var current = all.filter(function (alert) { return inForce(alert, now); });
    var pages = pagesFor(current);
    var wasActive = state.active;
    state.active = pages.length > 0;
    body.dataset.alerts = String(current.length);
    if (state.active) {
      var same = state.pages[state.index] && pages[state.index] &&
        JSON.stringify(state.pages[state.index]) === JSON.stringify(pages[state.index]);
      state.pages = pages;
      if (!same) state.index = 0;
      renderPage(state.pages[state.index]);
    } else {
      state.pages = [];
      state.index = 0;
      document.getElementById("slide-alert").hidden = true;
      delete body.dataset.alertSeverity;
      if (wasActive && BT.resume) BT.resume();
    }
    // Look again when an alert starts or ends, or when the server said its answer stops being true.
    var at = nextChange(all, now);
    if (at) state.checkTimer = setTimeout(refresh, Math.min(Math.max(1000, at - now + 500), 2147483000));
  }

  function network(ok) {
    if (BT.network) BT.network(ok, "alerts");
  }

  function retrySoon() {
    // Spread out, so a fleet cut off together does not come back asking all in the same second.
    clearTimeout(state.retryTimer);
    var delay = state.retryMs * (0.8 + Math.random() * 0.4);
    state.retryMs = Math.min(state.retryMs * 2, RETRY_MAX_MS);
    state.retryTimer = setTimeout(refresh, delay);
  }

  function ask() {
    state.pending = null;
    if (!state.context) return Promise.resolve();
    clearTimeout(state.retryTimer);
    var context = state.context;
    state.inFlight = fetchAlerts()
      .then(function (got) {
        if (context !== state.context) return;  // the settings changed meanwhile: asked again below
        if (got.saved) {
          // The network failed: the stored answer may predate an alert, so it only stands in for nothing.
          if (!state.answer) state.answer = got.answer;
          network(false);
          return retrySoon();
        }
        state.answer = got.answer;
        save(got.answer);
        state.retryMs = RETRY_FIRST_MS;
        network(true);
      }, function () {
        // Offline, the server failing, or unpaired (then stopped): keep what we knew; ended alerts drop by time.
        if (context !== state.context) return;
        network(false);
        retrySoon();
      })
      .then(function () {
        state.inFlight = null;
        if (state.context) apply();
        if (state.again) {
          state.again = false;
          refresh();
        }
      });
    return state.inFlight;
  }

  /* Reasons to ask heard together (the network back and a new pulse number in one answer) make one request;
   * a reason heard while a request is out makes one more once it is back, as the answer may predate it. */
  function refresh() {
    if (!state.context) return Promise.resolve();
    if (state.inFlight) {
      state.again = true;
      return state.inFlight;
    }
    if (!state.pending) state.pending = Promise.resolve().then(ask);
    return state.pending;
  }

  BT.alerts = {
    /* context: {school, locales, rotateMs}; called again whenever the screen's settings change. */
    start: function (context) {
      state.context = context;
      state.answer = load() || state.answer;
      clearInterval(state.rotateTimer);
      state.rotateTimer = setInterval(rotate, Math.max(3000, context.rotateMs || 20000));
      apply();
      return refresh();
    },
    stop: function () {
      clearInterval(state.rotateTimer);
      clearTimeout(state.checkTimer);
      clearTimeout(state.retryTimer);
      state.again = false;
      state.retryMs = RETRY_FIRST_MS;
      state.context = null;
      state.answer = null;
      state.active = false;
      document.getElementById("slide-alert").hidden = true;
    },
    refresh: refresh,
    active: function () { return state.active; },
  };

  window.addEventListener("online", function () { refresh(); });
})();
