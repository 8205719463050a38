// Copies the config-file schema from the repository (../../schemas/config.schema.json)
// into the extension so that the `tomlValidation` contribution can point at a file that
// is inside the packaged .vsix. If the repository has no schema yet, a minimal one that
// describes the documented keys of policy-lsp.toml is written instead.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, '..', '..', '..', 'schemas', 'config.schema.json');
const dstDir = join(here, '..', 'schemas');
const dst = join(dstDir, 'config.schema.json');
mkdirSync(dstDir, { recursive: true });
if (existsSync(src)) {
  copyFileSync(src, dst);
} else {
  const severity = { type: 'string', enum: ['off', 'hint', 'info', 'warning', 'error'] };
  const kind = { type: 'string', enum: ['identity', 'trust', 'resource', 'kms-key', 's3-bucket', 'scp'] };
  writeFileSync(dst, JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'policy-lsp.toml',
    type: 'object',
    properties: {
      rules: { type: 'object', description: 'Severity by rule id.', additionalProperties: severity },
      notes: { type: 'object', properties: { paths: { type: 'array', items: { type: 'string' } } } },
      catalog: { type: 'object', properties: { path: { type: 'string' } } },
      kinds: { type: 'object', description: 'Document kind by glob.', additionalProperties: kind },
    },
  }, null, 2) + '\n');
}
