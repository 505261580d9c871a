// huanxin portal: drag and drop onto the upload form, and upload progress.
// The page works without this file: the form posts to /submit as usual.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("upload");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var input = document.getElementById("file");
  var drop = document.getElementById("drop");
  var progress = document.getElementById("progress");
  var status = document.getElementById("upload-status");

  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      status.textContent = "已选择 " + input.files[0].name;
    }
  });

  form.addEventListener("submit", function (event) {
    if (!input.files.length) return;
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("data-api"));
    request.setRequestHeader("X-CSRF-Token", form.elements.csrf.value);
    progress.hidden = false;
    progress.value = 0;
    status.textContent = "正在上传… Uploading…";
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) progress.value = Math.round(100 * e.loaded / e.total);
    });
    request.addEventListener("load", function () {
      var answer = null;
      try { answer = JSON.parse(request.responseText); } catch (ignored) {}
      if (request.status === 201 && answer && answer.versionId) {
        window.location.href = "/receipt?id=" + answer.versionId;
      } else if (request.status === 201 && answer) {
        status.textContent = answer.message;
      } else {
        status.textContent = (answer && answer.message) || ("上传失败 Upload failed (" + request.status + ")");
      }
    });
    request.addEventListener("error", function () { status.textContent = "网络错误，请重试。 Network error."; });
    request.send(new FormData(form));
  });
});
