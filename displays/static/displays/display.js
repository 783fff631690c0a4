/*
 * School display: asks /graphql/ (GET) for the story and award of the month and what comes next, in each
 * of its languages, rotates through them, and keeps the last good answer (images included) in
 * localStorage, so a screen keeps showing content while the network or the server is down and recovers
 * by itself.
 */
(function () {
  "use strict";

  var body = document.body;
  var config = {
    endpoint: body.dataset.endpoint,
    school: body.dataset.school || null,
    at: body.dataset.at || null,
    locales: (body.dataset.locales || "en").split(","),
    rotateMs: Number(body.dataset.rotateSeconds) * 1000,
    pollMs: Number(body.dataset.pollSeconds) * 1000,
    timeZone: body.dataset.timeZone,
  };
  var STRINGS = JSON.parse(document.getElementById("display-strings").textContent);
  var BT = window.BTDisplay || {};
  var STORAGE_KEY = null;
  var FETCH_TIMEOUT_MS = 10000;
  var MAX_IMAGE_BYTES = 3000000;

  // One request for every language: an alias per locale, the fields in a fragment.
  var QUERY = null;

  function buildQuery() {
    return [
    "query Display($at: DateTime, $school: String" +
      config.locales.map(function (_, i) { return ", $l" + i + ": String"; }).join("") + ") {",
    config.locales.map(function (_, i) {
      return "  l" + i + ": display(at: $at, school: $school, upcomingLimit: 1, locale: $l" + i + ") { ...Shown }";
    }).join("\n"),
    "}",
    "fragment Shown on Display {",
    "  validUntil",
    "  story { qrCodeSvg poster1080p { url alt }",
    "    story { id title studentNames themeHeadline summary monthLabel locale isFallback",
    "      video { kind url captions { language label url isDefault } } } }",
    "  award { recipient { id name kindLabel organization monthLabel citation locale isFallback",
    '    photo { alt rendition(fill: "400x400") { url } } } }',
    "  upcoming { id title studentNames themeHeadline summary monthLabel premiereAt locale isFallback",
    '    posterImage { alt rendition(fill: "1920x1080") { url } } }',
    "}",
    ].join("\n");
  }

  function configure() {
    // The query and the saved answer depend on the school and languages, which a fleet screen can change.
    QUERY = buildQuery();
    STORAGE_KEY = ["btcms-display", config.school || "district", config.locales.join(","), config.at || "now"].join(":");
  }

  var SLIDE_IDS = { story: "slide-story", award: "slide-award", next: "slide-next" };
  var state = { content: null, images: {}, slides: [], index: 0, rotateTimer: null, refreshTimer: null };

  function $(selector, root) {
    return (root || document).querySelector(selector);
  }

  function setText(root, selector, text, lang) {
    var element = $(selector, root);
    element.textContent = text || "";
    element.hidden = !text;
    if (lang) element.lang = lang;
  }

  function plainText(html) {
    return new DOMParser().parseFromString(html || "", "text/html").body.textContent.trim();
  }

  function requestUrl() {
    var variables = {};
    if (config.at) variables.at = config.at;
    if (config.school) variables.school = config.school;
    config.locales.forEach(function (code, i) { variables["l" + i] = code; });
    var params = new URLSearchParams({ query: QUERY, variables: JSON.stringify(variables) });
    return config.endpoint + "?" + params.toString();
  }

  function fetchDisplays() {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS);
    return fetch(requestUrl(), { headers: { Accept: "application/json" }, signal: controller.signal, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        // The service worker's stored answer, handed out while the server is unreachable.
        state.savedAnswer = response.headers.get("X-Display-Saved") === "1";
        return response.json();
      })
      .then(function (payload) {
        if (payload.errors || !payload.data) throw new Error("GraphQL errors");
        var content = {};
        config.locales.forEach(function (code, i) { content[code] = payload.data["l" + i]; });
        return content;
      })
      .finally(function () { clearTimeout(timer); });
  }

  function itemOf(kind, display) {
    if (kind === "story") return display.story && display.story.story;
    if (kind === "award") return display.award.recipient;
    return display.upcoming[0];
  }

  function imageUrls(content) {
    var urls = [];
    Object.keys(content).forEach(function (code) {
      var display = content[code];
      if (display.story && display.story.poster1080p) urls.push(display.story.poster1080p.url);
      var photo = display.award.recipient && display.award.recipient.photo;
      if (photo && photo.rendition) urls.push(photo.rendition.url);
      var next = display.upcoming[0];
      if (next && next.posterImage && next.posterImage.rendition) urls.push(next.posterImage.rendition.url);
    });
    return urls.filter(function (url, i) { return urls.indexOf(url) === i; });
  }

  function asDataUrl(url) {
    return fetch(url, { cache: "force-cache" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.blob();
      })
      .then(function (blob) {
        if (blob.size > MAX_IMAGE_BYTES) return null;
        return new Promise(function (resolve) {
          var reader = new FileReader();
          reader.onload = function () { resolve(reader.result); };
          reader.onerror = function () { resolve(null); };
          reader.readAsDataURL(blob);
        });
      })
      .catch(function () { return null; });
  }

  function embedImages(content) {
    var urls = imageUrls(content);
    return Promise.all(urls.map(function (url) {
      return state.images[url] ? Promise.resolve(state.images[url]) : asDataUrl(url);
    })).then(function (dataUrls) {
      var images = {};
      urls.forEach(function (url, i) { if (dataUrls[i]) images[url] = dataUrls[i]; });
      return images;
    });
  }

  function save(content, images) {
    var record = JSON.stringify({ content: content, images: images, savedAt: new Date().toISOString() });
    try {
      localStorage.setItem(STORAGE_KEY, record);
    } catch (error) {
      // Storage full: keep the text, which matters most, without the images.
      try { localStorage.setItem(STORAGE_KEY, JSON.stringify({ content: content, images: {} })); } catch (e) {}
    }
  }

  function load() {
    try {
      var record = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
      return record && record.content ? record : null;
    } catch (error) {
      return null;
    }
  }

  function src(url) {
    return (url && state.images[url]) || url || "";
  }

  function formatPremiere(iso, code) {
    var words = STRINGS[code];
    if (!iso) return words.premiereUnknown;
    var options = { month: "long", day: "numeric", year: "numeric", timeZone: config.timeZone };
    return words.premiere.replace("{date}", new Date(iso).toLocaleDateString(code, options));
  }

  function renderStory(display, code) {
    var slide = $("#slide-story");
    var story = display.story.story;
    var words = STRINGS[code];
    setText(slide, ".campaign", words.campaign);
    setText(slide, ".qr-caption", words.scan);
    $(".qr", slide).setAttribute("aria-label", words.qrLabel);
    setText(slide, ".month", story.monthLabel, story.locale);
    setText(slide, ".headline", story.themeHeadline || story.title, story.locale);
    setText(slide, ".names", story.themeHeadline ? story.studentNames : "", story.locale);
    setText(slide, ".summary", story.summary, story.locale);
    var poster = $(".poster", slide);
    var video = $(".video", slide);
    var posterUrl = display.story.poster1080p ? display.story.poster1080p.url : "";
    poster.src = src(posterUrl);
    poster.alt = display.story.poster1080p ? display.story.poster1080p.alt : "";
    poster.lang = story.locale;
    var file = story.video && story.video.kind === "FILE" ? story.video : null;
    if (file && navigator.onLine !== false) {
      // The video loads once for all of the story's slides; each language only changes the captions shown.
      if (video.dataset.src !== file.url) {
        video.innerHTML = "";
        video.src = file.url;
        video.dataset.src = file.url;
        video.poster = src(posterUrl);
        file.captions.forEach(function (caption) {
          var track = document.createElement("track");
          track.kind = "captions";
          track.src = caption.url;
          track.srclang = caption.language;
          track.label = caption.label;
          video.appendChild(track);
        });
      }
      // The track in this slide's language shows, else the story's default one. The others are "hidden", not
      // "disabled": Chromium's automatic caption selection would turn a disabled track back on.
      var shown = file.captions.filter(function (t) { return t.language === code; })[0] ||
        file.captions.filter(function (t) { return t.isDefault; })[0];
      for (var i = 0; i < video.textTracks.length; i++) {
        var textTrack = video.textTracks[i];
        textTrack.mode = shown && textTrack.language === shown.language ? "showing" : "hidden";
      }
      video.hidden = false;
      poster.hidden = true;
      video.play().catch(function () {});
    } else {
      video.hidden = true;
      poster.hidden = !posterUrl;
    }
    $(".qr", slide).innerHTML = display.story.qrCodeSvg;
  }

  function renderAward(display, code) {
    var slide = $("#slide-award");
    var recipient = display.award.recipient;
    setText(slide, ".award-name", STRINGS[code].award);
    setText(slide, ".month", recipient.monthLabel, recipient.locale);
    setText(slide, ".name", recipient.name, recipient.locale);
    var kind = recipient.organization ? recipient.kindLabel + " · " + recipient.organization : recipient.kindLabel;
    setText(slide, ".kind", kind, recipient.locale);
    setText(slide, ".citation", plainText(recipient.citation), recipient.locale);
    var photo = $(".photo", slide);
    var url = recipient.photo && recipient.photo.rendition ? recipient.photo.rendition.url : "";
    photo.src = src(url);
    photo.alt = recipient.photo ? recipient.photo.alt : "";
  }

  function renderNext(display, code) {
    var slide = $("#slide-next");
    var next = display.upcoming[0];
    setText(slide, ".coming-next", STRINGS[code].next);
    setText(slide, ".month", next.monthLabel, next.locale);
    setText(slide, ".headline", next.themeHeadline || next.title, next.locale);
    setText(slide, ".premiere", formatPremiere(next.premiereAt, code));
    setText(slide, ".summary", next.summary, next.locale);
    var poster = $(".poster", slide);
    var url = next.posterImage && next.posterImage.rendition ? next.posterImage.rendition.url : "";
    poster.src = src(url);
    poster.alt = next.posterImage ? next.posterImage.alt : "";
  }

  var RENDERERS = { story: renderStory, award: renderAward, next: renderNext };

  function slidesFor(content) {
    // Each kind of slide in each language, in turn. With several languages, a slide whose item has no
    // translation in its language would repeat the slide of the language it falls back to (or an earlier
    // fallback slide): it is left out.
    var slides = [];
    var several = config.locales.length > 1;
    ["story", "award", "next"].forEach(function (kind) {
      var shownIn = [];
      config.locales.forEach(function (code) {
        var display = content[code];
        var item = display && itemOf(kind, display);
        if (!item) return;
        var repeats = config.locales.indexOf(item.locale) >= 0 || shownIn.indexOf(item.locale) >= 0;
        if (several && item.isFallback && repeats) return;
        shownIn.push(item.locale);
        slides.push({ kind: kind, locale: code });
      });
    });
    return slides;
  }

  function render(content) {
    state.slides = slidesFor(content);
    if (state.index >= state.slides.length) state.index = 0;
    show(state.slides[state.index]);
  }

  function fitText(section) {
    // A long translation must neither run off the screen nor be cut: a heading's longest word
    // ("COMPROMETEMOS") fits its column, and the text fits the screen's height. Text shrinks in steps,
    // to 60% at the least.
    var text = section.querySelector(".text");
    if (!text) return;
    var fit = 1;
    section.style.setProperty("--fit", fit);
    var overflows = function () {
      var headings = text.querySelectorAll("h1");
      for (var i = 0; i < headings.length; i++) {
        if (headings[i].scrollWidth > headings[i].clientWidth + 1) return true;
      }
      return text.scrollHeight > section.clientHeight * 0.94;
    };
    while (overflows() && fit > 0.6) {
      fit = Math.round((fit - 0.05) * 100) / 100;
      section.style.setProperty("--fit", fit);
    }
  }

  function alertShowing() {
    return Boolean(BT.alerts && BT.alerts.active());
  }

  function reportShowing(slide) {
    if (!BT.showing) return;
    if (!slide) return BT.showing({ kind: "unavailable" });
    var display = state.content[slide.locale];
    var item = itemOf(slide.kind, display) || {};
    BT.showing({ kind: slide.kind, itemId: item.id ? String(item.id) : "", language: slide.locale,
      label: item.themeHeadline || item.title || item.name || "", contentVersion: display.validUntil || "" });
  }

  function show(slide) {
    // While an alert is in force its slide stays on screen; the slides come back when it ends.
    if (alertShowing()) return;
    var id = slide ? SLIDE_IDS[slide.kind] : "slide-unavailable";
    if (slide) {
      RENDERERS[slide.kind](state.content[slide.locale], slide.locale);
      document.getElementById(id).lang = slide.locale;
    }
    var sections = document.querySelectorAll(".slide");
    for (var i = 0; i < sections.length; i++) sections[i].hidden = sections[i].id !== id;
    fitText(document.getElementById(id));
    document.body.dataset.slide = id;
    document.body.dataset.slideLocale = slide ? slide.locale : "";
    reportShowing(slide);
  }

  function rotate() {
    if (state.slides.length > 1 && !alertShowing()) {
      state.index = (state.index + 1) % state.slides.length;
      show(state.slides[state.index]);
    }
  }

  function setOffline(offline) {
    $("#status").hidden = !offline;
    document.body.dataset.offline = offline ? "true" : "false";
  }

  function scheduleRefresh(delayMs) {
    clearTimeout(state.refreshTimer);
    if (!state.rotateTimer) return;  // stopped: a fleet screen that lost its pairing
    state.refreshTimer = setTimeout(refresh, Math.max(1000, delayMs));
  }

  function earliestValidUntil(content) {
    return Math.min.apply(null, Object.keys(content).map(function (code) {
      return new Date(content[code].validUntil).getTime();
    }));
  }

  function refresh() {
    // One request at a time: a settings change while one is out asks again once it is back, and an answer
    // for the settings before the change is dropped.
    if (state.inFlight) {
      state.again = true;
      return state.inFlight;
    }
    var generation = state.generation;
    var current = function () { return generation === state.generation; };
    state.inFlight = fetchDisplays()
      .then(function (content) {
        return embedImages(content).then(function (images) {
          if (!current()) return;
          state.content = content;
          state.images = images;
          save(content, images);
          render(content);
          setOffline(Boolean(state.savedAnswer));
          if (BT.network) BT.network(!state.savedAnswer, "display");
          var untilValid = earliestValidUntil(content) - Date.now();
          scheduleRefresh(Math.min(untilValid > 0 ? untilValid : config.pollMs, config.pollMs));
        });
      })
      .catch(function () {
        if (BT.network) BT.network(false, "display");
        if (!current()) return;
        if (!state.content) {
          var saved = load();
          if (saved) {
            state.content = saved.content;
            state.images = saved.images || {};
            render(saved.content);
          } else {
            state.slides = [];
            show(null);
          }
        }
        setOffline(Boolean(state.content));
        // A screen with nothing to show asks again sooner.
        scheduleRefresh(state.content ? config.pollMs : Math.min(config.pollMs, 10000));
      })
      .finally(function () {
        state.inFlight = null;
        if (state.again) {
          state.again = false;
          refresh();
        }
      });
    return state.inFlight;
  }

  function begin() {
    state.generation = (state.generation || 0) + 1;
    configure();
    state.content = null;
    state.images = {};
    state.index = 0;
    var saved = load();
    if (saved) {
      state.content = saved.content;
      state.images = saved.images || {};
      render(saved.content);
    }
    clearInterval(state.rotateTimer);
    state.rotateTimer = setInterval(rotate, config.rotateMs);
    if (BT.alerts) BT.alerts.start({ school: config.school, locales: config.locales, rotateMs: config.rotateMs });
    refresh();
  }

  function stop() {
    clearInterval(state.rotateTimer);
    clearTimeout(state.refreshTimer);
    state.rotateTimer = null;
  }

  // A fleet screen's settings come from the CMS (on pairing and with every heartbeat); a change of school,
  // languages or timings restarts the slides without reloading the page.
  function applyFleetConfig(fleetConfig) {
    var next = {
      school: fleetConfig.school || null,
      locales: fleetConfig.languages && fleetConfig.languages.length ? fleetConfig.languages : ["en"],
      rotateMs: Math.max(3, fleetConfig.rotateSeconds || 20) * 1000,
      pollMs: Math.max(1, fleetConfig.pollSeconds || 60) * 1000,
    };
    var changed = next.school !== config.school || next.locales.join(",") !== config.locales.join(",") ||
      next.rotateMs !== config.rotateMs || next.pollMs !== config.pollMs;
    if (!changed && state.rotateTimer) return;
    Object.assign(config, next);
    document.documentElement.lang = config.locales[0];
    begin();
  }

  BT.resume = function () {
    if (state.content && state.slides.length) show(state.slides[state.index]);
    else show(null);
  };

  // The server answers again (the pulse got through) while the screen shows saved content: ask now rather than
  // at the next poll, which may be a minute away.
  BT.reconnected = function () {
    if (state.rotateTimer && body.dataset.offline === "true") scheduleRefresh(0);
  };

  window.addEventListener("online", function () { if (state.rotateTimer) scheduleRefresh(0); });
  if (BT.mode === "fleet" && BT.startFleet) {
    BT.startFleet({ onConfig: applyFleetConfig, onUnpaired: stop });
  } else {
    begin();
    if (BT.startPulse) BT.startPulse(Number(body.dataset.pulseSeconds) || 5);
  }
})();
