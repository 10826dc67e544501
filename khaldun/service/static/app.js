// khaldun dashboard: plain DOM and SVG, no framework, nothing from the internet.
// Text from the server is only ever set with textContent, never parsed as HTML.
"use strict";

const $ = (sel) => document.querySelector(sel);
const QUADS = ["1", "2", "3", "4"];
const state = { filters: {}, cursor: null };

function el(tag, attrs = {}, ...children) {
  const svg = ["svg", "g", "path", "rect", "circle", "text", "line", "title"].includes(tag);
  const node = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

async function api(path, params = {}) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined));
  const res = await fetch(q.toString() ? `${path}?${q}` : path, { headers: { Accept: "application/json" } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? `${body.error.code}: ${body.error.message}` : res.statusText);
  return body;
}

const who = (a) => (a ? `${a.name || a.text}${a.country ? " (" + a.country + ")" : ""}` : "");
const COUNTS = ["fatalities", "injured", "arrested", "abducted", "size"];
const numbers = (e) =>
  COUNTS.filter((k) => e[k]).map((k) => `${k} ${e[k].qualifier && e[k].qualifier !== "exact" ? e[k].qualifier + " " : ""}${e[k].value}`).join(", ");

// -- stats ------------------------------------------------------------------
async function loadStats() {
  const s = await api("/v1/stats");
  const c = s.counts;
  $("#stats").textContent = `${c.documents} documents · ${c.events} events · ${c.rejected} rejected` +
    (s.first_date ? ` · ${s.first_date} to ${s.last_date}` : "");
}

// -- events table -------------------------------------------------------------
async function loadEvents(append = false) {
  const params = { ...state.filters, limit: 50 };
  if (append && state.cursor) params.cursor = state.cursor;
  const page = await api("/v1/events", params);
  const tbody = $("#events-table tbody");
  if (!append) tbody.replaceChildren();
  for (const e of page.events) {
    const tr = el("tr", { tabindex: "0", "data-event-id": e.event_id, "data-quad": e.quad_class },
      el("td", {}, e.date || ""), el("td", {}, e.event_type || ""),
      el("td", { title: e.cameo_name || "" }, e.cameo_code), el("td", {}, who(e.actor)), el("td", {}, who(e.recipient)),
      el("td", {}, e.location ? e.location.name || e.location.text : ""), el("td", {}, numbers(e)),
      el("td", {}, e.evidence ? e.evidence.trigger : ""));
    tr.addEventListener("click", () => openEvent(e.event_id, tr));
    tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter") openEvent(e.event_id, tr); });
    tbody.append(tr);
  }
  state.cursor = page.next_cursor;
  $("#more").hidden = !page.next_cursor;
  $("#events-count").textContent = `(${tbody.children.length}${page.next_cursor ? "+" : ""})`;
}

// The sentence, with each part of the event marked where its words are.
function highlighted(sentence, e) {
  const marks = [];
  const add = (text, cls, label) => { if (text) marks.push({ text, cls, label }); };
  add(e.evidence && e.evidence.trigger, "trigger", "trigger");
  add(e.actor && e.actor.text, "actor", "actor");
  add(e.recipient && e.recipient.text, "recipient", "recipient");
  add(e.location && e.location.text, "place", "place");
  add(e.date_text, "date", "date");
  for (const k of COUNTS) if (e[k]) add(e[k].text || String(e[k].value), "number", k);
  const spans = [];
  for (const m of marks) {
    let i = sentence.indexOf(m.text);
    if (i < 0) i = sentence.toLowerCase().indexOf(m.text.toLowerCase());
    if (i < 0) continue;
    const end = i + m.text.length;
    if (spans.some((s) => i < s.end && end > s.start)) continue;
    spans.push({ start: i, end, ...m });
  }
  spans.sort((a, b) => a.start - b.start);
  const p = el("p", { class: "sentence" });
  let at = 0;
  for (const s of spans) {
    p.append(sentence.slice(at, s.start), el("mark", { class: s.cls, title: s.label }, sentence.slice(s.start, s.end)));
    at = s.end;
  }
  p.append(sentence.slice(at));
  return p;
}

async function openEvent(id, row) {
  document.querySelectorAll("#events-table tr.open").forEach((r) => r.classList.remove("open"));
  if (row) row.classList.add("open");
  const d = await api(`/v1/events/${encodeURIComponent(id)}`);
  const e = d.event;
  const box = $("#detail");
  const facts = el("dl", {},
    el("dt", {}, "Event"), el("dd", {}, `${e.event_type || "-"} · CAMEO ${e.cameo_code} ${e.cameo_name || ""} · QuadClass ${e.quad_class} · Goldstein ${e.goldstein}`),
    el("dt", {}, "Who"), el("dd", {}, `${who(e.actor) || "-"} → ${who(e.recipient) || "-"}`),
    el("dt", {}, "When"), el("dd", {}, `${e.date || "unknown"}${e.date_text ? " (“" + e.date_text + "”)" : ""}`),
    el("dt", {}, "Where"), el("dd", {}, e.location ? `${e.location.name || e.location.text} ${e.location.country || ""}` : "-"),
    el("dt", {}, "Numbers"), el("dd", {}, numbers(e) || "-"),
    el("dt", {}, "Source"), el("dd", {}, d.document ? `${d.document.title || d.document.doc_id} (${d.document.doc_date || "undated"})` : e.doc_id));
  const text = el("details", {}, el("summary", {}, "Document text"), el("pre", {}, d.document ? d.document.text : ""));
  box.replaceChildren(el("h3", {}, "Evidence"), highlighted(e.evidence.sentence, e), facts, text);
  box.hidden = false;
}

// -- timeline -----------------------------------------------------------------
async function loadTimeline() {
  const t = await api("/v1/timeline", { ...state.filters, by: "day", split: "quad_class" });
  const byDay = new Map();
  for (const r of t.rows) {
    const b = byDay.get(r.period) || { date: r.period, by_quad_class: {} };
    const q = String(r.quad_class).split(" ")[0];
    b.by_quad_class[q] = (b.by_quad_class[q] || 0) + r.events;
    byDay.set(r.period, b);
  }
  const buckets = [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const svg = $("#timeline");
  svg.replaceChildren();
  const W = 720, H = 220, pad = 28;
  if (!buckets.length) { svg.append(el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "muted" }, "no dated events")); return; }
  const max = Math.max(...buckets.map((b) => QUADS.reduce((s, q) => s + (b.by_quad_class[q] || 0), 0)), 1);
  const bw = (W - 2 * pad) / buckets.length;
  svg.append(el("line", { x1: pad, y1: H - pad, x2: W - pad, y2: H - pad, class: "axis" }));
  svg.append(el("text", { x: pad - 4, y: pad, "text-anchor": "end", class: "tick" }, max));
  buckets.forEach((b, i) => {
    let y = H - pad;
    for (const q of QUADS) {
      const n = b.by_quad_class[q] || 0;
      if (!n) continue;
      const h = (n / max) * (H - 2 * pad);
      y -= h;
      svg.append(el("rect", { x: pad + i * bw + 1, y, width: Math.max(bw - 2, 1), height: h, class: `q${q}` },
        el("title", {}, `${b.date}: ${n} events of QuadClass ${q}`)));
    }
  });
  const every = Math.ceil(buckets.length / 6);
  buckets.forEach((b, i) => {
    if (i % every === 0) svg.append(el("text", { x: pad + i * bw + bw / 2, y: H - pad + 14, "text-anchor": "middle", class: "tick" }, b.date));
  });
}

// -- dyads --------------------------------------------------------------------
async function loadDyads() {
  const d = await api("/v1/dyads", { ...state.filters, by: "year", top: 15 });
  const pairs = new Map();
  for (const r of d.rows) {
    const k = `${r.actor}→${r.recipient}`;
    const x = pairs.get(k) || { actor: r.actor, recipient: r.recipient, events: 0, goldstein: 0, by_quad_class: { 1: 0, 2: 0, 3: 0, 4: 0 } };
    x.events += r.events; x.goldstein += r.goldstein || 0;
    x.by_quad_class[1] += r.q1_verbal_coop; x.by_quad_class[2] += r.q2_material_coop;
    x.by_quad_class[3] += r.q3_verbal_conflict; x.by_quad_class[4] += r.q4_material_conflict;
    pairs.set(k, x);
  }
  const dyads = [...pairs.values()].sort((a, b) => b.events - a.events);
  for (const x of dyads) x.mean_goldstein = (x.goldstein / x.events).toFixed(1);
  const tbody = $("#dyads-table tbody");
  tbody.replaceChildren();
  const max = Math.max(1, ...dyads.map((x) => x.events));
  for (const x of dyads) {
    const bar = el("span", { class: "bars" });
    for (const q of QUADS) {
      const n = x.by_quad_class[q] || 0;
      if (n) {
        const s = el("span", { class: `bar q${q}`, title: `QuadClass ${q}: ${n}` });
        s.style.width = `${(n / max) * 120}px`;
        bar.append(s);
      }
    }
    tbody.append(el("tr", {}, el("td", {}, x.actor), el("td", {}, x.recipient), el("td", {}, x.events), el("td", {}, bar),
      el("td", {}, x.mean_goldstein ?? "")));
  }
  if (!dyads.length) tbody.append(el("tr", {}, el("td", { colspan: 5, class: "muted" }, "no dyads with both countries known")));
}

// -- map ----------------------------------------------------------------------
const project = ([lon, lat]) => [(lon + 180) * 2, (90 - lat) * 2];
function ringPath(ring) { return "M" + ring.map((c) => project(c).map((v) => v.toFixed(1)).join(",")).join("L") + "Z"; }
async function loadWorld() {
  const res = await fetch("/world.geojson");
  const world = await res.json();
  const g = $("#map .land");
  for (const f of world.features) {
    if (!f.geometry) continue;
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const d = polys.map((p) => p.map(ringPath).join("")).join("");
    g.append(el("path", { d, class: "country" }, el("title", {}, f.properties.name)));
  }
}
async function loadMap() {
  const p = await api("/v1/places", { ...state.filters, limit: 500 });
  const g = $("#map .points");
  g.replaceChildren();
  const max = Math.max(1, ...p.places.map((x) => x.events));
  for (const x of p.places) {
    const [cx, cy] = project([x.lon, x.lat]);
    const worst = QUADS.filter((q) => x.by_quad_class[q]).pop() || "1";
    g.append(el("circle", { cx, cy, r: 3 + 7 * Math.sqrt(x.events / max), class: `point q${worst}`, "data-place": x.name },
      el("title", {}, `${x.name}${x.country ? " (" + x.country + ")" : ""}: ${x.events} events`)));
  }
  $("#map-caption").textContent = p.places.length ? `${p.places.length} places` : "no located events";
}

// -- paste ------------------------------------------------------------------------
async function submitArticle(ev) {
  ev.preventDefault();
  const out = $("#paste-result");
  const token = $("#paste-token").value.trim();
  sessionStorage.setItem("khaldun-token", token);
  const body = { text: $("#paste-text").value };
  if ($("#paste-date").value) body.date = $("#paste-date").value;
  if ($("#paste-title").value) body.title = $("#paste-title").value;
  out.replaceChildren(el("p", { class: "muted" }, "coding…"));
  $("#paste-submit").disabled = true;
  try {
    const res = await fetch("/v1/documents", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const r = await res.json();
    if (!res.ok) { out.replaceChildren(el("p", { class: "error" }, `${r.error.code}: ${r.error.message}`)); return; }
    const list = el("ul", { class: "coded" });
    for (const d of r.documents) {
      for (const e of d.events) {
        list.append(el("li", { "data-event-id": e.event_id }, `${e.date || "?"} ${e.event_type || e.cameo_code}: ${who(e.actor) || "?"} → ${who(e.recipient) || "-"}`,
          e.location ? ` in ${e.location.name || e.location.text}` : ""));
      }
    }
    for (const x of r.rejections) list.append(el("li", { class: "error" }, `rejected (${x.reason}, ${x.code}): ${x.message}`));
    const n = r.documents.reduce((s, d) => s + d.events.length, 0);
    out.replaceChildren(el("p", {}, `${n} events ${r.documents[0] && r.documents[0].status === "already_stored" ? "(stored before)" : "coded"}`), list);
    state.filters = {};
    $("#filters").reset();
    await refresh();
  } catch (err) {
    out.replaceChildren(el("p", { class: "error" }, String(err)));
  } finally {
    $("#paste-submit").disabled = false;
  }
}

// -- wiring ---------------------------------------------------------------------------
async function refresh() {
  $("#filter-error").textContent = "";
  state.cursor = null;
  $("#detail").hidden = true;
  try {
    await Promise.all([loadStats(), loadEvents(), loadTimeline(), loadDyads(), loadMap()]);
  } catch (err) {
    $("#filter-error").textContent = String(err.message || err);
  }
}

$("#filters").addEventListener("submit", (ev) => {
  ev.preventDefault();
  state.filters = Object.fromEntries([...new FormData(ev.target)].filter(([, v]) => v !== ""));
  refresh();
});
$("#filters").addEventListener("reset", () => { state.filters = {}; setTimeout(refresh); });
$("#more").addEventListener("click", () => loadEvents(true));
$("#paste").addEventListener("submit", submitArticle);
$("#paste-token").value = sessionStorage.getItem("khaldun-token") || "";

loadWorld().then(refresh, (err) => { $("#map-caption").textContent = String(err); refresh(); });
