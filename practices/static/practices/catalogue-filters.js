// The catalogue's filters and sort order apply as soon as they change.
//
// Progressive enhancement: without this file the page works the same through its "Apply
// filters" and "Sort" buttons (a GET form), which this script hides. A file of this site,
// not an inline script: the Content-Security-Policy runs no other.
//
// A change reloads the page with the new URL (every state stays a shareable link). So that
// ticking several boxes in a row is not a chore, the panel and group that were open and the
// box that was ticked are remembered for the next page (sessionStorage) and restored there.
(() => {
  "use strict";
  const form = document.getElementById("catalogue");
  if (!form) {
    return;
  }
  const KEY = "netbioclue:catalogue-filters";
  const disclosure = form.querySelector(".filters-disclosure");

  const read = () => {
    try {
      const saved = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
      window.sessionStorage.removeItem(KEY);
      return saved;
    } catch (error) {
      return null; // storage disabled: nothing to restore
    }
  };

  const remember = (field) => {
    const groups = [...form.querySelectorAll("details.facet-group[open]")].map((g) => g.id);
    const state = { path: window.location.pathname, groups, name: field.name, value: field.value };
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      // storage disabled: the next page opens with the panel closed
    }
  };

  const restore = (saved) => {
    if (!saved || saved.path !== window.location.pathname || !disclosure) {
      return;
    }
    disclosure.open = true;
    saved.groups.forEach((id) => {
      const group = document.getElementById(id);
      if (group && group.classList.contains("facet-group")) {
        group.open = true;
      }
    });
    const boxes = [...form.querySelectorAll('input[type="checkbox"]')];
    const box = boxes.find((b) => b.name === saved.name && b.value === saved.value);
    const group = saved.groups.length ? document.getElementById(saved.groups[0]) : null;
    const target = box || (group && group.querySelector("summary")) || disclosure.querySelector("summary");
    target.focus({ preventScroll: false });
  };

  let submitting = false;
  const apply = () => {
    if (submitting) {
      return;
    }
    submitting = true;
    form.setAttribute("aria-busy", "true");
    // An empty search box adds nothing but "q=" to the link of the new page.
    const query = form.elements.namedItem("q");
    if (query && !query.value.trim()) {
      query.disabled = true;
    }
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  };

  form.querySelectorAll("[data-apply-button], [data-sort-button]").forEach((button) => {
    button.hidden = true;
  });
  form.querySelectorAll("[data-auto-apply-note]").forEach((note) => {
    note.hidden = false;
  });

  form.addEventListener("change", (event) => {
    const field = event.target;
    if (field.type === "checkbox" && field.closest(".filters-disclosure")) {
      remember(field);
      apply();
    } else if (field.name === "sort") {
      apply();
    }
  });

  restore(read());
  // Back from the next page (back/forward cache): the form as it was, ready to change.
  window.addEventListener("pageshow", () => {
    submitting = false;
    form.removeAttribute("aria-busy");
    const query = form.elements.namedItem("q");
    if (query) {
      query.disabled = false;
    }
  });
})();
