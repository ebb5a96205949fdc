// Runs the peer tagger compromise over the `# text =` sentences of a UNER IOB2 file and prints
// its people / places / organizations as `sent_id<TAB>begin<TAB>end<TAB>type` (UTF-8 byte
// offsets), for et_evaluate --peer. Span ends come from compromise's own terms, so trailing
// punctuation is not included; leading honorifics ("President", "Dr.") are stripped, since
// UNER keeps titles outside PER spans.
//   node compromise_pud.js NODE_MODULES_DIR GOLD.iob2 > compromise.tsv
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, goldPath] = process.argv.slice(2);
const m = require(path.join(path.resolve(modules), 'compromise'));
const nlp = m.default || m;

const lines = fs.readFileSync(goldPath, 'utf8').split('\n');
let sentId = null;
const out = [];
for (const line of lines) {
  if (line.startsWith('# sent_id = ')) sentId = line.slice(12);
  if (!line.startsWith('# text = ')) continue;
  const text = line.slice(9);
  const bytes = (i) => Buffer.byteLength(text.slice(0, i), 'utf8');
  const doc = nlp(text);
  const groups = [['PER', doc.people()], ['LOC', doc.places()], ['ORG', doc.organizations()]];
  for (const [type, view] of groups) {
    for (const match of view.json({offset: true, terms: {offset: true}})) {
      let terms = match.terms;
      if (type === 'PER') {
        while (terms.length && terms[0].tags.includes('Honorific')) terms = terms.slice(1);
      }
      if (!terms.length) continue;
      const first = terms[0].offset;
      const last = terms[terms.length - 1].offset;
      out.push(`${sentId}\t${bytes(first.start)}\t${bytes(last.start + last.length)}\t${type}`);
    }
  }
}
process.stdout.write(out.join('\n') + '\n');
