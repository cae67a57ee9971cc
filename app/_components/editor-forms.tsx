'use client';
// Small editor forms: sign in (password or one-time link), sign out, make a sign-in link, delete an assignment,
// remove an article.
import { useActionState } from 'react';
import {
  createSignInLinkAction,
  deleteAssignmentAction,
  removeArticleAction,
  signInAction,
  signInWithLinkAction,
  signOutAction,
  type FormState,
  type SignInLinkState,
} from '../editor-actions';

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="button small secondary">
        Sign out
      </button>
    </form>
  );
}

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, {});
  return (
    <form action={action} className="import-form">
      <input type="hidden" name="next" value={next} />
      <label htmlFor="password">Editor password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

export function SignInWithLinkForm({ token, next }: { token: string; next: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInWithLinkAction, {});
  return (
    <form action={action} className="import-form">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="next" value={next} />
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in on this browser'}
      </button>
    </form>
  );
}

export function SignInLinkMaker() {
  const [state, action, pending] = useActionState<SignInLinkState>(createSignInLinkAction, null);
  return (
    <form action={action} className="import-form">
      <button type="submit" className="button secondary" disabled={pending}>
        Make a sign-in link for another browser
      </button>
      {state?.ok === true && (
        <p role="status">
          Open this link in the other browser, once, within {state.minutes} minutes: <output className="sign-in-link">{state.url}</output>
        </p>
      )}
      {state?.ok === false && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}

export function DeleteAssignmentButton({ code }: { code: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(deleteAssignmentAction, {});
  return (
    <form action={action} className="retry">
      <input type="hidden" name="code" value={code} />
      <button type="submit" className="button small secondary" disabled={pending}>
        Delete
      </button>
      {state.error && <span className="form-error">{state.error}</span>}
    </form>
  );
}

export function RemoveArticleButton({ slug, book = false }: { slug: string; book?: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(removeArticleAction, {});
  return (
    <form
      action={action}
      className="retry remove-article"
      onSubmit={(e) => {
        if (!confirm(`Remove this ${book ? 'book and all its chapters' : 'article'} from the library? Links to it will say it was removed.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="slug" value={slug} />
      <button type="submit" className="button small secondary" disabled={pending}>
        {book ? 'Remove this book' : 'Remove this article'}
      </button>
      {state.error && <span className="form-error">{state.error}</span>}
    </form>
  );
}
