// Loket page: login as counter-N, the live view over SSE, one button (and key) per action.
// Every action carries a fresh command id and is POSTed again with the same id until the kiosk's reply arrives.
"use strict";

const $ = (id) => document.getElementById(id);
const label = {
  priority: { none: "", lansia: "Lansia", "ibu-hamil": "Ibu hamil", disabilitas: "Disabilitas", balita: "Balita" },
  category: { baru: "Pasien baru", lama: "Pasien lama" },
  payer: { bpjs: "BPJS / KIS", umum: "Umum" },
};
// ?loket=N names the page's counter: several loket pages in one browser each keep their own login (a cookie per loket).
let counter = Number(new URLSearchParams(location.search).get("loket")) || null;
let view = null;
let busy = false;
let source = null;
let lastMessage = Date.now();
// What the page did, for the officer's help desk and for the tests.
window.loketLog = [];

function newCommandId() {
  // crypto.randomUUID needs a secure context; a loket PC opens this page over plain http on the LAN.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function mine(url) { return counter ? url + "?loket=" + counter : url; }

async function start() {
  if (counter) $("nomor-loket").value = counter;
  const response = await fetch(mine("/api/loket/sesi"));
  if (response.ok) {
    counter = (await response.json()).counter;
    showLoket();
  } else {
    showLogin();
  }
}

function showLogin(message) {
  $("layar-loket").classList.add("tersembunyi");
  $("layar-masuk").classList.remove("tersembunyi");
  $("pesan-masuk").textContent = message || "";
  if (source) { source.close(); source = null; }
}

function showLoket() {
  $("layar-masuk").classList.add("tersembunyi");
  $("layar-loket").classList.remove("tersembunyi");
  connect();
}

$("form-masuk").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("tombol-masuk").disabled = true;
  $("pesan-masuk").textContent = "Menghubungkan...";
  try {
    const response = await fetch("/api/loket/masuk", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ counter: Number($("nomor-loket").value), password: $("kata-sandi").value }),
    });
    const body = await response.json();
    if (response.ok) {
      counter = body.counter;
      history.replaceState(null, "", "/loket?loket=" + counter);
      $("kata-sandi").value = "";
      showLoket();
    } else {
      $("pesan-masuk").textContent = body.pesan;
    }
  } catch {
    $("pesan-masuk").textContent = "Server layar tidak dapat dihubungi.";
  } finally {
    $("tombol-masuk").disabled = false;
  }
});

$("tombol-keluar").addEventListener("click", async () => {
  // Every POST is JSON: the host refuses any other type (a form from another page cannot send JSON).
  await fetch(mine("/api/loket/keluar"), { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
  showLogin("Anda sudah keluar.");
});

function connect() {
  if (source) source.close();
  source = new EventSource(mine("/api/loket/aliran"));
  source.addEventListener("keadaan", (e) => { lastMessage = Date.now(); view = JSON.parse(e.data); render(); });
  source.addEventListener("detak", () => { lastMessage = Date.now(); banner(); });
  source.onerror = async () => {
    banner("Koneksi ke server layar terputus. Mencoba lagi...");
    if (source.readyState === EventSource.CLOSED) {
      const check = await fetch(mine("/api/loket/sesi")).catch(() => null);
      if (check && check.status === 401) { showLogin("Sesi berakhir. Silakan masuk lagi."); return; }
      setTimeout(connect, 2000);
    }
  };
}

// A stream silent for longer than three heartbeats is dead even if the socket says otherwise.
setInterval(() => { if (source && Date.now() - lastMessage > 30000) { banner("Koneksi ke server layar terputus. Mencoba lagi..."); connect(); lastMessage = Date.now(); } }, 5000);

function banner(text) {
  const s = view && view.state;
  const message = text || (s && !s.brokerConnected ? "Server antrean (broker) tidak terhubung. Perintah ditahan sampai tersambung lagi."
    : s && !s.kioskOnline ? "Kiosk tidak terhubung: " + (s.kioskMessage || "periksa kiosk.") : "");
  $("banner-koneksi").textContent = message;
  $("banner-koneksi").classList.toggle("tersembunyi", !message);
}

function myCounter() {
  return view && view.state.counters.find((c) => c.id === String(counter));
}

function render() {
  const s = view.state;
  $("nama-loket").textContent = view.counterName;
  $("nama-puskesmas").textContent = s.siteName;
  $("jumlah-hari-ini").textContent = view.calledToday;
  banner();
  const me = myCounter();
  const now = me && me.nowServing;
  $("sekarang-nomor").textContent = now ? now.number : "---";
  const details = [];
  if (now) {
    const service = s.services.find((x) => x.code === now.serviceCode);
    details.push(service ? service.name : now.serviceCode);
    const waiting = findWaitingDetails(now.number);
    for (const d of [label.category[(waiting || now).category], label.payer[(waiting || now).payer], label.priority[(waiting || now).priority]]) if (d) details.push(d);
    if ((waiting || now).familySize > 1) details.push("Keluarga " + (waiting || now).familySize + " orang");
    if (now.callCount > 1) details.push("Dipanggil " + now.callCount + "x");
  }
  $("sekarang-rincian").replaceChildren(...details.map((d) => Object.assign(document.createElement("span"), { textContent: d })));
  $("kartu").textContent = view.card ? kartuText(view.card) : "";
  const paused = me && me.paused;
  const pause = $("tombol-istirahat");
  pause.dataset.perintah = paused ? "resume" : "pause";
  pause.firstChild.textContent = paused ? "Lanjut" : "Istirahat";
  renderWaiting(s);
  fillSelects(s);
  tick();
}

const seenTickets = new Map();
function findWaitingDetails(number) { return seenTickets.get(number); }

function kartuText(card) {
  const kinds = { bpjs: "No. BPJS/KIS", nik: "NIK", "medical-record": "No. rekam medis", "jkn-booking": "Kode Mobile JKN" };
  return (kinds[card.kind] || card.kind) + ": " + card.number;
}

function renderWaiting(s) {
  const me = myCounter();
  const rows = [];
  for (const service of s.services) {
    if (service.waiting === 0 && service.tickets.length === 0) continue;
    const h = document.createElement("h2");
    h.textContent = service.name + " (" + service.waiting + ")";
    rows.push(h);
    const table = document.createElement("table");
    for (const t of service.tickets) {
      seenTickets.set(t.number, t);
      const tr = table.insertRow();
      tr.insertCell().textContent = t.number;
      tr.insertCell().textContent = [label.category[t.category], label.payer[t.payer], label.priority[t.priority], t.transferredFromNumber ? "dari " + t.transferredFromNumber : ""].filter(Boolean).join(", ");
      tr.insertCell().textContent = t.issuedAt ? minutesSince(t.issuedAt) + " mnt" : "";
    }
    rows.push(table);
  }
  if (rows.length === 0) rows.push(Object.assign(document.createElement("p"), { textContent: "Tidak ada antrean menunggu." }));
  $("daftar-tunggu").replaceChildren(...rows);
}

function fillSelects(s) {
  const polis = s.services.filter((x) => x.isPoli);
  syncOptions($("pilih-poli"), polis);
  syncOptions($("darurat-layanan"), s.services);
}

function syncOptions(select, services) {
  const wanted = services.map((x) => x.code).join(",");
  if (select.dataset.codes === wanted) return;
  select.dataset.codes = wanted;
  select.replaceChildren(...services.map((x) => Object.assign(document.createElement("option"), { value: x.code, textContent: x.name })));
}

function minutesSince(iso) { return Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 60000)); }

// Time since called against the SOP target of the service: amber from 80 %, red past the target.
function tick() {
  const me = myCounter();
  const now = me && me.nowServing;
  const el = $("sekarang-waktu");
  if (!now || !now.calledAt) { el.textContent = "-"; el.className = ""; $("sekarang-target").textContent = ""; return; }
  const service = view.state.services.find((x) => x.code === now.serviceCode);
  const target = (service ? service.sopMinutes : 5) * 60;
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(now.calledAt)) / 1000));
  el.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  el.className = seconds >= target ? "merah" : seconds >= target * 0.8 ? "amber" : "";
  $("sekarang-target").textContent = "(target SOP " + target / 60 + " menit)";
}
setInterval(() => { if (view) tick(); }, 1000);

function setBusy(value) {
  busy = value;
  for (const b of document.querySelectorAll("[data-perintah]")) b.disabled = value;
}

function showAnswer(ok, message) {
  $("balasan").textContent = message;
  $("balasan").className = ok ? "ok" : "gagal";
}

// One press = one command id, sent until a reply comes (the kiosk runs an id once). Presses while one is in flight are ignored.
async function send(type, extra) {
  const commandId = newCommandId();
  const body = JSON.stringify(Object.assign({ commandId, type, counter }, extra || {}));
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    let response = null;
    try {
      response = await fetch("/api/loket/" + counter + "/perintah", { method: "POST", headers: { "Content-Type": "application/json" }, body });
    } catch { response = null; }
    if (response && response.status === 401) { showLogin("Sesi berakhir. Silakan masuk lagi."); return null; }
    if (response && response.status !== 504 && response.status < 500) {
      const answer = await response.json();
      const result = response.ok ? answer : { commandId, ok: false, message: answer.pesan };
      window.loketLog.push({ type, commandId, ok: result.ok, message: result.message, number: result.ticket ? result.ticket.number : null });
      showAnswer(result.ok, result.message);
      return result;
    }
    if (Date.now() - started > 110000) {
      showAnswer(false, "Kiosk tidak menjawab selama 2 menit; perintah dibatalkan. Periksa koneksi lalu tekan lagi.");
      return null;
    }
    showAnswer(false, "Menunggu jawaban kiosk... (percobaan " + (attempt + 2) + ")");
    await new Promise((r) => setTimeout(r, Math.min(500 * (attempt + 1), 3000)));
  }
}

async function act(type, extra) {
  if (busy) return;
  setBusy(true);
  try {
    if (type === "serve-next") {
      const served = await send("serve");
      if (served && served.ok) await send("call-next");
    } else {
      const result = await send(type, extra);
      if (type === "transfer" && result && result.ok && result.newTicket) {
        $("nomor-poli-besar").textContent = result.newTicket.number;
        $("nomor-poli").classList.remove("tersembunyi");
      } else if (result && result.ok && type !== "pause" && type !== "resume") {
        $("nomor-poli").classList.add("tersembunyi");
      }
    }
  } finally {
    setBusy(false);
  }
}

const forms = { call: "form-nomor", return: "form-nomor", transfer: "form-poli", emergency: "form-darurat" };
let formFor = null;
function press(type) {
  if (forms[type]) {
    for (const f of Object.values(forms)) $(f).classList.add("tersembunyi");
    formFor = type;
    $(forms[type]).classList.remove("tersembunyi");
    $(forms[type]).querySelector("input, select").focus();
    return;
  }
  act(type);
}

for (const button of document.querySelectorAll("[data-perintah]")) {
  button.addEventListener("click", () => press(button.dataset.perintah));
}
for (const close of document.querySelectorAll(".batal-form")) {
  close.addEventListener("click", () => close.closest("form").classList.add("tersembunyi"));
}
$("form-nomor").addEventListener("submit", (e) => {
  e.preventDefault();
  $("form-nomor").classList.add("tersembunyi");
  act(formFor, { ticketNumber: $("input-nomor").value.trim().toUpperCase() });
  $("input-nomor").value = "";
});
$("form-poli").addEventListener("submit", (e) => {
  e.preventDefault();
  $("form-poli").classList.add("tersembunyi");
  act("transfer", { poli: $("pilih-poli").value });
});
$("form-darurat").addEventListener("submit", (e) => {
  e.preventDefault();
  $("form-darurat").classList.add("tersembunyi");
  act("emergency", {
    service: $("darurat-layanan").value, category: $("darurat-kategori").value, payer: $("darurat-penjamin").value,
    familySize: Number($("darurat-keluarga").value), reason: $("darurat-alasan").value,
  });
});

// Keyboard: a single letter acts when the officer is not typing in a field.
document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.altKey || e.metaKey || $("layar-loket").classList.contains("tersembunyi")) return;
  const tag = document.activeElement && document.activeElement.tagName;
  if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
    if (e.key === "Escape") document.activeElement.closest("form")?.classList.add("tersembunyi");
    return;
  }
  const button = document.querySelector('[data-kunci="' + e.key.toLowerCase() + '"]');
  if (button) { e.preventDefault(); press(button.dataset.perintah); }
});

start();
