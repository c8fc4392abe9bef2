// The map picker for location questions (services/gazetteer/forms.py LocationForm).
// Progressive enhancement: without this script the resident describes the place in
// words. With it, a Leaflet map fills the hidden latitude/longitude inputs. Keyboard:
// Tab to the map, arrow keys move it, + and - zoom, then "Put the pin in the centre of
// the map"; the pin itself can be moved with the arrow keys once focused.
import * as L from "leaflet";

const NUDGE_PIXELS = 10;

function parseBounds(text) {
  const values = (text || "").split(",").map(Number);
  if (values.length !== 4 || values.some((value) => Number.isNaN(value))) return null;
  return L.latLngBounds([values[0], values[1]], [values[2], values[3]]);
}

function button(text, className) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = `govuk-button govuk-button--secondary ${className}`;
  element.textContent = text;
  return element;
}

function initMapPicker(root) {
  const latitudeInput = document.getElementById(root.dataset.latitudeInput);
  const longitudeInput = document.getElementById(root.dataset.longitudeInput);
  if (!latitudeInput || !longitudeInput) return;
  const hint = document.getElementById(root.dataset.descriptionHint);
  if (hint && hint.dataset.withMap) hint.textContent = hint.dataset.withMap;

  root.hidden = false;
  const instructions = document.createElement("p");
  instructions.className = "govuk-body";
  instructions.id = `${root.id}-instructions`;
  instructions.textContent =
    "Click or tap the map to put a pin where the place is, or drag the pin. " +
    "With a keyboard: move the map with the arrow keys, zoom with + and -, then choose " +
    "'Put the pin in the centre of the map'.";
  const canvas = document.createElement("div");
  canvas.className = "gazetteer-map__canvas";
  canvas.setAttribute("role", "region");
  canvas.setAttribute("aria-label", "Map");
  canvas.setAttribute("aria-describedby", instructions.id);
  const crosshair = document.createElement("div");
  crosshair.className = "gazetteer-map__crosshair";
  crosshair.setAttribute("aria-hidden", "true");
  const controls = document.createElement("div");
  controls.className = "govuk-button-group gazetteer-map__controls";
  const centreButton = button("Put the pin in the centre of the map", "gazetteer-map__centre");
  controls.append(centreButton);
  let locateButton = null;
  if ("geolocation" in navigator) {
    locateButton = button("Use my location", "gazetteer-map__locate");
    controls.append(locateButton);
  }
  const status = document.createElement("p");
  status.className = "govuk-body gazetteer-map__status";
  status.setAttribute("role", "status");
  const wrapper = document.createElement("div");
  wrapper.className = "gazetteer-map__wrapper";
  wrapper.append(canvas, crosshair);
  root.append(instructions, wrapper, controls, status);

  const map = L.map(canvas, { keyboard: true, zoomControl: true, scrollWheelZoom: false });
  L.tileLayer(root.dataset.tileUrl, { maxZoom: 19, attribution: root.dataset.attribution || "" }).addTo(map);
  const bounds = parseBounds(root.dataset.bounds);
  if (bounds) {
    map.fitBounds(bounds);
  } else {
    map.setView(root.dataset.centre.split(",").map(Number), 11);
  }
  const icon = L.icon({
    iconUrl: root.dataset.iconUrl,
    iconRetinaUrl: root.dataset.iconRetinaUrl,
    shadowUrl: root.dataset.shadowUrl,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    shadowSize: [41, 41],
  });
  let marker = null;
  let lookup = 0;

  function describe(latlng) {
    const request = ++lookup;
    const url = new URL(root.dataset.describeUrl, window.location.href);
    url.searchParams.set("latitude", latlng.lat.toFixed(6));
    url.searchParams.set("longitude", latlng.lng.toFixed(6));
    fetch(url, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((facts) => {
        if (!facts || request !== lookup) return;
        if (!facts.in_area) {
          status.textContent = facts.message;
        } else if (facts.nearest_address) {
          status.textContent = `Pin placed in ${facts.ward_name} ward, near ${facts.nearest_address}.`;
        } else {
          status.textContent = `Pin placed in ${facts.ward_name} ward.`;
        }
      })
      .catch(() => {});
  }

  function place(latlng, { pan = false } = {}) {
    latitudeInput.value = latlng.lat.toFixed(6);
    longitudeInput.value = latlng.lng.toFixed(6);
    if (!marker) {
      marker = L.marker(latlng, { icon, draggable: true, keyboard: true, alt: "Location pin", title: "Location pin" });
      marker.addTo(map);
      marker.on("dragend", () => place(marker.getLatLng()));
      marker.getElement().addEventListener("keydown", nudge);
    } else {
      marker.setLatLng(latlng);
    }
    if (pan) map.panTo(latlng);
    status.textContent = `Pin placed at ${latlng.lat.toFixed(5)}, ${latlng.lng.toFixed(5)}.`;
    describe(latlng);
  }

  function nudge(event) {
    const moves = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    const move = moves[event.key];
    if (!move || !marker) return;
    event.preventDefault();
    event.stopPropagation();
    const point = map.latLngToContainerPoint(marker.getLatLng());
    place(map.containerPointToLatLng(point.add(L.point(move[0] * NUDGE_PIXELS, move[1] * NUDGE_PIXELS))));
  }

  map.on("click", (event) => place(event.latlng));
  centreButton.addEventListener("click", () => place(map.getCenter()));
  if (locateButton) {
    locateButton.addEventListener("click", () => {
      status.textContent = "Finding your location…";
      navigator.geolocation.getCurrentPosition(
        (position) => {
          const latlng = L.latLng(position.coords.latitude, position.coords.longitude);
          map.setView(latlng, Math.max(map.getZoom(), 16));
          place(latlng);
        },
        () => {
          status.textContent =
            "We could not get your location. Put a pin on the map or describe where it is instead.";
        },
        { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 },
      );
    });
  }

  const lat = parseFloat(latitudeInput.value);
  const lng = parseFloat(longitudeInput.value);
  if (!Number.isNaN(lat) && !Number.isNaN(lng)) {
    place(L.latLng(lat, lng));
    map.setView([lat, lng], Math.max(map.getZoom(), 15));
  }
}

document.querySelectorAll('[data-module="map-picker"]').forEach(initMapPicker);
