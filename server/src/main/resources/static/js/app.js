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

  // Buttons that destroy something ask first (the server does not depend on it).
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

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
