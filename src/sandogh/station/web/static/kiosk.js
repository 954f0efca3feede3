// The kiosk's only script (the CSP allows no inline one).
// A page restored from the back/forward cache is fetched again: it shows the box as it is now,
// never a past voter's screen (no-store already keeps such pages out; this is the second guard).
addEventListener("pageshow", (event) => { if (event.persisted) location.reload(); });

// A staff key file is read into the log-in form: the kiosk's forms are url-encoded. The field
// starts empty on every showing of the page, so no key is left for the next person.
document.querySelectorAll("input[type=file][data-into]").forEach((chooser) => {
  const into = document.getElementById(chooser.dataset.into);
  into.value = "";
  chooser.value = "";
  chooser.addEventListener("change", () => {
    const file = chooser.files && chooser.files[0];
    if (file) file.text().then((text) => { into.value = text.trim(); });
  });
});

// A page that gives way by itself does so in place (location.replace: no history entry is left
// for the Back key): the "cast" screen to the card screen, and the operator's screen to its newer
// self while the final report waits for the centre's receipt.
document.querySelectorAll("[data-replace-after]").forEach((shown) => {
  const seconds = Number(shown.dataset.replaceAfter);
  setTimeout(() => location.replace(shown.dataset.replaceWith), seconds * 1000);
});
document.querySelectorAll("a[data-replace]").forEach((link) => {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    location.replace(link.href);
  });
});

// A keyboard-wedge scanner ends the staff card it types with Enter: in the card field that moves
// on to the PIN rather than sending the form without it.
document.querySelectorAll("input[data-enter-to]").forEach((field) => {
  field.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    document.getElementById(field.dataset.enterTo).focus();
  });
});
