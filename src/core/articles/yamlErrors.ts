import type { YAMLError } from 'yaml';

/** "line N: problem" for the first error of a YAML text, N counted from 1 in that text. */
export function describeYamlError(yamlText: string, err: YAMLError): { line: number; message: string } {
  const at = err.pos[0];
  let line = 1;
  for (let i = yamlText.indexOf('\n'); i !== -1 && i < at; i = yamlText.indexOf('\n', i + 1)) line++;
  let message = err.message.split('\n')[0];
  if (err.code === 'DUPLICATE_KEY') message = `duplicate key "${/^[^:\n]*/.exec(yamlText.slice(at))?.[0].trim()}"`;
  return { line, message };
}
