// The person picker: an <input data-person-picker="/committee-people"> (a staff code field of
// the committee forms) offers, as one types part of a name (with or without diacritics) or a
// staff code, the matching staff of the account's scope, asked of the server; arrows, Enter
// or a click choose one and put their staff code in the field; Escape closes. The field stays
// a plain text field: without this script the code typed is sent as it is, and the server
// checks it either way. ARIA combobox pattern (WAI-ARIA Authoring Practices, "editable
// combobox with list autocomplete", the list in picker-list.js); no inline script or style,
// as the CSP requires.
"use strict";

function personPicker(input) {
  const address = input.dataset.personPicker;
  const wrapper = document.createElement("div");
  wrapper.className = "picker";
  const picker = pickerList(input, input.id, input.dataset.none);
  const list = picker.list;
  const label = document.querySelector(`label[for="${input.id}"]`);
  if (label) {
    label.id = label.id || `${input.id}-label`;
    list.setAttribute("aria-labelledby", label.id);
  }
  input.before(wrapper);
  wrapper.append(input, list);
  const chosen = document.createElement("span");
  chosen.className = "note chosen-person";
  chosen.id = `${input.id}-chosen`;
  chosen.setAttribute("aria-live", "polite");
  wrapper.after(chosen);

  let timer = null;
  let asked = 0;

  async function ask(query) {
    const mine = ++asked;
    const response = await fetch(`${address}?q=${encodeURIComponent(query)}`, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (mine !== asked || !response.ok) return; // a later question, or refused: nothing shown
    picker.show(await response.json(), (person) => `${person.code} · ${person.unit}`);
  }

  function choose(person) {
    input.value = person.code;
    chosen.textContent = `${person.name} · ${person.unit}`;
    picker.close();
  }

  input.addEventListener("input", () => {
    chosen.textContent = "";
    clearTimeout(timer);
    const query = input.value.trim();
    if (!query) {
      picker.close();
      return;
    }
    timer = setTimeout(() => ask(query).catch(picker.close), 250);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      picker.step(event.key);
    } else if (event.key === "Enter") {
      event.preventDefault(); // choosing is not sending the form
      if (picker.active >= 0) choose(picker.items[picker.active]);
    } else if (event.key === "Escape") {
      picker.close();
    }
  });
  input.addEventListener("blur", () => {
    setTimeout(() => {
      if (!wrapper.contains(document.activeElement)) picker.close();
    }, 150);
  });
  picker.onChoose(choose);
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
