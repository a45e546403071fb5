// Show an event's start in the visitor's own time zone (the server cannot know it).
document.querySelectorAll("time.localtime").forEach(function (el) {
  var when = new Date(el.getAttribute("datetime"));
  if (!isNaN(when)) {
    el.textContent = when.toLocaleString(undefined, {
      dateStyle: "full", timeStyle: "short", timeZoneName: "short"
    });
  }
});
