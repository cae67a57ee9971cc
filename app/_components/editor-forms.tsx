'use client';
// Small editor forms: sign in, delete an assignment, remove an article.
import { useActionState } from 'react';
import { deleteAssignmentAction, removeArticleAction, signInAction, type FormState } from '../editor-actions';

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

export function RemoveArticleButton({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(removeArticleAction, {});
  return (
    <form
      action={action}
      className="retry remove-article"
      onSubmit={(e) => {
        if (!confirm('Remove this article from the library? Links to it will say it was removed.')) e.preventDefault();
      }}
    >
      <input type="hidden" name="slug" value={slug} />
      <button type="submit" className="button small secondary" disabled={pending}>
        Remove this article
      </button>
      {state.error && <span className="form-error">{state.error}</span>}
    </form>
  );
}
