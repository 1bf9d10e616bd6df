// The situatierapport's one action: print it (or save it as PDF from the print dialogue).
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('afdrukken')?.addEventListener('click', () => window.print());
});
