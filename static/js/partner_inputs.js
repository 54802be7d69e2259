// Plan page: a "Masukan mitra: N" badge next to each programme that has partner input.
// Progressive enhancement: without it the grouped list below still links to each programme.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".js-partner-input-badges [data-programme]").forEach(function (item) {
    var id = item.getAttribute("data-programme");
    var target = document.getElementById("programme-" + id);
    if (!target || target.querySelector(".js-partner-input-badge")) {
      return;
    }
    var badge = document.createElement("a");
    badge.className = "badge text-bg-info ms-2 js-partner-input-badge";
    badge.href = "#partner-inputs-programme-" + id;
    badge.textContent = item.getAttribute("data-label");
    target.appendChild(badge);
  });
});
