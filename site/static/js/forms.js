// One progressive-enhancement handler for every small POST form on the site (follow, vote,
// favourite, flag, like, comment, add to cart). Without this file each form posts normally and
// the server answers with a redirect. With it, the form is sent with fetch() and the server's
// JSON answer updates the page in place:
//
//   {"ok": true|false, "message": "...", "error": "...", "html": "<fresh fragment>", ...}
//
// `html` replaces the form's root: the closest [data-fetch-root], or the form itself.
// `message`/`error` go to the root's [data-fetch-status] (or .form-status, [data-error]) element.
// A few kinds need one more step (a new comment is appended, the cart badge changes): see `after`.
// The form's address is read with getAttribute: a field named "action" would shadow form.action.
(function () {
  "use strict";
  if (window.commonmadeForms) { return; }
  window.commonmadeForms = true;

  function parse(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    return holder.firstElementChild;
  }

  function say(root, data) {
    var text = data.ok ? (data.message || "") : (data.error || data.message || "");
    if (!text || !root) { return; }
    var box = root.querySelector("[data-fetch-status], .form-status") || root.querySelector("[data-error]");
    if (!box && root.matches && root.matches("[data-fetch-status]")) { box = root; }
    if (box) {
      box.textContent = text;
      box.hidden = false;
      if (box.hasAttribute("data-fetch-status")) {
        box.classList.add("message");
        box.classList.toggle("message--error", !data.ok);
        box.classList.toggle("message--success", !!data.ok);
      }
    } else if (!data.ok) {
      window.alert(text);
    }
  }

  // Kinds whose `html` is a new item to insert, not a fresh copy of the form's root.
  var inserts = { comment: true };

  var after = {
    comment: function (form, data) {
      if (!data.ok) { return; }
      var item = parse(data.html || "");
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
        if (details) {
          details.open = false;
          // A fresh copy of the reply form next time (comment-forms below).
          var slot = document.createElement("p");
          slot.setAttribute("data-form-slot", "");
          form.replaceWith(slot);
        }
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
    // A vote answers with the new numbers only (no fresh panel): show them and the member's vote.
    vote: function (form, data) {
      if (!data.ok || data.html || !data.counters) { return; }
      var panel = form.closest("[data-vote-panel]");
      if (!panel) { return; }
      var c = data.counters;
      var fields = { "data-votes": c.votes, "data-would-buy": c.would_buy, "data-crowd-score": c.crowd_score, "data-mean-score": c.mean_score };
      Object.keys(fields).forEach(function (name) {
        var el = panel.querySelector("[" + name + "]");
        if (el) { el.textContent = fields[name]; }
      });
      var bar = panel.querySelector("[data-milestone-progress]");
      if (bar) { bar.value = c.would_buy; }
      var submit = form.querySelector("[data-vote-submit]");
      if (submit && submit.getAttribute("data-label-change")) { submit.textContent = submit.getAttribute("data-label-change"); }
      var remove = form.querySelector("[data-vote-remove]");
      if (remove) { remove.hidden = false; }
      var held = panel.querySelector("[data-vote-held]");
      if (held && data.my_vote) { held.hidden = !!data.my_vote.counted; }
    },
    cart: function (form, data) {
      if (!data.ok) { return; }
      document.querySelectorAll("[data-cart-count]").forEach(function (badge) {
        badge.textContent = data.cart_count;
        badge.hidden = !data.cart_count;
      });
      document.querySelectorAll("[data-cart-count-label]").forEach(function (label) {
        label.textContent = data.cart_count_label;
      });
      var status = form.querySelector("[data-fetch-status], .form-status");
      if (status && data.cart_url) {
        status.textContent = data.message + " ";
        var link = document.createElement("a");
        link.href = data.cart_url;
        link.textContent = data.cart_link_text;
        status.appendChild(link);
      }
    },
  };

  function fallback(form, submitter) {
    // Send the form the ordinary way (the server answers with a page or a redirect).
    form.setAttribute("data-fetch-off", "");
    if (form.requestSubmit) { form.requestSubmit(submitter || undefined); }
    else { HTMLFormElement.prototype.submit.call(form); }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-fetch") || form.hasAttribute("data-fetch-off")) { return; }
    if (!window.fetch || !window.FormData) { return; }
    event.preventDefault();
    var kind = form.getAttribute("data-fetch");
    var submitter = event.submitter || null;
    var buttons = form.querySelectorAll("button, [type=submit]");
    buttons.forEach(function (b) { b.disabled = true; });
    var root = form.closest("[data-fetch-root]") || form;
    // A form on a page cached for every visitor holds no CSRF token: fetch one first.
    var tokenField = form.querySelector("input[data-csrf-fetch]");
    var ready = Promise.resolve();
    if (tokenField && !tokenField.value) {
      ready = fetch(tokenField.getAttribute("data-csrf-fetch"), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) { return response.json(); })
        .then(function (data) { tokenField.value = data.token || ""; });
    }
    ready
      .then(function () {
        var body;
        try { body = new FormData(form, submitter || undefined); } catch (e) { body = new FormData(form); }
        if (submitter && submitter.name && !body.has(submitter.name)) { body.append(submitter.name, submitter.value); }
        return fetch(form.getAttribute("action") || window.location.href, {
          method: "POST",
          body: body,
          headers: { Accept: "application/json", "X-Requested-With": "fetch" },
          credentials: "same-origin",
        });
      })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) { throw new Error("not json"); }
        return response.json();
      })
      .then(function (data) {
        var target = root;
        if (data.html && !inserts[kind]) {
          var fresh = parse(data.html);
          if (fresh) {
            root.replaceWith(fresh);
            target = fresh;
          }
        }
        if (target === root) { buttons.forEach(function (b) { b.disabled = false; }); }
        say(target, data);
        if (after[kind]) { after[kind](form, data); }
        document.dispatchEvent(new CustomEvent("commonmade:fetched", { detail: { kind: kind, data: data } }));
      })
      .catch(function () {
        buttons.forEach(function (b) { b.disabled = false; });
        fallback(form, submitter);
      });
  });
})();

// Comments: the page carries one reply form and one flag form (<template id="comment-reply-form"> and
// "comment-flag-form"); opening a comment's "Reply" or "Flag" puts a copy of it into the comment, with
// that comment's id (and signed flag target) filled in. Without this script each comment links to a
// page with its own form (/comments/<id>/reply/, /comments/<id>/flag/).
(function () {
  "use strict";
  function copy(templateId, replacements) {
    var template = document.getElementById(templateId);
    if (!template) { return null; }
    var html = template.innerHTML;
    Object.keys(replacements).forEach(function (key) { html = html.split(key).join(replacements[key]); });
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    return holder.firstElementChild;
  }
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.matches || !details.open) { return; }
    var slot = details.querySelector(":scope > [data-form-slot]");
    if (!slot) { return; }
    var form = null;
    if (details.hasAttribute("data-reply-to")) {
      form = copy("comment-reply-form", { "__parent__": details.getAttribute("data-reply-to") });
    } else if (details.hasAttribute("data-flag-target")) {
      form = copy("comment-flag-form", {
        "__target__": details.getAttribute("data-flag-target"),
        "__flag__": details.getAttribute("data-flag-id"),
      });
    }
    if (!form) { return; }
    slot.replaceWith(form);
    var first = form.querySelector("textarea, input[type=radio]");
    if (first) { first.focus(); }
  }, true);
})();

// Checkout: a new country, saved address or shipping method updates shipping and totals at once
// (the form's "Update shipping and totals" button, which works without this script too).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.hasAttribute || !field.hasAttribute("data-autoupdate")) return;
    var form = field.closest("form[data-checkout]");
    var button = form && form.querySelector("[data-update]");
    if (button) button.click();
  });
})();
