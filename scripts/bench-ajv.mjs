// Times ajv on the benchmark schema and payload, from bytes to verdict
// (JSON.parse and validate), as BenchmarkValidate does for triggerkit.
// Run by scripts/bench-validate, which installs ajv in a temporary folder.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.AJV_DIR + "/");
const Ajv = require("ajv");
const addFormats = require("ajv-formats");

const [schemaPath, payloadPath] = process.argv.slice(2);
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const decimal = /^-?[0-9]+(\.[0-9]+)?$/;
ajv.addFormat("number", decimal);
ajv.addFormat("DECIMAL_VALUE", decimal);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const payload = readFileSync(payloadPath, "utf8");
if (!validate(JSON.parse(payload))) throw new Error(JSON.stringify(validate.errors));

const run = (n) => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    if (!validate(JSON.parse(payload))) throw new Error("invalid");
  }
  return Number(process.hrtime.bigint() - start) / n;
};
run(200000); // warm up the JIT
const samples = [1, 2, 3].map(() => run(500000)).sort((a, b) => a - b);
console.log(`ajv ${samples[1].toFixed(1)} ns/op`);
