// E-form enhancements. Every question works without this script: the location
// question always has a description box; the map only fills in the hidden
// latitude and longitude inputs beside it; a follow-up question on the same page
// as its answer is shown, with a note saying when it applies.
import L from "leaflet";

function initMap(container) {
  const name = container.dataset.eformMap;
  const latitude = document.getElementById(`${name}-latitude`);
  const longitude = document.getElementById(`${name}-longitude`);
  const status = document.getElementById(`${name}-map-status`);
  if (!latitude || !longitude) return;
  const chosen = latitude.value && longitude.value ? [Number(latitude.value), Number(longitude.value)] : null;
  // The server says where the council is: the middle of its wards, or a setting.
  const centre = (container.dataset.centre || "").split(",").map(Number);
  if (!chosen && (centre.length !== 2 || centre.some(Number.isNaN))) return;
  container.hidden = false;
  const map = L.map(container, { keyboard: true, attributionControl: false }).setView(chosen || centre, chosen ? 17 : 13);
  L.tileLayer(container.dataset.tileUrl, {
    maxZoom: 19,
    attribution: "&copy; OpenStreetMap contributors",
  }).addTo(map);
  L.control.attribution({ prefix: false }).addAttribution("&copy; OpenStreetMap contributors").addTo(map);
  let marker = chosen ? L.circleMarker(chosen, { radius: 10 }).addTo(map) : null;
  map.on("click", (event) => {
    const { lat, lng } = event.latlng;
    latitude.value = lat.toFixed(6);
    longitude.value = lng.toFixed(6);
    if (marker) marker.setLatLng(event.latlng);
    else marker = L.circleMarker(event.latlng, { radius: 10 }).addTo(map);
    if (status) status.textContent = "You chose a place on the map. Describe it below too, if you can.";
  });
}

document.querySelectorAll("[data-eform-map]").forEach(initMap);

// Follow-up questions and warnings revealed as the answer they depend on is chosen.
// A reveal inside a hidden reveal stays hidden (conditions can chain on one page).
function chosenValues(form, name) {
  return Array.from(form.elements)
    .filter((input) => input.name === name && !input.disabled)
    .flatMap((input) => {
      if (input.type === "radio" || input.type === "checkbox") return input.checked ? [input.value] : [];
      if (input.tagName === "SELECT") return [input.value];
      return [];
    });
}

function updateReveals(form) {
  form.querySelectorAll("[data-eform-reveal]").forEach((reveal) => {
    const wanted = JSON.parse(reveal.dataset.eformValues || "[]");
    const controller = form.querySelector(`[name="${reveal.dataset.eformReveal}"]`);
    const controllerHidden = controller && controller.closest(".govuk-radios__conditional--hidden");
    const show = !controllerHidden && chosenValues(form, reveal.dataset.eformReveal).some((v) => wanted.includes(v));
    reveal.classList.toggle("govuk-radios__conditional--hidden", !show);
  });
}

document.querySelectorAll("form").forEach((form) => {
  if (!form.querySelector("[data-eform-reveal]")) return;
  updateReveals(form);
  form.addEventListener("change", () => updateReveals(form));
});
