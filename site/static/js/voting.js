// Votes without a page reload: the form still works as a plain POST when this file does not run.
(function () {
  if (window.commonmadeVoting) return;
  window.commonmadeVoting = true;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-vote-form]")) return;
    event.preventDefault();
    var panel = form.closest("[data-vote-panel]");
    var data = new FormData(form, event.submitter || undefined);
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    // getAttribute: the "action" button would shadow form.action.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (payload) { return { status: response.status, payload: payload }; });
    }).then(function (result) {
      var target = panel;
      if (result.payload.html) {
        var holder = document.createElement("div");
        holder.innerHTML = result.payload.html.trim();
        target = holder.firstElementChild;
        panel.replaceWith(target);
      } else {
        buttons.forEach(function (b) { b.disabled = false; });
      }
      var status = target.querySelector("[data-vote-status]");
      if (status) {
        status.textContent = result.payload.message || "";
        status.className = "vote-panel__status " + (result.payload.ok ? "message message--success" : "message message--error");
      }
    }).catch(function () {
      form.submit();
    });
  });
})();
