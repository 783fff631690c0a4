// The intake form page: renders a form from its definition in the GraphQL API, submits it as JSON, and
// shows each problem beside its field. A network failure keeps the answers and the submission key, so
// trying again never stores the submission twice.
(function () {
  "use strict";

  var form = document.getElementById("intake-form");
  if (!form) return;
  var endpoint = form.dataset.endpoint;
  var kind = form.dataset.form;
  var slug = form.dataset.slug;
  var locale = form.dataset.locale || "en";
  var WORDS = JSON.parse(document.getElementById("intake-strings").textContent);
  var fieldsBox = document.getElementById("intake-fields");
  var problems = document.getElementById("intake-problems");
  var loading = document.getElementById("intake-loading");
  var submitButton = form.querySelector("button[type=submit]");
  var definition = [];
  var key = newKey();
  // The interest form's questions are the page's content: where they stand in for a missing translation, they
  // are marked with their language. The letter request's fields are the API's own words, in the page's language.
  var fieldLang = null;

  var FIELD_PARTS = "name label kind required helpText choices defaultValues maxLength autocomplete accept maxFiles maxFileBytes";
  var DEFINITION_QUERY = kind === "letter"
    ? "query($locale: String) { letterOfSupportPage(locale: $locale) { formFields { " + FIELD_PARTS + " } } }"
    : "query($slug: String, $locale: String) { interestForm(slug: $slug, locale: $locale) { locale formFields { " + FIELD_PARTS + " } } }";
  var PAYLOAD = "ok reference alreadyReceived retryAfterSeconds thankYouText errors { field messages }";
  var SUBMIT = kind === "letter"
    ? "mutation($input: LetterOfSupportInput!, $key: UUID, $honeypot: String, $locale: String) { requestLetterOfSupport(input: $input, key: $key, honeypot: $honeypot, locale: $locale) { " + PAYLOAD + " statusToken } }"
    : "mutation($slug: String!, $values: [FormValueInput!]!, $key: UUID, $honeypot: String, $locale: String) { submitInterestForm(slug: $slug, values: $values, key: $key, honeypot: $honeypot, locale: $locale) { " + PAYLOAD + " } }";
  var INPUT_TYPES = { SINGLE_LINE: "text", EMAIL: "email", URL: "url", PHONE: "tel", NUMBER: "text", DATE: "date", DATETIME: "datetime-local" };

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function post(query, variables) {
    return fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ query: query, variables: variables }),
    }).then(function (response) {
      // A proxy's error page is not JSON: say so in the page's language, not with the parser's English.
      return response.json().catch(function () { throw new Error(WORDS.serverRefused); });
    }, function () {
      // The browser's own words for a failed request ("Failed to fetch") are English whatever the page.
      throw new Error(WORDS.noConnection);
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] !== null && attrs[name] !== undefined && attrs[name] !== false) node.setAttribute(name, attrs[name] === true ? "" : attrs[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function labelText(field) {
    var label = el("span", { lang: fieldLang }, field.label);
    if (field.required) label.appendChild(el("span", { "class": "required", "aria-hidden": "true" }, " *"));
    return label;
  }

  function renderField(field) {
    var id = "field-" + field.name;
    var wrap = el("div", { "class": "field", "data-name": field.name });
    var described = [];
    var help = field.helpText ? el("p", { "class": "help", id: id + "-help", lang: fieldLang }, field.helpText) : null;
    if (help) described.push(help.id);
    var error = el("p", { "class": "error", id: id + "-error", hidden: true });
    described.push(error.id);
    var common = { "aria-describedby": described.join(" "), required: field.required };

    if (field.kind === "HIDDEN") {
      wrap.appendChild(el("input", { type: "hidden", id: id, name: field.name, value: field.defaultValues[0] || "" }));
      wrap.hidden = true;
      return wrap;
    }
    if (["CHECKBOXES", "RADIO"].indexOf(field.kind) >= 0) {
      var set = el("fieldset", { "aria-describedby": described.join(" "), id: id });
      var legend = el("legend");
      legend.appendChild(labelText(field));
      set.appendChild(legend);
      field.choices.forEach(function (choice, i) {
        var optionId = id + "-" + i;
        var row = el("div", { "class": "option" });
        row.appendChild(el("input", {
          type: field.kind === "RADIO" ? "radio" : "checkbox", id: optionId, name: field.name, value: choice,
          checked: field.defaultValues.indexOf(choice) >= 0,
        }));
        row.appendChild(el("label", { "for": optionId, lang: fieldLang }, choice));
        set.appendChild(row);
      });
      if (help) set.appendChild(help);
      set.appendChild(error);
      wrap.appendChild(set);
      return wrap;
    }
    if (field.kind === "CHECKBOX") {
      wrap.classList.add("checkbox");
      wrap.appendChild(el("input", Object.assign({ type: "checkbox", id: id, name: field.name, checked: field.defaultValues[0] === "true" }, common)));
      var checkLabel = el("label", { "for": id });
      checkLabel.appendChild(labelText(field));
      wrap.appendChild(checkLabel);
    } else {
      var label = el("label", { "for": id });
      label.appendChild(labelText(field));
      wrap.appendChild(label);
      var input;
      if (field.kind === "MULTI_LINE") {
        input = el("textarea", Object.assign({ id: id, name: field.name, rows: 6, maxlength: field.maxLength }, common));
      } else if (field.kind === "DROPDOWN" || field.kind === "MULTI_SELECT") {
        input = el("select", Object.assign({ id: id, name: field.name, multiple: field.kind === "MULTI_SELECT" }, common));
        if (field.kind === "DROPDOWN") input.appendChild(el("option", { value: "" }, WORDS.choose));
        field.choices.forEach(function (choice) {
          input.appendChild(el("option", { value: choice, lang: fieldLang, selected: field.defaultValues.indexOf(choice) >= 0 }, choice));
        });
      } else if (field.kind === "FILES") {
        input = el("input", Object.assign({ type: "file", id: id, name: field.name, multiple: (field.maxFiles || 1) > 1, accept: field.accept.join(",") }, common));
      } else {
        input = el("input", Object.assign({
          type: INPUT_TYPES[field.kind] || "text",
          id: id, name: field.name, maxlength: field.maxLength, autocomplete: field.autocomplete,
          inputmode: field.kind === "NUMBER" ? "decimal" : null, value: field.defaultValues[0] || null,
        }, common));
      }
      wrap.appendChild(input);
    }
    if (help) wrap.appendChild(help);
    wrap.appendChild(error);
    return wrap;
  }

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve({ name: file.name, dataBase64: String(reader.result).split(",")[1] || "" }); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsDataURL(file);
    });
  }

  function answers() {
    var values = [];
    var files = Promise.resolve([]);
    definition.forEach(function (field) {
      var inputs = form.querySelectorAll("[name='" + field.name + "']");
      if (field.kind === "CHECKBOXES" || field.kind === "MULTI_SELECT") {
        var chosen = [];
        inputs.forEach(function (input) {
          if (input.tagName === "SELECT") Array.prototype.forEach.call(input.selectedOptions, function (o) { chosen.push(o.value); });
          else if (input.checked) chosen.push(input.value);
        });
        values.push({ name: field.name, values: chosen });
      } else if (field.kind === "RADIO") {
        var picked = form.querySelector("[name='" + field.name + "']:checked");
        values.push({ name: field.name, value: picked ? picked.value : "" });
      } else if (field.kind === "CHECKBOX") {
        values.push({ name: field.name, value: inputs[0].checked ? "true" : "false" });
      } else if (field.kind === "FILES") {
        files = Promise.all(Array.prototype.map.call(inputs[0].files, readFile));
      } else {
        values.push({ name: field.name, value: inputs[0].value });
      }
    });
    return files.then(function (attachments) { return { values: values, attachments: attachments }; });
  }

  function clearProblems() {
    problems.hidden = true;
    problems.textContent = "";
    form.querySelectorAll(".error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
  }

  function showProblems(errors) {
    var firstInvalid = null;
    var general = [];
    errors.forEach(function (problem) {
      var wrap = problem.field && fieldsBox.querySelector("[data-name='" + problem.field + "']");
      if (!wrap) { general = general.concat(problem.messages); return; }
      var error = wrap.querySelector(".error");
      error.textContent = problem.messages.join(" ");
      error.hidden = false;
      var target = wrap.querySelector("input, textarea, select, fieldset");
      target.setAttribute("aria-invalid", "true");
      firstInvalid = firstInvalid || wrap.querySelector("input, textarea, select");
    });
    var count = errors.length;
    problems.textContent = general.length ? general.join(" ") : WORDS.fix[Math.min(count, WORDS.fix.length - 1)];
    problems.hidden = false;
    if (firstInvalid && !general.length) firstInvalid.focus(); else problems.focus();
  }

  function showDone(result) {
    form.hidden = true;
    var done = document.getElementById("intake-done");
    document.getElementById("intake-reference").textContent = result.reference || "";
    if (result.statusToken) {
      document.getElementById("intake-token").textContent = result.statusToken;
      document.getElementById("intake-token-row").hidden = false;
      offerCopy(result.statusToken);
    }
    document.getElementById("intake-thanks").innerHTML = result.thankYouText || "";
    done.hidden = false;
    done.focus();
  }

  // A button copying the long status code, where the browser lets a page write to the clipboard.
  function offerCopy(token) {
    var button = document.getElementById("intake-copy");
    var said = document.getElementById("intake-copied");
    if (!button || !navigator.clipboard || !window.isSecureContext) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      said.textContent = "";
      navigator.clipboard.writeText(token).then(function () { said.textContent = said.dataset.copied; });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearProblems();
    submitButton.disabled = true;
    answers().then(function (collected) {
      var honeypot = document.getElementById("intake-website").value || null;
      var variables = { key: key, honeypot: honeypot, locale: locale };
      if (kind === "letter") {
        var input = { attachments: collected.attachments };
        collected.values.forEach(function (v) { input[v.name] = v.value; });
        variables.input = input;
      } else {
        variables.slug = slug;
        variables.values = collected.values;
      }
      return post(SUBMIT, variables);
    }).then(function (body) {
      var result = body.data && (body.data.requestLetterOfSupport || body.data.submitInterestForm);
      if (!result) throw new Error((body.errors || [{ message: WORDS.serverRefused }])[0].message);
      if (result.ok) showDone(result); else showProblems(result.errors);
    }).catch(function (problem) {
      showProblems([{ field: null, messages: [WORDS.notSent.replace("{problem}", problem.message)] }]);
    }).then(function () { submitButton.disabled = false; });
  });

  post(DEFINITION_QUERY, { slug: slug, locale: locale }).then(function (body) {
    var page = body.data && (body.data.letterOfSupportPage || body.data.interestForm);
    if (!page) throw new Error("no form");
    if (page.locale && page.locale !== document.documentElement.lang) fieldLang = page.locale;
    definition = page.formFields;
    definition.forEach(function (field) { fieldsBox.appendChild(renderField(field)); });
    loading.hidden = true;
    form.hidden = false;
  }).catch(function () {
    loading.textContent = WORDS.notLoaded;
  });

  var statusForm = document.getElementById("status-form");
  if (statusForm) {
    var tokenInput = document.getElementById("status-token");
    var statusResult = document.getElementById("status-result");
    var checkStatus = function () {
      statusResult.textContent = WORDS.checking;
      post("query($token: String!, $locale: String) { letterOfSupportStatus(token: $token, locale: $locale) { reference statusLabel grantProgram deadline declineReason history { statusLabel at } } }", { token: tokenInput.value.trim(), locale: locale })
        .then(function (body) {
          if (body.errors) { statusResult.textContent = body.errors[0].message; return; }
          var s = body.data.letterOfSupportStatus;
          if (!s) { statusResult.textContent = WORDS.noSuchCode; return; }
          statusResult.textContent = "";
          statusResult.appendChild(el("p", {}, s.reference + " (" + s.grantProgram + "): " + s.statusLabel + "."));
          if (s.declineReason) statusResult.appendChild(el("p", {}, WORDS.reason.replace("{reason}", s.declineReason)));
          var list = el("ol");
          s.history.forEach(function (step) { list.appendChild(el("li", {}, new Date(step.at).toLocaleString(locale) + ": " + step.statusLabel)); });
          statusResult.appendChild(list);
        })
        .catch(function () { statusResult.textContent = WORDS.notChecked; });
    };
    statusForm.addEventListener("submit", function (event) { event.preventDefault(); checkStatus(); });
    var fromLink = /(?:^#|&)status=([^&]+)/.exec(location.hash);
    if (fromLink) {
      tokenInput.value = decodeURIComponent(fromLink[1]);
      history.replaceState(null, "", location.pathname + location.search);
      checkStatus();
    }
  }
})();
