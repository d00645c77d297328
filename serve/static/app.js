// spelunk serve: the search page. Plain JavaScript, no build step; it
// talks to the JSON API under /api/ (see package serve).
"use strict";

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
};
const SVG = "http://www.w3.org/2000/svg";

const state = {
  result: null,       // last search response
  detection: null,    // detection id the last run was for
  hidden: new Set(),  // hidden columns
  sort: null,         // {field, desc}
  showAll: false,
  macros: [],         // macro calls of the current text (from /api/parse)
  error: null,        // error of the current text
  controller: null,   // AbortController of the running search
  explainFor: null,   // search text the explanation is for
  detections: null,   // /api/detections response
};

// ---- API ---------------------------------------------------------------

async function api(path, body, signal) {
  const resp = await fetch("/api/" + path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  let data = null;
  try { data = await resp.json(); } catch (e) { data = { error: { message: resp.status + " " + resp.statusText } }; }
  return { ok: resp.ok, status: resp.status, data };
}

// ---- SPL highlighting --------------------------------------------------

const KEYWORDS = new Set(["and", "or", "not", "by", "as", "where", "from", "over", "output", "outputnew", "in", "like", "datamodel", "nodename", "groupby"]);

// tokenize splits SPL text into [kind, text] pieces covering all of it.
function tokenize(text) {
  const out = [];
  let i = 0, cmdNext = true;
  const push = (kind, s) => { out.push([kind, s]); i += s.length; };
  const re = {
    comment: /^```[\s\S]*?(```|$)/, macro: /^`[^`]*`?/, str: /^"(?:[^"\\]|\\[\s\S])*"?/,
    word: /^[A-Za-z_][\w.:*-]*/, num: /^-?\d+(\.\d+)?/, space: /^\s+/,
  };
  while (i < text.length) {
    const rest = text.slice(i);
    let m;
    if ((m = re.comment.exec(rest))) push("comment", m[0]);
    else if (rest[0] === "`") { m = re.macro.exec(rest); push("macro", m[0]); cmdNext = false; }
    else if (rest[0] === "|") { push("pipe", "|"); cmdNext = true; }
    else if (rest[0] === "[") { push("pipe", "["); cmdNext = true; }
    else if (rest[0] === '"') { m = re.str.exec(rest); push("str", m[0]); cmdNext = false; }
    else if ((m = re.space.exec(rest))) push("", m[0]);
    else if ((m = re.word.exec(rest))) {
      const w = m[0], after = text.slice(i + w.length);
      let kind = "";
      if (cmdNext) kind = "cmd";
      else if (KEYWORDS.has(w.toLowerCase())) kind = "kw";
      else if (/^\s*\(/.test(after)) kind = "fn";
      else if (/^\s*(!=|<=|>=|==|=|<|>)/.test(after)) kind = "field";
      push(kind, w);
      cmdNext = false;
    } else if ((m = re.num.exec(rest))) { push("num", m[0]); cmdNext = false; }
    else { push("", rest[0]); if (rest[0] !== "(" && rest[0] !== ")") cmdNext = false; }
  }
  return out;
}

// offsetOf converts a 1-based line and character column to a JavaScript
// string index of text (characters are code points, as the API counts).
function offsetOf(text, line, col) {
  let i = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", i);
    if (nl < 0) return text.length;
    i = nl + 1;
  }
  for (let c = 1; c < col && i < text.length && text[i] !== "\n"; c++) {
    const cp = text.codePointAt(i);
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

// lineCol is the 1-based line and character column of index i of text.
function lineCol(text, i) {
  const before = text.slice(0, i);
  const line = before.split("\n").length;
  const start = before.lastIndexOf("\n") + 1;
  return [line, Array.from(text.slice(start, i)).length + 1];
}

function highlight() {
  const text = $("#q").value;
  const hl = $("#hl");
  hl.textContent = "";
  const macroAt = new Map(state.macros.map((m) => [m.line + ":" + m.col, m]));
  let errAt = -1;
  if (state.error && state.error.line > 0 && state.error.text === text) errAt = offsetOf(text, state.error.line, state.error.col);
  let pos = 0;
  for (const [kind, s] of tokenize(text)) {
    const start = pos;
    pos += s.length;
    const cls = kind ? "tok-" + kind : "";
    if (errAt >= start && errAt < pos) {
      // Split the token around the error's character.
      const cp = text.codePointAt(errAt) > 0xffff ? 2 : 1;
      const a = s.slice(0, errAt - start), b = s.slice(errAt - start, errAt - start + cp), c = s.slice(errAt - start + cp);
      if (a) hl.append(el("span", { class: cls, text: a }));
      hl.append(el("span", { class: "err-mark " + cls, id: "error-mark", text: b }));
      if (c) hl.append(el("span", { class: cls, text: c }));
      continue;
    }
    if (kind === "macro") {
      const [l, c] = lineCol(text, start);
      const m = macroAt.get(l + ":" + c);
      const span = el("span", { class: "tok-macro" + (m ? "" : " unknown"), text: s, "data-macro": m ? m.call : "" });
      span.addEventListener("mouseenter", (ev) => showMacroTip(ev, m, s));
      span.addEventListener("mouseleave", hideTip);
      span.addEventListener("mousedown", (ev) => { ev.preventDefault(); const q = $("#q"); q.focus(); q.setSelectionRange(pos, pos); });
      hl.append(span);
      continue;
    }
    hl.append(cls ? el("span", { class: cls, text: s }) : document.createTextNode(s));
  }
  if (errAt >= text.length) hl.append(el("span", { class: "err-end", id: "error-mark", text: " " }));
  hl.append(document.createTextNode("\n"));
  autosize();
}

function autosize() {
  const q = $("#q");
  q.style.height = "auto";
  q.style.height = q.scrollHeight + "px";
}

function showMacroTip(ev, m, text) {
  const tip = $("#tip");
  tip.textContent = "";
  if (!m) {
    tip.append(el("div", { text: "macro " + text + " (not expanded: see the error, or type on)" }));
  } else {
    tip.append(el("div", { text: "`" + m.call + "`" + (m.args && m.args.length ? "  (" + m.args.join(", ") + ")" : "") }));
    if (m.description) tip.append(el("div", { class: "from", text: m.description }));
    tip.append(el("pre", { text: m.definition }));
    if (m.expansion !== m.definition) tip.append(el("div", { class: "from", text: "expands to:" }), el("pre", { text: m.expansion }));
    tip.append(el("div", { class: "from", text: "defined at " + m.from }));
  }
  tip.hidden = false;
  const r = ev.target.getBoundingClientRect();
  tip.style.left = Math.min(r.left, window.innerWidth - 580) + "px";
  tip.style.top = (r.bottom + 6) + "px";
}
function hideTip() { $("#tip").hidden = true; }

// ---- checking as you type ---------------------------------------------

let parseTimer = 0, parseSeq = 0;
function scheduleParse() {
  clearTimeout(parseTimer);
  parseTimer = setTimeout(checkSearch, 250);
}

async function checkSearch() {
  const text = $("#q").value;
  const seq = ++parseSeq;
  if (!text.trim()) { state.macros = []; setError(null); return; }
  const r = await api("parse", { search: text });
  if (seq !== parseSeq) return;
  if (r.ok) {
    state.macros = r.data.macros || [];
    $("#expanded").textContent = r.data.expanded;
    setError(null);
  } else {
    setError(r.data.error, text);
  }
}

function setError(err, text) {
  state.error = err ? Object.assign({ text }, err) : null;
  const box = $("#error");
  if (!err) { box.hidden = true; highlight(); return; }
  $("#error-message").textContent = err.message;
  $("#error-detail").textContent = err.detail ? err.detail.split("\n").slice(1).join("\n") : "";
  box.hidden = false;
  highlight();
}

// ---- running a search ---------------------------------------------------

async function runSearch(opts) {
  opts = opts || {};
  const text = $("#q").value;
  if (!text.trim()) return;
  if (state.controller) state.controller.abort();
  const ctl = new AbortController();
  state.controller = ctl;
  state.detection = opts.detection || null;
  const url = new URL(location.href);
  url.searchParams.set("q", text);
  if (state.detection) url.searchParams.set("detection", state.detection); else url.searchParams.delete("detection");
  history.replaceState(null, "", url);
  $("#status").textContent = "searching…";
  $("#cancel").hidden = false;
  $("#run").disabled = true;
  const started = performance.now();
  let r;
  try {
    r = await api("search", state.detection ? { search: text, detection: state.detection } : { search: text }, ctl.signal);
  } catch (e) {
    if (state.controller === ctl) finishRun();
    if (e.name === "AbortError") { $("#status").textContent = "search cancelled"; return; }
    $("#status").textContent = "search failed: " + e.message;
    return;
  }
  if (state.controller !== ctl) return;
  finishRun();
  if (!r.ok) {
    setError(r.data.error, text);
    clearResult();
    $("#status").textContent = r.status === 503 ? r.data.error.message : "";
    return;
  }
  setError(null);
  checkSearch();
  const res = r.data;
  res.search = text;
  res.elapsed = performance.now() - started;
  state.result = res;
  state.sort = null;
  state.showAll = false;
  state.explainFor = null;
  renderResult();
  if (!$("#pane-inspector").hidden) loadExplain();
}

// clearResult empties the result views after a failed search.
function clearResult() {
  state.result = null;
  for (const sel of ["#results thead", "#results tbody", "#fields", "#profile tbody"]) $(sel).textContent = "";
  $("#timeline-box").hidden = true;
  $("#more").hidden = true;
  $("#export-csv").disabled = $("#export-json").disabled = $("#columns").disabled = true;
  $("#explain").textContent = "";
}

function finishRun() {
  state.controller = null;
  $("#cancel").hidden = true;
  $("#run").disabled = false;
}

function renderResult() {
  const res = state.result;
  const st = $("#status");
  st.textContent = `${res.total} ${res.total === 1 ? "result" : "results"}` +
    (res.truncated ? ` (showing the first ${res.returned}: --max-rows)` : "") +
    ` · compile ${res.compile_ms.toFixed(1)} ms · run ${res.run_ms.toFixed(1)} ms`;
  if (res.total === 0) {
    st.append(" · ", el("span", { class: "hint", text: "which condition emptied it?", onclick: () => showPane("inspector") }));
  }
  $("#export-csv").disabled = $("#export-json").disabled = false;
  $("#columns").disabled = false;
  renderTable();
  renderFields();
  renderTimeline();
  renderProfile();
}

// columns are the result's fields plus risk_message for a detection run.
function columns() {
  const res = state.result;
  const cols = res.fields.slice();
  if (res.risk_messages) cols.push("risk_message");
  return cols;
}
function cell(i, f) {
  const res = state.result;
  if (f === "risk_message" && res.risk_messages) return res.risk_messages[i];
  return res.rows[i][f];
}

function sortedIndexes() {
  const res = state.result;
  const idx = res.rows.map((_, i) => i);
  if (!state.sort) return idx;
  const { field, desc } = state.sort;
  const key = (i) => { const v = cell(i, field); return Array.isArray(v) ? v[0] : v; };
  idx.sort((a, b) => {
    const x = key(a), y = key(b);
    if (x === undefined && y === undefined) return 0;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    const nx = Number(x), ny = Number(y);
    const c = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) ? nx - ny : String(x).localeCompare(String(y));
    return desc ? -c : c;
  });
  return idx;
}

const PAGE = 500;
function renderTable() {
  const cols = columns().filter((f) => !state.hidden.has(f));
  const thead = $("#results thead"), tbody = $("#results tbody");
  thead.textContent = tbody.textContent = "";
  const tr = el("tr");
  for (const f of cols) {
    const th = el("th", { text: f, "data-field": f, title: "sort by " + f });
    if (state.sort && state.sort.field === f) th.className = state.sort.desc ? "sorted-desc" : "sorted-asc";
    th.addEventListener("click", () => {
      state.sort = state.sort && state.sort.field === f ? { field: f, desc: !state.sort.desc } : { field: f, desc: false };
      renderTable();
    });
    tr.append(th);
  }
  thead.append(tr);
  const idx = sortedIndexes();
  const shown = state.showAll ? idx : idx.slice(0, PAGE);
  const frag = document.createDocumentFragment();
  for (const i of shown) {
    const row = el("tr");
    for (const f of cols) row.append(renderCell(f, cell(i, f)));
    frag.append(row);
  }
  tbody.append(frag);
  const more = $("#more");
  more.hidden = shown.length === idx.length;
  more.textContent = `Show all ${idx.length} rows`;
  renderColumnsMenu();
}

function renderCell(f, v) {
  if (v === undefined) return el("td");
  if (f === "_raw") {
    const td = el("td", { class: "raw" }, el("div", { class: "rawtext", text: Array.isArray(v) ? v.join("\n") : v }));
    td.addEventListener("click", () => td.classList.toggle("open"));
    return td;
  }
  if (f === "risk_message") return el("td", { class: "risk", text: v });
  if (f === "_time" && /^-?\d+(\.\d+)?$/.test(v)) return el("td", { class: "time", title: v, text: fmtTime(Number(v)) });
  if (Array.isArray(v)) return el("td", { class: "mv" }, ...v.map((x) => el("div", { text: x })));
  return el("td", { text: v });
}

function renderColumnsMenu() {
  const menu = $("#columns-menu");
  menu.textContent = "";
  for (const f of columns()) {
    const cb = el("input", { type: "checkbox" });
    cb.checked = !state.hidden.has(f);
    cb.addEventListener("change", () => { if (cb.checked) state.hidden.delete(f); else state.hidden.add(f); renderTable(); });
    menu.append(el("label", {}, cb, " " + f));
  }
}

// ---- fields sidebar -----------------------------------------------------

function renderFields() {
  const res = state.result, box = $("#fields");
  box.textContent = "";
  if (!res.rows.length) return;
  box.append(el("h4", { text: "Fields" }));
  for (const f of res.fields) {
    if (f === "_time" || f === "_raw") continue; // as Splunk's sidebar: the timeline and the events show them
    const counts = new Map();
    let present = 0;
    for (const row of res.rows) {
      const v = row[f];
      if (v === undefined) continue;
      present++;
      for (const x of Array.isArray(v) ? v : [v]) counts.set(x, (counts.get(x) || 0) + 1);
    }
    if (!present) continue;
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).slice(0, 10);
    const values = el("div", { class: "field-values" });
    for (const [v, c] of top) {
      values.append(el("div", { class: "value", title: `${f}="${v}": add to the search`, "data-field": f, "data-value": v,
        onclick: () => narrow(f, v) }, el("span", { class: "v", text: v === "" ? '""' : v }), el("span", { class: "c", text: String(c) })));
    }
    values.hidden = res.fields.length > 8 && f.startsWith("_");
    const name = el("div", { class: "field-name", "data-field": f, onclick: () => { values.hidden = !values.hidden; } },
      el("span", { text: f }), el("span", { class: "n", text: `${counts.size} value${counts.size === 1 ? "" : "s"} · ${present}` }));
    box.append(el("div", { class: "field" }, name, values));
  }
}

// quoteValue quotes v for a search term.
function quoteValue(v) { return '"' + String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"'; }
function quoteField(f) { return /^[A-Za-z_][\w.:]*$/.test(f) ? f : "'" + f.replace(/'/g, "\\'") + "'"; }

// narrow adds field=value to the search and runs it: appended to a plain
// search's terms, or as a | search command after a pipeline.
function narrow(f, v) {
  const q = $("#q");
  const text = q.value.trimEnd();
  const term = quoteField(f) + "=" + quoteValue(v);
  const plain = !text.trimStart().startsWith("|") && tokenize(text).every(([k]) => k !== "pipe");
  q.value = plain ? text + " " + term : text + " | search " + term;
  highlight();
  runSearch({ detection: state.detection });
}

// ---- timeline -----------------------------------------------------------

const SPANS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400];

// timeOf reads a time value: epoch seconds, or a date-time (UTC when it
// names no zone, as spelunk formats times by default).
function timeOf(v) {
  if (Array.isArray(v)) v = v[0];
  if (v === undefined || v === "") return NaN;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  let s = String(v).trim();
  const us = /^(\d\d)\/(\d\d)\/(\d{4})[ T](\d\d:\d\d:\d\d)/.exec(s);
  if (us) s = `${us[3]}-${us[1]}-${us[2]}T${us[4]}`;
  if (/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s)) s = s.replace(" ", "T") + "Z";
  const t = Date.parse(s);
  return isNaN(t) ? NaN : t / 1000;
}

function timeField() {
  const f = state.result.fields;
  for (const c of ["_time", "firstTime", "lastTime", "earliest", "latest"]) if (f.includes(c)) return c;
  return null;
}

function fmtTime(t) {
  const d = new Date(t * 1000);
  return isNaN(d) ? String(t) : d.toISOString().replace(".000Z", "Z");
}

function renderTimeline() {
  const box = $("#timeline-box"), svg = $("#timeline");
  const res = state.result, f = timeField();
  svg.textContent = "";
  const times = f ? res.rows.map((r) => timeOf(r[f])).filter((t) => !isNaN(t)) : [];
  if (!times.length) { box.hidden = true; return; }
  box.hidden = false;
  let lo = Math.min(...times), hi = Math.max(...times);
  let span = SPANS.find((s) => (hi - lo) / s <= 60) || SPANS[SPANS.length - 1];
  lo = Math.floor(lo / span) * span;
  // At least ten bins, so that a single instant is a bar, not the whole width.
  const n = Math.max(10, Math.round((Math.floor(hi / span) * span + span - lo) / span));
  hi = lo + n * span;
  const bins = new Array(n).fill(0);
  for (const t of times) bins[Math.min(n - 1, Math.floor((t - lo) / span))]++;
  const max = Math.max(...bins), w = 1000 / n;
  bins.forEach((c, i) => {
    if (!c) return;
    const h = Math.max(2, (c / max) * 76);
    const r = document.createElementNS(SVG, "rect");
    r.setAttribute("class", "bar");
    r.setAttribute("x", i * w + w * 0.08);
    r.setAttribute("width", Math.max(1, w * 0.84));
    r.setAttribute("y", 80 - h);
    r.setAttribute("height", h);
    r.setAttribute("data-count", c);
    const title = document.createElementNS(SVG, "title");
    title.textContent = `${c} at ${fmtTime(lo + i * span)} (+${span}s)`;
    r.append(title);
    svg.append(r);
  });
  $("#timeline-label").textContent = `${times.length} ${times.length === 1 ? "row" : "rows"} by ${f}, ${span}s bins`;
  $("#timeline-start").textContent = fmtTime(lo);
  $("#timeline-end").textContent = fmtTime(hi);
  svg.dataset.lo = lo;
  svg.dataset.hi = hi;
}

function setupTimelineZoom() {
  const svg = $("#timeline");
  let x0 = null, sel = null;
  const xOf = (ev) => { const r = svg.getBoundingClientRect(); return Math.min(1, Math.max(0, (ev.clientX - r.left) / r.width)); };
  svg.addEventListener("mousedown", (ev) => {
    x0 = xOf(ev);
    sel = document.createElementNS(SVG, "rect");
    sel.setAttribute("class", "sel");
    sel.setAttribute("y", 0);
    sel.setAttribute("height", 80);
    svg.append(sel);
    ev.preventDefault();
  });
  window.addEventListener("mousemove", (ev) => {
    if (x0 === null) return;
    const x = xOf(ev);
    sel.setAttribute("x", Math.min(x0, x) * 1000);
    sel.setAttribute("width", Math.abs(x - x0) * 1000);
  });
  window.addEventListener("mouseup", (ev) => {
    if (x0 === null) return;
    const x = xOf(ev), a = Math.min(x0, x), b = Math.max(x0, x);
    x0 = null;
    sel.remove();
    if (b - a < 0.005) return;
    const lo = Number(svg.dataset.lo), hi = Number(svg.dataset.hi);
    zoomTo(Math.floor(lo + a * (hi - lo)), Math.ceil(lo + b * (hi - lo)));
  });
}

// withTimeRange sets earliest=/latest= (epoch seconds) on the search: in
// tstats' where clause, in a leading search's terms, or as a where on
// _time after another generating command.
function withTimeRange(text, earliest, latest) {
  let t = text.replace(/\s*\b(earliest|latest)=\S+/g, "");
  const range = `earliest=${earliest} latest=${latest}`;
  const ts = /^(\s*\|\s*tstats\b)/i.exec(t);
  if (ts) {
    const firstPipe = t.indexOf("|", ts[0].length);
    const head = firstPipe < 0 ? t : t.slice(0, firstPipe), tail = firstPipe < 0 ? "" : t.slice(firstPipe);
    const w = /\bwhere\b/i.exec(head);
    if (w) return head.slice(0, w.index + w[0].length) + " " + range + head.slice(w.index + w[0].length) + tail;
    const by = /\s\bby\b/i.exec(head);
    if (by) return head.slice(0, by.index) + " where " + range + head.slice(by.index) + tail;
    return head.trimEnd() + " where " + range + " " + tail;
  }
  if (/^\s*\|/.test(t)) return t.trimEnd() + ` | where _time>=${earliest} AND _time<${latest}`;
  const s = /^(\s*search\b)/i.exec(t);
  if (s) return s[0] + " " + range + t.slice(s[0].length);
  return range + " " + t.trimStart();
}

function zoomTo(earliest, latest) {
  const q = $("#q");
  q.value = withTimeRange(q.value, earliest, latest);
  highlight();
  runSearch({ detection: state.detection });
}

// ---- job inspector ------------------------------------------------------

function renderProfile() {
  const tbody = $("#profile tbody");
  tbody.textContent = "";
  const prof = state.result.profile || [];
  const maxT = Math.max(0.001, ...prof.map((p) => p.duration_ms));
  for (const p of prof) {
    tbody.append(el("tr", {},
      el("td", { text: p.command }), el("td", { class: "num", text: p.rows_in }), el("td", { class: "num", text: p.rows_out }),
      el("td", { class: "num", text: p.duration_ms.toFixed(3) + " ms" }),
      el("td", { class: "barcell" }, bar(p.duration_ms / maxT))));
  }
}

function bar(frac) {
  const b = el("div", { class: "hbar" });
  b.style.width = Math.max(0, Math.min(1, frac)) * 100 + "%";
  return b;
}

async function loadExplain() {
  const box = $("#explain");
  const text = state.result ? state.result.search : $("#q").value;
  if (!text.trim() || state.explainFor === text) return;
  state.explainFor = text;
  box.textContent = "explaining…";
  const r = await api("explain", { search: text });
  if (state.explainFor !== text) return;
  box.textContent = "";
  if (!r.ok) { box.append(el("p", { class: "muted", text: r.data.error.message })); state.explainFor = null; return; }
  const ex = r.data;
  if (ex.input) {
    const total = Math.max(1, ex.input_rows);
    box.append(el("div", { class: "term input" }, el("span", { text: ex.input + " (input)" }), el("span", { text: String(ex.input_rows) }), bar(1)));
    let emptied = null;
    ex.terms.forEach((t, i) => {
      const isEmpty = t.rows === 0 && (i === 0 || ex.terms[i - 1].rows > 0);
      if (isEmpty) emptied = t.term;
      box.append(el("div", { class: "term" + (isEmpty ? " emptied" : ""), title: "rows satisfying this term and every term above it" },
        el("span", { text: (i ? "AND " : "") + t.term }), el("span", { text: String(t.rows) }), bar(t.rows / total)));
    });
    if (emptied) box.append(el("p", { class: "verdict bad", id: "explain-verdict", text: `No rows left after: ${emptied}` }));
  }
  if (ex.commands.length) {
    box.append(el("h4", { text: "Commands: rows in → out" }));
    const max = Math.max(1, ...ex.commands.map((c) => c.rows_in));
    let emptiedBy = null;
    for (const c of ex.commands) {
      const isEmpty = c.rows_in > 0 && c.rows_out === 0;
      if (isEmpty && !emptiedBy) emptiedBy = c.command;
      box.append(el("div", { class: "term" + (isEmpty ? " emptied" : "") },
        el("span", { text: c.command }), el("span", { text: `${c.rows_in} → ${c.rows_out}` }), bar(c.rows_out / max)));
    }
    if (emptiedBy && !box.querySelector("#explain-verdict")) box.append(el("p", { class: "verdict bad", id: "explain-verdict", text: `No rows left after the command: ${emptiedBy}` }));
  }
  if (ex.error) box.append(el("p", { class: "muted", text: "explain: " + ex.error }));
}

function showPane(name) {
  for (const b of document.querySelectorAll(".subtab")) b.classList.toggle("active", b.dataset.pane === name);
  $("#pane-results").hidden = name !== "results";
  $("#pane-inspector").hidden = name !== "inspector";
  if (name === "inspector") loadExplain();
}

// ---- export -------------------------------------------------------------

function download(name, type, text) {
  const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function csvField(s) { return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }

// exportCSV writes the rows as `spelunk run --format csv` does: a header,
// multivalue fields joined by newlines.
function exportCSV() {
  const cols = columns(), res = state.result;
  const lines = [cols.map(csvField).join(",")];
  res.rows.forEach((_, i) => lines.push(cols.map((f) => { const v = cell(i, f); return csvField(v === undefined ? "" : Array.isArray(v) ? v.join("\n") : v); }).join(",")));
  download("spelunk-results.csv", "text/csv", lines.join("\r\n") + "\r\n");
}

// exportJSON writes JSON Lines, one object per row, as `spelunk run
// --format json` does.
function exportJSON() {
  const cols = columns(), res = state.result;
  const lines = res.rows.map((_, i) => { const o = {}; for (const f of cols) { const v = cell(i, f); if (v !== undefined) o[f] = v; } return JSON.stringify(o); });
  download("spelunk-results.json", "application/x-ndjson", lines.join("\n") + "\n");
}

// ---- detections view ----------------------------------------------------

async function loadDetections() {
  if (state.detections) return renderDetections();
  const r = await api("detections");
  if (!r.ok) { $("#det-count").textContent = r.data.error.message; return; }
  state.detections = r.data;
  renderDetections();
}

function renderMessageTemplate(msg) {
  const span = el("span");
  for (const part of (msg || "").split(/(\$[^$\s]+\$)/)) {
    if (/^\$[^$\s]+\$$/.test(part)) span.append(el("span", { class: "msgvar", text: part }));
    else if (part) span.append(part);
  }
  return span;
}

function verdictCell(id) {
  const v = state.detections.verdicts[id];
  const td = el("td", { class: "verdict" });
  if (v) for (const t of v) td.append(el("div", {}, el("span", { class: "badge " + t.status, text: t.status }), " ", el("span", { class: "reason", text: (t.test ? t.test + ": " : "") + (t.reason || "") })));
  return td;
}

function renderDetections() {
  const data = state.detections, q = $("#det-filter").value.trim().toLowerCase();
  const tbody = $("#detections tbody");
  tbody.textContent = "";
  const shown = [];
  state.detectionsShown = shown;
  let n = 0;
  for (const d of data.detections) {
    const hay = [d.name, d.id, d.type, d.status, d.file, ...(d.data_sources || []), ...(d.mitre || [])].join(" ").toLowerCase();
    if (q && !q.split(/\s+/).every((w) => hay.includes(w))) continue;
    n++;
    const runnable = d.runnable ? el("span", { class: "badge ok", text: "runnable" })
      : el("div", {}, el("span", { class: "badge no", text: d.class || "no" }), el("div", { class: "reason", text: d.reason }));
    const buttons = el("td", {});
    if (d.runnable) buttons.append(el("button", { class: "run-detection", text: "Run", onclick: () => runDetection(d) }));
    const verdict = verdictCell(d.id);
    if (data.can_test && d.tests) {
      buttons.append(" ", el("button", { class: "test-detection", text: "Test", onclick: () => testDetection(d) }));
    }
    shown.push(d);
    tbody.append(el("tr", { "data-id": d.id },
      el("td", {}, el("div", { class: "name", text: d.name }), el("div", { class: "id", text: d.id + " · " + d.file })),
      el("td", { text: `${d.type} · ${d.status}` }),
      el("td", { text: (d.data_sources || []).join(", ") }),
      el("td", {}, runnable),
      el("td", {}, renderMessageTemplate(d.message), d.risk_score ? el("div", { class: "id", text: "risk score " + d.risk_score }) : null),
      verdict, buttons));
  }
  $("#det-count").textContent = `${n} of ${data.detections.length} detections` + (data.can_test ? "" : " · unit tests need --attack-data");
  $("#test-all").hidden = !data.can_test;
}

// testDetection runs d's unit tests and shows the verdicts.
async function testDetection(d) {
  const row = () => document.querySelector(`#detections tr[data-id="${CSS.escape(d.id)}"]`);
  let tr = row();
  if (tr) { tr.querySelector(".test-detection").disabled = true; tr.querySelector(".verdict").textContent = "testing…"; }
  const r = await api("test", { id: d.id });
  if (r.ok) state.detections.verdicts[d.id] = r.data.results;
  tr = row();
  if (!tr) return;
  const cell = verdictCell(d.id);
  if (!r.ok) cell.textContent = r.data.error.message;
  tr.querySelector(".verdict").replaceWith(cell);
  tr.querySelector(".test-detection").disabled = false;
}

// testShown runs the unit tests of the detections shown, one at a time.
async function testShown() {
  const btn = $("#test-all");
  btn.disabled = true;
  for (const d of state.detectionsShown || []) if (d.tests) await testDetection(d);
  btn.disabled = false;
}

function runDetection(d) {
  showView("search");
  $("#q").value = d.search;
  state.hidden.clear();
  highlight();
  checkSearch();
  runSearch({ detection: d.id });
}

// ---- wiring -------------------------------------------------------------

function showView(name) {
  for (const b of document.querySelectorAll(".tab")) b.classList.toggle("active", b.dataset.view === name);
  $("#view-search").hidden = name !== "search";
  $("#view-detections").hidden = name !== "detections";
  if (name === "detections") loadDetections();
  if (name === "search") autosize();
}

async function loadInfo() {
  const r = await api("info");
  if (!r.ok) return;
  const i = r.data, tables = Object.entries(i.tables).map(([k, v]) => `${v} ${k}`).join(", ");
  $("#info").textContent = `${i.events} events${tables ? " · " + tables : ""}${i.now ? " · now " + i.now : ""}`;
  $("#info").title = i.report || "";
}

function init() {
  const q = $("#q");
  q.addEventListener("input", () => { highlight(); scheduleParse(); });
  q.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); runSearch(); }
  });
  window.addEventListener("resize", autosize);
  $("#run").addEventListener("click", () => runSearch());
  $("#cancel").addEventListener("click", () => { if (state.controller) state.controller.abort(); });
  $("#toggle-expanded").addEventListener("click", async () => { const x = $("#expanded"); x.hidden = !x.hidden; if (!x.hidden) await checkSearch(); });
  $("#share").addEventListener("click", async () => {
    const url = new URL(location.href);
    url.searchParams.set("q", q.value);
    history.replaceState(null, "", url);
    try { await navigator.clipboard.writeText(url.href); $("#status").textContent = "link copied"; } catch (e) { $("#status").textContent = url.href; }
  });
  $("#export-csv").addEventListener("click", exportCSV);
  $("#export-json").addEventListener("click", exportJSON);
  $("#columns").addEventListener("click", () => { $("#columns-menu").hidden = !$("#columns-menu").hidden; });
  $("#more").addEventListener("click", () => { state.showAll = true; renderTable(); });
  for (const b of document.querySelectorAll(".tab")) b.addEventListener("click", () => showView(b.dataset.view));
  for (const b of document.querySelectorAll(".subtab")) b.addEventListener("click", () => showPane(b.dataset.pane));
  $("#det-filter").addEventListener("input", () => state.detections && renderDetections());
  $("#test-all").addEventListener("click", testShown);
  setupTimelineZoom();
  loadInfo();
  const params = new URLSearchParams(location.search);
  highlight();
  if (params.get("q")) {
    q.value = params.get("q");
    highlight();
    checkSearch();
    runSearch({ detection: params.get("detection") });
  }
  q.focus();
}

document.addEventListener("DOMContentLoaded", init);
