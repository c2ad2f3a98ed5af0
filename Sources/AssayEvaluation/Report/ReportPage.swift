/// The report page's style and script: written for the report, no library, nothing loaded.
enum ReportPage {
    static let style = """
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1400px;padding:0 20px 40px;color:#1d1d1f}
    header{border-bottom:1px solid #ddd;margin-bottom:8px}h1{font-size:22px;margin:18px 0 4px}h2{font-size:17px;margin:22px 0 8px}
    .sub{color:#555;margin:2px 0}.muted{color:#888}.key{color:#555}.key::after{content:":"}
    table{border-collapse:collapse}th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
    th{background:#f6f6f6;position:sticky;top:0}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    tr.worse td{background:#fdecea}tr.better td{background:#e8f5e9}
    #case-table{width:100%;table-layout:auto}#case-table th{cursor:pointer;user-select:none;white-space:nowrap}
    #case-table th.sorted-asc::after{content:" ▲"}#case-table th.sorted-desc::after{content:" ▼"}
    #case-table td.text{max-width:26em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    tr.case{cursor:pointer}tr.case:hover td{background:#f3f7fc}tr.detail>td{background:#fafafa;padding:10px 14px}tr.detail>td>*{position:sticky;left:20px;max-width:calc(100vw - 80px)}
    .status{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;background:#eee}
    .status-ok{background:#e3f4e6;color:#1b5e20}.status-bad{background:#fde3e0;color:#b71c1c}
    .status-regressed{background:#fde3e0;color:#b71c1c}.status-improved{background:#e3f4e6;color:#1b5e20}
    .controls{display:flex;gap:16px;align-items:center;margin:6px 0 10px;flex-wrap:wrap}
    .controls input{width:22em}pre{white-space:pre-wrap;word-break:break-word;margin:4px 0;background:#f4f4f4;padding:6px 8px;border-radius:4px}
    .side{display:grid;grid-template-columns:1fr 1fr;gap:16px}.side>div{min-width:0}
    dl.config{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dl.config dt{font-weight:600}dl.config dd{margin:0}
    .message{margin:4px 0}.role{font-weight:600;color:#555}del{background:#fdd;text-decoration:line-through}ins{background:#cfc;text-decoration:none}
    svg.chart{display:block;margin:8px 0;font:11px sans-serif}svg.chart .title{font-size:13px}
    .scroll{overflow-x:auto}
    footer{color:#888;margin-top:30px;font-size:12px}button{margin:8px 0}
    """

    static let script = """
    (function () {
    "use strict";
    var data = JSON.parse(document.getElementById("report-data").textContent);
    var comparing = data.mode === "comparison";
    var PAGE = 200, shown = PAGE, sortKey = null, sortDown = false, open = {};
    function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
    function str(v) { return v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v); }
    function flat(v, prefix, out) {
      if (v && typeof v === "object" && !Array.isArray(v)) { for (var k in v) flat(v[k], prefix ? prefix + "/" + k : k, out); }
      else if (typeof v === "number") out[prefix] = v; else if (typeof v === "boolean") out[prefix] = v ? 1 : 0;
      return out;
    }
    function key(c) { return c.sample ? c.id + "#" + c.sample : c.id; }
    function fmt(v) { return typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : str(v); }
    function paths(cases) { var seen = {}, order = []; cases.forEach(function (c) { for (var p in c.flat) if (!seen[p]) { seen[p] = 1; order.push(p); } }); return order; }
    function prep(c) { c.flat = flat(c.metrics, "", {}); return c; }
    var rows = [], columns = [], statuses = [];
    if (!comparing) {
      rows = data.run.cases.map(function (c) {
        prep(c);
        return { key: key(c), c: c, status: c.status, text: [key(c), str(c.input), str(c.expected), str(c.output), str(c.error)].join(" ").toLowerCase() };
      });
      columns = [{ k: "id", t: "id", v: function (r) { return r.key; } },
        { k: "status", t: "status", v: function (r) { return r.status; }, s: true },
        { k: "input", t: "input", v: function (r) { return str(r.c.input); }, x: true },
        { k: "expected", t: "expected", v: function (r) { return str(r.c.expected); }, x: true },
        { k: "output", t: "output", v: function (r) { return str(r.c.output); }, x: true }];
      paths(rows.map(function (r) { return r.c; })).forEach(function (p) { columns.push({ k: "m:" + p, t: p, n: true, v: function (r) { return r.c.flat[p]; } }); });
      columns.push({ k: "latency_ms", t: "latency ms", n: true, v: function (r) { return r.c.latency_ms; } });
      columns.push({ k: "cost", t: "cost", n: true, v: function (r) { return r.c.cost; } });
      columns.push({ k: "error", t: "error", v: function (r) { return str(r.c.error); }, x: true });
    } else {
      var byKey = {};
      data.b.cases.forEach(function (c) { byKey[key(prep(c))] = c; });
      var focus = data.focus;
      data.a.cases.forEach(function (a) {
        prep(a); var b = byKey[key(a)]; if (!b) return;
        var d = {}; for (var p in a.flat) if (p in b.flat) d[p] = b.flat[p] - a.flat[p];
        var down = data.by_case ? data.regressed.indexOf(a.id) >= 0 : focus && d[focus] < 0;
        var up = data.by_case ? data.improved.indexOf(a.id) >= 0 : focus && d[focus] > 0;
        var tag = down ? "regressed" : up ? "improved" : str(a.output) !== str(b.output) ? "changed output" : "same";
        rows.push({ key: key(a), a: a, b: b, d: d, status: tag, statusA: a.status, statusB: b.status,
          text: [key(a), str(a.input), str(a.expected), str(a.output), str(b.output), str(a.error), str(b.error)].join(" ").toLowerCase() });
      });
      columns = [{ k: "id", t: "id", v: function (r) { return r.key; } },
        { k: "change", t: "change", v: function (r) { return r.status; }, s: true },
        { k: "status_a", t: "status a", v: function (r) { return r.statusA; }, s: true },
        { k: "status_b", t: "status b", v: function (r) { return r.statusB; }, s: true },
        { k: "input", t: "input", v: function (r) { return str(r.a.input); }, x: true },
        { k: "output_a", t: "output a", v: function (r) { return str(r.a.output); }, x: true },
        { k: "output_b", t: "output b", v: function (r) { return str(r.b.output); }, x: true }];
      data.entries.forEach(function (e) {
        var p = e.path;
        columns.push({ k: "a:" + p, t: p + " a", n: true, v: function (r) { return r.a.flat[p]; } });
        columns.push({ k: "b:" + p, t: p + " b", n: true, v: function (r) { return r.b.flat[p]; } });
        columns.push({ k: "d:" + p, t: "Δ " + p, n: true, v: function (r) { return r.d[p]; } });
      });
      if (focus) { sortKey = "d:" + focus; }
    }
    rows.forEach(function (r) { if (statuses.indexOf(r.status) < 0) statuses.push(r.status); if (comparing) [r.statusA, r.statusB].forEach(function (s) { if (statuses.indexOf(s) < 0) statuses.push(s); }); });
    var select = document.getElementById("filter-status");
    ["all"].concat(statuses).forEach(function (s) { var o = el("option", null, s); o.value = s; select.appendChild(o); });
    var search = document.getElementById("filter-text"), more = document.getElementById("more");
    var table = document.getElementById("case-table"), head = table.tHead, body = table.tBodies[0];
    function statusClass(s) { return "status " + (s === "ok" || s === "improved" || s === "same" ? "status-ok" : s === "regressed" ? "status-regressed" : s === "changed output" ? "" : "status-bad"); }
    function header() {
      var tr = el("tr");
      columns.forEach(function (c) {
        var th = el("th", c.n ? "num" : "", c.t); th.dataset.key = c.k;
        if (sortKey === c.k) th.classList.add(sortDown ? "sorted-desc" : "sorted-asc");
        th.addEventListener("click", function () { if (sortKey === c.k) sortDown = !sortDown; else { sortKey = c.k; sortDown = false; } shown = PAGE; header(); draw(); });
        tr.appendChild(th);
      });
      head.textContent = ""; head.appendChild(tr);
    }
    function compare(x, y) {
      var ex = x === undefined || x === null || x === "", ey = y === undefined || y === null || y === "";
      if (ex || ey) return ex && ey ? 0 : ex ? 1 : -1;
      var r = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return sortDown ? -r : r;
    }
    function visible() {
      var s = select.value, q = search.value.trim().toLowerCase();
      var list = rows.filter(function (r) {
        if (s !== "all" && r.status !== s && r.statusA !== s && r.statusB !== s) return false;
        return !q || r.text.indexOf(q) >= 0;
      });
      if (sortKey) { var col = columns.filter(function (c) { return c.k === sortKey; })[0]; if (col) list.sort(function (x, y) { return compare(col.v(x), col.v(y)); }); }
      return list;
    }
    function messages(prompt) {
      var box = el("div");
      (prompt || []).forEach(function (m) { var d = el("div", "message"); d.appendChild(el("span", "role", m.role)); d.appendChild(el("pre", null, str(m.content))); box.appendChild(d); });
      return box;
    }
    function block(parent, title, node) { parent.appendChild(el("h4", null, title)); parent.appendChild(node); }
    function caseDetail(c, parent) {
      block(parent, "Prompt", messages(c.prompt));
      block(parent, "Raw output", el("pre", null, str(c.output)));
      block(parent, "Extracted", el("pre", null, str(c.extracted)));
      block(parent, "Expected", el("pre", null, str(c.expected)));
      block(parent, "Metrics", el("pre", null, JSON.stringify(c.metrics, null, 2)));
      if (c.error) block(parent, "Error", el("pre", "status-bad", c.error));
      if (c.turns) block(parent, "Turns", el("pre", null, JSON.stringify(c.turns, null, 2)));
    }
    function words(s) { return s.split(/\\s+/).filter(function (w) { return w.length > 0; }); }
    function diff(a, b) {
      var x = words(a), y = words(b), n = x.length, m = y.length, left = el("pre"), right = el("pre");
      if (n * m > 4000000) { left.appendChild(el("del", null, a)); right.appendChild(el("ins", null, b)); return [left, right]; }
      var t = []; for (var i = 0; i <= n; i++) { t.push(new Uint32Array(m + 1)); }
      for (i = n - 1; i >= 0; i--) for (var j = m - 1; j >= 0; j--) t[i][j] = x[i] === y[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
      i = 0; j = 0;
      function put(node, tag, w) {
        if (node.childNodes.length) node.appendChild(document.createTextNode(" "));
        node.appendChild(tag ? el(tag, null, w) : document.createTextNode(w));
      }
      while (i < n && j < m) {
        if (x[i] === y[j]) { put(left, null, x[i]); put(right, null, y[j]); i++; j++; }
        else if (t[i + 1][j] >= t[i][j + 1]) { put(left, "del", x[i]); i++; }
        else { put(right, "ins", y[j]); j++; }
      }
      for (; i < n; i++) put(left, "del", x[i]);
      for (; j < m; j++) put(right, "ins", y[j]);
      return [left, right];
    }
    function detail(r) {
      var td = el("td"); td.colSpan = columns.length;
      if (!comparing) { caseDetail(r.c, td); return td; }
      var pair = diff(str(r.a.output), str(r.b.output)), outputs = el("div", "side");
      var oa = el("div"), ob = el("div"); block(oa, "Output a", pair[0]); block(ob, "Output b", pair[1]);
      outputs.appendChild(oa); outputs.appendChild(ob); td.appendChild(outputs);
      var sides = el("div", "side"), da = el("div"), db = el("div");
      da.appendChild(el("h3", null, "a")); caseDetail(r.a, da); db.appendChild(el("h3", null, "b")); caseDetail(r.b, db);
      sides.appendChild(da); sides.appendChild(db); td.appendChild(sides);
      return td;
    }
    function draw() {
      var list = visible();
      body.textContent = "";
      var fragment = document.createDocumentFragment();
      list.slice(0, shown).forEach(function (r) {
        var tr = el("tr", "case"); tr.dataset.key = r.key;
        columns.forEach(function (c) {
          var v = c.v(r), td = el("td", c.n ? "num" : c.x ? "text" : "");
          if (c.s) td.appendChild(el("span", statusClass(v), v)); else td.textContent = fmt(v);
          if (c.x) td.title = str(v).slice(0, 2000);
          tr.appendChild(td);
        });
        tr.addEventListener("click", function () { open[r.key] = !open[r.key]; draw(); });
        fragment.appendChild(tr);
        if (open[r.key]) { var d = el("tr", "detail"); d.appendChild(detail(r)); fragment.appendChild(d); }
      });
      body.appendChild(fragment);
      document.getElementById("case-count").textContent = list.length + " of " + rows.length + (comparing ? " paired results" : " results");
      more.hidden = list.length <= shown;
      more.textContent = "Show " + Math.min(PAGE, list.length - shown) + " more (" + (list.length - shown) + " not shown)";
    }
    more.addEventListener("click", function () { shown += PAGE; draw(); });
    select.addEventListener("change", function () { shown = PAGE; draw(); });
    search.addEventListener("input", function () { shown = PAGE; draw(); });
    header(); draw();
    })();
    """
}
