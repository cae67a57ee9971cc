import type { Metadata } from 'next';
import { hasAdminPassword } from '@/lib/auth/editor';
import { isEditorRequest } from '@/lib/auth/current-editor';
import { SIGN_IN_LINK_MINUTES } from '@/lib/auth/sign-in-link';
import { SignInForm, SignInLinkMaker, SignInWithLinkForm, SignOutButton } from '../_components/editor-forms';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const LEDE = 'Editors import and remove articles and make assignments. Reading, links and vocabulary are open to everyone.';

/** How to get a sign-in link: the terminal, the command, or an editor signed in elsewhere. */
function LinkHelp() {
  return (
    <ul>
      <li>
        When the app starts, the terminal running <code>npm start</code> prints a sign-in link. Open it in this browser.
      </li>
      <li>
        Lost it, or used or expired (a link works once, for {SIGN_IN_LINK_MINUTES} minutes)? In the app’s folder on the
        server, run <code>npm run signin-link</code> for a new one.
      </li>
      <li>Signed in on another device already? Open this page there and make a link for this browser.</li>
    </ul>
  );
}

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = typeof params.next === 'string' ? params.next : undefined;
  if (typeof params.token === 'string') {
    return (
      <>
        <h1>Sign in as an editor</h1>
        <p className="lede">This one-time link signs this browser in as an editor. {LEDE}</p>
        <SignInWithLinkForm token={params.token} next={next ?? '/import'} />
      </>
    );
  }
  if (await isEditorRequest()) {
    return (
      <>
        <div className="page-head">
          <h1>Signed in as an editor</h1>
          <SignOutButton />
        </div>
        <p className="lede">{LEDE}</p>
        <p>To sign in on another browser or device, make a one-time link here and open it there.</p>
        <SignInLinkMaker />
      </>
    );
  }
  if (hasAdminPassword()) {
    return (
      <>
        <h1>Sign in as an editor</h1>
        <p className="lede">{LEDE}</p>
        <SignInForm next={next ?? '/assignments'} />
        <p>
          A sign-in link works too: <code>npm run signin-link</code> in the app’s folder on the server prints one.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Sign in as an editor</h1>
      <p className="lede">{LEDE}</p>
      <p>This instance has no ADMIN_PASSWORD, so editors sign in with a one-time link:</p>
      <LinkHelp />
      <p>
        To sign in with a password instead (and let scripts send <code>Authorization: Bearer</code>), set ADMIN_PASSWORD
        (at least 8 characters) and restart the app.
      </p>
    </>
  );
}
