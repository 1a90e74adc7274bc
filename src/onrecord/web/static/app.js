// Progressive enhancement only: every feature below also works without this file.
// - view settings apply at once and are saved in the background (same cookie, same form);
// - citations copy to the clipboard;
// - the reader gets a one-click "Copy citation" next to each "Cite" link.
(function () {
  "use strict";
  var STORE_KEY = "onrecord-view";

  var hideTimer = null;

  // Said out loud (a live region) and shown: a visible note that fades after a while.
  function say(text) {
    var status = document.getElementById("copy-status") || makeStatus();
    status.textContent = "";
    window.clearTimeout(hideTimer);
    window.setTimeout(function () { status.textContent = text; }, 50);
    hideTimer = window.setTimeout(function () { status.textContent = ""; }, 6000);
  }

  // The button that copied says so for a few seconds, where the reader is looking.
  function confirmOn(button) {
    if (!button) return;
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = "Copied ✓";
    window.setTimeout(function () { button.textContent = label; }, 3000);
  }

  function makeStatus() {
    var status = document.createElement("p");
    status.id = "copy-status";
    status.className = "copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    document.body.appendChild(status);
    return status;
  }

  function copyText(text, label, button) {
    function done() { say(label + " copied to the clipboard."); confirmOn(button); }
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text, done); });
    }
    fallbackCopy(text, done);
    return Promise.resolve();
  }

  function fallbackCopy(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } catch (e) { say("Copy failed: select the text and copy it."); }
    document.body.removeChild(area);
  }

  function enableCopyButtons() {
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var label = button.getAttribute("data-label") || button.textContent;
        copyText(source.textContent, label.replace(/^Copy /, ""), button);
      });
    });
  }

  function enableQuickCite() {
    document.querySelectorAll("a.cite-link").forEach(function (link) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "quick-copy";
      button.textContent = "Copy citation";
      button.setAttribute("aria-label", "Copy citation of " + link.getAttribute("aria-label").replace(/^Cite /, ""));
      button.addEventListener("click", function () {
        var api = "/api/v1" + link.getAttribute("href");
        fetch(api, { headers: { Accept: "application/json" } })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (data) { return copyText(data.plain, "Citation", button); })
          .catch(function () { window.location.href = link.href; });
      });
      link.insertAdjacentText("afterend", " ");
      link.parentNode.appendChild(button);
    });
  }

  // A jump link into a closed panel (the claims, the list of questions) opens it first.
  function revealTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var opened = false;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; opened = true; }
    }
    if (opened) target.scrollIntoView();
  }

  function applySettings(form) {
    var root = document.documentElement;
    var value = function (name) { var el = form.elements[name]; return el ? el.value : ""; };
    var keep = root.className.split(/\s+/).filter(function (c) {
      return c && !/^(font-|scheme-|spacing-|no-images$)/.test(c);
    });
    keep.push("font-" + value("font"), "scheme-" + value("scheme"), "spacing-" + value("spacing"));
    if (value("images") === "off") keep.push("no-images");
    root.className = keep.join(" ");
  }

  function saveSettings(form) {
    var body = new URLSearchParams(new FormData(form));
    body.delete("step");
    try { localStorage.setItem(STORE_KEY, body.toString()); } catch (e) { /* private mode */ }
    return fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
  }

  // The cookie is the record; the copy in localStorage only restores it when the
  // cookie was cleared (for example by a browser that drops cookies on exit).
  function restoreSettings(form) {
    if (document.cookie.indexOf("onrecord_view=") !== -1) return;
    var saved = null;
    try { saved = localStorage.getItem(STORE_KEY); } catch (e) { return; }
    if (!saved) return;
    var params = new URLSearchParams(saved);
    ["font", "scheme", "spacing", "images"].forEach(function (name) {
      var field = form.elements[name];
      if (field && params.get(name)) field.value = params.get(name);
    });
    applySettings(form);
    saveSettings(form);
  }

  function enableLiveSettings() {
    var form = document.querySelector("form.settings-form");
    if (!form) return;
    restoreSettings(form);
    form.addEventListener("change", function () {
      applySettings(form);
      saveSettings(form).then(function () { say("View settings saved."); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enableCopyButtons();
    enableQuickCite();
    enableLiveSettings();
    revealTarget();
  });
  window.addEventListener("hashchange", revealTarget);
})();
