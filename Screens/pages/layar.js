// Waiting-room display: state and calls over SSE; the voice reads a queue of calls with Web Audio.
// ?layanan=G (a prefix or service code) or ?loket=4,5 shows only those calls (a poli room's screen).
//
// A call is drawn the moment its "panggilan" message arrives: the newest in the big panel, the ones before it as tiles,
// each highlighted for HIGHLIGHT_MS. The voice works through its own queue and never holds the picture back; a call
// whose turn comes after Screens:AnnounceMaxAgeSeconds is shown but not spoken (a rush would otherwise be read out
// minutes late). On a TV the sizes come from the screen height and what there is to show (fit()); on a phone the page
// stacks and scrolls.
"use strict";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const onlyServices = (params.get("layanan") || "").split(",").map((x) => x.trim().toUpperCase()).filter(Boolean);
const onlyCounters = (params.get("loket") || "").split(",").map((x) => x.trim()).filter(Boolean);
const HIGHLIGHT_MS = 30000;
const MAX_CALLS = 16;
let state = null;
let config = { siteName: "", timeZone: "Asia/Jakarta", runningText: "", announceMaxAgeSeconds: 60 };
let lastMessage = Date.now();
let source = null;
// Newest first: { key, number, destination, serviceCode, counterId, at (ms, the kiosk's call time), seenAt (page ms) }.
let calls = [];

// Every call as shown (pushed when drawn) and as handled by the voice (pushed once spoken or skipped); the entries are
// the same objects: { id, number, text, clips, audio, calledAt, receivedAt, shownAt, spoken, spokenAt }. The tests read
// them; a technician can too.
window.layarShown = [];
window.layarLog = [];

const now = () => performance.timeOrigin + performance.now();

function wanted(number, serviceCode, counterId) {
  if (onlyServices.length && !onlyServices.some((s) => s === serviceCode || number.startsWith(s + "-"))) return false;
  if (onlyCounters.length && !(counterId && onlyCounters.includes(counterId))) return false;
  return true;
}

async function start() {
  try { config = { ...config, ...(await (await fetch("/api/konfigurasi")).json()) }; } catch { /* the stream brings the site name too */ }
  $("teks-berjalan").textContent = config.runningText;
  clock();
  setInterval(tick, 1000);
  addEventListener("resize", fit);
  connect();
}

function clock() {
  const at = new Date();
  $("tanggal").textContent = new Intl.DateTimeFormat("id-ID", { timeZone: config.timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(at);
  $("jam").textContent = new Intl.DateTimeFormat("id-ID", { timeZone: config.timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(at);
}

function tick() {
  clock();
  // A highlight ends by itself; only the classes change, so the layout stays put.
  document.querySelectorAll("#riwayat li.baru").forEach((li) => { if (!highlighted(Number(li.dataset.seenAt))) li.classList.remove("baru"); });
}

function connect() {
  if (source) source.close();
  source = new EventSource("/api/layar/aliran");
  source.addEventListener("keadaan", (e) => { lastMessage = Date.now(); state = JSON.parse(e.data); render(); });
  source.addEventListener("panggilan", (e) => { lastMessage = Date.now(); announce(JSON.parse(e.data), now()); });
  source.addEventListener("detak", () => { lastMessage = Date.now(); banner(); });
  source.onerror = () => { banner("Koneksi ke server layar terputus. Mencoba lagi..."); };
}
setInterval(() => { if (Date.now() - lastMessage > 30000) { banner("Koneksi ke server layar terputus. Mencoba lagi..."); connect(); lastMessage = Date.now(); } }, 5000);

function banner(text) {
  const message = text || (state && !state.brokerConnected ? "Layar terputus dari server antrean, menyambung kembali..." : "");
  setBanner("banner-koneksi", message);
  // The kiosk's one line for patients (cannot print, offline); null or absent when all is well.
  setBanner("banner-pemberitahuan", state && typeof state.patientNotice === "string" ? state.patientNotice.trim() : "");
}

function setBanner(id, message) {
  const element = $(id);
  if (element.textContent === message && element.classList.contains("tersembunyi") === !message) return;
  element.textContent = message;
  element.classList.toggle("tersembunyi", !message);
  fit();
}

function render() {
  $("nama-puskesmas").textContent = state.siteName || config.siteName;
  const counters = state.counters.filter((c) => !onlyCounters.length || onlyCounters.includes(c.id));
  $("loket-daftar").replaceChildren(...counters.map((c) => item(c.name, c.paused ? "ISTIRAHAT" : c.nowServing && wanted(c.nowServing.number, c.nowServing.serviceCode, c.id) ? c.nowServing.number : "---")));
  const services = state.services.filter((s) => !onlyServices.length || onlyServices.some((o) => o === s.code || (s.lastNumber || "").startsWith(o + "-")) || s.tickets.some((t) => wanted(t.number, s.code, null)));
  $("menunggu").replaceChildren(...(onlyServices.length ? services : state.services).map((s) => item(s.name, String(s.waiting))));
  // The snapshot's calls fill in what this page did not see announced (opened mid-day, a call too late to speak).
  for (const c of state.lastCalls) {
    if (wanted(c.number, c.serviceCode, c.counterId)) remember({ number: c.number, destination: c.destination, serviceCode: c.serviceCode, counterId: c.counterId, at: Date.parse(c.at) }, null);
  }
  banner();
  drawCalls();
}

function item(left, right) {
  const li = document.createElement("li");
  li.append(Object.assign(document.createElement("span"), { textContent: left }), Object.assign(document.createElement("span"), { className: "nomor", textContent: right }));
  return li;
}

function counterName(counterId) {
  return (counterId && state && state.counters.find((c) => c.id === counterId)?.name) || null;
}

// One tile per patient and destination: a recall moves the tile to the front instead of adding a second one.
function remember(call, seenAt) {
  const key = call.number + "|" + (call.counterId || call.destination);
  const known = calls.find((c) => c.key === key);
  if (known) {
    if (seenAt !== null && !(known.seenAt >= seenAt)) known.seenAt = seenAt;
    if (call.at > known.at) known.at = call.at;
    if (call.destination) known.destination = call.destination;
  } else {
    calls.push({ key, ...call, seenAt });
  }
  calls.sort((a, b) => b.at - a.at || (b.seenAt || 0) - (a.seenAt || 0));
  calls.length = Math.min(calls.length, MAX_CALLS);
}

const highlighted = (seenAt) => Boolean(seenAt) && now() - seenAt < HIGHLIGHT_MS;

function drawCalls() {
  const [newest, ...rest] = calls;
  if (newest) {
    $("nomor-utama").textContent = newest.number;
    $("tujuan-utama").textContent = counterName(newest.counterId) || newest.destination;
  }
  $("riwayat").replaceChildren(...rest.map((c) => {
    const li = item(c.number, counterName(c.counterId) || c.destination);
    li.firstChild.className = "nomor";
    li.lastChild.className = "tujuan";
    if (highlighted(c.seenAt)) li.classList.add("baru");
    li.dataset.seenAt = String(c.seenAt || 0);
    return li;
  }));
  fit();
}

// ---- Fitting the TV: every loket and every waiting count always, the big number at least 20% of the height, rows at
// least 5%; then as many earlier calls as there is room for, newest first. Sizes are tried largest first and kept at
// the first that fits (a few layout passes per change).
const ROW_SIZES = [7, 6.5, 6, 5.5, 5]; // vh
let fitting = false;

function fits() {
  const main = document.querySelector("main");
  const panel = $("panggilan-utama");
  return main.scrollHeight <= main.clientHeight + 1 && main.scrollWidth <= main.clientWidth + 1 && panel.scrollWidth <= panel.clientWidth + 1;
}

function fit() {
  if (fitting) return;
  fitting = true;
  try {
    const tiles = [...document.querySelectorAll("#riwayat li")];
    const root = document.body.style;
    tiles.forEach((li) => li.classList.remove("tersembunyi"));
    $("judul-riwayat").classList.toggle("tersembunyi", tiles.length === 0);
    if (!matchMedia("(min-aspect-ratio: 1/1)").matches) {
      ["--f", "--nomor", "--kolom"].forEach((name) => root.removeProperty(name));
      return;
    }

    const tryWith = (size, columns) => {
      root.setProperty("--f", size + "vh");
      root.setProperty("--nomor", (20 + (size - 5) * 2) + "vh");
      root.setProperty("--kolom", String(columns));
      return fits();
    };
    // Three columns suit a 16:9 screen; two when a long number needs a wider big panel, four for short names.
    const columnChoices = [3, 2, 4];
    for (let shown = tiles.length; shown >= 0; shown--) {
      tiles.forEach((li, i) => li.classList.toggle("tersembunyi", i >= shown));
      // The smallest size first: when it does not fit, no larger size will.
      $("judul-riwayat").classList.toggle("tersembunyi", shown === 0);
      const smallest = columnChoices.find((columns) => tryWith(ROW_SIZES.at(-1), columns));
      if (smallest === undefined) continue;
      for (const size of ROW_SIZES.slice(0, -1)) {
        if (columnChoices.some((columns) => tryWith(size, columns))) return;
      }
      tryWith(ROW_SIZES.at(-1), smallest);
      return;
    }
    tryWith(ROW_SIZES.at(-1), 3);
  } finally {
    fitting = false;
  }
}

// ---- Calls: drawn at once, then queued for the voice.
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

function announce(a, receivedAt) {
  if (played.has(a.id)) return;
  played.add(a.id);
  if (!wanted(a.number, a.serviceCode || "", a.counterId)) return;
  const calledAt = Date.parse(a.calledAt || "");
  const entry = {
    id: a.id, number: a.number, text: a.text, clips: [], audio: a.audio || null, calledAt: a.calledAt || null,
    receivedAt, shownAt: null, spoken: null, spokenAt: null,
  };
  remember({ number: a.number, destination: a.destination, serviceCode: a.serviceCode, counterId: a.counterId, at: Number.isNaN(calledAt) ? Date.now() : calledAt }, receivedAt);
  drawCalls();
  $("teks-panggilan").textContent = a.text;
  const panel = $("panggilan-utama");
  panel.classList.remove("kedip");
  void panel.offsetWidth;
  panel.classList.add("kedip");
  entry.shownAt = now();
  window.layarShown.push(entry);
  queue.push({ a, entry });
  next();
}

// The call's age now, on the host's clock: its age when the host sent it plus the time since this page received it.
function ageSeconds(item) {
  const sent = Date.parse(item.a.sentAt || "");
  const called = Date.parse(item.a.calledAt || "");
  if (Number.isNaN(called)) return 0;
  const atSend = Number.isNaN(sent) ? Date.now() - called - (now() - item.entry.receivedAt) : sent - called;
  return (atSend + now() - item.entry.receivedAt) / 1000;
}

async function next() {
  if (speaking || queue.length === 0) return;
  speaking = true;
  try {
    const context = audioContext();
    if (context.state === "suspended") {
      await context.resume().catch(() => {});
      if (context.state === "suspended") {
        // The browser blocks sound until someone clicks once; the calls are on screen all the same.
        $("aktifkan-suara").classList.remove("tersembunyi");
        return;
      }
    }

    while (queue.length) {
      const item = queue.shift();
      if (ageSeconds(item) > config.announceMaxAgeSeconds) {
        item.entry.spoken = false;
      } else {
        item.entry.spokenAt = now();
        item.entry.clips = await speak(context, item.a);
        item.entry.spoken = true;
      }
      window.layarLog.push(item.entry);
    }
  } finally {
    speaking = false;
  }
}

// One joined recording when the host sends it (a.audio), else the clips back to back on the audio clock.
async function speak(context, a) {
  if (a.audio) {
    const whole = await decode(a.audio, false);
    if (whole) {
      await play(context, [whole]);
      return a.clips;
    }
  }
  const decoded = await Promise.all(a.clips.map((name) => decode("/suara/" + name + ".wav")));
  await play(context, decoded.filter(Boolean));
  return a.clips.filter((_, i) => decoded[i]);
}

// Word clips are decoded once and kept; a call's joined recording is used once and not kept.
function decode(url, keep = true) {
  if (buffers.has(url)) return buffers.get(url);
  const decoded = fetch(url)
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(url))))
    .then((bytes) => audioContext().decodeAudioData(bytes))
    .catch(() => null);
  if (keep) buffers.set(url, decoded);
  return decoded;
}

async function play(context, decoded) {
  let at = context.currentTime + 0.05;
  let last = null;
  for (const buffer of decoded) {
    const node = context.createBufferSource();
    node.buffer = buffer;
    node.connect(context.destination);
    node.start(at);
    at += buffer.duration;
    last = node;
  }
  if (last) await new Promise((resolve) => { last.onended = resolve; });
}

start();
