// Small progressive enhancements; the pages work without them.
document.addEventListener("change", function (event) {
  if (event.target.matches("select.js-autosubmit")) {
    event.target.form.submit();
  }
});

// The programme form: the element list offers only the chosen dimension's elements, whose
// group carries the dimension's name. Without this script every element is offered and the
// server refuses a mismatch.
function filterElements(dimensionSelect) {
  var form = dimensionSelect.form;
  var elementSelect = form && form.querySelector("select[name=element]");
  if (!elementSelect) {
    return;
  }
  var chosen = dimensionSelect.selectedIndex > 0
    ? dimensionSelect.options[dimensionSelect.selectedIndex].text
    : null;
  elementSelect.querySelectorAll("optgroup").forEach(function (group) {
    var offered = chosen === null || group.label === chosen;
    group.hidden = !offered;
    group.disabled = !offered;
  });
  var selected = elementSelect.options[elementSelect.selectedIndex];
  if (selected && selected.parentElement.tagName === "OPTGROUP" && selected.parentElement.disabled) {
    elementSelect.value = "";
  }
}

document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-filters-elements]")) {
    filterElements(event.target);
  }
});

function filterAllElements(root) {
  root.querySelectorAll("select[data-filters-elements]").forEach(filterElements);
}
document.addEventListener("DOMContentLoaded", function () { filterAllElements(document); });
document.addEventListener("htmx:load", function (event) { filterAllElements(event.target); });
