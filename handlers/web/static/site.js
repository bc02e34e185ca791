/* Progressive enhancement only: every form works without this file. ES5, XMLHttpRequest: old phones too. */
(function () {
  "use strict";
  if (!window.FormData || !window.XMLHttpRequest || !document.querySelector) { return; }

  function post(url, body, onDone, onUpload) {
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("X-Requested-With", "fetch");
    if (typeof body === "string") { xhr.setRequestHeader("Content-Type", "application/x-www-form-urlencoded"); }
    if (onUpload && xhr.upload) { xhr.upload.onprogress = onUpload; }
    xhr.onload = function () { onDone(xhr.status, xhr.responseText, xhr); };
    xhr.onerror = function () { onDone(0, "", xhr); };
    xhr.send(body);
    return xhr;
  }

  function errorOf(status, text) {
    try { return JSON.parse(text).error; } catch (e) { /* not JSON */ }
    return status ? "Không gửi được (mã " + status + "). Hãy thử lại." : "Mất kết nối. Hãy thử lại.";
  }

  function encode(form, submitter) {
    var parts = [], data = new FormData(form), pairs = [];
    if (data.forEach) { data.forEach(function (v, k) { pairs.push([k, v]); }); } else { return null; }
    if (submitter && submitter.name) { pairs.push([submitter.name, submitter.value]); }
    for (var i = 0; i < pairs.length; i++) {
      parts.push(encodeURIComponent(pairs[i][0]) + "=" + encodeURIComponent(pairs[i][1]));
    }
    return parts.join("&").replace(/%20/g, "+");
  }

  function fragment(html) {
    var box = document.createElement("div");
    box.innerHTML = html;  /* server-rendered by our own templates, escaped there */
    return box.firstElementChild;
  }

  // ---- chat: a question or an option without reloading the page ----
  var chat = document.getElementById("chat");
  var busy = false;

  function say(text, cls) {
    var p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    chat.appendChild(p);
    p.scrollIntoView({block: "end"});
    return p;
  }

  function ask(form, submitter) {
    if (busy) { return; }
    var body = encode(form, submitter);
    if (body === null) { form.submit(); return; }
    var box = form.querySelector("textarea");
    var shown = box ? box.value : (submitter ? submitter.textContent : "");
    if (box && !box.value.replace(/\s/g, "")) { return; }
    busy = true;
    var intro = chat.querySelector(".intro");
    if (intro) { intro.parentNode.removeChild(intro); }
    var mine = say(shown, "q");
    var wait = say("Đang trả lời…", "waiting");
    post(form.getAttribute("action"), body, function (status, text) {
      busy = false;
      chat.removeChild(wait);
      if (status === 200) {
        chat.removeChild(mine);
        var turn = fragment(text);
        chat.appendChild(turn);
        turn.scrollIntoView({block: "start"});
        if (box) { box.value = ""; box.focus(); }
      } else {
        if (status === 403) { window.location.reload(); return; }
        say(errorOf(status, text), "error");
      }
    });
  }

  function vote(form, submitter) {
    var body = encode(form, submitter);
    if (body === null) { form.submit(); return; }
    post(form.getAttribute("action"), body, function (status, text) {
      if (status === 200) { form.parentNode.replaceChild(fragment(text), form); }
    });
  }

  if (chat) {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var submitter = event.submitter || null;
      if (form.hasAttribute("data-ask")) {
        if (!submitter && !form.querySelector("textarea")) { return; } /* old browser: plain post */
        event.preventDefault();
        ask(form, submitter);
      } else if (form.hasAttribute("data-vote")) {
        if (!submitter) { return; }
        event.preventDefault();
        vote(form, submitter);
      }
    });
    var q = document.getElementById("q");
    if (q) {
      q.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          if (q.form.requestSubmit) { q.form.requestSubmit(); } else { ask(q.form, null); }
        }
      });
    }
  }

  // ---- staff list: drag and drop, upload progress, then the check's progress ----
  var upload = document.getElementById("upload");
  if (upload) {
    var input = document.getElementById("file");
    var drop = document.getElementById("drop");
    var chosen = document.getElementById("chosen");
    var panel = document.getElementById("progress");
    var bar = document.getElementById("bar");
    var label = document.getElementById("progress-text");
    var max = parseInt(upload.getAttribute("data-max"), 10);

    var number = function (n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); };
    var show = function () {
      var f = input.files && input.files[0];
      chosen.textContent = f ? "Đã chọn: " + f.name + " (" + number(Math.ceil(f.size / 1024)) + " KB)" : "";
    };
    var status = function (text, value) {
      panel.hidden = false;
      label.textContent = text;
      if (value === null) { bar.removeAttribute("value"); } else { bar.value = value; }
    };
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
        try { input.files = e.dataTransfer.files; } catch (err) { return; }
        show();
      }
    });

    var follow = function (progressUrl, resultUrl) {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", progressUrl);
      xhr.onload = function () {
        var s;
        try { s = JSON.parse(xhr.responseText); } catch (e) { s = null; }
        if (!s || xhr.status !== 200) { window.location.assign(resultUrl); return; }
        if (s.finished) { status("Đã xong. Đang mở kết quả…", 100); window.location.assign(resultUrl); return; }
        if (s.total) {
          status(s.label + ": " + number(s.done) + " / " + number(s.total) + " người", 100 * s.done / s.total);
        } else {
          status(s.label + (s.done ? ": " + number(s.done) + " người" : "") + "…", null);
        }
        window.setTimeout(function () { follow(progressUrl, resultUrl); }, 600);
      };
      xhr.onerror = function () { window.setTimeout(function () { follow(progressUrl, resultUrl); }, 1500); };
      xhr.send();
    };

    upload.addEventListener("submit", function (event) {
      var f = input.files && input.files[0];
      if (!f) { return; }
      event.preventDefault();
      if (f.size > max) { status("Tệp quá lớn: tối đa " + Math.floor(max / 1048576) + " MB.", 0); return; }
      var button = upload.querySelector("button[type=submit]");
      button.disabled = true;
      status("Đang tải lên…", 0);
      post(upload.getAttribute("action"), new FormData(upload), function (code, text) {
        var job;
        try { job = JSON.parse(text); } catch (e) { job = null; }
        if (code === 202 && job && job.progress) { follow(job.progress, job.result); return; }
        button.disabled = false;
        status(errorOf(code, text), 0);
      }, function (e) {
        if (e.lengthComputable) { status("Đang tải lên: " + Math.round(100 * e.loaded / e.total) + "%", 100 * e.loaded / e.total); }
      });
    });
  }
}());
