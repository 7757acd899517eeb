// The import page: while the server receives and checks a list (a large one takes a while),
// say so in the status region and keep the button from sending it twice. The text comes from
// the page (data-message), in the user's language; no inline script, as the CSP requires.
"use strict";

function showUploadStatus(form) {
  const status = document.getElementById(form.dataset.uploadStatus);
  if (status) {
    status.textContent = status.dataset.message;
    status.classList.add("busy");
  }
  for (const button of form.querySelectorAll("button[type=submit]")) {
    button.disabled = true;
  }
}

function resetUploadStatus(form) {
  const status = document.getElementById(form.dataset.uploadStatus);
  if (status) {
    status.textContent = "";
    status.classList.remove("busy");
  }
  for (const button of form.querySelectorAll("button[type=submit]")) {
    button.disabled = false;
  }
}

for (const form of document.querySelectorAll("form[data-upload-status]")) {
  form.addEventListener("submit", () => showUploadStatus(form));
  // Coming back to the page from the browser's history shows it as it was left.
  window.addEventListener("pageshow", () => resetUploadStatus(form));
}
