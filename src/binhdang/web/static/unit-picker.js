// The unit picker: a <select data-unit-picker> of the units the account may see (the server
// builds it from the account's scope, as a tree) becomes a searchable list. Type part of a
// name or a code, with or without diacritics ("vinh linh" finds "Vĩnh Linh"); the matches
// show with their place in the tree; arrows, Enter or a click choose, Escape closes. The
// hidden <select> still carries the choice (the unit's code) and fires "change", so the forms
// and htmx work as before, and without this script the plain <select> works alone.
// ARIA combobox pattern (WAI-ARIA Authoring Practices, "editable combobox with list
// autocomplete"); no inline script and no framework, as the CSP and the project require.
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
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", `${select.id}-list`);
  for (const name of ["aria-invalid", "aria-describedby"]) {
    if (select.hasAttribute(name)) input.setAttribute(name, select.getAttribute(name));
  }
  if (select.dataset.hint) input.placeholder = select.dataset.hint;
  const list = document.createElement("ul");
  list.id = `${select.id}-list`;
  list.className = "picker-list";
  list.setAttribute("role", "listbox");
  if (label) {
    label.id = label.id || `${select.id}-label`;
    list.setAttribute("aria-labelledby", label.id);
    label.htmlFor = input.id;
  }
  list.hidden = true;
  select.hidden = true;
  select.tabIndex = -1;
  select.before(wrapper);
  wrapper.append(input, list, select);

  let shown = [];
  let active = -1;

  function chosenName() {
    const unit = units.find((u) => u.code === select.value);
    return unit ? unit.name : "";
  }

  function close() {
    list.hidden = true;
    list.replaceChildren(); // nothing left behind in the page htmx keeps for "back"
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function mark(index) {
    active = index;
    list.querySelectorAll("[role=option]").forEach((item, i) => {
      item.setAttribute("aria-selected", String(i === index));
    });
    if (index >= 0) {
      const item = list.children[index];
      input.setAttribute("aria-activedescendant", item.id);
      item.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open(query) {
    const words = foldText(query).split(" ").filter(Boolean);
    const all = !words.length || query === chosenName();
    shown = units.filter((u) => all || words.every((w) => u.folded.includes(w))).slice(0, MAX_SHOWN);
    list.replaceChildren();
    shown.forEach((unit, i) => {
      const item = document.createElement("li");
      item.id = `${select.id}-option-${i}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.code = unit.code;
      item.dataset.depth = String(all ? Math.min(unit.depth, 6) : 0); // indented by app.css
      item.textContent = unit.name;
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = unit.code;
      item.append(" ", code);
      list.append(item);
    });
    if (!shown.length) {
      const none = document.createElement("li");
      none.className = "none";
      none.textContent = select.dataset.none || "—";
      list.append(none);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    mark(shown.length === 1 ? 0 : -1);
  }

  function choose(unit) {
    input.value = unit.name;
    close();
    if (select.value !== unit.code) {
      select.value = unit.code;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  input.value = chosenName();
  input.addEventListener("input", () => open(input.value));
  input.addEventListener("focus", () => input.select());
  input.addEventListener("click", () => (list.hidden ? open(input.value) : close()));
  // the text typed is not a value of the form: only a chosen unit changes it
  input.addEventListener("change", (event) => event.stopPropagation());
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden) open("");
      const step = event.key === "ArrowDown" ? 1 : -1;
      if (shown.length) mark((active + step + shown.length) % shown.length);
    } else if (event.key === "Enter" && !list.hidden) {
      event.preventDefault(); // choosing is not sending the form
      if (active >= 0) choose(shown[active]);
    } else if (event.key === "Escape") {
      input.value = chosenName();
      close();
    }
  });
  input.addEventListener("blur", () => {
    // leaving the field keeps the unit chosen last, shown by its name
    setTimeout(() => {
      if (!wrapper.contains(document.activeElement)) {
        input.value = chosenName();
        close();
      }
    }, 150);
  });
  list.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
  list.addEventListener("click", (event) => {
    const item = event.target.closest("[role=option]");
    if (item) choose(units.find((u) => u.code === item.dataset.code));
  });
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
