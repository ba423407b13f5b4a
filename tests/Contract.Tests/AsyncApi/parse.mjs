// Reads docs/asyncapi.yaml with the AsyncAPI project's own parser (@asyncapi/parser, npm) and prints its diagnostics
// as JSON, so the contract tests see the document as an independent client author's tools see it.
// The parser does not check 3.0 payload schemas nor examples; this script does, with Ajv's JSON Schema 2020-12
// validator (a dependency of the parser), for every message whose payload declares that dialect.
//
// Usage: node parse.mjs <folder holding node_modules/@asyncapi/parser> <asyncapi.yaml>
// Output: {"parser":"3.6.3","diagnostics":[{"severity":"error|warning|info|hint","code","message","path"}],
//          "messages":N,"examples":N}. Exit 0 whenever it could run (the test judges the diagnostics), 2 on a usage error.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const JsonSchema2020 = 'application/schema+json;version=draft-2020-12';
const severities = ['error', 'warning', 'info', 'hint'];

const [, , installFolder, documentPath] = process.argv;
if (!installFolder || !documentPath) {
  console.error('usage: node parse.mjs <install folder> <asyncapi.yaml>');
  process.exit(2);
}

// Resolve everything from the parser's own install, so the versions are the ones it was tested with.
const requireFromParser = createRequire(join(installFolder, 'node_modules', '@asyncapi', 'parser', 'package.json'));
const { Parser } = requireFromParser('@asyncapi/parser');
const parserVersion = requireFromParser('./package.json').version;
const Ajv2020 = requireFromParser('ajv/dist/2020').default;
const addFormats = requireFromParser('ajv-formats').default;

const diagnostics = [];
const report = (severity, code, message, path) => diagnostics.push({ severity, code, message, path: path.join('.') });

// The dialect the document declares: parsing keeps the schema as it is, validation compiles it below.
const parser = new Parser({
  schemaParsers: [{
    validate: async () => [],
    parse: async input => input.data,
    getMimeTypes: () => [JsonSchema2020, 'application/schema+yaml;version=draft-2020-12'],
  }],
});

const { document, diagnostics: parserDiagnostics } = await parser.parse(readFileSync(documentPath, 'utf8'), { source: documentPath });
for (const d of parserDiagnostics) {
  report(severities[d.severity] ?? String(d.severity), d.code, d.message, d.path);
}

let messages = 0;
let examples = 0;
if (document) {
  // Strict: an unknown keyword (a typo, or one of another dialect) is an error. Not strictTypes: that is Ajv's style
  // rule (an allOf branch with properties but no type), not a rule of JSON Schema.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  addFormats(ajv);
  // The parser names anonymous schemas with x-parser-* members; the document's own extensions are x- too.
  const extensions = new Set();
  const collect = node => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-')) extensions.add(key);
        collect(value);
      }
    }
  };

  for (const message of document.allMessages().all()) {
    messages++;
    const id = message.id();
    const path = ['components', 'messages', id];
    const raw = message.json();
    const format = raw.payload?.schemaFormat;
    if (format !== JsonSchema2020) {
      report('error', 'kiosk-payload-dialect', `payload of ${id} declares schemaFormat ${format ?? '(none: draft-07 AsyncAPI Schema)'}, not ${JsonSchema2020}`, [...path, 'payload']);
      continue;
    }

    const schema = JSON.parse(JSON.stringify(raw.payload.schema));
    collect(schema);
    for (const keyword of extensions) {
      if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword });
    }

    let validate;
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      report('error', 'kiosk-payload-schema', `payload schema of ${id} is not valid JSON Schema 2020-12: ${error.message}`, [...path, 'payload', 'schema']);
      continue;
    }

    for (const [index, example] of message.examples().all().entries()) {
      examples++;
      if (!example.hasPayload()) continue;
      if (!validate(example.payload())) {
        const detail = validate.errors.map(e => `${e.instancePath || '/'} ${e.message}`).join('; ');
        report('error', 'kiosk-example', `example ${example.name() ?? index} of ${id} does not follow its payload schema: ${detail}`, [...path, 'examples', String(index)]);
      }
    }
  }
}

console.log(JSON.stringify({ parser: parserVersion, diagnostics, messages, examples }));
