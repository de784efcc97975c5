// Comments, likes, flags and follows update in place; without JavaScript the forms post normally.
(function () {
  "use strict";

  function showError(form, message) {
    var box = form.querySelector("[data-error]");
    if (box) {
      box.textContent = message;
      box.hidden = false;
    } else {
      window.alert(message);
    }
  }

  function clearError(form) {
    var box = form.querySelector("[data-error]");
    if (box) { box.hidden = true; box.textContent = ""; }
  }

  var handlers = {
    comment: function (form, data) {
      var holder = document.createElement("div");
      holder.innerHTML = data.html.trim();
      var item = holder.firstElementChild;
      var list;
      if (data.parent) {
        var parent = document.getElementById("c" + data.parent);
        list = parent && parent.querySelector(":scope > ol.comment-list");
        if (parent && !list) {
          list = document.createElement("ol");
          list.className = "comment-list";
          parent.appendChild(list);
        }
        var details = form.closest("details");
        if (details) { details.open = false; }
      } else {
        list = document.querySelector("[data-comment-list]");
        var empty = document.querySelector(".comments__empty");
        if (empty) { empty.remove(); }
      }
      if (list && item) {
        list.appendChild(item);
        item.scrollIntoView({ block: "nearest" });
      }
      form.reset();
    },
    like: function (form, data) {
      var button = form.querySelector("button");
      button.setAttribute("aria-pressed", data.liked ? "true" : "false");
      var count = form.querySelector("[data-count]");
      if (count) { count.textContent = data.count; }
    },
    flag: function (form, data) {
      var note = document.createElement("p");
      note.setAttribute("role", "status");
      note.textContent = data.message;
      var details = form.closest("details");
      (details || form).replaceWith(note);
    },
    follow: function (form, data) {
      var button = form.querySelector("button");
      var action = form.querySelector("input[name=action]");
      action.value = data.following ? "unfollow" : "follow";
      button.setAttribute("aria-pressed", data.following ? "true" : "false");
      button.classList.toggle("button--ghost", data.following);
      button.textContent = data.following ? button.dataset.unfollowLabel : button.dataset.followLabel;
      var label = form.querySelector("[data-count-label]");
      if (label) { label.textContent = label.textContent.replace(/^\d+/, String(data.count)); }
    },
  };

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.dataset && form.dataset.fetch;
    if (!kind || !handlers[kind] || !window.fetch) { return; }
    event.preventDefault();
    clearError(form);
    var submit = form.querySelector("[type=submit]");
    if (submit) { submit.disabled = true; }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().catch(function () { return { ok: false, error: response.statusText }; });
      })
      .then(function (data) {
        if (data.ok) { handlers[kind](form, data); } else { showError(form, data.error); }
      })
      .catch(function () { showError(form, form.dataset.offline || "Network error, please try again."); })
      .finally(function () { if (submit && document.body.contains(submit)) { submit.disabled = false; } });
  });
})();
