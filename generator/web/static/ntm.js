// Drag and drop onto the workbook area: the dropped files go into the form's file input,
// and the form is sent as if "Chọn tệp…" had been used. No other script runs on the page.
document.addEventListener("DOMContentLoaded", function () {
  var area = document.getElementById("gui-so");
  var input = document.getElementById("chon-tep");
  if (!area || !input) return;
  input.addEventListener("change", function () {
    if (input.files.length) htmx.trigger(area, "submit");
  });
  ["dragenter", "dragover"].forEach(function (name) {
    area.addEventListener(name, function (event) { event.preventDefault(); area.classList.add("keo"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    area.addEventListener(name, function (event) { event.preventDefault(); area.classList.remove("keo"); });
  });
  area.addEventListener("drop", function (event) {
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    input.files = event.dataTransfer.files;
    htmx.trigger(area, "submit");
  });
});
