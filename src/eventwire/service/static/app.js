// eventwire's map page: filters, a map of events (points when few, a server-side grid when many), a weekly timeline
// to brush a time window, a list in step with the map's view, and each event's story with its spans highlighted.
// Story text is only ever set with textContent: a story that holds markup shows it, and runs nothing.
"use strict";

const COLORS = {
  ASSAULT: "#d7263d", COERCE: "#f46036", PROTEST: "#e0a800", THREATEN: "#9b5de5", MOBILIZE: "#8d6a9f",
  SANCTION: "#6c757d", ACCUSE: "#c05299", REJECT: "#a4243b", REQUEST: "#2e86ab", CONSULT: "#1b998b",
  AGREE: "#3bb273", COOPERATE: "#4d9078", AID: "#2ec4b6", SUPPORT: "#7fb069", CONCEDE: "#b4a0e5",
  RETREAT: "#8e7dbe",
};
const color = (type) => COLORS[type] || "#555";
const POINTS_MAX = 1000;   // above this many placed events the map shows server-side grid counts, not points
const LIST_PAGE = 50;

const state = { filters: {}, cursor: null, weeks: [], mode: "points" };
const $ = (id) => document.getElementById(id);

function params(extra = {}, without = []) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...state.filters, ...extra })) {
    if (v !== "" && v !== null && v !== undefined && !without.includes(k)) p.set(k, v);
  }
  return p.toString();
}

function detailText(body) {
  if (!body || !body.detail) return "";
  if (typeof body.detail === "string") return body.detail;
  return body.detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ");
}

async function getJSON(url) {
  const r = await fetch(url);
  if (!r.ok) {
    const body = await r.json().catch(() => ({}));
    throw new Error(detailText(body) || `${r.status} ${r.statusText}`);
  }
  return r.json();
}

function setStatus(text) { $("status").textContent = text; }

// --- the map --------------------------------------------------------------------------------------------------
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 14 }).setView([15, 20], 2);
const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
const grid = L.layerGroup();
cluster.addTo(map);
grid.addTo(map);

// world-atlas rings that cross the antimeridian jump from +180 to -180; Leaflet would draw a band across the map.
// Unwrap each ring so its longitudes run on without a jump, and leave out rings that circle the pole (Antarctica).
// The borders are de facto: a picture under the events, never used to place anything.
function unwrapRing(ring) {
  let shift = 0;
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > 180) shift -= 360; else if (step < -180) shift += 360;
    out.push([ring[i][0] + shift, Math.max(-85, Math.min(85, ring[i][1]))]);
  }
  const lons = out.map((p) => p[0]);
  return Math.max(...lons) - Math.min(...lons) > 350 ? null : out;
}

function fixAntimeridian(fc) {
  const features = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    const fixed = polys.map((rings) => rings.map(unwrapRing)).filter((rings) => rings[0] !== null)
      .map((rings) => rings.filter((r) => r !== null));
    if (fixed.length) features.push({ type: "Feature", properties: {}, geometry: { type: "MultiPolygon", coordinates: fixed } });
  }
  return { type: "FeatureCollection", features };
}

fetch("static/vendor/world-atlas/countries-110m.json").then((r) => r.json()).then((topo) => {
  const land = fixAntimeridian(topojson.feature(topo, topo.objects.countries));
  L.geoJSON(land, { interactive: false, style: { color: "#8a9bb0", weight: 0.6, fillColor: "#f7f7f2", fillOpacity: 1 } })
    .addTo(map).bringToBack();
}).catch(() => setStatus("The country outlines did not load; events are shown without them."));

function icon(type) {
  const div = document.createElement("div");
  div.style.background = color(type);
  return L.divIcon({ className: "event-icon", html: div, iconSize: [14, 14] });
}

function cellFor(zoom) { return Math.max(0.05, 8 / Math.pow(2, zoom)); }

async function loadMap() {
  const page = await getJSON(`api/events?${params({ limit: 1 })}`);
  cluster.clearLayers();
  grid.clearLayers();
  if (page.total <= POINTS_MAX) {
    state.mode = "points";
    const fc = await getJSON(`api/events.geojson?${params({ limit: POINTS_MAX })}`);
    const markers = fc.features.map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const m = L.marker([lat, lon], { icon: icon(p.type), title: `${p.type} ${p.date_start || ""} ${p.place || ""}` });
      m.on("click", () => openStory(p));
      return m;
    });
    cluster.addLayers(markers);
    $("map").dataset.events = String(markers.length);
    setStatus(`${page.total} events match; ${markers.length} have a place and are on the map.`);
  } else {
    state.mode = "grid";
    const cells = await getJSON(`api/grid?${params({ cell: cellFor(map.getZoom()) })}`);
    let placed = 0;
    for (const c of cells) {
      placed += c.count;
      L.circleMarker([c.lat, c.lon], { radius: 4 + Math.sqrt(c.count), color: color(c.type), weight: 1, fillOpacity: 0.55 })
        .bindTooltip(`${c.count} events (mostly ${c.type})`).addTo(grid);
    }
    $("map").dataset.events = String(placed);
    setStatus(`${page.total} events match; ${placed} placed, counted per ${cellFor(map.getZoom()).toFixed(2)}° cell.`);
  }
}

map.on("zoomend", () => { if (state.mode === "grid") loadMap().catch((e) => setStatus(e.message)); });
map.on("moveend", () => { if ($("in-view").checked) loadList().catch((e) => setStatus(e.message)); });

// --- the timeline ---------------------------------------------------------------------------------------------
const svgNS = "http://www.w3.org/2000/svg";

function svgEl(name, attrs) {
  const el = document.createElementNS(svgNS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function loadTimeline() {
  const unit = $("unit").value;
  const weeks = await getJSON(`api/stats?${params({ by: "week", unit }, ["since", "until"])}`);
  state.weeks = weeks;
  const svg = $("timeline");
  svg.replaceChildren();
  const width = svg.clientWidth || 800, height = svg.clientHeight || 90, pad = 14;
  if (!weeks.length) return;
  const max = Math.max(...weeks.map((w) => w.count));
  const bw = width / weeks.length;
  weeks.forEach((w, i) => {
    const h = ((height - pad) * w.count) / max;
    const bar = svgEl("rect", { class: "bar", x: i * bw + 0.5, y: height - pad - h, width: Math.max(1, bw - 1), height: h });
    const tip = svgEl("title", {});
    tip.textContent = `week of ${w.key}: ${w.count} ${unit === "incidents" ? "happenings" : "events"}`;
    bar.appendChild(tip);
    svg.appendChild(bar);
  });
  const first = svgEl("text", { x: 2, y: height - 2 });
  first.textContent = weeks[0].key;
  const last = svgEl("text", { x: width - 2, y: height - 2, "text-anchor": "end" });
  last.textContent = weeks[weeks.length - 1].key;
  svg.append(first, last);
  const { since, until } = state.filters;
  if (since && until) {
    const i0 = weeks.findIndex((w) => addDays(w.key, 6) >= since);
    const i1 = weeks.map((w) => w.key <= until).lastIndexOf(true);
    if (i0 >= 0 && i1 >= i0) svg.appendChild(svgEl("rect", { class: "brush", x: i0 * bw, y: 0, width: (i1 - i0 + 1) * bw, height: height - pad }));
  }
}

(function brush() {
  const svg = $("timeline");
  let x0 = null, rect = null;
  const xOf = (ev) => ev.clientX - svg.getBoundingClientRect().left;
  svg.addEventListener("pointerdown", (ev) => {
    x0 = xOf(ev);
    svg.setPointerCapture(ev.pointerId);
    svg.querySelectorAll("rect.brush").forEach((r) => r.remove());
    rect = svgEl("rect", { class: "brush", x: x0, y: 0, width: 0, height: svg.clientHeight - 14 });
    svg.appendChild(rect);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (x0 === null) return;
    const x = xOf(ev);
    rect.setAttribute("x", Math.min(x, x0));
    rect.setAttribute("width", Math.abs(x - x0));
  });
  svg.addEventListener("pointerup", (ev) => {
    if (x0 === null || !state.weeks.length) return;
    const x1 = xOf(ev);
    const bw = svg.clientWidth / state.weeks.length;
    const clamp = (i) => Math.max(0, Math.min(state.weeks.length - 1, i));
    const a = clamp(Math.floor(Math.min(x0, x1) / bw)), b = clamp(Math.floor(Math.max(x0, x1) / bw));
    x0 = null;
    setWindow(state.weeks[a].key, addDays(state.weeks[b].key, 6));
  });
  svg.addEventListener("dblclick", () => setWindow("", ""));
})();

function setWindow(since, until) {
  $("f-since").value = since;
  $("f-until").value = until;
  $("window").textContent = since ? `${since} → ${until} (double-click the timeline to clear)` : "";
  applyFilters();
}

// --- the list -------------------------------------------------------------------------------------------------
function viewBbox() {
  const b = map.getBounds();
  if (b.getEast() - b.getWest() >= 360) return null;
  const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
  const lat = (v) => Math.max(-90, Math.min(90, v));
  return [wrap(b.getWest()), lat(b.getSouth()), wrap(b.getEast()), lat(b.getNorth())].map((v) => v.toFixed(4)).join(",");
}

function listItem(e) {
  const li = document.createElement("li");
  li.dataset.id = e.id;
  const dot = document.createElement("span");
  dot.className = "type-dot";
  dot.style.background = color(e.type);
  const head = document.createElement("strong");
  head.textContent = `${e.type}${e.acled_sub_event_type ? " · " + e.acled_sub_event_type : ""}`;
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = [e.date_start, e.place, e.actor_names && `by ${e.actor_names}`,
    e.recipient_names && `on ${e.recipient_names}`, e.fatalities != null && `${e.fatalities} dead`, e.status]
    .filter(Boolean).join(" · ");
  const text = document.createElement("div");
  text.textContent = (e.evidence || "").slice(0, 220);
  li.append(dot, head, meta, text);
  li.addEventListener("click", () => openStory(e));
  return li;
}

async function loadList(more = false) {
  const extra = { limit: LIST_PAGE };
  if ($("in-view").checked) { const bbox = viewBbox(); if (bbox) extra.bbox = bbox; }
  if (more && state.cursor) extra.cursor = state.cursor;
  const page = await getJSON(`api/events?${params(extra)}`);
  const ol = $("events");
  if (!more) ol.replaceChildren();
  page.items.forEach((e) => ol.appendChild(listItem(e)));
  state.cursor = page.next_cursor;
  $("more").hidden = !page.next_cursor;
  $("list-title").textContent = `${page.total} events${extra.bbox ? " in view" : ""}`;
}
$("more").addEventListener("click", () => loadList(true).catch((e) => setStatus(e.message)));
$("in-view").addEventListener("change", () => loadList().catch((e) => setStatus(e.message)));

// --- one story ------------------------------------------------------------------------------------------------
const PRIORITY = ["trigger", "actor", "recipient", "place", "date", "quote", "evidence"];

function spansFor(record, event) {
  const local = event.id.split(":").slice(1).join(":");
  const rec = (record.events || []).find((x) => x.id === local);
  const spans = [];
  const add = (s, e, cls) => { if (Number.isInteger(s) && Number.isInteger(e) && e > s) spans.push([s, e, cls]); };
  add(event.evidence_start, event.evidence_end, "evidence");
  if (!rec) return spans;
  const tellings = rec.mentions && rec.mentions.length ? rec.mentions : [rec];
  for (const t of tellings) {
    if (t.evidence) {
      add(t.evidence.start, t.evidence.end, "evidence");
      if (t.evidence.trigger) add(t.evidence.trigger[0], t.evidence.trigger[1], "trigger");
    }
    if (t.date) add(t.date.start_char, t.date.end_char, "date");
  }
  const entities = new Map((record.entities || []).map((x) => [x.id, x]));
  for (const [ids, cls] of [[rec.actor || [], "actor"], [rec.recipient || [], "recipient"]]) {
    for (const id of ids) for (const [s, e] of (entities.get(id) || { mentions: [] }).mentions) add(s, e, cls);
  }
  const place = (record.places || []).find((p) => p.id === rec.place);
  if (place) for (const [s, e] of place.mentions) add(s, e, "place");
  for (const q of record.quotes || []) if ((q.events || []).includes(rec.id)) add(q.start, q.end, "quote");
  return spans;
}

function rulesFor(record, event) {
  // The ids of the rules that made the coding of each telling (`evidence.rule`), each once.
  const local = event.id.split(":").slice(1).join(":");
  const rec = (record.events || []).find((x) => x.id === local);
  if (!rec) return "";
  const tellings = rec.mentions && rec.mentions.length ? rec.mentions : [rec];
  return [...new Set(tellings.flatMap((t) => (t.evidence && t.evidence.rule) || []))].join(", ");
}

function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  spans.forEach(([s, e]) => { cuts.add(s); cuts.add(e); });
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const on = spans.filter(([a, b]) => a <= s && e <= b).map((x) => x[2]);
    const cls = PRIORITY.find((c) => on.includes(c));
    const piece = text.slice(s, e);
    if (cls) {
      const mark = document.createElement("mark");
      mark.className = cls;
      mark.textContent = piece;
      frag.appendChild(mark);
    } else {
      frag.appendChild(document.createTextNode(piece));
    }
  }
  return frag;
}

function row(dl, label, value) {
  if (value === null || value === undefined || value === "") return;
  const dt = document.createElement("dt");
  dt.textContent = label;
  const dd = document.createElement("dd");
  dd.textContent = String(value);
  dl.append(dt, dd);
}

async function openStory(event) {
  let story;
  try { story = await getJSON(`api/stories/${encodeURIComponent(event.story_id)}`); } catch (e) { setStatus(e.message); return; }
  const full = story.events.find((x) => x.id === event.id) || event;
  $("story-title").textContent = story.title || "(no title)";
  const meta = $("story-meta");
  meta.replaceChildren();
  meta.append(document.createTextNode([story.outlet, story.published, story.author].filter(Boolean).join(" · ") + " "));
  if (story.url && /^https?:\/\//i.test(story.url)) {
    const a = document.createElement("a");
    a.href = story.url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    a.textContent = "original story";
    meta.appendChild(a);
  }
  const copies = (story.sources || []).slice(1).filter((src) => src.url && /^https?:\/\//i.test(src.url));
  if (copies.length) {
    meta.append(document.createTextNode(` · also at `));
    copies.slice(0, 10).forEach((src, i) => {
      const a = document.createElement("a");
      a.href = src.url;
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      a.textContent = src.outlet || new URL(src.url).hostname;
      a.title = `${src.title || ""} (similarity ${src.similarity})`;
      if (i) meta.append(document.createTextNode(", "));
      meta.appendChild(a);
    });
  }
  const dl = $("story-event");
  dl.replaceChildren();
  row(dl, "event", `${full.type}${full.mode ? " (" + full.mode + ")" : ""}${full.cameo ? " · CAMEO " + full.cameo : ""}`);
  row(dl, "ACLED", [full.acled_event_type, full.acled_sub_event_type].filter(Boolean).join(" / "));
  row(dl, "status", full.status);
  row(dl, "date", full.date_start && `${full.date_start}${full.date_end && full.date_end !== full.date_start ? " – " + full.date_end : ""} (${full.date_basis || "?"})`);
  row(dl, "place", full.place && `${full.place}${full.country ? ", " + full.country : ""} (${full.place_basis || "?"})`);
  row(dl, "actor", full.actor_names);
  row(dl, "recipient", full.recipient_names);
  row(dl, "claimed by", full.claimant);
  row(dl, "dead", full.fatalities);
  row(dl, "tellings", full.mentions);
  row(dl, "rules", rulesFor(story.record || {}, full));
  if (full.incident_id != null) {
    const inc = await getJSON(`api/incidents/${full.incident_id}`).catch(() => null);
    if (inc && inc.stories > 1) {
      const dead = inc.fatalities == null ? "" : inc.fatalities === inc.fatalities_max ? `, ${inc.fatalities} dead`
        : `, ${inc.fatalities} dead (sources say ${inc.fatalities}–${inc.fatalities_max})`;
      row(dl, "incident", `#${inc.id}: told by ${inc.stories} stories (${inc.sources.map((x) => x.outlet).filter(Boolean).join(", ")})${dead}`);
    }
  }
  const body = $("story-text");
  body.replaceChildren(highlighted(story.text, spansFor(story.record || {}, full)));
  $("story").hidden = false;
  const first = body.querySelector("mark.trigger") || body.querySelector("mark.evidence");
  if (first) first.scrollIntoView({ block: "center" });
}
$("story-close").addEventListener("click", () => { $("story").hidden = true; });
$("story").addEventListener("click", (ev) => { if (ev.target === $("story")) $("story").hidden = true; });
document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") $("story").hidden = true; });

// --- filters --------------------------------------------------------------------------------------------------
function readFilters() {
  const form = new FormData($("filters"));
  const out = {};
  for (const [k, v] of form.entries()) if (String(v).trim()) out[k] = String(v).trim();
  return out;
}

async function applyFilters() {
  state.filters = readFilters();
  state.cursor = null;
  try {
    await Promise.all([loadMap(), loadList(), loadTimeline()]);
  } catch (e) {
    setStatus(`Not applied: ${e.message}`);
  }
}

$("filters").addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(); });
$("unit").addEventListener("change", () => loadTimeline().catch((e) => setStatus(e.message)));
$("reset").addEventListener("click", () => { $("filters").reset(); setWindow("", ""); });

let actorTimer = null;
$("f-actor").addEventListener("input", () => {
  clearTimeout(actorTimer);
  actorTimer = setTimeout(async () => {
    const q = $("f-actor").value.trim();
    const names = await getJSON(`api/actors?${new URLSearchParams({ q, limit: 20 })}`).catch(() => []);
    $("actor-names").replaceChildren(...names.map((a) => { const o = document.createElement("option"); o.value = a.name; return o; }));
  }, 200);
});

(async function start() {
  try {
    const types = await getJSON("api/stats?by=type");
    for (const t of types) {
      const o = document.createElement("option");
      o.value = t.key;
      o.textContent = `${t.key} (${t.count})`;
      $("f-type").appendChild(o);
    }
  } catch (e) { setStatus(e.message); }
  await applyFilters();
  document.body.dataset.ready = "1";
})();
