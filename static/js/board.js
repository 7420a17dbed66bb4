// The admin board. Each card's form moves it (a stage, "Notify the candidate",
// "Move"): choosing a stage ticks "Notify" as that stage does by default. A card
// dragged onto another column submits its own form without HR's choice, so the
// server asks whether to notify when that stage has an e-mail. After a move the
// board opens at the moved card, which takes the focus.
(function () {
  "use strict";

  document.querySelectorAll("[data-board-move]").forEach(function (form) {
    var select = form.querySelector("[data-board-stage]");
    var notify = form.querySelector("[data-board-notify]");
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      notify.checked = Boolean(option && option.dataset.notify);
    });
  });

  var dragged = null;
  document.querySelectorAll("[data-board-card]").forEach(function (card) {
    if (!card.querySelector("[data-board-move]")) {
      return;
    }
    card.draggable = true;
    card.addEventListener("dragstart", function (event) {
      dragged = card;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.boardCard);
      card.classList.add("board__card--dragging");
    });
    card.addEventListener("dragend", function () {
      card.classList.remove("board__card--dragging");
      dragged = null;
    });
  });
  document.querySelectorAll("[data-board-column]").forEach(function (column) {
    column.addEventListener("dragover", function (event) {
      if (dragged && !column.contains(dragged)) {
        event.preventDefault();
        column.classList.add("board__column--over");
      }
    });
    column.addEventListener("dragleave", function () {
      column.classList.remove("board__column--over");
    });
    column.addEventListener("drop", function (event) {
      column.classList.remove("board__column--over");
      if (!dragged || column.contains(dragged)) {
        return;
      }
      event.preventDefault();
      var form = dragged.querySelector("[data-board-move]");
      var select = form.querySelector("[data-board-stage]");
      select.value = column.dataset.boardColumn;
      if (select.value === column.dataset.boardColumn) {
        form.querySelector("[data-board-decided]").remove();
        form.submit();
      }
    });
  });

  var moved = window.location.hash.match(/^#card-\d+$/)
    ? document.querySelector(window.location.hash)
    : null;
  if (moved) {
    moved.focus();
  }
})();
