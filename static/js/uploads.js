// The dossier workspace's checklist items: files are sent as soon as they are chosen (or with the
// button), and removed, without leaving the page. The server answers with the item's box as the
// full page renders it (templates/dossiers/_document_item.html), which replaces the old one.
// Without this script the same forms post and redirect back.
(function () {
  "use strict";
  var section = document.getElementById("documents");
  if (!section || !window.fetch || !window.FormData) { return; }
  var liveRegion = document.getElementById("upload-status");

  function failureFor(status) {
    if (status === 413) { return section.dataset.tooLarge; }
    if (status === 429) { return section.dataset.throttled; }
    if (status === 400 || status === 401 || status === 403) { return section.dataset.expired; }
    return section.dataset.unexpected;
  }

  function tooLarge(form) {
    var limit = Number(section.dataset.maxBytes || 0);
    var input = form.querySelector("input[type=file]");
    if (!limit || !input) { return false; }
    var total = 0;
    Array.prototype.forEach.call(input.files, function (file) { total += file.size; });
    return total > limit;
  }

  function setBusy(box, busy) {
    box.setAttribute("aria-busy", busy ? "true" : "false");
    box.querySelectorAll("button").forEach(function (button) { button.disabled = busy; });
    var progress = box.querySelector(".upload-progress");
    if (progress) { progress.hidden = !busy; }
  }

  function showFailure(box, message) {
    var slot = box.querySelector(".upload-failure");
    slot.textContent = message;
    slot.hidden = false;
  }

  function announce(box) {
    var notices = box.querySelectorAll(".upload-notice");
    if (!liveRegion || !notices.length) { return; }
    liveRegion.textContent = Array.prototype.map.call(notices, function (notice) {
      return notice.textContent.trim();
    }).join(" ");
  }

  // The answer's box takes the old box's place; the blockers list too when it came along.
  function putInPlace(box, html) {
    var answer = document.createElement("template");
    answer.innerHTML = html;
    var fresh = answer.content.getElementById(box.id);
    if (!fresh) { return false; }
    var hadFocus = box.contains(document.activeElement);
    fresh.setAttribute("data-answered", "");
    box.replaceWith(fresh);
    var blockers = answer.content.getElementById("submission-blockers");
    var shown = document.getElementById("submission-blockers");
    if (blockers && shown) { shown.replaceWith(blockers); }
    if (hadFocus) {
      var target = fresh.querySelector("input[type=file]") || fresh.querySelector("a, button");
      if (target) { target.focus({ preventScroll: true }); }
    }
    announce(fresh);
    return true;
  }

  // Choosing files already sent them: the button pressed out of habit afterwards sends nothing.
  function alreadySent(form, box) {
    var input = form.querySelector("input[type=file]");
    return input && !input.files.length && box.hasAttribute("data-answered");
  }

  function send(form, box) {
    if (box.getAttribute("aria-busy") === "true") { return; }
    if (alreadySent(form, box)) {
      form.querySelector("input[type=file]").focus();
      return;
    }
    box.querySelector(".upload-failure").hidden = true;
    if (form.hasAttribute("data-upload") && tooLarge(form)) {
      showFailure(box, section.dataset.tooLarge);
      return;
    }
    var data = new FormData(form);
    if (document.getElementById("missing")) { data.append("blockers", "1"); }
    setBusy(box, true);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "text/html" }
    }).then(function (response) {
      return response.text().then(function (html) {
        var answered = (response.ok || response.status === 422) && !response.redirected;
        if (!answered || !putInPlace(box, html)) {
          setBusy(box, false);
          showFailure(box, answered ? section.dataset.unexpected : failureFor(response.status));
        }
      });
    }).catch(function () {
      setBusy(box, false);
      showFailure(box, section.dataset.offline);
    });
  }

  section.addEventListener("submit", function (event) {
    var form = event.target;
    var box = form.closest(".document-item");
    if (!box || !(form.hasAttribute("data-upload") || form.hasAttribute("data-remove"))) { return; }
    event.preventDefault();
    send(form, box);
  });

  section.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "file" || !input.files.length) { return; }
    var form = input.closest("form[data-upload]");
    var box = input.closest(".document-item");
    if (form && box) { send(form, box); }
  });
})();
