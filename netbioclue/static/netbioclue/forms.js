// The portal's forms, on top of what works without a script:
// - after a failed submit, focus moves to the error summary at the top of the page (the
//   box also has autofocus), and its links focus the field they name;
// - a file field with data-max-size says at once when the chosen file is too large.
// A file, not inline code: the Content-Security-Policy runs scripts from this site only.
(() => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.scrollIntoView({ block: "start" });
    summary.querySelectorAll("a[href^='#']").forEach((link) => {
      link.addEventListener("click", (event) => {
        const field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) return;
        event.preventDefault();
        const label = document.querySelector(`label[for='${field.id}']`) || field;
        label.scrollIntoView({ block: "start" });
        field.focus({ preventScroll: true });
      });
    });
  }
  document.querySelectorAll("input[type=file][data-max-size]").forEach((input) => {
    input.addEventListener("change", () => {
      const limit = Number(input.dataset.maxSize);
      const tooLarge = Array.from(input.files || []).find((file) => file.size > limit);
      input.setCustomValidity(tooLarge ? input.dataset.tooLarge : "");
      input.reportValidity();
    });
  });
})();
