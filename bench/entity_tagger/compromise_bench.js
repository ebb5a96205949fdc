// Throughput of the peer tagger compromise on the same corpus as bench_entity_tagger: people,
// places and organizations of each document (documents separated by form feeds); words are
// whitespace-separated strings, counted the same way as the C++ benchmark. Best of N runs.
//   node compromise_bench.js NODE_MODULES_DIR CORPUS [runs]
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, corpus, runsArg] = process.argv.slice(2);
const m = require(path.join(path.resolve(modules), 'compromise'));
const nlp = m.default || m;
const text = fs.readFileSync(corpus, 'utf8');
const docs = text.split('\f');
const words = text.split(/[ \n\t\r\f]+/).filter((w) => w.length > 0).length;
const runs = Number(runsArg || 1);
let best = Infinity;
let bestCpu = Infinity;
let entities = 0;
for (let r = 0; r < runs; ++r) {
  entities = 0;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const d of docs) {
    const doc = nlp(d);
    entities += doc.people().length + doc.places().length + doc.organizations().length;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  best = Math.min(best, s);
  const c = process.cpuUsage(c0);
  bestCpu = Math.min(bestCpu, (c.user + c.system) / 1e6);
}
const bytes = Buffer.byteLength(text, 'utf8');
// CPU time includes V8's garbage-collector threads, so it can exceed wall time.
console.log(`compromise\t${bytes} bytes\t${words} words\t${entities} entities\twall ${best.toFixed(3)} s\t${Math.round(words / best)} words/s\tcpu ${bestCpu.toFixed(3)} s\t${Math.round(words / bestCpu)} words/cpu-s`);
