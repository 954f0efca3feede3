// The audit pages: a records file chosen is read into the form's text box (the console posts
// forms url-encoded), and the pull list's print button prints the page.
"use strict";
for (const input of document.querySelectorAll("input[type=file][data-into]")) {
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (file) document.getElementById(input.dataset.into).value = await file.text();
  });
}
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
