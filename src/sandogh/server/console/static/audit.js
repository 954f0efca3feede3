// The pull list's print button prints the page (the console's pages run no inline script).
"use strict";
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
