// Progressive enhancement only: every page works without this script.
import { initAll } from "govuk-frontend";

import { initAllFeedback } from "./feedback.js";

initAll();
initAllFeedback();
