/**
 * The web UI's only script, sent as-is (no build step). It talks to the JSON API with same-origin fetch and the
 * session cookie, and writes every piece of data with textContent, never as HTML. Keep it free of backticks and
 * "${": it lives in a template string.
 */
export const APP_JS = String.raw`"use strict";
(function () {
  var ROLE = { tksk: "TKSK", kecamatan: "Petugas kecamatan", kabupaten: "Dinsos kabupaten/kota",
    provinsi: "Dinsos provinsi", auditor: "Auditor", admin: "Admin" };
  var STATUS = { in_review: "Sedang diperiksa", returned: "Dikembalikan", approved: "Disetujui",
    rejected: "Ditolak", withdrawn: "Ditarik" };
  var NET = "Koneksi gagal atau terlalu lambat. Periksa sinyal lalu coba lagi.";
  var S = { user: null, key: null, cursor: null, cats: {}, catsP: null, formFor: null, listSeq: 0, sending: false };

  function $(id) { return document.getElementById(id); }
  function say(id, text) { $(id).textContent = text || ""; }
  function show(id, on) { $(id).hidden = !on; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function busy(btn, on, text) {
    if (on) { btn.dataset.label = btn.textContent; btn.textContent = text; }
    else if (btn.dataset.label) btn.textContent = btn.dataset.label;
    btn.disabled = on;
  }
  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  }

  // Every API call: same-origin cookie, a time limit, and a problem+json detail_id (Indonesian) on any failure.
  async function api(method, path, body, headers) {
    var h = Object.assign({ accept: "application/json" }, headers || {});
    var init = { method: method, credentials: "same-origin", headers: h };
    if (body !== undefined) { h["content-type"] = "application/json"; init.body = JSON.stringify(body); }
    if (window.AbortSignal && AbortSignal.timeout) init.signal = AbortSignal.timeout(60000);
    var res, data = null;
    try {
      res = await fetch(path, init);
      if (res.status !== 204) data = await res.json();
    } catch (e) {
      return { ok: false, status: 0, data: { detail_id: NET } };
    }
    if (!res.ok && !(data && data.detail_id)) data = { detail_id: "Terjadi kesalahan (" + res.status + "). Coba lagi." };
    if (res.status === 401 && S.user && path !== "/api/auth/login") signedOut("Sesi Anda berakhir. Silakan masuk lagi.");
    return { ok: res.ok, status: res.status, data: data };
  }

  function signedIn(u) {
    S.user = u;
    say("who-name", u.name);
    say("who-role", ROLE[u.role] || u.role);
    say("who-region", u.regionCode ? "Wilayah " + u.regionCode : "Nasional");
    say("top-alert", "");
    show("who", true);
    show("login", false);
    show("new", u.role === "tksk");
    show("list", u.role !== "admin");
    show("admin-note", u.role === "admin");
    if (u.role === "admin") return;
    S.catsP = api("GET", "/api/categories").then(function (r) {
      if (r.ok) r.data.forEach(function (c) { S.cats[c.code] = c.name; });
      return r;
    });
    if (u.role === "tksk") loadForm();
    loadList(false);
  }

  function signedOut(msg) {
    S.user = null; S.key = null; S.cursor = null; S.formFor = null; S.listSeq++;
    $("ref-form").reset();
    clearErrors();
    ["form-alert", "form-ok", "form-warn", "list-alert", "top-alert"].forEach(function (id) { say(id, ""); });
    $("items").textContent = "";
    ["desa", "category"].forEach(function (id) { $(id).length = 1; });
    ["who", "new", "list", "admin-note", "more"].forEach(function (id) { show(id, false); });
    show("login", true);
    say("login-alert", msg);
    $("username").focus();
  }

  function fill(select, rows, label) {
    select.length = 1;
    rows.forEach(function (r) { var o = el("option", "", label(r)); o.value = r.code; select.appendChild(o); });
  }

  async function loadForm() {
    var u = S.user;
    if (S.formFor === u.id) return;
    say("form-alert", "");
    show("form-retry", false);
    $("birth").max = new Date().toISOString().slice(0, 10);
    var r = await Promise.all([api("GET", "/api/regions?parent=" + encodeURIComponent(u.regionCode)), S.catsP]);
    if (S.user !== u) return;
    if (!r[0].ok || !r[1].ok) {
      say("form-alert", "Daftar desa/kategori gagal dimuat. " + (r[0].ok ? r[1] : r[0]).data.detail_id);
      show("form-retry", true);
      return;
    }
    fill($("desa"), r[0].data, function (d) { return d.name + " (" + d.code + ")"; });
    fill($("category"), r[1].data, function (c) { return c.code + " \u2013 " + c.name; });
    S.formFor = u.id;
  }

  function clearErrors() {
    document.querySelectorAll("#ref-form [data-path]").forEach(function (f) {
      $(f.dataset.err).textContent = "";
      f.removeAttribute("aria-invalid");
    });
  }

  function fieldErrors(errors) {
    var fields = {}, first = null, rest = [];
    document.querySelectorAll("#ref-form [data-path]").forEach(function (f) { fields[f.dataset.path] = f; });
    errors.forEach(function (e) {
      var f = Object.prototype.hasOwnProperty.call(fields, e.path) ? fields[e.path] : null;
      var msg = e.message_id || e.message;
      if (!f) { rest.push(msg); return; }
      var out = $(f.dataset.err);
      out.textContent = out.textContent ? out.textContent + " " + msg : msg;
      f.setAttribute("aria-invalid", "true");
      if (!first) first = f;
    });
    say("form-alert", ["Periksa kembali kolom yang ditandai."].concat(rest).join(" "));
    if (first) (first.matches("fieldset") ? first.querySelector("input") : first).focus();
  }

  function val(id) { var v = $(id).value.trim(); return v === "" ? undefined : v; }

  function readForm() {
    var sex = document.querySelector("input[name=sex]:checked");
    var nik = $("nik").value.replace(/\s+/g, "");
    return {
      subject: { nik: nik === "" ? undefined : nik, name: val("name"), birthDate: val("birth"),
        sex: sex ? sex.value : undefined, address: val("address"), desaCode: val("desa") },
      category: val("category"), urgency: val("urgency"), service: val("service"), summary: val("summary"),
      consent: $("consent").checked
    };
  }

  async function submitReferral(ev) {
    ev.preventDefault();
    if (S.sending) return;
    var form = $("ref-form"), btn = $("send");
    clearErrors();
    ["form-alert", "form-ok", "form-warn"].forEach(function (id) { say(id, ""); });
    // One key per filled form: a retry after a lost answer replays the first result instead of filing twice.
    if (!S.key) S.key = newKey();
    S.sending = true;
    form.setAttribute("aria-busy", "true");
    busy(btn, true, "Mengirim\u2026");
    var r = await api("POST", "/api/referrals", readForm(), { "idempotency-key": S.key });
    S.sending = false;
    form.removeAttribute("aria-busy");
    busy(btn, false);
    if (!S.user) return;
    var d = r.data;
    if (r.ok) {
      form.reset();
      S.key = null;
      say("form-ok", "Rujukan terkirim. Nomor " + d.number + ", status: " + statusText(d) + ".");
      var dup = d.possibleDuplicates || [];
      if (dup.length) say("form-warn", "Perhatian: sudah ada " + dup.length +
        " rujukan terbuka lain dengan NIK yang sama. Periksa agar orang ini tidak dirujuk dua kali.");
      loadList(false);
    } else if (r.status === 400 && d.errors) {
      fieldErrors(d.errors);
    } else if (r.status === 409) {
      // The key was used for a different form: the first send may have arrived. Show the list before a new try.
      S.key = null;
      say("form-alert", d.detail_id + " Periksa daftar Rujukan sebelum mengirim lagi.");
      loadList(false);
    } else {
      say("form-alert", d.detail_id + (r.status === 0 || r.status >= 500
        ? " Tekan Kirim lagi; rujukan tidak akan tercatat dua kali." : ""));
    }
  }

  function statusText(it) {
    var s = STATUS[it.status] || it.status;
    return it.status === "in_review" && it.currentLevel ? s + " di " + it.currentLevel : s;
  }

  function fmtDate(iso) {
    try { return new Date(iso).toLocaleString("id-ID", { dateStyle: "medium", timeStyle: "short" }); }
    catch (e) { return iso; }
  }

  function row(it) {
    var li = el("li");
    var top = el("p", "row");
    top.append(el("strong", "", it.number), el("span", "badge s-" + it.status, statusText(it)));
    var cat = S.cats[it.category] ? it.category + " \u2013 " + S.cats[it.category] : it.category;
    li.append(top, el("p", "row", it.subject ? it.subject.name : ""), el("p", "muted", cat),
      el("p", "muted", "Dibuat " + fmtDate(it.createdAt)));
    return li;
  }

  async function loadList(more) {
    var seq = ++S.listSeq, btn = $("more");
    say("list-alert", "");
    if (more) busy(btn, true, "Memuat\u2026");
    else $("list").setAttribute("aria-busy", "true");
    var q = "/api/referrals?limit=20" + (more && S.cursor ? "&cursor=" + encodeURIComponent(S.cursor) : "");
    var r = (await Promise.all([api("GET", q), S.catsP]))[0];
    if (more) busy(btn, false);
    $("list").removeAttribute("aria-busy");
    if (seq !== S.listSeq) return;
    if (!r.ok) { say("list-alert", r.data.detail_id); return; }
    var ul = $("items");
    if (!more) ul.textContent = "";
    r.data.items.forEach(function (it) { ul.appendChild(row(it)); });
    S.cursor = r.data.nextCursor;
    show("more", !!S.cursor);
    show("empty", ul.children.length === 0);
  }

  $("login-form").addEventListener("submit", async function (ev) {
    ev.preventDefault();
    var u = $("username").value.trim(), p = $("password").value, btn = $("login-btn");
    say("login-alert", "");
    if (!u || !p) { say("login-alert", "Isi nama pengguna dan kata sandi."); return; }
    busy(btn, true, "Memproses\u2026");
    var r = await api("POST", "/api/auth/login", { username: u, password: p });
    busy(btn, false);
    if (!r.ok) { say("login-alert", r.data.detail_id); $("password").select(); return; }
    $("password").value = "";
    signedIn(r.data.user);
  });

  $("logout").addEventListener("click", async function () {
    var btn = $("logout");
    busy(btn, true, "Memproses\u2026");
    var r = await api("POST", "/api/auth/logout");
    busy(btn, false);
    if (r.ok || r.status === 401) signedOut("");
    else say("top-alert", "Gagal keluar. " + r.data.detail_id);
  });

  $("ref-form").addEventListener("submit", submitReferral);
  $("form-retry").addEventListener("click", function () { loadForm(); });
  $("more").addEventListener("click", function () { loadList(true); });
  $("reload").addEventListener("click", function () { loadList(false); });

  api("GET", "/api/me").then(function (r) {
    show("boot", false);
    if (r.ok) { signedIn(r.data); return; }
    show("login", true);
    if (r.status !== 401) say("login-alert", r.data.detail_id);
  });
})();
`;
