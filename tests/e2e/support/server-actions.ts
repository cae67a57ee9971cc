// Calls the app's Server Actions over HTTP the way the browser's router does, for tests of what a
// script (not our form) could send: ids from the build's manifest, arguments in React's reply encoding.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MANIFEST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '.next', 'server', 'server-reference-manifest.json');

/** The id `next build` gave the action `name` exported by `file` (e.g. "app/editor-actions.ts"). */
export function serverActionId(file: string, name: string): string {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { node: Record<string, { filename: string; exportedName: string }> };
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name);
  if (!found) throw new Error(`No Server Action ${name} in ${file} in ${MANIFEST}`);
  return found[0];
}

export interface ActionAnswer {
  status: number;
  headers: Headers;
  /** The raw RSC answer. */
  body: string;
  /** What the action returned (the state a form shows), when it returned. */
  result: unknown;
}

/** What the RSC answer says the action returned: row 0 points at the row holding it ("$@1"). */
function actionResult(body: string): unknown {
  const rows = new Map<string, string>();
  for (const line of body.split('\n')) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  try {
    const root = JSON.parse(rows.get('0') ?? 'null') as { a?: string } | null;
    const ref = /^\$@([0-9a-f]+)$/.exec(root?.a ?? '')?.[1];
    return ref === undefined ? undefined : JSON.parse(rows.get(ref) ?? 'null');
  } catch {
    return undefined;
  }
}

/**
 * Calls a form action of the shape `(previousState, formData)` (the useActionState forms) with
 * `fields` as the form data, posted to `pagePath` as the page's own form would be.
 */
export async function callFormAction(
  baseUrl: string,
  pagePath: string,
  action: { file: string; name: string },
  fields: Record<string, string | Blob | { blob: Blob; filename: string }>,
  headers: Record<string, string> = {},
): Promise<ActionAnswer> {
  const form = new FormData();
  // React's encoding: the FormData argument's entries prefixed "_1_", then the argument list as row 0.
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' || value instanceof Blob) form.append(`_1_${key}`, value);
    else form.append(`_1_${key}`, value.blob, value.filename);
  }
  form.append('0', JSON.stringify([{}, '$K1']));
  const res = await fetch(baseUrl + pagePath, {
    method: 'POST',
    headers: { 'next-action': serverActionId(action.file, action.name), accept: 'text/x-component', ...headers },
    body: form,
    redirect: 'manual',
  });
  const body = await res.text();
  return { status: res.status, headers: res.headers, body, result: actionResult(body) };
}
