// Small progressive enhancements; the pages work without them.
document.addEventListener("change", function (event) {
  if (event.target.matches("select.js-autosubmit")) {
    event.target.form.submit();
  }
});
