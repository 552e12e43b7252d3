// A printable official document (督办单, 通报, briefings): its print button (pages allow no inline event handler).
document.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
