// Small progressive enhancements; every feature also works without this file.
document.documentElement.classList.add("js");
// The main menu scrolls sideways on phones; its faded right edge goes once the end is reached.
document.querySelectorAll(".main-nav").forEach(function (nav) {
  function update() { nav.classList.toggle("is-scrolled-end", nav.scrollLeft + nav.clientWidth >= nav.scrollWidth - 2); }
  nav.addEventListener("scroll", update, { passive: true });
  window.addEventListener("resize", update);
  update();
});
