// Share: "Copy link" puts the page's link (with the member's ?ref=) on the clipboard.
// Without JavaScript the link stays visible in a read-only field to copy by hand.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var status = button.parentNode.querySelector(".share__status");
      navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(function () {
        if (status) status.textContent = status.getAttribute("data-copied");
      });
    });
  });
})();
