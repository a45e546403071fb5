// Selects the whole value of a field marked data-select-on-focus when it gets focus (the
// new API key, shown once, to copy). A file, not an onfocus="" attribute: the
// Content-Security-Policy runs scripts from this site only.
document.querySelectorAll("[data-select-on-focus]").forEach((field) => {
  field.addEventListener("focus", () => field.select());
});
