// Progressive enhancement: everything works without this file; with it, a running job's
// progress updates in place and the page reloads once the job is done.
(function () {
  "use strict";
  function pollJob(box) {
    var id = box.getAttribute("data-job");
    var bar = document.getElementById("job-progress");
    var rows = document.getElementById("job-rows");
    var status = document.getElementById("job-status");
    function tick() {
      fetch("/v1/jobs/" + encodeURIComponent(id), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (job) {
          if (!job) { return; }
          if (job.progress !== null && bar) { bar.value = job.progress; }
          if (rows) { rows.textContent = String(job.rows_done); }
          if (status) { status.setAttribute("data-status", job.status); }
          if (job.status === "done" || job.status === "failed") {
            window.location.reload();
          } else {
            window.setTimeout(tick, 700);
          }
        })
        .catch(function () { window.setTimeout(tick, 2000); });
    }
    tick();
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("job");
    if (box && /^(queued|running)$/.test(box.getAttribute("data-status"))) { pollJob(box); }
    var forms = document.querySelectorAll("form[enctype='multipart/form-data']");
    Array.prototype.forEach.call(forms, function (f) {
      f.addEventListener("submit", function () {
        var b = f.querySelector("button[type=submit]");
        if (b) { b.disabled = true; b.setAttribute("aria-busy", "true"); }
      });
    });
  });
})();
