// The person picker: an <input data-person-picker="/committee-people"> (a staff code field of
// the committee forms) offers, as one types part of a name (with or without diacritics) or a
// staff code, the matching staff of the account's scope, asked of the server; arrows, Enter
// or a click choose one and put their staff code in the field; Escape closes. The field stays
// a plain text field: without this script the code typed is sent as it is, and the server
// checks it either way. ARIA combobox pattern (WAI-ARIA Authoring Practices, "editable
// combobox with list autocomplete"); no inline script or style, as the CSP requires.
"use strict";

function personPicker(input) {
  const address = input.dataset.personPicker;
  const wrapper = document.createElement("div");
  wrapper.className = "picker";
  const list = document.createElement("ul");
  list.id = `${input.id}-list`;
  list.className = "picker-list";
  list.setAttribute("role", "listbox");
  const label = document.querySelector(`label[for="${input.id}"]`);
  if (label) {
    label.id = label.id || `${input.id}-label`;
    list.setAttribute("aria-labelledby", label.id);
  }
  list.hidden = true;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.before(wrapper);
  wrapper.append(input, list);
  const chosen = document.createElement("span");
  chosen.className = "note chosen-person";
  chosen.id = `${input.id}-chosen`;
  chosen.setAttribute("aria-live", "polite");
  wrapper.after(chosen);

  let people = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function mark(index) {
    active = index;
    list.querySelectorAll("[role=option]").forEach((item, i) => {
      item.setAttribute("aria-selected", String(i === index));
    });
    if (index >= 0) input.setAttribute("aria-activedescendant", list.children[index].id);
    else input.removeAttribute("aria-activedescendant");
  }

  function show(found) {
    people = found;
    list.replaceChildren();
    found.forEach((person, i) => {
      const item = document.createElement("li");
      item.id = `${input.id}-option-${i}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.code = person.code;
      item.textContent = person.name; // text, never markup
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = `${person.code} · ${person.unit}`;
      item.append(" ", code);
      list.append(item);
    });
    if (!found.length) {
      const none = document.createElement("li");
      none.className = "none";
      none.textContent = input.dataset.none || "—";
      list.append(none);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    mark(found.length === 1 ? 0 : -1);
  }

  async function ask(query) {
    const mine = ++asked;
    const response = await fetch(`${address}?q=${encodeURIComponent(query)}`, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (mine !== asked || !response.ok) return; // a later question, or refused: nothing shown
    show(await response.json());
  }

  function choose(person) {
    input.value = person.code;
    chosen.textContent = `${person.name} · ${person.unit}`;
    close();
  }

  input.addEventListener("input", () => {
    chosen.textContent = "";
    clearTimeout(timer);
    const query = input.value.trim();
    if (!query) {
      close();
      return;
    }
    timer = setTimeout(() => ask(query).catch(close), 250);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      if (people.length) mark((active + step + people.length) % people.length);
    } else if (event.key === "Enter") {
      event.preventDefault(); // choosing is not sending the form
      if (active >= 0) choose(people[active]);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => {
    setTimeout(() => {
      if (!wrapper.contains(document.activeElement)) close();
    }, 150);
  });
  list.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
  list.addEventListener("click", (event) => {
    const item = event.target.closest("[role=option]");
    if (item) choose(people.find((p) => p.code === item.dataset.code));
  });
}

function enhancePeople() {
  for (const input of document.querySelectorAll("input[data-person-picker]")) {
    const old = input.closest(".picker");
    if (old) {
      // a page htmx put back from its history: the picker's markup without its handlers
      old.nextElementSibling?.classList.contains("chosen-person") && old.nextElementSibling.remove();
      old.replaceWith(input);
    }
    personPicker(input);
  }
}

enhancePeople();
document.addEventListener("htmx:historyRestore", enhancePeople);
