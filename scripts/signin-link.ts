// `npm run signin-link`: prints a one-time link that signs a browser in as an editor. `npm start` runs it
// with --start, so whoever started the app can sign in without reading anything; the link is printed here
// only, and only its hash is stored.
import { hasAdminPassword } from '../lib/auth/editor';
import { SIGN_IN_LINK_MINUTES, createSignInLink } from '../lib/auth/sign-in-link';
import { db } from '../lib/db';
import { getEnvOrThrow } from '../lib/env';
import { publicOrigin } from '../lib/http';

async function main() {
  const env = getEnvOrThrow();
  const origin = publicOrigin(new Headers(), `http://localhost:${env.PORT}`, env.PUBLIC_BASE_URL);
  if (process.argv.includes('--start') && hasAdminPassword()) {
    console.log(`Editors sign in at ${origin}/signin with ADMIN_PASSWORD (or a link from \`npm run signin-link\`).`);
    return;
  }
  const link = await createSignInLink(origin);
  console.log(
    [
      hasAdminPassword()
        ? 'Open this link to sign a browser in as an editor'
        : 'Editing (importing, removing articles, assignments) needs an editor. Open this link to sign your browser in as one',
      `(it works once, within ${SIGN_IN_LINK_MINUTES} minutes):`,
      '',
      `    ${link}`,
      '',
      'Lost it or used it up? `npm run signin-link` prints a new one.' +
        (hasAdminPassword() ? '' : ' Scripts need ADMIN_PASSWORD set and "Authorization: Bearer <ADMIN_PASSWORD>".'),
    ].join('\n'),
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
