// The voter's ballot screens (issue 13); loaded by their templates, under the kiosk's CSP.

// The card screen: a handheld scanner types the card's code into the focused field and presses
// Enter, so the field keeps the focus whenever nothing else holds it.
const scan = document.querySelector("input[data-scan]");
if (scan) {
  scan.value = "";
  const refocus = () => { if (document.activeElement === document.body) scan.focus(); };
  scan.addEventListener("blur", () => setTimeout(refocus, 0));
  addEventListener("focus", refocus);
  refocus();
}

// The card screen asks the box, every second, whether a card is in its reader: an unused card
// starts its ballot; one that cannot is asked to be taken out.
const reader = document.querySelector("form[data-reader]");
if (reader) {
  const remove = document.getElementById("reader-remove");
  const ask = () => {
    fetch(reader.dataset.reader, { cache: "no-store", credentials: "same-origin" })
      .then((answer) => answer.json())
      .then((state) => {
        if (state.card === "ready") {
          clearInterval(asking);
          reader.submit();
        } else if (remove) {
          remove.hidden = state.card !== "remove";
        }
      })
      .catch(() => {});
  };
  const asking = setInterval(ask, 1000);
  ask();
}

// A ballot screen left alone: after a while a warning, then the neutral screen (nothing is
// recorded). Any touch or key while the warning is not shown starts the wait again.
const idle = document.getElementById("idle-form");
if (idle) {
  const warning = document.getElementById("idle-warning");
  const stay = document.getElementById("idle-stay");
  const warnAfter = Number(idle.dataset.idleWarn) * 1000;
  const leaveAfter = Number(idle.dataset.idleLeave) * 1000;
  let timer = 0;
  const leave = () => idle.submit();
  const warn = () => {
    warning.hidden = false;
    stay.focus();
    timer = setTimeout(leave, leaveAfter);
  };
  const wait = () => {
    clearTimeout(timer);
    timer = setTimeout(warn, warnAfter);
  };
  for (const kind of ["pointerdown", "keydown", "touchstart", "wheel"]) {
    addEventListener(kind, () => { if (warning.hidden) wait(); }, { passive: true });
  }
  stay.addEventListener("click", () => {
    warning.hidden = true;
    wait();
  });
  wait();
}
