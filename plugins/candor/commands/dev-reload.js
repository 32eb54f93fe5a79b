// Development builds only (make devserver): reload the page when a new build is in place.
(function () {
  "use strict";
  var seen = null;
  var idUrl = document.currentScript.getAttribute("data-build-id");
  function poll() {
    fetch(idUrl, { cache: "no-store" })
      .then(function (reply) { return reply.ok ? reply.text() : seen; })
      .then(function (id) {
        if (seen !== null && id !== seen) { window.location.reload(); }
        seen = id;
      })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 1000); });
  }
  poll();
})();
