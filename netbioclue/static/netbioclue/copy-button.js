// "Copy" buttons for values shown once (a new API key). A button marked
// data-copy-target="<id of a field>" starts hidden and is shown by this script only, since
// it needs one; without it the field is still there to select and copy by hand. A file of
// this site, not inline code: the Content-Security-Policy runs no other script.
(() => {
  "use strict";
  const copy = async (field) => {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(field.value);
        return true;
      } catch (error) {
        // refused (permissions): fall back to the selection below
      }
    }
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  };

  document.querySelectorAll("button[data-copy-target]").forEach((button) => {
    const field = document.getElementById(button.dataset.copyTarget);
    const status = document.getElementById(button.dataset.copyStatus || "");
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", async () => {
      const done = await copy(field);
      if (status) {
        status.textContent = done ? button.dataset.copiedText : button.dataset.failedText;
      }
    });
  });
})();
