"use strict";
// The floor of hook start-up: a bare node process doing the same GET with node:http, and
// exiting as soon as the answer is read (as the hook does). It sends no signature, so the
// emulator answers 401: the same round trip, without the cost of signing.
const http = require("node:http");
http
  .get(process.argv[2], (res) => {
    res.resume();
    res.on("end", () => process.exit(res.statusCode ? 0 : 1));
  })
  .on("error", () => process.exit(1));
