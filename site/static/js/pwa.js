// The installable web app: registers the service worker (config/pwa.py, /sw.js), and offers the
// device's share sheet (Web Share) next to "Copy link" on design and product pages.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
        /* No service worker: the site works as before, only without the offline page. */
      });
    });
  }
  if (!navigator.share) return;
  document.querySelectorAll("[data-web-share]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({
        title: button.getAttribute("data-share-title") || document.title,
        url: button.getAttribute("data-web-share"),
      }).catch(function () { /* the member closed the share sheet */ });
    });
  });
})();
