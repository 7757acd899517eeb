// The unit picker: a <select data-unit-picker> of the units the account may see (the server
// builds it from the account's scope, as a tree) becomes a searchable list. Type part of a
// name or a code, with or without diacritics ("vinh linh" finds "Vĩnh Linh"); the matches
// show with their place in the tree; arrows, Enter or a click choose, Escape closes. The
// hidden <select> still carries the choice (the unit's code) and fires "change", so the forms
// and htmx work as before, and without this script the plain <select> works alone.
// ARIA combobox pattern (WAI-ARIA Authoring Practices, "editable combobox with list
// autocomplete", the list in picker-list.js); no inline script and no framework, as the CSP
// and the project require.
"use strict";

const MAX_SHOWN = 50;

function foldText(value) {
  return value
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function unitPicker(select) {
  const units = Array.from(select.options).map((option) => ({
    code: option.value,
    name: option.dataset.name || option.textContent.trim(),
    depth: Number(option.dataset.depth || 0),
    folded: foldText((option.dataset.name || option.textContent) + " " + option.value),
  }));
  const label = document.querySelector(`label[for="${select.id}"], label[for="${select.id}-search"]`);
  const wrapper = document.createElement("div");
  wrapper.className = "picker";
  const input = document.createElement("input");
  input.type = "text";
  input.id = `${select.id}-search`;
  input.autocomplete = "off";
  input.spellcheck = false;
  for (const name of ["aria-invalid", "aria-describedby"]) {
    if (select.hasAttribute(name)) input.setAttribute(name, select.getAttribute(name));
  }
  if (select.dataset.hint) input.placeholder = select.dataset.hint;
  const picker = pickerList(input, select.id, select.dataset.none);
  const list = picker.list;
  if (label) {
    label.id = label.id || `${select.id}-label`;
    list.setAttribute("aria-labelledby", label.id);
    label.htmlFor = input.id;
  }
  select.hidden = true;
  select.tabIndex = -1;
  select.before(wrapper);
  wrapper.append(input, list, select);

  function chosenName() {
    const unit = units.find((u) => u.code === select.value);
    return unit ? unit.name : "";
  }

  function open(query) {
    const words = foldText(query).split(" ").filter(Boolean);
    const all = !words.length || query === chosenName();
    const shown = units.filter((u) => all || words.every((w) => u.folded.includes(w)));
    picker.show(shown.slice(0, MAX_SHOWN), (unit) => unit.code,
                (unit) => (all ? Math.min(unit.depth, 6) : 0));
  }

  function choose(unit) {
    input.value = unit.name;
    picker.close();
    if (select.value !== unit.code) {
      select.value = unit.code;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  input.value = chosenName();
  input.addEventListener("input", () => open(input.value));
  input.addEventListener("focus", () => input.select());
  input.addEventListener("click", () => (list.hidden ? open(input.value) : picker.close()));
  // the text typed is not a value of the form: only a chosen unit changes it
  input.addEventListener("change", (event) => event.stopPropagation());
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden) open("");
      picker.step(event.key);
    } else if (event.key === "Enter" && !list.hidden) {
      event.preventDefault(); // choosing is not sending the form
      if (picker.active >= 0) choose(picker.items[picker.active]);
    } else if (event.key === "Escape") {
      input.value = chosenName();
      picker.close();
    }
  });
  input.addEventListener("blur", () => {
    // leaving the field keeps the unit chosen last, shown by its name
    setTimeout(() => {
      if (!wrapper.contains(document.activeElement)) {
        input.value = chosenName();
        picker.close();
      }
    }, 150);
  });
  picker.onChoose(choose);
}

function enhanceAll() {
  for (const select of document.querySelectorAll("select[data-unit-picker]")) {
    const old = select.closest(".picker");
    if (old) {
      // a page htmx put back from its history: the picker's markup without its handlers
      old.replaceWith(select);
      select.hidden = false;
    }
    unitPicker(select);
  }
}

enhanceAll();
document.addEventListener("htmx:historyRestore", enhanceAll);
