/*
 * School display: asks /graphql/ (GET) for the story and award of the month and what comes next,
 * rotates through them, and keeps the last good answer (images included) in localStorage, so a
 * screen keeps showing content while the network or the server is down and recovers by itself.
 */
(function () {
  "use strict";

  var body = document.body;
  var config = {
    endpoint: body.dataset.endpoint,
    school: body.dataset.school || null,
    at: body.dataset.at || null,
    rotateMs: Number(body.dataset.rotateSeconds) * 1000,
    pollMs: Number(body.dataset.pollSeconds) * 1000,
  };
  var STORAGE_KEY = "btcms-display:" + (config.school || "district") + ":" + (config.at || "now");
  var FETCH_TIMEOUT_MS = 10000;
  var MAX_IMAGE_BYTES = 3000000;

  var QUERY = [
    "query Display($at: DateTime, $school: String) {",
    "  display(at: $at, school: $school) {",
    "    validUntil",
    "    story { isFromEarlierMonth publicUrl qrCodeSvg poster1080p { url alt } poster4k { url }",
    "      story { title studentNames themeHeadline summary monthLabel",
    "        video { kind url mimeType captionsUrl captionsLanguage } } }",
    "    award { recipient { name kindLabel organization monthLabel citation",
    '      photo { alt rendition(fill: "400x400") { url } } } }',
    "    upcoming { title studentNames themeHeadline summary monthLabel premiereAt",
    '      posterImage { alt rendition(fill: "1920x1080") { url } } }',
    "  }",
    "}",
  ].join("\n");

  var state = { content: null, images: {}, slides: [], index: 0, rotateTimer: null, refreshTimer: null };

  function $(selector, root) {
    return (root || document).querySelector(selector);
  }

  function setText(root, selector, text) {
    var element = $(selector, root);
    element.textContent = text || "";
    element.hidden = !text;
  }

  function plainText(html) {
    return new DOMParser().parseFromString(html || "", "text/html").body.textContent.trim();
  }

  function requestUrl() {
    var variables = {};
    if (config.at) variables.at = config.at;
    if (config.school) variables.school = config.school;
    var params = new URLSearchParams({ query: QUERY, variables: JSON.stringify(variables) });
    return config.endpoint + "?" + params.toString();
  }

  function fetchDisplay() {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS);
    return fetch(requestUrl(), { headers: { Accept: "application/json" }, signal: controller.signal, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (payload) {
        if (payload.errors || !payload.data) throw new Error("GraphQL errors");
        return payload.data.display;
      })
      .finally(function () { clearTimeout(timer); });
  }

  function imageUrls(content) {
    var urls = [];
    if (content.story && content.story.poster1080p) urls.push(content.story.poster1080p.url);
    var photo = content.award.recipient && content.award.recipient.photo;
    if (photo && photo.rendition) urls.push(photo.rendition.url);
    var next = content.upcoming[0];
    if (next && next.posterImage && next.posterImage.rendition) urls.push(next.posterImage.rendition.url);
    return urls;
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

  function formatPremiere(iso) {
    if (!iso) return "Premiere date to be announced";
    var when = new Date(iso);
    var day = when.toLocaleDateString(document.documentElement.lang || "en", {
      month: "long", day: "numeric", year: "numeric", timeZone: "America/Los_Angeles",
    });
    return "Video premiere " + day;
  }

  function renderStory(display) {
    var slide = $("#slide-story");
    var story = display.story.story;
    setText(slide, ".month", story.monthLabel);
    setText(slide, ".headline", story.themeHeadline || story.title);
    setText(slide, ".names", story.themeHeadline ? story.studentNames : "");
    setText(slide, ".summary", story.summary);
    var poster = $(".poster", slide);
    var video = $(".video", slide);
    var posterUrl = display.story.poster1080p ? display.story.poster1080p.url : "";
    poster.src = src(posterUrl);
    poster.alt = display.story.poster1080p ? display.story.poster1080p.alt : "";
    var file = story.video && story.video.kind === "FILE" ? story.video : null;
    if (file && navigator.onLine !== false) {
      if (video.dataset.src !== file.url) {
        video.innerHTML = "";
        video.src = file.url;
        video.dataset.src = file.url;
        video.poster = src(posterUrl);
        if (file.captionsUrl) {
          var track = document.createElement("track");
          track.kind = "captions";
          track.src = file.captionsUrl;
          track.srclang = file.captionsLanguage || "en";
          track.label = "Captions";
          track.default = true;
          video.appendChild(track);
          track.addEventListener("load", function () { track.track.mode = "showing"; });
        }
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

  function renderAward(display) {
    var slide = $("#slide-award");
    var recipient = display.award.recipient;
    setText(slide, ".month", recipient.monthLabel);
    setText(slide, ".name", recipient.name);
    var kind = recipient.organization ? recipient.kindLabel + " · " + recipient.organization : recipient.kindLabel;
    setText(slide, ".kind", kind);
    setText(slide, ".citation", plainText(recipient.citation));
    var photo = $(".photo", slide);
    var url = recipient.photo && recipient.photo.rendition ? recipient.photo.rendition.url : "";
    photo.src = src(url);
    photo.alt = recipient.photo ? recipient.photo.alt : "";
  }

  function renderNext(display) {
    var slide = $("#slide-next");
    var next = display.upcoming[0];
    setText(slide, ".month", next.monthLabel);
    setText(slide, ".headline", next.themeHeadline || next.title);
    setText(slide, ".premiere", formatPremiere(next.premiereAt));
    setText(slide, ".summary", next.summary);
    var poster = $(".poster", slide);
    var url = next.posterImage && next.posterImage.rendition ? next.posterImage.rendition.url : "";
    poster.src = src(url);
    poster.alt = next.posterImage ? next.posterImage.alt : "";
  }

  function render(display) {
    var slides = [];
    if (display.story) { renderStory(display); slides.push("slide-story"); }
    if (display.award.recipient) { renderAward(display); slides.push("slide-award"); }
    if (display.upcoming.length) { renderNext(display); slides.push("slide-next"); }
    state.slides = slides.length ? slides : ["slide-unavailable"];
    if (state.index >= state.slides.length) state.index = 0;
    show(state.slides[state.index]);
  }

  function show(id) {
    var slides = document.querySelectorAll(".slide");
    for (var i = 0; i < slides.length; i++) slides[i].hidden = slides[i].id !== id;
    document.body.dataset.slide = id;
  }

  function rotate() {
    if (state.slides.length > 1) {
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
    state.refreshTimer = setTimeout(refresh, Math.max(1000, delayMs));
  }

  function refresh() {
    return fetchDisplay()
      .then(function (display) {
        return embedImages(display).then(function (images) {
          state.content = display;
          state.images = images;
          save(display, images);
          render(display);
          setOffline(false);
          var untilValid = new Date(display.validUntil).getTime() - Date.now();
          scheduleRefresh(Math.min(untilValid > 0 ? untilValid : config.pollMs, config.pollMs));
        });
      })
      .catch(function () {
        if (!state.content) {
          var saved = load();
          if (saved) {
            state.content = saved.content;
            state.images = saved.images || {};
            render(saved.content);
          } else {
            state.slides = ["slide-unavailable"];
            show("slide-unavailable");
          }
        }
        setOffline(Boolean(state.content));
        scheduleRefresh(config.pollMs);
      });
  }

  var saved = load();
  if (saved) {
    state.content = saved.content;
    state.images = saved.images || {};
    render(saved.content);
  }
  state.rotateTimer = setInterval(rotate, config.rotateMs);
  window.addEventListener("online", function () { scheduleRefresh(0); });
  refresh();
})();
