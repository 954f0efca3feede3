// Reads a chosen file (a register, the boxes' records) into the form's text field: the console's forms
// are url-encoded.
document.querySelectorAll("input[type=file][data-into]").forEach((chooser) => {
  chooser.addEventListener("change", () => {
    const file = chooser.files && chooser.files[0];
    if (file) file.text().then((text) => { document.getElementById(chooser.dataset.into).value = text; });
  });
});
