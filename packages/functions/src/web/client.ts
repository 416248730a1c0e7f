import { PAGES, PASSWORD_PAGE } from "@rujuk/core/pages";
import { RULES_JS } from "./generated/rules.ts";

// A phone needs neither the script's comments nor its indentation, and the page's size budget counts what is sent.
// Safe for this script: none of its strings or regular expressions spans a line or starts one with "//".
function lean(script: string): string {
  return script.replace(/^[ \t]+/gm, "").replace(/^\/\/.*\n/gm, "");
}

/**
 * The web UI's only script: the domain rules bundled from core (rules.ts, on `RujukRules`) and core's page paths
 * (PAGES, on `RujukPages`, and PASSWORD_PAGE, on `RujukPasswordPage`), then the page script, sent as written but for its comments and indentation. It talks
 * to the JSON API with same-origin fetch and the session cookie, and writes every piece of data with textContent,
 * never as HTML. Keep the page script free of backticks and "${": it lives in a template string.
 */
export const APP_JS = `${RULES_JS}\nvar RujukPages = ${JSON.stringify(PAGES)};\nvar RujukPasswordPage = ${JSON.stringify(PASSWORD_PAGE)};\n${lean(String.raw`"use strict";
(function () {
  var ROLE = { tksk: "TKSK", kecamatan: "Petugas kecamatan", kabupaten: "Dinsos kabupaten/kota",
    provinsi: "Dinsos provinsi", auditor: "Auditor", admin: "Admin" };
  var STATUS = { in_review: "Sedang diperiksa", returned: "Dikembalikan", approved: "Disetujui",
    rejected: "Ditolak", withdrawn: "Ditarik" };
  var LEVEL = { kecamatan: "kecamatan", kabupaten: "kabupaten/kota", provinsi: "provinsi" };
  var URGENCY = { normal: "Biasa", urgent: "Mendesak", emergency: "Darurat" };
  var DECISION = { approve: "Disetujui", reject: "Ditolak", return: "Dikembalikan" };
  var DONE = { approve: "disetujui", reject: "ditolak", return: "dikembalikan ke pengaju" };
  var EVENT = { submitted: "Diajukan", level_opened: "Menunggu keputusan", decided: "Diputuskan",
    returned: "Dikembalikan ke pengaju", resubmitted: "Dikirim ulang", edited: "Diperbaiki",
    reminded: "Pengingat tenggat", escalated: "Diteruskan ke atasan", approved: "Disetujui", rejected: "Ditolak",
    withdrawn: "Ditarik", notified: "Pemberitahuan" };
  var OFFICIAL = ["kecamatan", "kabupaten", "provinsi"];
  var NET = "Koneksi gagal atau terlalu lambat. Periksa sinyal lalu coba lagi.";
  var S = { user: null, key: null, cursor: null, cats: {}, catsP: null, formFor: null, listSeq: 0, sending: false,
    inCursor: null, inSeq: 0, open: null, dSeq: 0, deciding: false, notifOpen: false, nSeq: 0, nMore: false,
    readNow: {}, view: null };

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
  function button(text, cls, title, fn) {
    var b = el("button", cls, text);
    b.type = "button";
    b.title = title;
    b.addEventListener("click", fn);
    return b;
  }
  function isOfficial() { return !!S.user && OFFICIAL.indexOf(S.user.role) >= 0; }
  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  }

  // Every API call: same-origin cookie, a time limit, and a problem+json detail_id (Indonesian) on any failure.
  async function api(method, path, body, headers) {
    var h = Object.assign({ accept: "application/json" }, headers || {}), who = S.user;
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
    // A late answer to a request of the account signed out since must not sign out the one signed in now.
    if (res.status === 401 && who && S.user === who) signedOut("Sesi Anda berakhir. Silakan masuk lagi.");
    // Refused, maybe until a password someone else set is changed: the account says so. Asked once, as the
    // answers of a screen's several calls come in together.
    if (res.status === 403 && who && S.user === who && !S.pw) S.pw = api("GET", "/api/me").then(function (r) {
      if (r.data.mustChangePassword) location.replace(RujukPasswordPage);
      else S.pw = null;
    });
    return { ok: res.ok, status: res.status, data: data };
  }

  // An account whose password someone else set may do nothing else first: its own page asks for a new one.
  function signedIn(u) {
    if (u.mustChangePassword) return location.replace(RujukPasswordPage);
    S.user = u;
    say("who-name", u.name);
    say("who-role", ROLE[u.role] || u.role);
    say("who-region", u.regionCode ? "Wilayah " + u.regionCode : "Nasional");
    say("top-alert", "");
    showPath();
    loadNotifs();
    if (u.role === "admin") return;
    S.catsP = api("GET", "/api/categories").then(function (r) {
      if (r.ok) r.data.forEach(function (c) { S.cats[c.code] = c.name; });
      return r;
    });
    if (u.role === "tksk") loadForm();
    if (isOfficial()) loadInbox(false);
    loadList(false);
  }

  // Which sections show: by role, and an open item (detail) takes the whole screen of a phone.
  function layout() {
    var u = S.user, role = u ? u.role : "", d = !!S.open;
    show("who", !!u);
    show("login", !u);
    show("notif", !!u && !d && S.notifOpen);
    show("inbox", !d && isOfficial() && S.view === "inbox");
    show("detail", !!u && d);
    show("new", !d && role === "tksk");
    show("list", !d && !!u && role !== "admin" && S.view !== "newReferral");
    show("admin-note", role === "admin");
    $("notif-btn").setAttribute("aria-expanded", String(S.notifOpen));
  }

  // The list screens each role has, its home first. An admin has none yet: its home is the note at "/".
  function screens(role) {
    if (role === "tksk") return ["referrals", "newReferral"];
    if (OFFICIAL.indexOf(role) >= 0) return ["inbox", "referrals"];
    return role === "admin" ? [] : ["referrals"];
  }

  // The page a path names in core's PAGES, and the id a pattern's ":id" stands for. A fixed path wins over a pattern
  // that also matches it (/rujukan/baru is not an item).
  function pageAt(path) {
    var names = Object.keys(RujukPages), got = path.split("/"), i;
    for (i = 0; i < names.length; i++) if (RujukPages[names[i]] === path) return { name: names[i] };
    for (i = 0; i < names.length; i++) {
      var want = RujukPages[names[i]].split("/"), id = null;
      if (want.length !== got.length) continue;
      var same = want.every(function (part, j) {
        if (part.charAt(0) !== ":") return part === got[j];
        try { id = decodeURIComponent(got[j]); } catch (e) { id = got[j]; }
        return got[j] !== "";
      });
      if (same) return { name: names[i], id: id };
    }
    return { name: "" };
  }

  // A list screen the user has, or their home in its place: the address is corrected to name what is shown, so a
  // reload and Back keep showing it.
  function showList(name) {
    var mine = screens(S.user.role);
    S.view = mine.indexOf(name) >= 0 ? name : mine[0] || "";
    var path = S.view ? RujukPages[S.view] : "/";
    if (location.pathname !== path) history.replaceState(null, "", path);
  }

  // What the address names, for the signed-in user: on load, after sign-in (an email's link opens its item then),
  // and on Back and Forward.
  function showPath() {
    var at = pageAt(location.pathname);
    if (at.name === "referral" || at.name === "report") { showItem(at.name, at.id); return; }
    S.open = null;
    S.dSeq++;
    showList(at.name);
    layout();
  }

  function signedOut(msg) {
    S.user = null; S.key = null; S.cursor = null; S.formFor = null; S.listSeq++;
    S.inCursor = null; S.inSeq++; S.view = null; S.open = null; S.dSeq++; S.notifOpen = false; S.nSeq++;
    S.readNow = {};
    $("ref-form").reset();
    $("dec-form").reset();
    $("overdue").checked = false;
    clearErrors();
    ["form-alert", "form-ok", "form-warn", "list-alert", "list-ok", "top-alert", "inbox-ok", "inbox-alert",
      "notif-alert", "notif-count", "d-alert", "dec-alert", "comment-err"].forEach(function (id) { say(id, ""); });
    ["items", "inbox-items", "notif-items", "d-fields", "d-decisions", "d-timeline"].forEach(function (id) {
      $(id).textContent = "";
    });
    ["desa", "category"].forEach(function (id) { $(id).length = 1; });
    ["more", "inbox-more"].forEach(function (id) { show(id, false); });
    layout();
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

  // As the officer types, the NIK against the birth date and sex (core's rule): shown, and taken back once they agree,
  // in the fields' own error lines. An error the server gave stays until the next send.
  var LIVE = ["subject.birthDate", "subject.sex"], shownLive = {};
  function checkNikLive() {
    var s = readForm().subject, found = {};
    RujukRules.nikMismatches({ nik: s.nik || "", birthDate: s.birthDate || "", sex: s.sex || "" })
      .forEach(function (e) { found[e.path] = e.message_id; });
    LIVE.forEach(function (path) {
      var f = document.querySelector("#ref-form [data-path='" + path + "']"), out = $(f.dataset.err);
      if (found[path]) {
        out.textContent = found[path];
        f.setAttribute("aria-invalid", "true");
      } else if (shownLive[path] && out.textContent === shownLive[path]) {
        out.textContent = "";
        f.removeAttribute("aria-invalid");
      }
      shownLive[path] = found[path];
    });
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
    return it.status === "in_review" && it.currentLevel ? s + " di " + level(it.currentLevel) : s;
  }
  function level(l) { return "tingkat " + (LEVEL[l] || l); }
  function catText(c) { return S.cats[c] ? c + " \u2013 " + S.cats[c] : c; }

  function fmtDate(iso) {
    try { return new Date(iso).toLocaleString("id-ID", { dateStyle: "medium", timeStyle: "short" }); }
    catch (e) { return iso; }
  }

  // A list row opens its item; the submitter also gets what they may do with it.
  function row(it) {
    var li = el("li"), top = el("span", "row");
    top.append(el("strong", "", it.number), el("span", "badge s-" + it.status, statusText(it)));
    var open = button("", "open", "Details", function () { openItem("referral", it.id); });
    open.append(top, el("span", "", it.subject ? it.subject.name : ""), el("span", "muted", catText(it.category)),
      el("span", "muted", "Dibuat " + fmtDate(it.createdAt)));
    li.append(open);
    var last = it.decisions[it.decisions.length - 1];
    if (it.status === "returned" && last && last.comment)
      li.append(el("p", "warn", "Catatan dari " + level(last.level) + ": " + last.comment));
    if (S.user && it.submittedBy.id === S.user.id && (it.status === "returned" || it.status === "in_review")) {
      var acts = el("div", "actions");
      if (it.status === "returned") acts.append(button("Kirim ulang", "", "Resubmit", function (ev) {
        own(it, "resubmit", ev.currentTarget);
      }));
      acts.append(button("Tarik", "ghost", "Withdraw", function (ev) { own(it, "withdraw", ev.currentTarget); }));
      li.append(acts);
    }
    return li;
  }

  // The submitter resubmits a returned referral or withdraws an open one.
  async function own(it, what, btn) {
    if (what === "withdraw" &&
      !window.confirm("Tarik rujukan " + it.number + "? Rujukan yang ditarik tidak akan diproses lagi.")) return;
    var u = S.user, all = btn.parentNode.querySelectorAll("button");
    say("list-ok", "");
    say("list-alert", "");
    all.forEach(function (b) { b.disabled = true; });
    busy(btn, true, "Memproses\u2026");
    var r = await api("POST", "/api/referrals/" + encodeURIComponent(it.id) + "/" + what);
    busy(btn, false);
    all.forEach(function (b) { b.disabled = false; });
    if (S.user !== u) return;
    if (!r.ok) {
      if (r.status === 409) loadList(false);
      say("list-alert", r.data.detail_id);
      return;
    }
    loadList(false);
    say("list-ok", what === "withdraw" ? "Rujukan " + it.number + " ditarik." : "Rujukan " + it.number +
      " dikirim ulang" + (r.data.currentLevel ? " ke " + level(r.data.currentLevel) : "") + ".");
  }

  function inboxRow(it) {
    var li = el("li"), top = el("span", "row"), report = it.kind === "report";
    li.dataset.id = it.id;
    top.append(el("strong", "", it.number), el("span", "badge", report ? "Laporan" : "Rujukan"));
    if (it.overdue) top.append(el("span", "badge late", "Terlambat"));
    var open = button("", "open", "Open", function () { openItem(it.kind, it.id); });
    open.append(top, el("span", "", report ? "Periode " + it.period : it.subject.name));
    if (!report) open.append(el("span", "muted", catText(it.category) + " \u00b7 " +
      (URGENCY[it.urgency] || it.urgency)));
    open.append(el("span", "muted", it.dueAt ? "Tenggat " + fmtDate(it.dueAt) : "Tanpa tenggat"));
    li.append(open);
    return li;
  }

  async function loadInbox(more) {
    var seq = ++S.inSeq, btn = $("inbox-more"), u = S.user, late = $("overdue").checked;
    say("inbox-alert", "");
    if (more) busy(btn, true, "Memuat\u2026");
    else $("inbox").setAttribute("aria-busy", "true");
    var q = "/api/inbox?limit=20" + (late ? "&overdue=true" : "") +
      (more && S.inCursor ? "&cursor=" + encodeURIComponent(S.inCursor) : "");
    var r = (await Promise.all([api("GET", q), S.catsP]))[0];
    if (more) busy(btn, false);
    $("inbox").removeAttribute("aria-busy");
    if (seq !== S.inSeq || S.user !== u) return;
    if (!r.ok) { say("inbox-alert", r.data.detail_id); return; }
    var ol = $("inbox-items");
    if (!more) ol.textContent = "";
    r.data.items.forEach(function (it) { ol.appendChild(inboxRow(it)); });
    S.inCursor = r.data.nextCursor;
    show("inbox-more", !!S.inCursor);
    say("inbox-empty", late ? "Tidak ada berkas yang terlambat." : "Tidak ada berkas yang menunggu keputusan Anda.");
    show("inbox-empty", ol.children.length === 0);
  }

  function pair(dl, name, value) {
    if (value !== undefined && value !== null && value !== "") dl.append(el("dt", "", name), el("dd", "", value));
  }

  // Opened from a list, an item gets its own address above the list's, so the phone's Back returns to the list.
  function openItem(kind, id) {
    var path = RujukPages[kind].replace(":id", encodeURIComponent(id));
    if (location.pathname !== path) history.pushState({ fromList: true }, "", path);
    return showItem(kind, id);
  }

  async function showItem(kind, id) {
    var seq = ++S.dSeq, u = S.user;
    S.open = { kind: kind, id: id, number: "" };
    S.notifOpen = false;
    layout();
    ["d-alert", "dec-alert", "comment-err"].forEach(function (x) { say(x, ""); });
    ["d-fields", "d-decisions", "d-timeline"].forEach(function (x) { $(x).textContent = ""; });
    $("dec-form").reset();
    $("comment").removeAttribute("aria-invalid");
    show("dec-form", false);
    say("d-h", "Memuat\u2026");
    window.scrollTo(0, 0);
    var path = (kind === "report" ? "/api/reports/" : "/api/referrals/") + encodeURIComponent(id);
    // Awaited after the item: an item opened by the address at sign-in starts before the categories are asked for.
    var r = await api("GET", path + "?include=timeline");
    await S.catsP;
    if (seq !== S.dSeq || S.user !== u) return;
    if (r.status === 404) { notFound(); return; }
    if (!r.ok) { say("d-h", ""); say("d-alert", r.data.detail_id); return; }
    detail(kind, r.data);
    $("d-h").focus();
  }

  // The API answers alike for an item that does not exist and one the caller may not see; so does the page.
  function notFound() {
    say("d-h", "Tidak ditemukan ");
    $("d-h").append(el("small", "", "Not found"));
    say("d-alert", "Berkas ini tidak ada, atau Anda tidak berhak membukanya. ");
    $("d-alert").append(el("small", "", "This item does not exist, or is not yours to open."));
    $("d-h").focus();
  }

  function detail(kind, it) {
    var dl = $("d-fields"), ol = $("d-decisions"), tl = $("d-timeline"), s = it.subject;
    S.open.number = it.number;
    say("d-h", (kind === "report" ? "Laporan " : "Rujukan ") + it.number);
    pair(dl, "Status", statusText(it));
    if (it.dueAt) pair(dl, "Tenggat", fmtDate(it.dueAt));
    pair(dl, "Pengaju", it.submittedBy.name);
    pair(dl, "Dibuat", fmtDate(it.createdAt));
    pair(dl, "Kecamatan", it.kecamatanCode);
    if (kind === "report") {
      pair(dl, "Periode", it.period);
      pair(dl, "Kegiatan", it.activities);
      pair(dl, "Jumlah", Object.keys(it.counts).map(function (c) { return catText(c) + ": " + it.counts[c]; })
        .join("\n"));
      pair(dl, "Catatan", it.notes);
    } else {
      pair(dl, "Nama", s.name);
      pair(dl, "NIK", s.nik);
      pair(dl, "Tanggal lahir", s.birthDate);
      pair(dl, "Jenis kelamin", s.sex === "L" ? "Laki-laki" : "Perempuan");
      pair(dl, "Alamat", s.address);
      pair(dl, "Desa", s.desaCode);
      pair(dl, "Kategori", catText(it.category));
      pair(dl, "Urgensi", URGENCY[it.urgency] || it.urgency);
      pair(dl, "Layanan", it.service);
      pair(dl, "Ringkasan", it.summary);
    }
    it.decisions.forEach(function (d) {
      var li = el("li");
      li.append(el("p", "", "Tingkat " + (LEVEL[d.level] || d.level) + ": " + (DECISION[d.decision] || d.decision)),
        el("p", "muted", d.by.name + " \u00b7 " + fmtDate(d.at)));
      if (d.comment) li.append(el("p", "", "Catatan: " + d.comment));
      ol.appendChild(li);
    });
    if (!it.decisions.length) ol.appendChild(el("li", "muted", "Belum ada keputusan."));
    (it.timeline || []).forEach(function (e) {
      var li = el("li"), what = EVENT[e.type] || e.type;
      if (e.level) what += " \u00b7 " + level(e.level);
      if (e.decision) what += " (" + (DECISION[e.decision] || e.decision) + ")";
      li.append(el("p", "", what), el("p", "muted", fmtDate(e.at)));
      tl.appendChild(li);
    });
    // Decidable only while the level is open: a decision clears dueAt until the workflow opens the next level.
    show("dec-form", isOfficial() && it.status === "in_review" && it.currentLevel === S.user.role && !!it.dueAt);
  }

  // Back to the list the item was opened from (popstate then shows it again); an item the address opened (an email's
  // link) has no list below it in the history, so the home takes its place and Back then leaves the app.
  function closeItem() {
    S.open = null;
    S.dSeq++;
    if (history.state && history.state.fromList) history.back();
    else showList("");
    layout();
  }

  async function decide(decision, btn) {
    if (S.deciding || !S.open) return;
    var o = S.open, u = S.user, c = $("comment"), comment = c.value.trim();
    var all = $("dec-form").querySelectorAll("button");
    ["d-alert", "dec-alert", "comment-err"].forEach(function (x) { say(x, ""); });
    c.removeAttribute("aria-invalid");
    if (!comment && decision !== "approve") {
      say("comment-err", "Catatan wajib diisi untuk menolak atau mengembalikan berkas.");
      c.setAttribute("aria-invalid", "true");
      c.focus();
      return;
    }
    S.deciding = true;
    all.forEach(function (b) { b.disabled = true; });
    busy(btn, true, "Memproses\u2026");
    var body = { decision: decision };
    if (comment) body.comment = comment;
    var path = (o.kind === "report" ? "/api/reports/" : "/api/referrals/") + encodeURIComponent(o.id);
    var r = await api("POST", path + "/decisions", body);
    S.deciding = false;
    busy(btn, false);
    all.forEach(function (b) { b.disabled = false; });
    if (S.user !== u) return;
    var d = r.data;
    if (r.ok) {
      Array.prototype.forEach.call($("inbox-items").children, function (li) {
        if (li.dataset.id === o.id) li.remove();
      });
      show("inbox-empty", $("inbox-items").children.length === 0);
      if (S.open === o) closeItem();
      say("inbox-ok", "Keputusan tersimpan: " + o.number + " " + DONE[decision] + ".");
      $("inbox-ok").focus();
      loadList(false);
      loadNotifs();
    } else if (r.status === 400 && d.errors) {
      var other = [];
      d.errors.forEach(function (e) {
        if (e.path !== "comment") { other.push(e.message_id || e.message); return; }
        say("comment-err", e.message_id || e.message);
        c.setAttribute("aria-invalid", "true");
      });
      say("dec-alert", [d.detail_id].concat(other).join(" "));
    } else if (r.status === 409) {
      // Someone decided first (or the item moved on): show where it stands now.
      loadInbox(false);
      if (S.open === o) await showItem(o.kind, o.id);
      say(S.open && S.open.id === o.id ? "d-alert" : "inbox-alert", d.detail_id + " Kotak masuk sudah diperbarui.");
    } else {
      say("dec-alert", d.detail_id);
    }
  }

  // Marked read here since the list was asked for: a list answered in the meantime must not show it unread again.
  function markedRead(id) {
    S.readNow[id] = true;
    Array.prototype.forEach.call($("notif-items").children, function (li) {
      if (li.dataset.id !== id) return;
      li.className = "read";
      var mark = li.querySelector("button.mark");
      if (mark) mark.remove();
    });
    count();
  }

  function notifRow(n) {
    var read = n.read || !!S.readNow[n.id];
    var li = el("li", read ? "read" : "unread"), acts = el("div", "actions");
    li.dataset.id = n.id;
    li.append(el("p", "", n.text), el("p", "muted", fmtDate(n.createdAt)));
    var kind = n.referralId ? "referral" : n.reportId ? "report" : "";
    if (kind) acts.append(button("Buka", "ghost", "Open", function () { openItem(kind, n.referralId || n.reportId); }));
    if (!read) acts.append(button("Tandai dibaca", "mark", "Mark as read", async function (ev) {
      var btn = ev.currentTarget, u = S.user;
      busy(btn, true, "Memproses\u2026");
      var r = await api("POST", "/api/notifications/" + encodeURIComponent(n.id) + "/read");
      if (S.user !== u) return;
      if (!r.ok) { busy(btn, false); say("notif-alert", r.data.detail_id); return; }
      markedRead(n.id);
    }));
    if (acts.children.length) li.append(acts);
    return li;
  }

  function count() {
    var n = document.querySelectorAll("#notif-items li.unread").length;
    say("notif-count", n ? n + (S.nMore ? "+" : "") : "");
    $("notif-btn").title = n ? "Notifications: " + n + " unread" : "Notifications";
  }

  // The newest 50: enough for a count on the header and a short list, in one small request.
  async function loadNotifs() {
    var seq = ++S.nSeq, u = S.user;
    var r = await api("GET", "/api/notifications?limit=50");
    if (seq !== S.nSeq || S.user !== u) return;
    if (!r.ok) { say("notif-alert", r.data.detail_id); return; }
    say("notif-alert", "");
    var ol = $("notif-items");
    ol.textContent = "";
    r.data.items.forEach(function (n) { ol.appendChild(notifRow(n)); });
    S.nMore = !!r.data.nextCursor && r.data.items.every(function (n) { return !n.read; });
    show("notif-empty", r.data.items.length === 0);
    count();
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
    if (r.ok || r.status === 401) { history.replaceState(null, "", "/"); signedOut(""); }
    else say("top-alert", "Gagal keluar. " + r.data.detail_id);
  });

  $("ref-form").addEventListener("submit", submitReferral);
  $("ref-form").addEventListener("input", function (ev) {
    if (["nik", "birth", "sex-l", "sex-p"].indexOf(ev.target.id) >= 0) checkNikLive();
  });
  $("form-retry").addEventListener("click", function () { loadForm(); });
  $("more").addEventListener("click", function () { loadList(true); });
  $("reload").addEventListener("click", function () { say("list-ok", ""); loadList(false); loadNotifs(); });
  $("inbox-more").addEventListener("click", function () { loadInbox(true); });
  $("inbox-reload").addEventListener("click", function () { say("inbox-ok", ""); loadInbox(false); loadNotifs(); });
  $("overdue").addEventListener("change", function () { say("inbox-ok", ""); loadInbox(false); });
  $("d-back").addEventListener("click", closeItem);
  $("dec-form").addEventListener("submit", function (ev) { ev.preventDefault(); });
  $("dec-form").querySelectorAll("button").forEach(function (b) {
    b.addEventListener("click", function () { decide(b.dataset.d, b); });
  });
  $("notif-btn").addEventListener("click", function () {
    S.notifOpen = !S.notifOpen;
    if (S.notifOpen) { if (S.open) closeItem(); loadNotifs(); }
    layout();
  });
  $("notif-close").addEventListener("click", function () { S.notifOpen = false; layout(); $("notif-btn").focus(); });
  window.addEventListener("popstate", function () { if (S.user) showPath(); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && S.user) loadNotifs();
  });

  api("GET", "/api/me").then(function (r) {
    show("boot", false);
    if (r.ok) { signedIn(r.data); return; }
    show("login", true);
    if (r.status !== 401) say("login-alert", r.data.detail_id);
  });
})();
`)}`;
