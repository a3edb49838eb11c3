// Bugmaster UI behaviour. Loaded as a static file (the CSP forbids inline scripts).
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Fallback for plain-http deployments: a temporary selection and execCommand.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function flash(button, label) {
    var original = button.dataset.label || button.textContent;
    button.dataset.label = original;
    button.textContent = label;
    clearTimeout(button._copyTimer);
    button._copyTimer = setTimeout(function () { button.textContent = original; }, 2000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy-target]");
    if (!button) { return; }
    var target = document.getElementById(button.dataset.copyTarget);
    if (!target) { return; }
    copyText(target.textContent).then(function () { flash(button, "Copied"); }, function () {
      // Select the text so the user can press Ctrl+C / Cmd+C.
      var range = document.createRange();
      range.selectNodeContents(target);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      flash(button, "Press Ctrl+C");
    });
  });

  // An htmx-enhanced form whose request failed (403, 404, 422, 500) is sent again as a plain
  // form, so the full error page with its explanation is shown instead of nothing.
  document.addEventListener("htmx:responseError", function (event) {
    var form = event.detail.elt && event.detail.elt.closest("form");
    if (form) {
      form.removeAttribute("hx-post");
      form.submit();
    }
  });
})();

// Triage from the issue stream with the keyboard: j/k move between issues, Enter opens the focused
// one (it is a link), r resolves, i ignores, a assigns to me (each clicks that row's form button).
// The focused row is marked with the "selected" class and aria-current; after an action reloads the
// stream, the focus comes back to the same position (the next issue when the acted-on one left).
(function () {
  "use strict";
  var STORE = "bugmaster.triage";

  function typing(target) {
    return target && target.closest && target.closest("input, select, textarea, [contenteditable]");
  }

  function rowsOnPage() {
    return Array.prototype.slice.call(document.querySelectorAll("tr[data-issue-row]"));
  }

  function select(rows, next) {
    rows.forEach(function (row) {
      row.classList.remove("selected");
      row.removeAttribute("aria-current");
    });
    var row = rows[next];
    row.classList.add("selected");
    row.setAttribute("aria-current", "true");
    var link = row.querySelector("a.issue-link");
    if (link) { link.focus({ preventScroll: true }); }
    row.scrollIntoView({ block: "nearest" });
  }

  // back from an action taken with the keyboard: focus the row at the same position
  try {
    var saved = JSON.parse(window.sessionStorage.getItem(STORE) || "null");
    window.sessionStorage.removeItem(STORE);
    var rows = rowsOnPage();
    if (saved && saved.path === window.location.pathname && Date.now() - saved.at < 30000 && rows.length) {
      select(rows, Math.min(saved.index, rows.length - 1));
    }
  } catch (e) { /* storage unavailable: start without a focused row */ }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var rows = rowsOnPage();
    if (!rows.length) { return; }
    var active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("tr[data-issue-row]") : null;
    var current = active || document.querySelector("tr[data-issue-row].selected");
    var index = rows.indexOf(current);

    if (event.key === "j") {
      select(rows, index < 0 ? 0 : Math.min(rows.length - 1, index + 1));
    } else if (event.key === "k") {
      select(rows, index < 0 ? 0 : Math.max(0, index - 1));
    } else if (event.key === "r" || event.key === "i" || event.key === "a") {
      if (index < 0) { return; }
      var button = current.querySelector('button[data-key="' + event.key + '"]');
      if (!button) { return; }
      try {
        window.sessionStorage.setItem(STORE, JSON.stringify({ path: window.location.pathname, index: index, at: Date.now() }));
      } catch (e) { /* the action still works, the focus starts over */ }
      button.click();
    } else {
      return;
    }
    event.preventDefault();
  });
})();

// "select all on this page": ticks every checkbox that belongs to the form named in data-select-all
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var all = event.target;
    if (!all.matches || !all.matches("input[type=checkbox][data-select-all]")) { return; }
    var form = all.getAttribute("data-select-all");
    document.querySelectorAll('input[type=checkbox][name=id][form="' + form + '"]').forEach(function (box) {
      box.checked = all.checked;
    });
  });
})();

// Times in the viewer's time zone (layout :: localTime): <time datetime="2026-12-05T10:02:00Z" data-local-time>
// shows "2026-12-05 11:02 GMT+1" with the server's UTC text as its title. Forms that take a time in UTC
// (input[data-local-input] holding a UTC value) are moved to the browser's zone too: the input shows the local
// time, the form's input[data-local-zone] says which zone it is in, and [data-zone-label] names it. Without
// JavaScript everything stays in UTC, which the labels say.
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function dateTime(d, separator) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + separator + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  function zoneName() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return ""; }
  }

  // "GMT+1", "CET", "UTC": the zone's short name at that date (it changes with daylight saving time)
  function shortZone(d) {
    try {
      var part = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(d)
        .filter(function (p) { return p.type === "timeZoneName"; })[0];
      return part ? part.value : "";
    } catch (e) { return ""; }
  }

  function localize(root) {
    root.querySelectorAll("time[data-local-time]:not([data-localized])").forEach(function (el) {
      var d = new Date(el.getAttribute("datetime"));
      if (isNaN(d.getTime())) { return; }
      el.title = el.textContent.trim();
      el.textContent = (dateTime(d, " ") + " " + shortZone(d)).trim();
      el.setAttribute("data-localized", "");
    });
    var zone = zoneName();
    if (!zone) { return; }
    root.querySelectorAll("input[data-local-input]:not([data-localized])").forEach(function (input) {
      if (input.value) {
        var d = new Date(input.value + ":00Z");
        if (!isNaN(d.getTime())) { input.value = dateTime(d, "T"); }
      }
      input.setAttribute("data-localized", "");
      var form = input.form;
      if (!form) { return; }
      form.querySelectorAll("input[data-local-zone]").forEach(function (z) { z.value = zone; });
      form.querySelectorAll("[data-zone-label]").forEach(function (label) { label.textContent = zone; });
    });
  }

  localize(document);
  document.addEventListener("htmx:load", function (event) { localize(event.detail.elt); });
})();
