// Video players come from third parties: load one only when the visitor asks for it.
document.addEventListener("click", (event) => {
  const trigger = event.target.closest("[data-video-load]");
  if (!trigger) return;
  const figure = trigger.closest("[data-video-consent]");
  const template = figure && figure.querySelector("template");
  if (!template) return;
  event.preventDefault();
  trigger.replaceWith(template.content.cloneNode(true));
});
