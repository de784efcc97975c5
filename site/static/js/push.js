/* Web Push opt-in on the notification settings page: shown only when the site has VAPID keys and the
   browser supports push. The subscription goes to the server as JSON with the CSRF token. */
(function () {
  "use strict";
  var box = document.querySelector("[data-push]");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
  var button = box.querySelector("button");
  var status = box.querySelector("[role=status]");
  var csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
  box.hidden = false;

  function key(base64) {
    var padded = (base64 + "===".slice((base64.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }

  function send(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": decodeURIComponent(csrf), "Accept": "application/json" },
      body: JSON.stringify(body),
    }).then(function (r) { return r.json(); });
  }

  button.addEventListener("click", function () {
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") { status.textContent = box.dataset.denied; return null; }
      return navigator.serviceWorker.register("/sw.js").then(function () { return navigator.serviceWorker.ready; })
        .then(function (reg) {
          return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(box.dataset.key) });
        })
        .then(function (sub) { return send(box.dataset.subscribe, sub.toJSON()); })
        .then(function (answer) { status.textContent = answer.ok ? box.dataset.done : answer.error; });
    }).catch(function () { status.textContent = box.dataset.failed; });
  });
})();
