// Prints the failed tests of a `dotnet test` run from its xUnit XML reports (scripts/test.sh, after a red run), so that
// the end of the log (all a CI summary may show) names every failure with its message and the first lines of its stack.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const unescape = (s) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#x([0-9a-f]+);/gi,
    (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, "&");
const section = (xml, tag) => {
  const m = xml.match(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`));
  return m ? unescape(m[1].replace(/^<!\[CDATA\[|\]\]>$/g, "")).trim() : "";
};

let failed = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith(".xml"))) {
  const xml = readFileSync(join(dir, file), "utf8");
  for (const m of xml.matchAll(/<test [^>]*result="Fail"[^>]*>([\s\S]*?)<\/test>/g)) {
    const name = unescape(m[0].match(/ name="([^"]*)"/)[1]);
    failed++;
    console.log(`\nFAILED ${name}`);
    const message = section(m[1], "message");
    if (message) console.log(message.split("\n").slice(0, 25).map((l) => "  " + l).join("\n"));
    const stack = section(m[1], "stack-trace");
    if (stack) console.log(stack.split("\n").slice(0, 8).map((l) => "    " + l).join("\n"));
  }
  for (const m of xml.matchAll(/<error [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/error>/g)) {
    failed++;
    console.log(`\nERROR ${unescape(m[1])}\n  ${section(m[2], "message").split("\n").slice(0, 10).join("\n  ")}`);
  }
}
console.log(failed ? `\n${failed} failed test(s), listed above (reports in ${dir}).` : `\nNo failed test in the reports of ${dir}.`);
