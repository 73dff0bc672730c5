// Progressive enhancement only: every page works without this file.
// Search as you type: a form with data-live="ID" refreshes the element #ID from the same URL with ?partial=1.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-live]").forEach(function (form) {
    var target = document.getElementById(form.getAttribute("data-live"));
    var input = form.querySelector("input[type=search]");
    if (!target || !input) return;
    var timer = null, last = input.value;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (input.value === last) return;
        last = input.value;
        var params = new URLSearchParams(new FormData(form));
        params.set("partial", "1");
        fetch(form.action + "?" + params.toString(), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) { if (html !== null) { target.innerHTML = html; } });
        history.replaceState(null, "", form.action + "?" + new URLSearchParams(new FormData(form)).toString());
      }, 200);
    });
  });
  document.querySelectorAll("[data-check-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll("input[name='" + box.getAttribute("data-check-all") + "']").forEach(function (b) { b.checked = box.checked; });
    });
  });
});
