// The phone inspection (dust/inspect.html): the draft and the send queue live in IndexedDB (Dexie), photos
// as Blobs, so an inspection opened online can be finished and submitted offline. A queued inspection is
// sent when the `online` event fires or the officer presses "Send now"; its client_id (made here with
// crypto.getRandomValues) makes a repeated send store nothing on the server.
(function () {
  "use strict";
  const form = document.getElementById("inspection");
  if (!form || typeof Dexie === "undefined") return;
  const texts = document.getElementById("inspection-texts").dataset;
  const status = document.getElementById("inspection-status");
  const retry = document.getElementById("inspection-retry");
  // One database per user: on a shared phone, nobody sends another's queued inspection as their own.
  const db = new Dexie("heluo-dust-" + form.dataset.user);
  db.version(1).stores({ drafts: "key", queue: "client_id" });
  const draftKey = "site-" + form.dataset.site + "-checklist-" + form.dataset.template;
  let draft = null;
  let sending = false;

  function newClientId() {
    // A version-4 UUID from the browser's cryptographic random numbers.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function items() {
    return Array.from(form.querySelectorAll("[data-item]"), (card) => card.dataset.item);
  }

  function show(kind, message, links) {
    status.className = "alert alert-" + kind;
    status.textContent = message;
    (links || []).forEach((link) => {
      const a = document.createElement("a");
      a.href = link.url;
      a.textContent = link.number;
      a.className = "ms-2";
      a.dataset.testid = "inspection-case";
      status.append(a);
    });
  }

  function saveDraft() {
    return db.drafts.put(draft);
  }

  function renderPhotos(item) {
    const box = form.querySelector('[data-photos="' + item + '"]');
    box.replaceChildren();
    (draft.answers[item].photos || []).forEach((photo, index) => {
      const figure = document.createElement("div");
      figure.className = "position-relative";
      const img = document.createElement("img");
      img.src = URL.createObjectURL(photo.blob);
      img.alt = photo.name;
      img.className = "rounded border";
      img.style.height = "72px";
      img.dataset.testid = "item-photo";
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn btn-sm btn-light position-absolute top-0 end-0 py-0 px-1";
      remove.textContent = "×";
      remove.setAttribute("aria-label", texts.remove);
      remove.addEventListener("click", () => {
        draft.answers[item].photos.splice(index, 1);
        saveDraft().then(() => renderPhotos(item));
      });
      figure.append(img, remove);
      box.append(figure);
    });
  }

  function fill() {
    items().forEach((item) => {
      const answer = draft.answers[item];
      const radio = answer.outcome && form.querySelector("#outcome-" + item + "-" + answer.outcome);
      if (radio) radio.checked = true;
      form.elements["note-" + item].value = answer.note || "";
      renderPhotos(item);
    });
    form.elements.note.value = draft.note || "";
  }

  function emptyDraft() {
    const answers = {};
    items().forEach((item) => (answers[item] = { outcome: "", note: "", photos: [] }));
    return {
      key: draftKey, client_id: newClientId(), template: form.dataset.template, url: form.dataset.submitUrl,
      answers: answers, note: "", position: null, started_at: new Date().toISOString(),
    };
  }

  function locate() {
    const line = document.getElementById("inspection-position");
    // Geolocation needs a secure origin; on a plain-HTTP intranet the chosen site is the place.
    if (!window.isSecureContext || !navigator.geolocation) {
      line.textContent = line.dataset.insecureText;
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => {
        draft.position = {
          latitude: position.coords.latitude.toFixed(6), longitude: position.coords.longitude.toFixed(6),
        };
        line.textContent = line.dataset.secureText + " " + draft.position.latitude + ", " + draft.position.longitude;
        saveDraft();
      },
      () => (line.textContent = line.dataset.insecureText),
      { enableHighAccuracy: true, timeout: 15000 },
    );
  }

  form.addEventListener("change", (event) => {
    const target = event.target;
    const match = /^(outcome|note|photo)-(\d+)$/.exec(target.name || "");
    if (match) {
      const answer = draft.answers[match[2]];
      if (match[1] === "outcome") answer.outcome = target.value;
      if (match[1] === "note") answer.note = target.value;
      if (match[1] === "photo") {
        Array.from(target.files).forEach((file) => answer.photos.push({ name: file.name, blob: file }));
        target.value = "";
        renderPhotos(match[2]);
      }
    } else if (target.name === "note") {
      draft.note = target.value;
    }
    saveDraft();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (items().some((item) => !draft.answers[item].outcome)) {
      show("warning", texts.unanswered);
      return;
    }
    const record = {
      client_id: draft.client_id, url: draft.url, draftKey: draft.key,
      payload: {
        client_id: draft.client_id, template: draft.template, performed_at: draft.started_at, note: draft.note,
        latitude: draft.position ? draft.position.latitude : "", longitude: draft.position ? draft.position.longitude : "",
        results: items().map((item) => ({
          item: item, outcome: draft.answers[item].outcome, note: draft.answers[item].note,
        })),
      },
      photos: items().flatMap((item) => draft.answers[item].photos.map((photo) => ({ item: item, ...photo }))),
    };
    db.transaction("rw", db.queue, db.drafts, async () => {
      await db.queue.put(record);
      await db.drafts.delete(draft.key);
    }).then(() => {
      draft = emptyDraft();
      fill();
      return send();
    });
  });

  async function sendOne(record) {
    const body = new FormData();
    body.append("payload", JSON.stringify(record.payload));
    record.photos.forEach((photo) => body.append("photo-" + photo.item, photo.blob, photo.name));
    const response = await fetch(record.url, {
      method: "POST", body: body, headers: { "X-CSRFToken": form.dataset.csrf }, credentials: "same-origin",
      redirect: "manual",
    });
    const json = (response.headers.get("Content-Type") || "").includes("application/json");
    if (!json) return { kind: "login" };
    const answer = await response.json();
    if (response.status === 200 || response.status === 201) {
      await db.queue.delete(record.client_id);
      return { kind: "sent", answer: answer };
    }
    // Refused (bad input): back into the draft to correct; the server stored nothing.
    await db.transaction("rw", db.queue, db.drafts, async () => {
      await db.queue.delete(record.client_id);
      if (record.draftKey === draftKey) {
        draft = restore(record);
        await db.drafts.put(draft);
      }
    });
    return { kind: "refused", answer: answer };
  }

  function restore(record) {
    const answers = {};
    record.payload.results.forEach((result) => {
      answers[result.item] = {
        outcome: result.outcome, note: result.note,
        photos: record.photos.filter((photo) => photo.item === result.item).map((p) => ({ name: p.name, blob: p.blob })),
      };
    });
    return {
      key: record.draftKey, client_id: record.client_id, template: record.payload.template, url: record.url,
      answers: answers, note: record.payload.note, position: null, started_at: record.payload.performed_at,
    };
  }

  async function send() {
    if (sending) return;
    sending = true;
    try {
      const queued = await db.queue.toArray();
      for (const record of queued) {
        if (!navigator.onLine) {
          show("warning", texts.queued);
          break;
        }
        show("info", texts.sending);
        let outcome;
        try {
          outcome = await sendOne(record);
        } catch (error) {
          show("warning", texts.queued); // the network failed: the record stays queued
          break;
        }
        if (outcome.kind === "sent") {
          const cases = outcome.answer.cases;
          show("success", texts.sent + (cases.length ? " " + texts.cases : ""), cases);
        }
        if (outcome.kind === "refused") {
          fill();
          show("danger", outcome.answer.errors.join(" "));
        }
        if (outcome.kind === "login") {
          show("warning", texts.login);
          break;
        }
      }
    } finally {
      sending = false;
      await showQueue();
    }
  }

  async function showQueue() {
    const waiting = await db.queue.count();
    retry.hidden = waiting === 0;
    retry.textContent = retry.textContent.replace(/ \(\d+\)$/, "") + (waiting ? " (" + waiting + ")" : "");
  }

  retry.addEventListener("click", send);
  window.addEventListener("online", send);

  db.drafts.get(draftKey).then((stored) => {
    draft = stored || emptyDraft();
    fill();
    locate();
    return stored ? null : saveDraft();
  }).then(send);
})();
