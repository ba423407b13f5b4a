// The patient's phone page: follows one ticket (the token in the address) over SSE and alerts once per call.
// Browsers play sound and vibrate only after a tap on the page, so the patient turns alerts on with the button.
"use strict";

const token = decodeURIComponent(location.pathname.replace(/^\/tiket\/?/, "").split("/")[0] || "");
const el = (id) => document.getElementById(id);
let alertsOn = false;
let audio = null;
let lastCallId = undefined;
let source = null;
let retry = 0;

function render(view) {
  el("nomor").textContent = view.number;
  el("layanan").textContent = view.service;
  const from = el("asal");
  from.hidden = !view.transferredFrom;
  from.textContent = view.transferredFrom ? `Nomor pendaftaran: ${view.transferredFrom}` : "";
  el("keadaan").dataset.keadaan = view.status;
  el("judul").textContent = view.headline;
  el("saran").textContent = view.advice;
  el("perkiraan").hidden = !view.estimate;
  el("menit").textContent = view.estimate || "";
  el("dasar").textContent = view.estimateBasis || "";
  document.title = view.status === "dipanggil" ? `DIPANGGIL · ${view.number}` : `Antrean ${view.number}`;

  // The first view only seeds: reopening the page of a ticket already called does not ring again.
  if (lastCallId !== undefined && view.callId && view.callId !== lastCallId) {
    callAlert();
  }
  lastCallId = view.callId || null;
}

function callAlert() {
  document.body.classList.remove("dipanggil-kedip");
  void document.body.offsetWidth;
  document.body.classList.add("dipanggil-kedip");
  if (!alertsOn) {
    return;
  }
  if (navigator.vibrate) {
    navigator.vibrate([400, 200, 400, 200, 800]);
  }
  chime(2);
}

// Two tones like a station bell, made here: no sound file to fetch while the phone is on a weak Wi-Fi.
function chime(times) {
  if (!audio) {
    return;
  }
  const start = audio.currentTime + 0.05;
  for (let i = 0; i < times; i++) {
    [[784, 0], [587, 0.45]].forEach(([hz, offset]) => {
      const at = start + i * 1.1 + offset;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.6, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.7);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + 0.75);
    });
  }
}

async function enableAlerts() {
  const button = el("aktifkan");
  try {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (Context) {
      audio = audio || new Context();
      await audio.resume();
      chime(1);
    }
  } catch {
    audio = null;
  }
  const canVibrate = typeof navigator.vibrate === "function";
  if (canVibrate) {
    navigator.vibrate(200);
  }
  try {
    // Keeps the screen on while waiting where the phone allows it; a sleeping phone may stop the page.
    if (navigator.wakeLock) {
      await navigator.wakeLock.request("screen");
    }
  } catch {
    // Not allowed here (battery saver, an old browser): the alerts still work while the page is open.
  }
  alertsOn = true;
  button.setAttribute("aria-pressed", "true");
  button.textContent = audio ? "Suara & getar aktif" : "Getar aktif (suara tidak didukung)";
  el("catatan").textContent = canVibrate
    ? "HP akan berbunyi dan bergetar saat nomor Anda dipanggil. Biarkan halaman ini tetap terbuka."
    : "HP ini tidak dapat bergetar dari halaman web; suara tetap berbunyi. Biarkan halaman ini tetap terbuka.";
}

function connect() {
  if (source) {
    source.close();
  }
  source = new EventSource(`/api/tiket/${encodeURIComponent(token)}/aliran`);
  source.addEventListener("open", () => {
    retry = 0;
    el("koneksi").textContent = "";
  });
  source.addEventListener("tiket", (event) => {
    retry = 0;
    el("koneksi").textContent = "";
    render(JSON.parse(event.data));
  });
  source.addEventListener("detak", () => {
    el("koneksi").textContent = "";
  });
  source.addEventListener("hilang", (event) => {
    source.close();
    el("keadaan").dataset.keadaan = "kedaluwarsa";
    el("judul").textContent = JSON.parse(event.data).pesan;
    el("saran").textContent = "Tiket hanya berlaku pada hari dicetak.";
    el("perkiraan").hidden = true;
    el("dasar").textContent = "";
  });
  source.addEventListener("error", () => {
    el("koneksi").textContent = "Koneksi ke Puskesmas terputus. Menyambung ulang… Pastikan HP tersambung ke Wi-Fi Puskesmas.";
    if (source.readyState === EventSource.CLOSED) {
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, Math.min(30000, 2000 * 2 ** (retry - 1)));
    }
  });
}

el("aktifkan").addEventListener("click", enableAlerts);
fetch("/api/konfigurasi").then((r) => r.json()).then((config) => {
  if (config.siteName) {
    el("situs").textContent = config.siteName;
  }
}).catch(() => { /* the page works without the site name */ });
connect();
