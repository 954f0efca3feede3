// Reads a chosen file (a register, the boxes' records) into the form's text field: the console's forms
// are url-encoded. A file chosen before this script ran (a slow page, a quick hand) is read at once,
// or its text would never reach the field and the form would send nothing. The file's name is said
// beside the key that chose it (templates/_file.html), in the page's words, not the browser's.
document.querySelectorAll("input[type=file][data-into]").forEach((chooser) => {
  const chosen = document.getElementById(chooser.id + "-chosen");
  const read = () => {
    const file = chooser.files && chooser.files[0];
    if (chosen) chosen.textContent = file ? file.name : chosen.dataset.none;
    if (file) file.text().then((text) => { document.getElementById(chooser.dataset.into).value = text; });
  };
  chooser.addEventListener("change", read);
  read();
});
