// The printable supervision notice: its print button (pages allow no inline event handler).
document.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
