// Waiting-room display: state and calls over SSE, the call spoken from short clips with Web Audio.
// ?layanan=G (a prefix or service code) or ?loket=4,5 shows only those calls (a poli room's screen).
"use strict";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const onlyServices = (params.get("layanan") || "").split(",").map((x) => x.trim().toUpperCase()).filter(Boolean);
const onlyCounters = (params.get("loket") || "").split(",").map((x) => x.trim()).filter(Boolean);
let state = null;
let config = { siteName: "", timeZone: "Asia/Jakarta", runningText: "" };
let lastMessage = Date.now();
let source = null;
// What was announced and which clips were played, in order (the tests read it; a technician can too).
window.layarLog = [];

function wanted(number, serviceCode, counterId) {
  if (onlyServices.length && !onlyServices.some((s) => s === serviceCode || number.startsWith(s + "-"))) return false;
  if (onlyCounters.length && !(counterId && onlyCounters.includes(counterId))) return false;
  return true;
}

async function start() {
  try { config = await (await fetch("/api/konfigurasi")).json(); } catch { /* the stream brings the site name too */ }
  $("teks-berjalan").textContent = config.runningText;
  clock();
  setInterval(clock, 1000);
  connect();
}

function clock() {
  const now = new Date();
  $("tanggal").textContent = new Intl.DateTimeFormat("id-ID", { timeZone: config.timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(now);
  $("jam").textContent = new Intl.DateTimeFormat("id-ID", { timeZone: config.timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(now);
}

function connect() {
  if (source) source.close();
  source = new EventSource("/api/layar/aliran" );
  source.addEventListener("keadaan", (e) => { lastMessage = Date.now(); state = JSON.parse(e.data); render(); });
  source.addEventListener("panggilan", (e) => { lastMessage = Date.now(); announce(JSON.parse(e.data)); });
  source.addEventListener("detak", () => { lastMessage = Date.now(); banner(); });
  source.onerror = () => { banner("Koneksi ke server layar terputus. Mencoba lagi..."); };
}
setInterval(() => { if (Date.now() - lastMessage > 30000) { banner("Koneksi ke server layar terputus. Mencoba lagi..."); connect(); lastMessage = Date.now(); } }, 5000);

function banner(text) {
  const message = text || (state && !state.brokerConnected ? "Layar sedang tidak terhubung ke server antrean. Menyambung kembali..." : "");
  $("banner-koneksi").textContent = message;
  $("banner-koneksi").classList.toggle("tersembunyi", !message);
}

function render() {
  $("nama-puskesmas").textContent = state.siteName || config.siteName;
  banner();
  const counters = state.counters.filter((c) => !onlyCounters.length || onlyCounters.includes(c.id));
  $("loket-daftar").replaceChildren(...counters.map((c) => item(c.name, c.paused ? "ISTIRAHAT" : c.nowServing && wanted(c.nowServing.number, c.nowServing.serviceCode, c.id) ? c.nowServing.number : "---")));
  const calls = state.lastCalls.filter((c) => wanted(c.number, c.serviceCode, c.counterId)).slice(0, 8);
  $("riwayat").replaceChildren(...calls.map((c) => item(c.destination, c.number)));
  if (calls.length && !speaking) {
    $("nomor-utama").textContent = calls[0].number;
    $("tujuan-utama").textContent = calls[0].destination;
  }
  const services = state.services.filter((s) => !onlyServices.length || onlyServices.some((o) => o === s.code || (s.lastNumber || "").startsWith(o + "-")) || s.tickets.some((t) => wanted(t.number, s.code, null)));
  $("menunggu").replaceChildren(...(onlyServices.length ? services : state.services).map((s) => item(s.name, String(s.waiting))));
}

function item(left, right) {
  const li = document.createElement("li");
  li.append(Object.assign(document.createElement("span"), { textContent: left }), Object.assign(document.createElement("span"), { className: "nomor", textContent: right }));
  return li;
}

// ---- Voice: one announcement at a time, clips decoded once and scheduled back to back on the audio clock.
let audio = null;
const buffers = new Map();
const queue = [];
const played = new Set();
let speaking = false;

function audioContext() {
  if (!audio) audio = new AudioContext();
  return audio;
}

$("aktifkan-suara").addEventListener("click", async () => {
  await audioContext().resume();
  $("aktifkan-suara").classList.add("tersembunyi");
  next();
});

async function clip(name) {
  if (!buffers.has(name)) {
    buffers.set(name, fetch("/suara/" + name + ".wav")
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(name))))
      .then((bytes) => audioContext().decodeAudioData(bytes))
      .catch(() => null));
  }
  return buffers.get(name);
}

function announce(a) {
  if (played.has(a.id)) return;
  played.add(a.id);
  if (!wanted(a.number, a.serviceCode || "", a.counterId)) return;
  queue.push(a);
  next();
}

async function next() {
  if (speaking || queue.length === 0) return;
  const context = audioContext();
  if (context.state === "suspended") {
    await context.resume().catch(() => {});
    if (context.state === "suspended") {
      // The browser blocks sound until someone clicks once; the text is still shown.
      $("aktifkan-suara").classList.remove("tersembunyi");
      show(queue[0]);
      return;
    }
  }
  speaking = true;
  const a = queue.shift();
  show(a);
  const decoded = await Promise.all(a.clips.map(clip));
  const names = [];
  let at = context.currentTime + 0.05;
  let last = null;
  decoded.forEach((buffer, i) => {
    if (!buffer) return;
    const node = context.createBufferSource();
    node.buffer = buffer;
    node.connect(context.destination);
    node.start(at);
    at += buffer.duration;
    names.push(a.clips[i]);
    last = node;
  });
  if (last) await new Promise((resolve) => { last.onended = resolve; });
  window.layarLog.push({ id: a.id, number: a.number, text: a.text, clips: names });
  speaking = false;
  next();
}

function show(a) {
  $("nomor-utama").textContent = a.number;
  $("tujuan-utama").textContent = a.destination;
  $("teks-panggilan").textContent = a.text;
  const panel = $("panggilan-utama");
  panel.classList.remove("kedip");
  void panel.offsetWidth;
  panel.classList.add("kedip");
}

start();
