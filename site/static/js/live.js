// Live drops: chat lines, pins and the show's status arrive over a websocket; while it is down the page
// asks every few seconds instead. Without this file every action is a plain form post and a reload.
(function () {
  "use strict";
  var root = document.getElementById("live-show");
  if (!root) return;
  var chat = root.querySelector("[data-chat]");
  var notice = root.querySelector("[data-live-notice]");
  var removeTemplate = root.querySelector("[data-remove-template]");
  var pollTimer = null;
  var socket = null;
  var retry = 1000;

  function lastId() {
    var lines = chat ? chat.querySelectorAll("[data-message-id]") : [];
    var max = 0;
    lines.forEach(function (line) { max = Math.max(max, parseInt(line.getAttribute("data-message-id"), 10) || 0); });
    return max;
  }

  function say(text) {
    if (!notice) return;
    notice.textContent = text;
    notice.hidden = !text;
  }

  function addRemoveButton(line) {
    if (!removeTemplate || line.querySelector(".chat-remove") || line.querySelector(".chat-line__placeholder")) return;
    var form = removeTemplate.content.firstElementChild.cloneNode(true);
    form.action = form.action.replace(/\/0\/remove\/$/, "/" + line.getAttribute("data-message-id") + "/remove/");
    var actions = line.querySelector(".chat-line__actions");
    if (actions) actions.appendChild(form);
  }

  function putLine(id, html) {
    if (!chat) return;
    var holder = document.createElement("ol");
    holder.innerHTML = html; // rendered and sanitised by the server (core/markup.py), the same for every viewer
    var line = holder.firstElementChild;
    if (!line) return;
    var existing = document.getElementById("m" + id);
    if (existing) existing.replaceWith(line);
    else chat.appendChild(line);
    addRemoveButton(line);
    line.scrollIntoView({ block: "nearest" });
  }

  function showPin(productId) {
    root.setAttribute("data-pinned", productId || "");
    var label = root.querySelector("[data-pinned-label]");
    var title = "";
    root.querySelectorAll(".shelf__item").forEach(function (item) {
      var pinned = String(productId) === item.getAttribute("data-product-id");
      item.classList.toggle("shelf__item--pinned", pinned);
      if (pinned) title = item.getAttribute("data-title");
    });
    if (label) label.textContent = title ? (label.getAttribute("data-prefix") || "Now showing: ") + title : "";
  }

  function showStatus(status) {
    root.setAttribute("data-status", status);
    var badge = root.querySelector("[data-show-status]");
    var labels = { live: "Live now", ended: "Ended", cancelled: "Cancelled", scheduled: "Upcoming" };
    var text = root.getAttribute("data-label-" + status) || labels[status] || status;
    if (badge) badge.textContent = text;
    say(root.getAttribute("data-notice-" + status) || text);
  }

  function showTips(count) {
    var line = root.querySelector("[data-tip-count]");
    if (!line || count === undefined || String(count) === line.getAttribute("data-tip-count")) return;
    line.setAttribute("data-tip-count", String(count));
    // The labels carry the numbers 1 and 2 in the page's language; swap in the real count.
    if (count === 1) line.textContent = line.getAttribute("data-label-one");
    else line.textContent = line.getAttribute("data-label-other").replace("2", String(count));
  }

  function handle(event) {
    if (event.type === "batch") event.events.forEach(handle); // events of one short window, in order
    else if (event.type === "chat") putLine(event.id, event.html);
    else if (event.type === "pin") showPin(event.product_id);
    else if (event.type === "status") showStatus(event.status);
    else if (event.type === "tips") showTips(event.count);
  }

  function poll() {
    var url = root.getAttribute("data-since") + "?after=" + lastId();
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        data.messages.forEach(function (m) { putLine(m.id, m.html); });
        if (String(data.pinned || "") !== root.getAttribute("data-pinned")) showPin(data.pinned);
        if (data.status !== root.getAttribute("data-status")) showStatus(data.status);
        showTips(data.tips);
      })
      .catch(function () { /* next round */ });
  }

  function startPolling() {
    if (!pollTimer) pollTimer = window.setInterval(poll, 4000);
  }

  function stopPolling() {
    if (pollTimer) window.clearInterval(pollTimer);
    pollTimer = null;
  }

  function connect() {
    if (!("WebSocket" in window)) { startPolling(); return; }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-socket"));
    socket.addEventListener("open", function () {
      retry = 1000;
      stopPolling();
      root.setAttribute("data-connected", "true");
      poll(); // whatever was said while the socket was down
    });
    socket.addEventListener("message", function (message) {
      try { handle(JSON.parse(message.data)); } catch (e) { /* ignore a malformed event */ }
    });
    socket.addEventListener("close", function () {
      root.setAttribute("data-connected", "false");
      startPolling();
      window.setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    });
  }

  function post(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false, error: response.statusText }; });
    });
  }

  var chatForm = root.querySelector("[data-chat-form]");
  if (chatForm) {
    chatForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var error = chatForm.querySelector("[data-chat-error]");
      var input = chatForm.querySelector("[name=text]");
      post(chatForm).then(function (data) {
        if (data.ok) {
          input.value = "";
          if (error) error.hidden = true;
          putLine(data.id, data.html);
        } else if (error) {
          error.textContent = data.error;
          error.hidden = false;
        }
      }).catch(function () { chatForm.submit(); });
    });
  }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-live-fetch")) return;
    event.preventDefault();
    post(form).then(function (data) {
      say(data.ok ? data.message : data.error);
      if (data.ok && "pinned" in data) showPin(data.pinned);
    }).catch(function () { form.submit(); });
  });

  if (chat) chat.querySelectorAll("[data-message-id]").forEach(addRemoveButton);
  if (root.getAttribute("data-live-updates") === "off") startPolling();
  connect();
})();
