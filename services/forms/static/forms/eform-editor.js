// The e-form editor. A condition names the earlier question it depends on by its
// wording (the server stores that question's id). When an editor rewords a question,
// the conditions that named it follow, so saving never breaks them.
(function () {
  "use strict";
  var LABEL = /-value-label$/;
  var CONDITION = "input[name$='-value-condition-question']";
  var wording = new WeakMap();

  function fold(text) {
    return (text || "").trim().toLocaleLowerCase();
  }

  function isLabel(input) {
    return input instanceof HTMLInputElement && LABEL.test(input.name) && input.form;
  }

  document.addEventListener("focusin", function (event) {
    if (isLabel(event.target)) wording.set(event.target, event.target.value);
  });

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!isLabel(input) || !wording.has(input)) return;
    var before = fold(wording.get(input));
    wording.set(input, input.value);
    if (!before || before === fold(input.value)) return;
    input.form.querySelectorAll(CONDITION).forEach(function (condition) {
      if (fold(condition.value) === before) condition.value = input.value.trim();
    });
  });
})();
