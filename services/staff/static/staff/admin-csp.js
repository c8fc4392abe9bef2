// Starts the Wagtail admin widgets that Wagtail's templates start with inline scripts,
// which the Content Security Policy (no 'unsafe-inline') blocks. Our overriding
// templates leave a hidden element with data-csp-init instead; this finds them, on
// load and whenever the admin adds form fragments (inline panel "Add", StreamField).
// Chooser widgets (page, image, document, snippet) do the same (services/staff/admin_csp.py).
(function () {
  "use strict";
  var PANELS = ["InlinePanel", "MultipleChooserPanel"];
  var CHOOSERS = ["initDateChooser", "initTimeChooser", "initDateTimeChooser"];
  // Chooser classes are named "...Chooser" (PageChooser, ImageChooser, SnippetChooser...).
  var CHOOSER_CLASS = /^([A-Z][A-Za-z]*)?Chooser$/;

  function start(element) {
    if (element.dataset.cspStarted) return;
    var name = element.dataset.cspInit;
    var options = element.dataset.cspOptions ? JSON.parse(element.dataset.cspOptions) : undefined;
    if (PANELS.indexOf(name) !== -1 && typeof window[name] === "function") {
      element.dataset.cspStarted = "1";
      new window[name](options);
    } else if (CHOOSERS.indexOf(name) !== -1 && typeof window[name] === "function") {
      element.dataset.cspStarted = "1";
      window[name](element.dataset.cspTarget, options);
    } else if (CHOOSER_CLASS.test(name) && typeof window[name] === "function") {
      element.dataset.cspStarted = "1";
      new window[name](element.dataset.cspTarget, options);
    }
  }

  function startAll(root) {
    if (root.matches && root.matches("[data-csp-init]")) start(root);
    if (root.querySelectorAll) root.querySelectorAll("[data-csp-init]").forEach(start);
  }

  function watch() {
    startAll(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) startAll(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
  // Widget scripts loaded late (form media) may define their starters after DOMContentLoaded.
  window.addEventListener("load", function () {
    startAll(document);
  });
})();
