"use strict";
// A process that only loads undici's client and does the GET (the reference point).
const { request } = require("undici");
request(process.argv[2]).then(
  async (r) => {
    await r.body.text();
    process.exit(0);
  },
  () => process.exit(1),
);
