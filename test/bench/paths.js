"use strict";
const path = require("node:path");
const ROOT = path.resolve(__dirname, "../..");
/** A module of the compiled library (`npm run build` first). */
const dist = (p) => path.join(ROOT, "dist", p);
module.exports = { ROOT, dist };
