// The list of choices the pickers share (unit-picker.js, person-picker.js): a listbox under a
// text field that becomes its combobox, the options (a name, then a grey detail such as the
// code), the option marked by the arrow keys, the "nothing found" line, and a click choosing.
// ARIA combobox pattern (WAI-ARIA Authoring Practices, "editable combobox with list
// autocomplete"); options are built as text, never markup; no inline script or style (CSP).
// Loaded before the pickers (base.html): its one function is theirs to call.
"use strict";

function pickerList(input, idBase, noneText) {
  const list = document.createElement("ul");
  list.id = `${idBase}-list`;
  list.className = "picker-list";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  const picker = { list, items: [], active: -1 };

  picker.close = () => {
    list.hidden = true;
    list.replaceChildren(); // nothing left behind in the page htmx keeps for "back"
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    picker.active = -1;
  };

  picker.mark = (index) => {
    picker.active = index;
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
  };

  // the arrow keys move the mark round the options shown
  picker.step = (key) => {
    const count = picker.items.length;
    if (count) picker.mark((picker.active + (key === "ArrowDown" ? 1 : -1) + count) % count);
  };

  // items: {code, name}; detail(item) is the grey text after the name, depth(item) the indent
  picker.show = (items, detail, depth = () => 0) => {
    picker.items = items;
    list.replaceChildren();
    items.forEach((entry, i) => {
      const item = document.createElement("li");
      item.id = `${idBase}-option-${i}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.code = entry.code;
      item.dataset.depth = String(depth(entry)); // indented by app.css
      item.textContent = entry.name;
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = detail(entry);
      item.append(" ", code);
      list.append(item);
    });
    if (!items.length) {
      const none = document.createElement("li");
      none.className = "none";
      none.textContent = noneText || "—";
      list.append(none);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    picker.mark(items.length === 1 ? 0 : -1);
  };

  picker.onChoose = (choose) => {
    list.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
    list.addEventListener("click", (event) => {
      const item = event.target.closest("[role=option]");
      if (item) choose(picker.items.find((entry) => entry.code === item.dataset.code));
    });
  };

  return picker;
}
