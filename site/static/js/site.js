// Small progressive enhancements; every feature also works without this file.
document.documentElement.classList.add("js");
