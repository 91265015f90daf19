// The member's sheet: autosave a second after the last change, and a copy of the unsaved draft
// in localStorage so that an expired login or CSRF token loses nothing: after logging in again
// the page offers the kept draft back, then saves it. Data comes through data- attributes (CSP).
(function () {
  "use strict";
  var form = document.getElementById("sheet-form");
  if (!form || !form.dataset.storageKey) { return; }
  var key = form.dataset.storageKey;
  var url = form.dataset.autosaveUrl;

  function stored() {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function keep(draft) {
    try { window.localStorage.setItem(key, JSON.stringify(draft)); } catch (e) { /* full or disabled */ }
  }
  function forget() {
    try { window.localStorage.removeItem(key); } catch (e) { /* disabled */ }
  }
  if (!url) { forget(); return; } // signed or closed: nothing left to keep

  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var versionInput = form.querySelector('input[name="version"]');
  var overallBox = form.querySelector("#overall_comment");
  var statusLine = document.getElementById("autosave-status");
  var expiredBox = document.getElementById("autosave-expired");
  var refusedBox = document.getElementById("autosave-refused");
  var restoreBox = document.getElementById("draft-restore");
  var timer = null;
  var stopped = false;
  var inFlight = false;
  var pending = false;
  var retryDelay = 0;
  var UNAVAILABLE = [502, 503, 504]; // a proxy or the app telling that the server is restarting

  function collect() {
    var choices = {};
    var comments = {};
    form.querySelectorAll("fieldset[data-criterion]").forEach(function (fieldset) {
      var code = fieldset.dataset.criterion;
      var checked = fieldset.querySelector('input[type="radio"]:checked');
      choices[code] = checked ? checked.value : "";
      var box = fieldset.querySelector("textarea");
      if (box && box.value.trim()) { comments[code] = box.value; }
    });
    var exclusion = form.querySelector("fieldset[data-exclusion]");
    if (exclusion) {
      var marked = exclusion.querySelector('input[type="radio"]:checked');
      choices[exclusion.dataset.exclusion] = marked ? marked.value : "";
    }
    return {
      version: Number(versionInput.value),
      choices: choices,
      comments: comments,
      overall: overallBox ? overallBox.value : ""
    };
  }

  function same(a, b) {
    return JSON.stringify([a.choices, a.comments, a.overall]) ===
      JSON.stringify([b.choices, b.comments, b.overall]);
  }

  function apply(draft) {
    form.querySelectorAll("fieldset[data-criterion]").forEach(function (fieldset) {
      var code = fieldset.dataset.criterion;
      fieldset.querySelectorAll('input[type="radio"]').forEach(function (input) {
        input.checked = draft.choices[code] === input.value;
      });
      var box = fieldset.querySelector("textarea");
      if (box) { box.value = (draft.comments || {})[code] || ""; }
    });
    form.querySelectorAll("fieldset[data-exclusion] input").forEach(function (input) {
      input.checked = (draft.choices[input.closest("fieldset").dataset.exclusion] || "") === input.value;
    });
    if (overallBox) { overallBox.value = draft.overall || ""; }
    form.dispatchEvent(new Event("change")); // running totals (sheet.js)
  }

  function showCeiling(ceiling) {
    var headline = document.getElementById("sheet-ceiling-headline");
    var list = document.getElementById("sheet-ceiling-blocking");
    if (!ceiling || !headline || !list) { return; }
    headline.textContent = ceiling.headline;
    list.replaceChildren.apply(list, (ceiling.blocking || []).map(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      return item;
    }));
  }

  function show(element, text) {
    if (!element) { return; }
    if (text !== undefined) { element.textContent = text; }
    element.classList.remove("d-none");
  }

  function expire() {
    stopped = true;
    show(expiredBox);
    statusLine.textContent = form.dataset.failedText;
  }

  function refuse(body) {
    var text = body.error || form.dataset.failedText;
    (body.differences || []).forEach(function (d) {
      text += " " + d.code + ": " + d.saved + " → " + d.yours + ".";
    });
    show(refusedBox, text);
    statusLine.textContent = form.dataset.failedText;
  }

  function answer(response, draft) {
    var isJson = (response.headers.get("Content-Type") || "").indexOf("application/json") !== -1;
    if (response.type === "opaqueredirect" || response.status === 401 ||
        (response.status === 400 && !isJson)) {
      expire(); // the login or the CSRF token has expired: the draft stays in localStorage
      return null;
    }
    if (!isJson) { statusLine.textContent = form.dataset.failedText; return null; }
    return response.json().then(function (body) {
      if (response.ok) {
        versionInput.value = body.version;
        if (same(collect(), draft)) { forget(); }
        if (refusedBox) { refusedBox.classList.add("d-none"); }
        showCeiling(body.ceiling);
        // The server's time in Vietnam time, 24-hour (not the browser's clock or locale).
        statusLine.textContent = form.dataset.savedText + " " + body.saved_at;
        return;
      }
      if (response.status === 409 || response.status === 423) { stopped = true; }
      if (response.status === 409 && body.version) { versionInput.value = body.version; }
      refuse(body);
    });
  }

  function save() {
    if (stopped) { return; }
    if (inFlight) { pending = true; return; }
    var draft = collect();
    keep(draft);
    inFlight = true;
    statusLine.textContent = form.dataset.savingText;
    send(draft);
  }

  function finish() {
    inFlight = false;
    if (pending) { pending = false; schedule(); }
  }

  // The network or the server is away (a restart): the SAME draft, with the same version, is
  // sent again after a growing pause (1 s, 2 s, 4 s … 30 s). If the first one was committed and
  // only its answer was lost, the server answers the retry as saved. Later edits wait (pending)
  // until this draft is answered, so they are sent with the version it returns.
  function retry(draft) {
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : 1000, 30000);
    statusLine.textContent = form.dataset.reconnectingText;
    window.setTimeout(function () {
      if (stopped) { finish(); return; }
      send(draft);
    }, retryDelay);
  }

  function send(draft) {
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": csrf
      },
      body: JSON.stringify(draft)
    }).then(function (response) {
      if (UNAVAILABLE.indexOf(response.status) !== -1) { retry(draft); return; }
      retryDelay = 0;
      return Promise.resolve(answer(response, draft)).catch(function () {
        statusLine.textContent = form.dataset.failedText;
      }).then(finish);
    }, function () {
      retry(draft); // offline or the connection dropped: the draft is also kept on this machine
    });
  }

  function schedule() {
    if (stopped) { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1000);
  }

  function changed() {
    keep(collect());
    schedule();
  }

  form.addEventListener("change", changed);
  form.addEventListener("input", changed);
  form.addEventListener("submit", function () { window.clearTimeout(timer); stopped = true; });

  var kept = stored();
  if (kept && !same(kept, collect()) && restoreBox) {
    show(restoreBox);
    document.getElementById("draft-restore-button").addEventListener("click", function () {
      restoreBox.classList.add("d-none");
      apply(kept);
      if (kept.version) { versionInput.value = kept.version; }
      stopped = false;
      save();
    });
    document.getElementById("draft-discard-button").addEventListener("click", function () {
      restoreBox.classList.add("d-none");
      forget();
    });
  } else if (kept) {
    forget();
  }
})();
