// Shop: add to cart and favourite toggles update in place; without this file the forms post normally.
(function () {
  "use strict";
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
  function updateCartLink(data) {
    document.querySelectorAll("[data-cart-count]").forEach(function (badge) {
      badge.textContent = data.cart_count;
      badge.hidden = !data.cart_count;
    });
    document.querySelectorAll("[data-cart-count-label]").forEach(function (label) {
      label.textContent = data.cart_count_label;
    });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute("data-fetch");
    if (kind !== "cart" && kind !== "favourite") return;
    event.preventDefault();
    var status = form.querySelector(".form-status");
    post(form).then(function (data) {
      if (kind === "favourite" && data.ok) {
        var button = form.querySelector("button");
        button.setAttribute("aria-pressed", data.favourite ? "true" : "false");
        button.querySelector("[aria-hidden]").textContent = data.favourite ? "♥" : "♡";
        button.querySelector(".favourite-button__label").textContent =
          button.getAttribute(data.favourite ? "data-label-on" : "data-label-off");
      }
      if (kind === "cart" && data.ok) {
        updateCartLink(data);
        if (status) {
          status.textContent = data.message + " ";
          var link = document.createElement("a");
          link.href = data.cart_url;
          link.textContent = data.cart_link_text;
          status.appendChild(link);
        }
        return;
      }
      if (status) status.textContent = data.ok ? data.message : data.error;
    }).catch(function () { form.submit(); });
  });
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
