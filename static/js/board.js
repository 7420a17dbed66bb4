// The admin board: a card dragged onto another column submits the card's own
// form (the same as choosing the stage and pressing "Move"), so the board keeps
// working without JavaScript and the server decides everything.
(function () {
  "use strict";

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
      var select = form.querySelector("select[name=stage]");
      select.value = column.dataset.boardColumn;
      if (select.value === column.dataset.boardColumn) {
        form.submit();
      }
    });
  });
})();
