// Prints Terraform HCL files as JSON, one entry per file: node hcl2json.js FILE... > parsed.json
// Uses @cdktf/hcl2json (HashiCorp's HCL parser compiled to WebAssembly), so tests read the
// configuration the way Terraform's parser does instead of with regular expressions.
"use strict";
const fs = require("fs");
const path = require("path");
const { parse } = require("@cdktf/hcl2json");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node hcl2json.js FILE...");
    process.exit(2);
  }
  const result = {};
  for (const file of files) {
    result[path.basename(file)] = await parse(path.basename(file), fs.readFileSync(file, "utf8"));
  }
  process.stdout.write(JSON.stringify(result));
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`hcl2json: ${error.message || error}`);
  process.exit(1);
});
