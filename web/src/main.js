// eventcoder's web page: the playground (code a text, see its events and their evidence) and
// the explorer over the store (filters kept in the URL, timeline, dyad network, map, table).
// Every piece of document or event text reaches the page through textContent or an attribute
// value, never through HTML parsing, so markup in an article shows as text and runs nothing.
import { geoNaturalEarth1, geoPath } from "d3-geo";
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide } from "d3-force";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";

const SVG = "http://www.w3.org/2000/svg";
const QUAD = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict" };
const QUAD_COLOR = { 1: "#8fd19e", 2: "#2f9e44", 3: "#f4a940", 4: "#c92a2a" };
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const FILTER_NAMES = ["date_from", "date_to", "source", "target", "actor", "dyad", "directed", "source_sector", "target_sector",
  "cameo", "plover", "plover_mode", "quad_class", "goldstein_min", "goldstein_max", "place_country", "place_admin1",
  "negated", "hypothetical", "min_confidence", "q", "doc_id"];
const DEFAULTS = { directed: "true", negated: "any", hypothetical: "any" };

const $ = (id) => document.getElementById(id);
let meta = null;
let numericToCode = {};

// ---- DOM helpers: text only

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = String(v);
    else node.setAttribute(k, String(v));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function status(message) { $("status").textContent = message || ""; }

// ---- API

function token() { return sessionStorage.getItem("eventcoder-token") || ""; }

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token()) headers.Authorization = "Bearer " + token();
  const response = await fetch(path, Object.assign({}, options, { headers }));
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    if (response.status === 401 || response.status === 403) $("token-box").hidden = false;
    throw new Error((body && body.message) || `${response.status} ${response.statusText}`);
  }
  return body;
}

// ---- labels

function actorLabel(a) {
  if (!a) return "—";
  if ((a.code === "IGO" || a.code === "NGO") && a.org) return a.org;
  const parts = [a.code || "?"];
  if (a.sector) parts.push(a.sector);
  let label = parts.join("/");
  if (a.org) label += ` (${a.org})`;
  return label;
}

function actorsLabel(list) { return list && list.length ? list.map(actorLabel).join(", ") : "—"; }

function eventType(e) { return e.plover && e.plover.event ? e.plover.event + (e.plover.mode ? "/" + e.plover.mode : "") : e.cameo.name; }

function placeLabel(loc) {
  if (!loc) return "";
  return [loc.name || loc.text, loc.admin1, loc.country].filter(Boolean).join(", ");
}

// ---- highlighted text: cut at every span boundary, each piece a text node

function renderHighlighted(container, text, spans) {
  clear(container);
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { container.append(document.createTextNode(piece)); continue; }
    const kinds = [...new Set(covering.map((s) => s.kind))];
    const ids = [...new Set(covering.flatMap((s) => s.event_ids || (s.event_id ? [s.event_id] : [])))];
    const mark = el("mark", { class: kinds.map((k) => "k-" + k).join(" "), title: covering.map((s) => `${s.kind}: ${s.label}`).join("\n"),
      "data-events": ids.join(" ") }, piece);
    container.append(mark);
  }
}

function focusEvent(container, eventId) {
  let first = null;
  for (const mark of container.querySelectorAll("mark")) {
    const on = eventId && (mark.dataset.events || "").split(" ").includes(eventId);
    mark.classList.toggle("focus", Boolean(on));
    if (on && !first) first = mark;
  }
  if (first) first.scrollIntoView({ block: "nearest" });
}

// ---- event card

function eventCard(e, onClick) {
  const badges = [];
  if (e.negated) badges.push(el("span", { class: "badge neg" }, "negated"));
  if (e.hypothetical) badges.push(el("span", { class: "badge hyp" }, "hypothetical"));
  const rows = [
    ["CAMEO", `${e.cameo.code} ${e.cameo.name} (Goldstein ${e.cameo.goldstein}, QuadClass ${e.cameo.quad_class})`],
    ["PLOVER", e.plover.event ? eventType(e) : "— (statement)"],
    ["Trigger", e.trigger.text],
    ["Date", e.when ? `${e.date}${e.when.end ? " – " + e.when.end : ""} (${e.when.precision}; ${e.when.text ? "“" + e.when.text + "”, " : ""}${e.when.reason})` : e.date || "—"],
    ["Place", e.location ? `${placeLabel(e.location)} (${e.location.reason})` : "—"],
    ["Source", e.source.map((a) => `${actorLabel(a)} “${a.text}” — ${a.reason}`).join("; ") || "—"],
    ["Target", e.target.map((a) => `${actorLabel(a)} “${a.text}” — ${a.reason}`).join("; ") || "—"],
  ];
  if (e.attributed_to) rows.push(["Claimant", actorsLabel(e.attributed_to)]);
  if (e.parent_event_id) rows.push(["Nested in", e.parent_event_id]);
  rows.push(["Rule", e.rule], ["Confidence", String(e.confidence)], ["Event id", e.event_id]);
  const card = el("div", { class: `card q${e.cameo.quad_class}`, "data-event": e.event_id, tabindex: "0" },
    el("div", { class: "head" }, actorsLabel(e.source), el("span", { class: "arrow" }, "→"), eventType(e),
      el("span", { class: "arrow" }, "→"), actorsLabel(e.target), ...badges),
    el("dl", {}, rows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])));
  if (onClick) card.addEventListener("click", () => onClick(e, card));
  return card;
}

// ---- playground

let examples = [];

async function initPlayground() {
  try {
    const response = await fetch("/static/examples.json");
    examples = response.ok ? await response.json() : [];
  } catch (e) { examples = []; }
  const select = $("pg-example");
  for (const ex of examples) select.append(el("option", { value: ex.id }, ex.title || ex.id));
  select.addEventListener("change", () => {
    const ex = examples.find((x) => x.id === select.value);
    if (!ex) return;
    $("pg-text").value = ex.text;
    $("pg-date").value = ex.date || "";
    $("pg-docid").value = ex.id;
  });
  $("pg-code").addEventListener("click", codeText);
}

async function codeText() {
  const text = $("pg-text").value;
  const body = { text, date: $("pg-date").value || null, doc_id: $("pg-docid").value || null };
  status("");
  $("pg-code").disabled = true;
  $("pg-summary").textContent = "coding…";
  try {
    const result = await api("/v1/code", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const rendered = $("pg-rendered");
    renderHighlighted(rendered, text, result.spans);
    const cards = clear($("pg-cards"));
    for (const e of result.events) {
      cards.append(eventCard(e, (ev, card) => {
        const on = !card.classList.contains("active");
        for (const c of cards.querySelectorAll(".card")) c.classList.remove("active");
        card.classList.toggle("active", on);
        focusEvent(rendered, on ? ev.event_id : null);
      }));
    }
    if (!result.events.length) cards.append(el("p", {}, "No events found in this text."));
    $("pg-summary").textContent = `${result.events.length} events, ${result.n_sentences} sentences, ${result.elapsed_ms} ms`;
  } catch (error) {
    $("pg-summary").textContent = "";
    status(error.message);
  } finally {
    $("pg-code").disabled = false;
  }
}

// ---- explorer state: the URL is the truth

function currentFilters() {
  const params = new URLSearchParams(location.search);
  const out = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value !== null && value !== "" && value !== DEFAULTS[name]) out[name] = value;
  }
  return out;
}

function setFilters(filters, push = true) {
  const params = new URLSearchParams();
  params.set("tab", "explorer");
  for (const name of FILTER_NAMES) {
    const v = filters[name];
    if (v !== undefined && v !== null && v !== "" && v !== DEFAULTS[name]) params.set(name, v);
  }
  const url = location.pathname + "?" + params.toString();
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  fillForm();
  refreshExplorer();
}

function fillForm() {
  const filters = currentFilters();
  const form = $("filters");
  for (const input of form.elements) {
    if (!input.name) continue;
    if (input.name === "quad_class") input.checked = (filters.quad_class || "").split(",").includes(input.value);
    else if (input.name === "directed") input.checked = filters.directed !== "false";
    else if (input.tagName === "SELECT") input.value = filters[input.name] || DEFAULTS[input.name] || "";
    else input.value = filters[input.name] || "";
  }
  const chips = clear($("chips"));
  for (const [k, v] of Object.entries(filters)) {
    const chip = el("button", { type: "button", class: "chip", title: "remove this filter" }, `${k} = ${v} ×`);
    chip.addEventListener("click", () => { const f = currentFilters(); delete f[k]; setFilters(f); });
    chips.append(chip);
  }
}

function readForm() {
  const form = $("filters");
  const out = {};
  const quads = [];
  for (const input of form.elements) {
    if (!input.name) continue;
    if (input.name === "quad_class") { if (input.checked) quads.push(input.value); continue; }
    if (input.name === "directed") { if (!input.checked) out.directed = "false"; continue; }
    const v = (input.value || "").trim();
    if (v) out[input.name] = v;
  }
  if (quads.length) out.quad_class = quads.join(",");
  return out;
}

function query(extra = {}) {
  const params = new URLSearchParams(Object.assign({}, currentFilters(), extra));
  return params.toString();
}

let pageCursors = [null];
let pageIndex = 0;

async function refreshExplorer() {
  if ($("explorer").hidden) return;
  status("");
  pageCursors = [null];
  pageIndex = 0;
  for (const kind of ["csv", "geojson", "jsonl"]) $("exp-" + kind).setAttribute("href", "/v1/events?" + query({ format: kind }));
  await Promise.all([loadTable(), loadTimeline(), loadNetwork(), loadMap()].map((p) => p.catch((error) => status(error.message))));
}

// ---- table

async function loadTable() {
  const params = { limit: 25 };
  if (pageCursors[pageIndex]) params.cursor = pageCursors[pageIndex];
  const data = await api("/v1/events?" + query(params));
  $("ev-count").textContent = `${data.total} events`;
  const body = clear($("events").tBodies[0]);
  for (const e of data.events) {
    const row = el("tr", { "data-event": e.event_id },
      el("td", {}, e.date || "—"), el("td", {}, actorsLabel(e.source)), el("td", { title: `${e.cameo.code} ${e.cameo.name}` }, eventType(e),
        e.negated ? el("span", { class: "badge neg" }, "neg") : null, e.hypothetical ? el("span", { class: "badge hyp" }, "hyp") : null),
      el("td", {}, actorsLabel(e.target)), el("td", { class: `q${e.cameo.quad_class}` }, String(e.cameo.quad_class)),
      el("td", {}, String(e.cameo.goldstein)), el("td", {}, placeLabel(e.location)), el("td", {}, String(e.confidence)),
      el("td", { class: "sentence", title: e.sentence }, e.sentence));
    row.addEventListener("click", () => showDetail(e.event_id));
    body.append(row);
  }
  if (!data.events.length) body.append(el("tr", {}, el("td", { colspan: "9" }, "No events match these filters.")));
  pageCursors[pageIndex + 1] = data.next_cursor;
  $("prev").disabled = pageIndex === 0;
  $("next").disabled = !data.next_cursor;
  $("page-no").textContent = `page ${pageIndex + 1} of ${Math.max(1, Math.ceil(data.total / 25))}`;
}

async function showDetail(eventId) {
  try {
    const data = await api("/v1/events/" + encodeURIComponent(eventId));
    $("detail").hidden = false;
    $("detail-id").textContent = eventId;
    const doc = $("detail-doc");
    if (data.document) {
      renderHighlighted(doc, data.document.text, data.spans);
      focusEvent(doc, eventId);
    } else clear(doc).append("(document text not in the store)");
    clear($("detail-card")).append(eventCard(data.event, null));
    $("detail").scrollIntoView({ block: "start" });
  } catch (error) { status(error.message); }
}

// ---- timeline: stacked bars by QuadClass, mean Goldstein line

async function loadTimeline() {
  const data = await api("/v1/stats/timeline?" + query({ interval: $("tl-interval").value, stack: "quad_class" }));
  const box = clear($("timeline"));
  $("tl-sub").textContent = `by ${data.interval}${data.undated ? `, ${data.undated} undated left out` : ""}`;
  const W = 1000, H = 240, L = 40, R = 40, T = 10, B = 34;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "timeline" });
  box.append(root);
  const buckets = data.buckets;
  if (!buckets.length) { root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "No dated events")); return; }
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const bw = (W - L - R) / buckets.length;
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const gy = (v) => T + (H - T - B) * (1 - (v + 10) / 20);
  for (const tick of [0, Math.round(max / 2), max]) {
    root.append(svg("line", { x1: L, x2: W - R, y1: y(tick), y2: y(tick), stroke: "#eee" }));
    root.append(svg("text", { x: L - 4, y: y(tick) + 3, "text-anchor": "end", class: "axis" }, String(tick)));
  }
  for (const g of [-10, 0, 10]) root.append(svg("text", { x: W - R + 4, y: gy(g) + 3, class: "axis" }, (g > 0 ? "+" : "") + g));
  const step = Math.ceil(buckets.length / 12);
  buckets.forEach((b, i) => {
    let base = 0;
    const x = L + i * bw;
    const group = svg("g", { class: "bar", "data-period": b.period });
    for (const q of ["1", "2", "3", "4"]) {
      const n = b.by[q] || 0;
      if (!n) continue;
      group.append(svg("rect", { x: x + 0.5, width: Math.max(1, bw - 1), y: y(base + n), height: y(base) - y(base + n), fill: QUAD_COLOR[q] }));
      base += n;
    }
    group.append(svg("rect", { x, width: bw, y: T, height: H - T - B, fill: "transparent" }));
    group.append(svg("title", {}, `${b.period}: ${b.count} events` + Object.entries(b.by).map(([k, v]) => `\n${QUAD[k]}: ${v}`).join("") +
      (b.mean_goldstein !== null ? `\nmean Goldstein ${b.mean_goldstein}` : "")));
    group.addEventListener("click", () => {
      const end = periodEnd(b.period, data.interval);
      setFilters(Object.assign(currentFilters(), { date_from: b.period, date_to: end }));
    });
    root.append(group);
    if (i % step === 0) root.append(svg("text", { x: x + bw / 2, y: H - B + 14, "text-anchor": "middle", class: "axis" }, b.period));
  });
  // the mean Goldstein line, broken where a bucket has no event
  let run = [];
  const flush = () => {
    if (run.length === 1) root.append(svg("circle", { cx: run[0][0], cy: run[0][1], r: 2.5, fill: "#1f2d3d", class: "goldstein" }));
    else if (run.length > 1) root.append(svg("polyline", { points: run.map((p) => p.join(",")).join(" "), fill: "none", stroke: "#1f2d3d", "stroke-width": 1.5, class: "goldstein" }));
    run = [];
  };
  buckets.forEach((b, i) => { if (b.mean_goldstein === null) flush(); else run.push([L + i * bw + bw / 2, gy(b.mean_goldstein)]); });
  flush();
  const legend = svg("g", {});
  Object.entries(QUAD).forEach(([q, name], i) => {
    legend.append(svg("rect", { x: L + i * 170, y: H - 12, width: 10, height: 10, fill: QUAD_COLOR[q] }));
    legend.append(svg("text", { x: L + i * 170 + 14, y: H - 3, class: "axis" }, name));
  });
  legend.append(svg("line", { x1: L + 680, x2: L + 700, y1: H - 7, y2: H - 7, stroke: "#1f2d3d", "stroke-width": 1.5 }));
  legend.append(svg("text", { x: L + 704, y: H - 3, class: "axis" }, "mean Goldstein (right axis)"));
  root.append(legend);
}

function periodEnd(start, interval) {
  const d = new Date(start + "T00:00:00Z");
  if (interval === "day") return start;
  if (interval === "week") d.setUTCDate(d.getUTCDate() + 6);
  else { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

// ---- dyad network

function goldsteinColor(g) {
  if (g === null || g === undefined) return "#999";
  const t = Math.max(-1, Math.min(1, g / 10));
  const to = t < 0 ? [201, 42, 42] : [47, 158, 68];
  const k = Math.abs(t);
  const mix = (i) => Math.round(153 + (to[i] - 153) * k);
  return `rgb(${mix(0)},${mix(1)},${mix(2)})`;
}

async function loadNetwork() {
  const data = await api("/v1/stats/dyads?" + query({ limit: 60 }));
  const box = clear($("network"));
  const W = 560, H = 380;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "dyad network" });
  box.append(root);
  if (!data.edges.length) { root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "No dyads")); return; }
  const nodes = data.nodes.map((n) => Object.assign({}, n));
  const links = data.edges.map((e) => Object.assign({}, e));
  const maxCount = Math.max(...links.map((l) => l.count));
  const radius = (n) => 5 + 14 * Math.sqrt(n.count / Math.max(...nodes.map((m) => m.count)));
  const sim = forceSimulation(nodes)
    .force("link", forceLink(links).id((n) => n.id).distance(90))
    .force("charge", forceManyBody().strength(-220))
    .force("center", forceCenter(W / 2, H / 2))
    .force("collide", forceCollide().radius((n) => radius(n) + 6))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  for (const n of nodes) { n.x = Math.max(30, Math.min(W - 30, n.x)); n.y = Math.max(24, Math.min(H - 34, n.y)); }
  root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
    svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#888" }))));
  for (const l of links) {
    const dx = l.target.x - l.source.x, dy = l.target.y - l.source.y, len = Math.hypot(dx, dy) || 1;
    const r = radius(l.target) + 2;
    const line = svg("line", { x1: l.source.x, y1: l.source.y, x2: l.target.x - (dx / len) * r, y2: l.target.y - (dy / len) * r,
      stroke: goldsteinColor(l.mean_goldstein), "stroke-width": 1 + 6 * (l.count / maxCount), "stroke-opacity": 0.8,
      "marker-end": data.directed ? "url(#arrow)" : null, class: "edge" },
      svg("title", {}, `${l.source.label} → ${l.target.label}: ${l.count} events, mean Goldstein ${l.mean_goldstein}`));
    line.addEventListener("click", () => setFilters(Object.assign(currentFilters(), { dyad: `${l.source.id},${l.target.id}` })));
    root.append(line);
  }
  for (const n of nodes) {
    const g = svg("g", { class: "node", "data-node": n.id, transform: `translate(${n.x},${n.y})` },
      svg("circle", { r: radius(n), fill: "#dbe9ff", stroke: "#2f6fd0" }),
      svg("text", { y: radius(n) + 11, "text-anchor": "middle", class: "axis" }, n.id),
      svg("title", {}, `${n.label}: ${n.count} events (as source ${n.as_source}, as target ${n.as_target}) — click to filter`));
    g.addEventListener("click", () => setFilters(Object.assign(currentFilters(), { actor: n.id })));
    root.append(g);
  }
}

// ---- map: world-atlas country shapes, drawn offline

const countries = feature(world, world.objects.countries);

async function loadMap() {
  const data = await api("/v1/stats/places?" + query({ points: 1500 }));
  const box = clear($("map"));
  const W = 560, H = 300;
  const projection = geoNaturalEarth1().fitSize([W, H], { type: "Sphere" });
  const path = geoPath(projection);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "map of event locations" });
  box.append(root);
  root.append(svg("path", { d: path({ type: "Sphere" }), fill: "#eaf2fb", stroke: "#c8d6e5" }));
  const byNumeric = {};
  for (const p of data.places) if (p.numeric) byNumeric[p.numeric] = p;
  const max = Math.max(1, ...data.places.map((p) => p.count));
  for (const f of countries.features) {
    const place = byNumeric[f.id];
    const shade = place ? 0.15 + 0.85 * Math.sqrt(place.count / max) : 0;
    const code = place ? place.code : numericToCode[f.id];
    const shape = svg("path", { d: path(f), class: "country" + (place ? " has" : ""), "data-code": code || "",
      fill: place ? `rgba(201,42,42,${shade.toFixed(3)})` : "#f8f8f6", stroke: "#b9b9b0", "stroke-width": 0.4 },
      svg("title", {}, place ? `${place.name}: ${place.count} events, mean Goldstein ${place.mean_goldstein}` : (f.properties && f.properties.name) || ""));
    if (code) shape.addEventListener("click", () => setFilters(Object.assign(currentFilters(), { place_country: code })));
    root.append(shape);
  }
  const maxPoint = Math.max(1, ...data.points.map((p) => p.count));
  for (const p of data.points) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    root.append(svg("circle", { cx: xy[0], cy: xy[1], r: 1.5 + 5 * Math.sqrt(p.count / maxPoint), fill: "#1f2d3d", "fill-opacity": 0.6, class: "point" },
      svg("title", {}, `${p.text || ""}: ${p.count} events`)));
  }
  $("map-sub").textContent = `${data.places.reduce((s, p) => s + p.count, 0)} located, ${data.unlocated} without a place`;
}

// ---- tabs, start

function showTab(name, push) {
  for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== name;
  for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("active", tab.dataset.tab === name);
  if (push) {
    const params = new URLSearchParams(location.search);
    params.set("tab", name);
    history.pushState(null, "", location.pathname + "?" + params.toString());
  }
  if (name === "explorer") { fillForm(); refreshExplorer(); }
}

async function initExplorer() {
  try {
    meta = await api("/v1/meta");
    for (const c of meta.countries) if (c.numeric) numericToCode[c.numeric] = c.code;
    const select = $("filters").elements.plover;
    for (const p of meta.plover) select.append(el("option", { value: p.event }, p.event));
    const list = $("actor-codes");
    for (const code of meta.actor_codes) list.append(el("option", { value: code }));
    for (const org of meta.orgs) list.append(el("option", { value: "IGO:" + org }));
  } catch (error) { status(error.message); }
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); setFilters(readForm()); });
  $("reset").addEventListener("click", () => setFilters({}));
  $("tl-interval").addEventListener("change", () => loadTimeline().catch((e) => status(e.message)));
  $("prev").addEventListener("click", () => { if (pageIndex > 0) { pageIndex--; loadTable().catch((e) => status(e.message)); } });
  $("next").addEventListener("click", () => { if (pageCursors[pageIndex + 1]) { pageIndex++; loadTable().catch((e) => status(e.message)); } });
  for (const kind of ["csv", "geojson", "jsonl"]) {
    $("exp-" + kind).addEventListener("click", async (event) => {
      if (!token()) return; // a plain link does it
      event.preventDefault();
      try {
        const response = await fetch("/v1/events?" + query({ format: kind }), { headers: { Authorization: "Bearer " + token() } });
        if (!response.ok) throw new Error(`export failed: ${response.status}`);
        const url = URL.createObjectURL(await response.blob());
        const a = el("a", { href: url, download: `events.${kind}` });
        document.body.append(a); a.click(); a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 5000);
      } catch (error) { status(error.message); }
    });
  }
}

async function start() {
  $("token").value = token();
  $("token").addEventListener("change", () => { sessionStorage.setItem("eventcoder-token", $("token").value); location.reload(); });
  if (token()) $("token-box").hidden = false;
  for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => showTab(tab.dataset.tab, true));
  window.addEventListener("popstate", () => showTab(new URLSearchParams(location.search).get("tab") || "playground", false));
  await Promise.all([initPlayground(), initExplorer()]);
  const params = new URLSearchParams(location.search);
  const tab = params.get("tab") || (FILTER_NAMES.some((n) => params.has(n)) ? "explorer" : "playground");
  showTab(tab, false);
  const eventId = params.get("event");
  if (tab === "explorer" && eventId) showDetail(eventId);
  document.body.dataset.ready = "true";
}

start();
