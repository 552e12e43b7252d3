// The patrol report's page: the phone's position fills longitude and latitude when the browser gives
// one (geolocation needs a secure origin; on plain HTTP the officer names the site or division instead).
(function () {
  "use strict";
  const longitude = document.getElementById("id_longitude");
  const latitude = document.getElementById("id_latitude");
  if (!longitude || !latitude || !window.isSecureContext || !navigator.geolocation) return;
  navigator.geolocation.getCurrentPosition((position) => {
    if (!longitude.value && !latitude.value) {
      longitude.value = position.coords.longitude.toFixed(6);
      latitude.value = position.coords.latitude.toFixed(6);
    }
  });
})();
