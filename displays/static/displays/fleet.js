/*
 * School display, fleet side: a screen opened at plain /display/ pairs itself (it shows a code that
 * someone types in the CMS admin), then hears its school, languages and timings from the CMS. It says it
 * is alive with a heartbeat (what it shows, how often each item was shown today), polls the fleet's
 * pulse to learn quickly of new alerts and commands, and carries out "identify" and "reload".
 * display.js and alerts.js call the small functions this file puts on window.BTDisplay.
 */
(function () {
  "use strict";

  var body = document.body;
  var BT = (window.BTDisplay = window.BTDisplay || {});
  var KEY = "btcms-display:fleet:";
  var API = "/display/api/";
  var PLAY_DAYS = 7;
  var PLAY_KINDS = { story: true, award: true, next: true, alert: true };
  var IDENTIFY_MS = 60000;

  BT.mode = body.dataset.mode || "url";
  BT.scriptVersion = body.dataset.scriptVersion || "";
  BT.strings = JSON.parse(document.getElementById("display-strings").textContent);
  BT.startedAt = new Date().toISOString();

  var fleet = {
    hooks: null,
    config: null,
    heartbeatTimer: null,
    pulseTimer: null,
    pairTimer: null,
    pulse: null,
    showing: { kind: "pairing" },
    current: null,
  };

  function stored(name) {
    try {
      return JSON.parse(localStorage.getItem(KEY + name) || "null");
    } catch (error) {
      return null;
    }
  }

  function store(name, value) {
    try {
      if (value === null) localStorage.removeItem(KEY + name);
      else localStorage.setItem(KEY + name, JSON.stringify(value));
    } catch (error) {}
  }

  function words() {
    var languages = (fleet.config && fleet.config.languages) || [];
    return BT.strings[languages[0]] || BT.strings[Object.keys(BT.strings)[0]];
  }

  function postJson(url, data, headers) {
    return fetch(url, {
      method: "POST",
      headers: Object.assign({ "Content-Type": "application/json", Accept: "application/json" }, headers || {}),
      body: JSON.stringify(data || {}),
      cache: "no-store",
    });
  }

  /* A request that needs the screen's credential; a 401 means it was revoked: pair again. */
  BT.authFetch = function (url, options) {
    var credential = stored("credential");
    if (!credential) return Promise.reject(new Error("unpaired"));
    options = Object.assign({ cache: "no-store" }, options || {});
    options.headers = Object.assign({ Accept: "application/json", Authorization: "Bearer " + credential },
      options.headers || {});
    return fetch(url, options).then(function (response) {
      if (response.status === 401) {
        unpair();
        throw new Error("unpaired");
      }
      return response;
    });
  };

  BT.credential = function () {
    return stored("credential");
  };

  /* ---- Pairing ---- */

  function showPairing(code) {
    var section = document.getElementById("pairing");
    var slides = document.querySelectorAll(".slide");
    for (var i = 0; i < slides.length; i++) slides[i].hidden = slides[i] !== section;
    section.querySelector(".pair-code").textContent = code || words().pairWaiting;
    section.querySelector(".pair-code").classList.toggle("waiting", !code);
    body.dataset.slide = "pairing";
    body.dataset.pairCode = code || "";
  }

  function pairLater(seconds) {
    clearTimeout(fleet.pairTimer);
    fleet.pairTimer = setTimeout(askCode, seconds * 1000);
  }

  function askCode() {
    showPairing(body.dataset.pairCode || "");
    var screenSize = { width: window.screen.width, height: window.screen.height, userAgent: navigator.userAgent };
    postJson(API + "pair", { screen: screenSize })
      .then(function (response) {
        if (response.status === 429) throw new Error("rate limited");
        if (response.status !== 201) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (answer) {
        showPairing(answer.code);
        checkPairing(answer);
      })
      .catch(function () { pairLater(30); });
  }

  function checkPairing(answer) {
    clearTimeout(fleet.pairTimer);
    fleet.pairTimer = setTimeout(function () {
      if (answer.expiresAt && new Date(answer.expiresAt).getTime() <= Date.now()) return askCode();
      postJson(API + "pair/status", { secret: answer.secret })
        .then(function (response) {
          if (response.status === 410 || response.status === 404) return askCode();
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json().then(function (status) {
            if (status.status === "paired") return paired(status);
            checkPairing(answer);
          });
        })
        .catch(function () { checkPairing(answer); });
    }, Math.max(1, answer.checkSeconds || 3) * 1000);
  }

  function paired(status) {
    clearTimeout(fleet.pairTimer);
    store("credential", status.credential);
    store("commandDone", 0);
    body.dataset.pairCode = "";
    document.getElementById("pairing").hidden = true;
    applyConfig(status.display);
    startBeating();
  }

  function unpair() {
    store("credential", null);
    store("config", null);
    clearTimeout(fleet.heartbeatTimer);
    clearInterval(fleet.pulseTimer);
    fleet.config = null;
    fleet.pulse = null;
    if (fleet.hooks && fleet.hooks.onUnpaired) fleet.hooks.onUnpaired();
    if (BT.alerts) BT.alerts.stop();
    body.dataset.paired = "false";
    askCode();
  }

  function applyConfig(config) {
    if (!config) return;
    fleet.config = config;
    store("config", config);
    body.dataset.paired = "true";
    body.dataset.displayName = config.name || "";
    if (fleet.hooks && fleet.hooks.onConfig) fleet.hooks.onConfig(config);
  }

  /* ---- Plays: running totals per district day, kept for 7 days ---- */

  function districtDay(date) {
    var zone = body.dataset.timeZone || "America/Los_Angeles";
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
      .format(date);
  }

  function addPlay(item, shows, seconds, when) {
    if (!item || !PLAY_KINDS[item.kind] || !item.itemId) return;
    var plays = stored("plays") || {};
    var day = districtDay(when);
    var key = [item.kind, item.itemId, item.language].join("|");
    plays[day] = plays[day] || {};
    var total = plays[day][key] || { kind: item.kind, itemId: String(item.itemId), label: "", language: item.language,
      shows: 0, seconds: 0 };
    total.label = String(item.label || total.label || "").slice(0, 200);
    total.shows += shows;
    total.seconds += seconds;
    plays[day][key] = total;
    var days = Object.keys(plays).sort().reverse();
    days.slice(PLAY_DAYS).forEach(function (old) { delete plays[old]; });
    store("plays", plays);
  }

  function closeCurrent() {
    var current = fleet.current;
    if (!current) return;
    var now = Date.now();
    addPlay(current.item, 0, Math.round((now - current.since) / 1000), new Date(current.since));
    current.since = now;
  }

  /* display.js and alerts.js say what the screen shows now; a new item counts as one show. */
  BT.showing = function (item) {
    closeCurrent();
    fleet.showing = item;
    fleet.current = { item: item, since: Date.now() };
    addPlay(item, 1, 0, new Date());
  };

  function playsReport() {
    closeCurrent();
    var plays = stored("plays") || {};
    var report = {};
    Object.keys(plays).forEach(function (day) {
      report[day] = Object.keys(plays[day]).map(function (key) { return plays[day][key]; });
    });
    return report;
  }

  /* ---- Heartbeat, pulse, commands ---- */

  function heartbeatBody() {
    var showing = fleet.showing || { kind: "unavailable" };
    var shown = { kind: showing.kind };
    ["itemId", "language", "contentVersion"].forEach(function (field) {
      if (showing[field]) shown[field] = String(showing[field]);
    });
    return {
      scriptVersion: BT.scriptVersion,
      startedAt: BT.startedAt,
      offline: body.dataset.offline === "true",
      showing: shown,
      screen: { width: window.screen.width, height: window.screen.height },
      commandDone: stored("commandDone") || 0,
      plays: playsReport(),
    };
  }

  function heartbeat() {
    clearTimeout(fleet.heartbeatTimer);
    var next = ((fleet.config && fleet.config.heartbeatSeconds) || 60) * 1000;
    return BT.authFetch(API + "heartbeat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(heartbeatBody()),
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (answer) {
        BT.network(true);
        applyConfig(answer.display);
        if (answer.pulse) notePulse(answer.pulse, false);
        if (answer.scriptVersion && answer.scriptVersion !== BT.scriptVersion && navigator.serviceWorker) {
          navigator.serviceWorker.getRegistration().then(function (registration) {
            if (registration) registration.update();
          }).catch(function () {});
        }
        if (answer.command) carryOut(answer.command);
        fleet.heartbeatTimer = setTimeout(heartbeat, ((fleet.config && fleet.config.heartbeatSeconds) || 60) * 1000);
      })
      .catch(function (error) {
        if (error.message === "unpaired") return;
        BT.network(false);
        fleet.heartbeatTimer = setTimeout(heartbeat, next);
      });
  }

  function carryOut(command) {
    var done = stored("commandDone") || 0;
    if (!command.id || command.id <= done) return;
    store("commandDone", command.id);
    if (command.name === "identify") identify();
    else if (command.name === "reload") {
      // Say it is done first, so the reloaded page does not reload again.
      heartbeat().finally(function () { window.location.reload(); });
    }
  }

  function identify() {
    var box = document.getElementById("identify");
    var config = fleet.config || {};
    box.querySelector(".identify-kicker").textContent = words().identify;
    box.querySelector(".identify-name").textContent = config.name || "";
    box.querySelector(".identify-location").textContent = [config.location, config.schoolName]
      .filter(Boolean).join(" · ");
    box.hidden = false;
    clearTimeout(fleet.identifyTimer);
    fleet.identifyTimer = setTimeout(function () { box.hidden = true; }, IDENTIFY_MS);
  }

  /* Every request the screen makes says whether it got through (source: who asked). The first to get through
   * after a failure means the screen is back: alerts issued while it was cut off (or before its browser
   * restarted) are asked for at once, since no pulse number it heard before can tell it of them, and saved
   * content is replaced. */
  BT.network = function (ok, source) {
    if (!ok) {
      fleet.cutOff = true;
      return;
    }
    var back = fleet.cutOff;
    fleet.cutOff = false;
    if (!back) return;
    if (source !== "alerts" && BT.alerts) BT.alerts.refresh();
    if (BT.reconnected) BT.reconnected();
  };

  function notePulse(numbers, fromPulse) {
    var before = fleet.pulse;
    fleet.pulse = numbers;
    // The first pulse heard is no baseline: an alert issued before it (while the screen was away) already
    // counts in it, so the screen asks for its alerts then too.
    if ((!before || numbers.alerts !== before.alerts) && BT.alerts) BT.alerts.refresh();
    if (before && fromPulse && numbers.fleet !== before.fleet && BT.credential()) heartbeat();
  }

  function pollPulse() {
    fetch(API + "pulse", { cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (numbers) {
        BT.network(true);
        if (BT.reconnected) BT.reconnected();
        notePulse(numbers, true);
      })
      .catch(function () { BT.network(false); });
  }

  /* The pulse runs in both modes: in URL mode it only tells of new alerts. */
  BT.startPulse = function (seconds) {
    clearInterval(fleet.pulseTimer);
    fleet.pulseTimer = setInterval(pollPulse, Math.max(1, seconds || 5) * 1000);
    pollPulse();
  };

  function startBeating() {
    BT.startPulse(fleet.config && fleet.config.pulseSeconds);
    heartbeat();
  }

  /* display.js starts fleet mode with two hooks: onConfig(config) and onUnpaired(). */
  BT.startFleet = function (hooks) {
    fleet.hooks = hooks;
    if (!stored("credential")) return askCode();
    var config = stored("config");
    if (config) applyConfig(config);
    startBeating();
  };
})();
