// The case page's map in the admin: Leaflet over the page's static fallback (the
// coordinates and a link), which stays for anyone without JavaScript.
import L from "leaflet";

for (const element of document.querySelectorAll("[data-case-map]")) {
  const latitude = Number(element.dataset.latitude);
  const longitude = Number(element.dataset.longitude);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
  const canvas = document.createElement("div");
  canvas.className = "casework-map__canvas";
  canvas.setAttribute("role", "region");
  canvas.setAttribute("aria-label", `Map of the location of case ${element.dataset.label}`);
  element.prepend(canvas);
  const map = L.map(canvas, { scrollWheelZoom: false, keyboard: false }).setView([latitude, longitude], 17);
  L.tileLayer(element.dataset.tiles || "https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19,
    attribution: "&copy; OpenStreetMap contributors",
  }).addTo(map);
  L.circleMarker([latitude, longitude], { radius: 10, color: "#d4351c", weight: 3 }).addTo(map);
}
