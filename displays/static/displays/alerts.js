/*
 * School display, alerts: while any alert is in force, one full-screen alert slide replaces every other
 * slide, with the title and message in each of the screen's languages in turn and the severity in words
 * and colour. The last answer is kept, so a screen that loses the network keeps showing an alert it knew
 * of until the alert's end time. When the alerts end (all-clear or end time) the slides come back.
 */
(function () {
  "use strict";

  var BT = (window.BTDisplay = window.BTDisplay || {});
  var body = document.body;
  var SEVERITIES = ["extreme", "severe", "advisory", "info"];
  var FETCH_TIMEOUT_MS = 10000;

  var state = { context: null, answer: null, pages: [], index: 0, rotateTimer: null, checkTimer: null, active: false };

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
        return response.json();
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
    message.textContent = page.text.message;
    message.lang = language;
    message.hidden = !page.text.message;
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

  function refresh() {
    if (!state.context) return Promise.resolve();
    return fetchAlerts()
      .then(function (answer) {
        state.answer = answer;
        save(answer);
      })
      .catch(function () {})  // offline or not yet available: keep what we knew (ended alerts drop by time)
      .then(apply);
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
      state.context = null;
      state.answer = null;
      state.active = false;
      document.getElementById("slide-alert").hidden = true;
    },
    refresh: refresh,
    active: function () { return state.active; },
  };
})();
