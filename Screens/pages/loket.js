// Loket page: login as counter-N, the live view over SSE, one button (and key) per action.
// Every action carries a fresh command id. The host answers within a second: the kiosk's reply, or "not answered yet"
// (202) while it keeps sending the command; the outcome then arrives on the stream ("jawaban") and the page asks again
// with the same id now and then. Only the pressed action waits; every other button stays usable.
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
let source = null;
// Actions waiting for their outcome (by button): the same action is not sent twice, the others stay usable.
const waitingFor = new Set();
// Outcomes by command id for presses still waiting (filled by the stream or by asking again).
const outcomes = new Map();
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
  source.addEventListener("jawaban", (e) => {
    lastMessage = Date.now();
    const answer = JSON.parse(e.data);
    const waiter = outcomes.get(answer.commandId);
    if (waiter) waiter(answer);
  });
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
  let message = text || "";
  let warning = false;
  if (!message && s && !s.brokerConnected) message = "Server antrean (broker) tidak terhubung. Perintah dikirim setelah tersambung lagi.";
  if (!message && s && s.kiosk && s.kiosk.officer) { message = s.kiosk.officer; warning = !s.kiosk.severe; }
  $("banner-koneksi").textContent = message;
  $("banner-koneksi").classList.toggle("peringatan", warning);
  $("banner-koneksi").classList.toggle("tersembunyi", !message);
  // While no kiosk can give a ticket, the manual number is the officer's main tool.
  $("tombol-manual").classList.toggle("sorot", Boolean(s && s.kiosk && !s.kiosk.canServePatients));
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
    // A 1.0 kiosk's state lacks the patient's tags: the waiting list seen earlier may still have them.
    const known = now.payer ? now : findWaitingDetails(now.number) || now;
    for (const d of [label.category[known.category], label.payer[known.payer], label.priority[known.priority]]) if (d) details.push(d);
    if (known.familySize > 1) details.push("Keluarga " + known.familySize + " orang");
    if (now.callCount > 1) details.push("Dipanggil " + now.callCount + "x");
  }
  $("sekarang-rincian").replaceChildren(...details.map((d) => Object.assign(document.createElement("span"), { textContent: d })));
  $("kartu").textContent = view.card ? kartuText(view.card) : "";
  renderBpjs(now);
  const paused = me && me.paused;
  const pause = $("tombol-istirahat");
  pause.dataset.perintah = paused ? "resume" : "pause";
  pause.firstChild.textContent = paused ? "Lanjut" : "Istirahat";
  renderWaiting(s);
  fillSelects(s);
  tick();
}

// What the BPJS bridge says (from the host, already in Indonesian): the backlog line while reports wait, the refusal on
// the ticket now served, and refusals of today's tickets that are not on this page. Nothing at all when all is well.
function renderBpjs(now) {
  const bpjs = view.bpjs;
  $("bpjs-tunda").textContent = bpjs && bpjs.backlog ? bpjs.backlog : "";
  $("bpjs-tunda").classList.toggle("tersembunyi", !(bpjs && bpjs.backlog));
  $("sekarang-bpjs").textContent = now && now.bpjs ? now.bpjs : "";
  $("sekarang-bpjs").classList.toggle("tersembunyi", !(now && now.bpjs));
  const others = bpjs ? bpjs.otherRefusals : [];
  $("daftar-bpjs-lain").replaceChildren(...others.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
  $("bpjs-lain").classList.toggle("tersembunyi", others.length === 0);
}

const seenTickets = new Map();
function findWaitingDetails(number) { return seenTickets.get(number); }

function kartuText(card) {
  const kinds = { bpjs: "No. BPJS/KIS", nik: "NIK", "medical-record": "No. rekam medis", "jkn-booking": "Kode Mobile JKN" };
  return (kinds[card.kind] || card.kind) + ": " + card.number;
}

// This loket's own services by default (what it can call); the box shows every service.
function renderWaiting(s) {
  const me = myCounter();
  const mineOnly = !$("semua-layanan").checked && me && me.services && me.services.length;
  const rows = [];
  for (const service of s.services) {
    for (const t of service.tickets) seenTickets.set(t.number, t);
    if (mineOnly && !me.services.includes(service.code)) continue;
    if (service.waiting === 0 && service.tickets.length === 0) continue;
    const h = document.createElement("h3");
    h.textContent = service.name + " (" + service.waiting + ")";
    rows.push(h);
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const title of ["Nomor", "Keterangan", "Menunggu"]) head.appendChild(Object.assign(document.createElement("th"), { textContent: title, scope: "col" }));
    const body = table.createTBody();
    for (const t of service.tickets) {
      const tr = body.insertRow();
      tr.insertCell().textContent = t.number;
      const note = tr.insertCell();
      note.textContent = [label.category[t.category], label.payer[t.payer], label.priority[t.priority], t.transferredFromNumber ? "dari " + t.transferredFromNumber : ""].filter(Boolean).join(", ");
      if (t.bpjs) note.appendChild(Object.assign(document.createElement("span"), { className: "bpjs-ditolak", textContent: t.bpjs }));
      tr.insertCell().textContent = t.issuedAt ? minutesSince(t.issuedAt) + " mnt" : "";
    }
    rows.push(table);
  }
  if (rows.length === 0) rows.push(Object.assign(document.createElement("p"), { textContent: mineOnly ? "Tidak ada antrean menunggu untuk loket ini." : "Tidak ada antrean menunggu." }));
  $("daftar-tunggu").replaceChildren(...rows);
}
$("semua-layanan").addEventListener("change", () => { if (view) renderWaiting(view.state); });

function fillSelects(s) {
  const polis = s.services.filter((x) => x.isPoli);
  syncOptions($("pilih-poli"), polis);
  syncOptions($("darurat-layanan"), s.services);
  syncOptions($("manual-layanan"), s.services.filter((x) => !x.isPoli));
}

// Every list starts with "pilih": nothing is chosen for the officer (Enter on an untouched form does not submit).
function syncOptions(select, services) {
  const wanted = services.map((x) => x.code).join(",");
  if (select.dataset.codes === wanted) return;
  select.dataset.codes = wanted;
  const none = Object.assign(document.createElement("option"), { value: "", textContent: "\u2014 pilih \u2014" });
  select.replaceChildren(none, ...services.map((x) => Object.assign(document.createElement("option"), { value: x.code, textContent: x.name })));
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

function setWaiting(type, value) {
  if (value) waitingFor.add(type); else waitingFor.delete(type);
  for (const b of document.querySelectorAll('[data-perintah="' + type + '"]')) {
    b.disabled = value;
    b.setAttribute("aria-busy", String(value));
  }
}

function showAnswer(ok, message, pending) {
  $("balasan").textContent = message;
  $("balasan").className = pending ? "menunggu" : ok ? "ok" : "gagal";
}

function post(body) {
  return fetch("/api/loket/" + counter + "/perintah", { method: "POST", headers: { "Content-Type": "application/json" }, body });
}

// One press = one command id. The host answers at once (the kiosk's reply, or 202 "not answered yet" while it keeps
// sending); a pending press is settled by the stream's "jawaban" or by asking again with the same id.
async function send(type, extra) {
  const commandId = newCommandId();
  const body = JSON.stringify(Object.assign({ commandId, type, counter }, extra || {}));
  const settled = new Promise((resolve) => outcomes.set(commandId, resolve));
  try {
    for (let attempt = 0; ; attempt++) {
      let response = null;
      try { response = await post(body); } catch { response = null; }
      if (response && response.status === 401) { showLogin("Sesi berakhir. Silakan masuk lagi."); return null; }
      if (response && response.status === 202) {
        showAnswer(false, (await response.json()).message, true);
        const answer = await Promise.race([settled, new Promise((r) => setTimeout(() => r(null), 3000))]);
        if (answer) return finish(type, commandId, answer);
        continue;
      }
      if (response && response.status < 500) {
        const answer = await response.json();
        return finish(type, commandId, response.ok ? answer : { commandId, ok: false, message: answer.pesan });
      }
      showAnswer(false, "Server layar tidak dapat dihubungi. Mencoba lagi... (" + (attempt + 1) + ")", true);
      await new Promise((r) => setTimeout(r, Math.min(500 * (attempt + 1), 3000)));
    }
  } finally {
    outcomes.delete(commandId);
  }
}

function finish(type, commandId, result) {
  window.loketLog.push({ type, commandId, ok: result.ok, message: result.message, number: result.ticket ? result.ticket.number : null });
  showAnswer(result.ok, result.message);
  return result;
}

async function act(type, extra) {
  if (waitingFor.has(type)) return;
  setWaiting(type, true);
  try {
    if (type === "serve-next") {
      const served = await send("serve");
      if (served && served.ok) await send("call-next");
    } else {
      const result = await send(type, extra);
      if (type === "transfer" && result && result.ok && result.newTicket) {
        bigNumber("Nomor poli untuk pasien:", result.newTicket.number);
      } else if (type === "issue" && result && result.ok && result.ticket) {
        bigNumber("Nomor manual untuk pasien (sebutkan):", result.ticket.number);
      } else if (result && result.ok && type !== "pause" && type !== "resume") {
        $("nomor-poli").classList.add("tersembunyi");
      }
    }
  } finally {
    setWaiting(type, false);
  }
}

function bigNumber(title, number) {
  $("nomor-baru-judul").textContent = title;
  $("nomor-poli-besar").textContent = number;
  $("nomor-poli").classList.remove("tersembunyi");
}

const forms = { call: "form-nomor", return: "form-nomor", transfer: "form-poli", emergency: "form-darurat", issue: "form-manual" };
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
  $("form-darurat").reset();
});
$("form-manual").addEventListener("submit", (e) => {
  e.preventDefault();
  $("form-manual").classList.add("tersembunyi");
  act("issue", { service: $("manual-layanan").value, category: $("manual-kategori").value, payer: $("manual-penjamin").value });
  $("form-manual").reset();
});

// Keyboard: a single letter acts when the officer is not typing in a field.
document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.altKey || e.metaKey || $("layar-loket").classList.contains("tersembunyi")) return;
  const field = document.activeElement;
  const tag = field && field.tagName;
  // Typing goes to a field; a ticked box (the "all services" toggle) keeps the shortcut keys working.
  if ((tag === "INPUT" && !["checkbox", "radio", "button", "submit"].includes(field.type)) || tag === "SELECT" || tag === "TEXTAREA") {
    if (e.key === "Escape") document.activeElement.closest("form")?.classList.add("tersembunyi");
    return;
  }
  const button = document.querySelector('[data-kunci="' + e.key.toLowerCase() + '"]');
  if (button) { e.preventDefault(); press(button.dataset.perintah); }
});

start();
