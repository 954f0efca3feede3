// The kiosk's only script (the CSP allows no inline one).
// A page restored from the back/forward cache is fetched again: it shows the box as it is now,
// never a past voter's screen (no-store already keeps such pages out; this is the second guard).
addEventListener("pageshow", (event) => { if (event.persisted) location.reload(); });

// A staff key file (or card file) is read into its form: the kiosk's forms are url-encoded. The
// field starts empty on every showing of the page, so no key is left for the next person; the
// file's name is said beside the key that chose it (templates/_file.html).
document.querySelectorAll("input[type=file][data-into]").forEach((chooser) => {
  const into = document.getElementById(chooser.dataset.into);
  const chosen = document.getElementById(chooser.id + "-chosen");
  into.value = "";
  chooser.value = "";
  chooser.addEventListener("change", () => {
    const file = chooser.files && chooser.files[0];
    if (chosen) chosen.textContent = file ? file.name : chosen.dataset.none;
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

// The audio ballot (web/audio.py): the screen's items, said through the headphones, one at a
// time; a headphone keypad moves through them. Its clips are fetched once, then played from
// memory (Web Audio): what is fetched is the same whatever the voter chose, and a choice goes to
// the box as the screen's own form would send it.
const KEYPAD = {
  ArrowDown: "next", ArrowUp: "previous", Enter: "select", Escape: "back", " ": "repeat",
  PageDown: "next", PageUp: "previous", Backspace: "back", Home: "repeat",
  "+": "louder", "-": "quieter", "*": "faster", "/": "slower",
};
// The voter's volume and pace hold from screen to screen of their ballot, and go with it: a
// screen without the audio ballot (the next voter's) forgets them.
const HEARING = "kiosk-hearing";
const ballot = document.getElementById("audio-ballot");
if (!ballot) sessionStorage.removeItem(HEARING);
if (ballot) {
  const items = [...ballot.querySelectorAll("li")];
  const sounds = new Map();
  const audio = new AudioContext();
  const hearing = { volume: 1, pace: 1, ...JSON.parse(sessionStorage.getItem(HEARING) || "{}") };
  const gain = audio.createGain();
  gain.connect(audio.destination);
  const adjust = (what, by, low, high) => {
    hearing[what] = Math.round(Math.max(low, Math.min(high, hearing[what] + by)) * 100) / 100;
    sessionStorage.setItem(HEARING, JSON.stringify(hearing));
    gain.gain.value = hearing.volume;
    ballot.dataset.volume = String(hearing.volume);
    ballot.dataset.pace = String(hearing.pace);
  };
  adjust("volume", 0, 0.25, 2);
  let at = 0;
  let playing = [];
  const say = (index) => {
    at = Math.max(0, Math.min(items.length - 1, index));
    playing.forEach((source) => source.stop());
    playing = [];
    let when = audio.currentTime;
    for (const clip of items[at].dataset.clips.split(" ")) {
      const sound = sounds.get(clip);
      if (!sound) continue;
      const source = audio.createBufferSource();
      source.buffer = sound;
      source.playbackRate.value = hearing.pace;
      source.connect(gain);
      source.start(when);
      when += sound.duration / hearing.pace + 0.3;
      playing.push(source);
    }
    ballot.dataset.at = String(at);
  };
  const send = (act) => {
    if (!act) return false;
    const [kind, value] = act.split(":");
    const fields = kind === "code" ? { key: "code", code: value } : { key: value };
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/vote";
    for (const name of ["lang", "csrf"]) {
      const field = document.querySelector(`input[name=${name}]`);
      if (field) fields[name] = field.value;
    }
    for (const [name, value] of Object.entries(fields)) {
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = name;
      field.value = value;
      form.append(field);
    }
    document.body.append(form);
    form.submit();
    return true;
  };
  addEventListener("keydown", (event) => {
    const key = KEYPAD[event.key];
    const typing = event.target instanceof HTMLInputElement && event.target.value !== "";
    // keys in a field being typed in keep their meaning (a code typed, then Enter; a correction)
    if (!key || (typing && ["select", "back", "repeat"].includes(key))) return;
    event.preventDefault();
    audio.resume();
    if (key === "louder") adjust("volume", 0.25, 0.25, 2);
    else if (key === "quieter") adjust("volume", -0.25, 0.25, 2);
    else if (key === "faster") adjust("pace", 0.25, 0.75, 1.75);
    else if (key === "slower") adjust("pace", -0.25, 0.75, 1.75);
    if (["louder", "quieter", "faster", "slower"].includes(key)) say(at);
    else if (key === "next") say(at + 1);
    else if (key === "previous") say(at - 1);
    else if (key === "repeat") say(at);
    else if (key === "select") { if (!send(items[at].dataset.act)) say(at); }
    else if (key === "back") { if (!send(ballot.dataset.back)) say(0); }
  });
  const load = async (clip) => {
    const answer = await fetch(`/vote/audio/${clip}`);
    sounds.set(clip, await audio.decodeAudioData(await answer.arrayBuffer()));
  };
  Promise.all(ballot.dataset.fetch.split(" ").filter(Boolean).map(load)).then(() => {
    ballot.dataset.ready = "1";
    say(0);
  });
}
// A keyboard-wedge scanner ends the staff card it types with Enter: in the card field that moves
// on to the PIN rather than sending the form without it.
document.querySelectorAll("input[data-enter-to]").forEach((field) => {
  field.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    document.getElementById(field.dataset.enterTo).focus();
  });
});
