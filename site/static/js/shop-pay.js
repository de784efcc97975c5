// Stripe Payment Element: loaded only on the payment page, only with live or Stripe test keys.
(function () {
  "use strict";
  var form = document.getElementById("payment-form");
  if (!form || typeof Stripe === "undefined") return;
  var stripe = Stripe(form.dataset.key);
  var elements = stripe.elements({ clientSecret: form.dataset.secret });
  elements.create("payment").mount("#payment-element");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var status = form.querySelector(".form-status");
    stripe.confirmPayment({ elements: elements, confirmParams: { return_url: form.dataset.return } })
      .then(function (result) { if (result.error && status) status.textContent = result.error.message; });
  });
})();
