// Wide tables and code blocks scroll sideways on small screens (portal.css). A region that
// scrolls must be reachable by keyboard: while it overflows it takes focus (tabindex=0)
// and, for a wrapper around a table, the table's caption as its name.
(() => {
  const selector = ".table, .table-wrap, pre, .chart-with-table table, table";
  const update = () => {
    document.querySelectorAll(selector).forEach((region) => {
      const scrolls = region.scrollWidth > region.clientWidth + 1;
      if (scrolls && !region.hasAttribute("tabindex")) {
        region.setAttribute("tabindex", "0");
        region.dataset.scrollRegion = "";
        const caption = region.tagName === "DIV" && region.querySelector("caption");
        if (caption && !region.hasAttribute("aria-label")) {
          region.setAttribute("role", "region");
          region.setAttribute("aria-label", caption.textContent.trim());
        }
      } else if (!scrolls && "scrollRegion" in region.dataset) {
        region.removeAttribute("tabindex");
        delete region.dataset.scrollRegion;
      }
    });
  };
  update();
  let pending = null;
  window.addEventListener("resize", () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(update, 150);
  });
})();
