// The PDF build page, updated in place: every two seconds the build's JSON status
// (?format=json) fills the progress bar, the percentage, the step and the status; once
// the build is over (ready, failed, stopped) the page is loaded again to show the result.
// Without a script the page reloads itself (<noscript><meta http-equiv="refresh">).
(() => {
  const facts = document.querySelector("[data-build-status-url]");
  if (!facts) return;
  const url = facts.dataset.buildStatusUrl;
  const field = (name) => facts.querySelector(`[data-build-field='${name}']`);
  const update = async () => {
    let status;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      status = await response.json();
    } catch {
      window.setTimeout(update, 5000);
      return;
    }
    if (status.stale || !["queued", "building"].includes(status.status)) {
      window.location.reload();
      return;
    }
    field("status").textContent = status.status_label;
    field("progress").value = status.progress;
    field("progress").textContent = `${status.progress}%`;
    field("percent").textContent = `${status.progress}%`;
    if (status.message && field("message").textContent !== status.message) {
      field("message").textContent = status.message;
    }
    window.setTimeout(update, 2000);
  };
  window.setTimeout(update, 2000);
})();
