// Copies GOV.UK Frontend's fonts and images into the build folder that whitenoise serves.
import { cpSync, mkdirSync } from "node:fs";

mkdirSync("frontend/build", { recursive: true });
cpSync("node_modules/govuk-frontend/dist/govuk/assets", "frontend/build/assets", { recursive: true });
cpSync("node_modules/leaflet/dist/images", "frontend/build/assets/leaflet", { recursive: true });
// Leaflet's CSS, bundled into css/main.css and css/casework.css, refers to "images/..." beside it.
cpSync("node_modules/leaflet/dist/images", "frontend/build/css/images", { recursive: true });
