// The live dashboard: the server sends the whole live part as HTML on every change ("dasbor"), or a heartbeat
// ("detak") every 10 s. EventSource reconnects by itself; the page says so while it is cut.
(() => {
  'use strict';
  const isi = document.getElementById('isi');
  const sambungan = document.getElementById('sambungan');
  let diam = null;

  function awasi() {
    clearTimeout(diam);
    diam = setTimeout(() => {
      sambungan.textContent = 'Sambungan ke server Dinkes terputus. Halaman mencoba menyambung lagi; angka di bawah mungkin sudah lama.';
    }, 25000);
  }

  const aliran = new EventSource('/dinkes/aliran');
  aliran.addEventListener('dasbor', (e) => {
    isi.innerHTML = e.data;
    sambungan.textContent = '';
    awasi();
  });
  aliran.addEventListener('detak', () => {
    sambungan.textContent = '';
    awasi();
  });
  aliran.onerror = () => {
    if (aliran.readyState === EventSource.CLOSED) {
      // Refused (the session ended): reloading shows the login page.
      window.location.reload();
      return;
    }
    sambungan.textContent = 'Sambungan ke server Dinkes terputus. Halaman mencoba menyambung lagi; angka di bawah mungkin sudah lama.';
  };
  awasi();
})();
