// The inline script that applies a reader's display preferences before the first paint. The page HTML is
// the same for every visitor (served from Next's cache), so the script, not the server, reads the stored
// choice (the nb-* cookies the toolbar writes) and sets data-mode, data-size and data-theme on <html>.
// Its text is one constant on every page, so the Content-Security-Policy allows it by its sha256 hash
// (next.config.js requires this file to compute it); an assignment page passes its mode in the script
// element's data-page-mode attribute, never in the text. Mode: ?mode= in the URL (a teacher's link, for
// that view only) > the page's mode (an assignment's) > the stored choice > side by side. The names and
// values must match lib/reader/options.ts (tests/unit/reader/prepaint.test.ts holds them to it).
// window.__nbPreferences(pageMode) applies the same rule again after a client-side navigation.

const PREPAINT_SCRIPT = `(function () {
  var root = document.documentElement;
  function cookie(name) {
    var parts = document.cookie.split(";");
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i].trim();
      if (part.indexOf(name + "=") === 0) return part.slice(name.length + 1);
    }
    return null;
  }
  function valid(value, allowed) {
    return typeof value === "string" && allowed.indexOf(value) >= 0 ? value : null;
  }
  function apply(pageMode) {
    var modes = ["side", "interleaved", "practice", "german"];
    var fromUrl = null;
    try { fromUrl = new URLSearchParams(location.search).get("mode"); } catch (e) {}
    root.setAttribute("data-mode", valid(fromUrl, modes) || valid(pageMode, modes) || valid(cookie("nb-mode"), modes) || "side");
    root.setAttribute("data-size", valid(cookie("nb-size"), ["small", "medium", "large"]) || "medium");
    var theme = valid(cookie("nb-theme"), ["light", "dark"]);
    if (theme) root.setAttribute("data-theme", theme);
    else root.removeAttribute("data-theme");
  }
  window.__nbPreferences = apply;
  var self = document.currentScript;
  apply(self && self.getAttribute("data-page-mode"));
})();`;

module.exports = { PREPAINT_SCRIPT };
