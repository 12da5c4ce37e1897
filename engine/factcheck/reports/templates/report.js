(function () {
  "use strict";
  // Activating a highlight shows its details under its paragraph; n/j and p/k move between findings;
  // the filters hide findings and claims by severity and rule. Nothing here reads text from a document.
  var shown = null;

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function show(id) {
    var detail = document.getElementById("d-" + id);
    if (!detail) { return; }
    if (shown && shown !== detail) { shown.hidden = true; }
    detail.hidden = false;
    shown = detail;
    all(".hl.current").forEach(function (piece) { piece.classList.remove("current"); });
    all(".hl").forEach(function (piece) {
      if (piece.getAttribute("data-mark") === id) { piece.classList.add("current"); }
    });
  }

  function hide() {
    if (shown) { shown.hidden = true; shown = null; }
    all(".hl.current").forEach(function (piece) { piece.classList.remove("current"); });
  }

  function goTo(id) {
    var anchor = document.getElementById("m-" + id);
    if (!anchor) { return; }
    var doc = anchor.closest("details");
    if (doc) { doc.open = true; }
    anchor.focus({ preventScroll: true });
    anchor.scrollIntoView({ block: "center" });
    show(id);
  }

  function findings() {
    return all("a.hl[id]").filter(function (anchor) {
      return anchor.getAttribute("data-severity") !== "holds" && !anchor.classList.contains("filtered");
    });
  }

  function step(delta) {
    var list = findings();
    if (!list.length) { return; }
    var at = list.indexOf(document.activeElement);
    if (at < 0 && shown) {
      var current = shown.getAttribute("data-detail");
      at = list.findIndex(function (anchor) { return anchor.getAttribute("data-mark") === current; });
    }
    var next = at < 0 ? (delta > 0 ? 0 : list.length - 1) : (at + delta + list.length) % list.length;
    goTo(list[next].getAttribute("data-mark"));
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var piece = target && target.closest("a.hl");
    if (piece) {
      event.preventDefault();
      piece.focus();
      show(piece.getAttribute("data-mark"));
      return;
    }
    var link = target && target.closest("a[data-go]");
    if (link) {
      event.preventDefault();
      goTo(link.getAttribute("data-go"));
    }
  });

  document.addEventListener("focusin", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var piece = target && target.closest("a.hl");
    if (piece) { show(piece.getAttribute("data-mark")); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target instanceof Element ? event.target : null;
    if (target && target.closest("input, select, textarea, [contenteditable]")) { return; }
    if (event.key === "n" || event.key === "j") {
      event.preventDefault();
      step(1);
    } else if (event.key === "p" || event.key === "k") {
      event.preventDefault();
      step(-1);
    } else if (event.key === "Escape") {
      hide();
    }
  });

  function applyFilters() {
    var off = {};
    all("input[data-filter]").forEach(function (box) {
      if (!box.checked) { off[box.getAttribute("data-filter") + ":" + box.value] = true; }
    });
    all("[data-rule][data-severity]").forEach(function (element) {
      var hidden = off["severity:" + element.getAttribute("data-severity")] || off["rule:" + element.getAttribute("data-rule")];
      element.classList.toggle("filtered", !!hidden);
    });
    if (shown && shown.classList.contains("filtered")) { hide(); }
  }

  document.addEventListener("change", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (target && target.matches("input[data-filter]")) { applyFilters(); }
  });

  window.addEventListener("beforeprint", function () {
    all("details.doc").forEach(function (doc) {
      if (doc.querySelector("a.hl[id]:not([data-severity='holds'])")) { doc.open = true; }
    });
  });
  document.documentElement.classList.add("js");
}());
