'use client';
// "Translate again": retries an article's failed blocks now, and shows the result.
import { useActionState } from 'react';
import { retryTranslationAction, type RetryState } from './actions';

export function TranslateAgainButton({ slug, quiet = false }: { slug: string; quiet?: boolean }) {
  const [state, action, pending] = useActionState<RetryState, FormData>(retryTranslationAction, {});
  return (
    <form action={action} className="retry">
      <input type="hidden" name="slug" value={slug} />
      <button type="submit" className={quiet ? 'button small secondary' : 'button small'} disabled={pending}>
        {pending ? 'Translating…' : 'Translate again'}
      </button>
      {state.error && (
        <span className="form-error" role="status">
          {state.error}
        </span>
      )}
    </form>
  );
}
