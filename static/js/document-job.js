// A session document built by a background job: poll the job's JSON every second, show its
// progress, and reload the page once it is done or failed (the page then offers the download, or
// the reason and "Lập lại"). No inline script: CSP.
(function () {
  var box = document.getElementById("document-job");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var finished = { done: true, failed: true };

  function show(job) {
    document.getElementById("job-label").textContent = job.label;
    document.getElementById("job-percent").textContent = job.percent;
    document.getElementById("job-bar").value = job.percent;
    document.getElementById("job-stale").hidden = !job.waiting_too_long;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (job && finished[job.state]) { window.location.reload(); return; }
        if (job) { show(job); }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  if (!finished[box.getAttribute("data-state")]) { window.setTimeout(poll, 1000); }
})();
