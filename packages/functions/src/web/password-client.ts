/**
 * The change-password page's script (password-page.tsx), served on its own so the page needs none of the main
 * script's weight, sent as-is; like client.ts it uses same-origin fetch with the session cookie and writes text only
 * with textContent. Keep it free of backticks and "${": it lives in a template string.
 */
export const PASSWORD_JS = String.raw`"use strict";
(function () {
  var NET = ["Koneksi gagal atau terlalu lambat. Periksa sinyal lalu coba lagi.",
    "The connection failed or is too slow. Check the signal, then try again."];
  // The one check the page makes itself: the API sees one new password, so only here can the two entries differ.
  var DIFFER = ["Kedua kata sandi baru tidak sama. Ketik ulang.", "The two new passwords differ. Type them again."];
  var CHECK = ["Periksa kembali kolom yang ditandai.", "Check the marked fields."];
  var FIELDS = ["pw-current", "pw-new", "pw-again"];
  var sending = false;

  function $(id) { return document.getElementById(id); }
  function show(id, on) { $(id).hidden = !on; }
  // Indonesian first, then the English in small print, as every label of the page.
  function bilingual(node, text) {
    node.textContent = text[0];
    if (!text[1]) return;
    var small = document.createElement("small");
    small.textContent = text[1];
    node.append(" ", small);
  }
  function say(id, text) { if (text) bilingual($(id), text); else $(id).textContent = ""; }
  function problemText(d) {
    return [d.detail_id || d.message_id || "Terjadi kesalahan. Coba lagi.", d.detail || d.message || "Something went wrong."];
  }

  async function api(method, path, body) {
    var init = { method: method, credentials: "same-origin", headers: { accept: "application/json" } };
    if (body !== undefined) { init.headers["content-type"] = "application/json"; init.body = JSON.stringify(body); }
    if (window.AbortSignal && AbortSignal.timeout) init.signal = AbortSignal.timeout(60000);
    try {
      var res = await fetch(path, init);
      return { ok: res.ok, status: res.status, data: res.status === 204 ? {} : await res.json() };
    } catch (e) {
      return { ok: false, status: 0, data: { detail_id: NET[0], detail: NET[1] } };
    }
  }

  function clearErrors() {
    FIELDS.forEach(function (id) { $(id + "-err").textContent = ""; $(id).removeAttribute("aria-invalid"); });
    say("pw-alert", "");
  }

  // Each error under the field whose data-path the API named; the first such field takes the focus.
  function fieldErrors(errors) {
    var fields = {}, first = null, rest = [];
    document.querySelectorAll("#pw-form [data-path]").forEach(function (f) { fields[f.dataset.path] = f; });
    errors.forEach(function (e) {
      var f = Object.prototype.hasOwnProperty.call(fields, e.path) ? fields[e.path] : null;
      if (!f) { rest.push(e); return; }
      var out = $(f.dataset.err), line = document.createElement("span");
      bilingual(line, problemText(e));
      if (out.textContent) out.append(" ");
      out.append(line);
      f.setAttribute("aria-invalid", "true");
      if (!first) first = f;
    });
    var alert = $("pw-alert");
    bilingual(alert, CHECK);
    rest.forEach(function (e) { var line = document.createElement("span"); bilingual(line, problemText(e));
      alert.append(" ", line); });
    if (first) first.focus();
  }

  function done() {
    $("pw-form").querySelectorAll("input, button").forEach(function (f) { f.disabled = true; });
    say("pw-ok", ["Kata sandi sudah diganti. Membuka halaman utama\u2026", "Password changed. Opening your home page\u2026"]);
    // Long enough to read the message; the new session's cookie is already set.
    setTimeout(function () { location.replace("/"); }, 1500);
  }

  $("pw-form").addEventListener("submit", async function (ev) {
    ev.preventDefault();
    if (sending) return;
    var btn = $("pw-send"), form = $("pw-form");
    clearErrors();
    if ($("pw-new").value !== $("pw-again").value) {
      fieldErrors([{ path: "newPasswordAgain", message_id: DIFFER[0], message: DIFFER[1] }]);
      return;
    }
    sending = true;
    form.setAttribute("aria-busy", "true");
    btn.disabled = true;
    btn.textContent = "Menyimpan\u2026";
    var r = await api("POST", "/api/me/password",
      { currentPassword: $("pw-current").value, newPassword: $("pw-new").value });
    sending = false;
    form.removeAttribute("aria-busy");
    btn.disabled = false;
    btn.textContent = "Simpan kata sandi";
    if (r.ok) done();
    // Signed out meanwhile (or the change went through and its answer was lost): sign in again.
    else if (r.status === 401) location.replace("/");
    else if (r.status === 400 && r.data.errors) fieldErrors(r.data.errors);
    else say("pw-alert", problemText(r.data));
  });

  $("pw-logout").addEventListener("click", async function () {
    var r = await api("POST", "/api/auth/logout");
    if (r.ok || r.status === 401) location.replace("/");
    else say("pw-alert", problemText(r.data));
  });

  api("GET", "/api/me").then(function (r) {
    if (r.status === 401) { location.replace("/"); return; }
    show("pw-boot", false);
    show("pw", true);
    show("pw-logout", true);
    if (!r.ok) { say("pw-alert", problemText(r.data)); return; }
    $("pw-username").value = r.data.username;
    show("pw-once", !!r.data.mustChangePassword);
    // Someone who came here by choice may go back; a one-time password leads nowhere else.
    show("pw-back", !r.data.mustChangePassword);
    $("pw-current").focus();
  });
})();
`;
