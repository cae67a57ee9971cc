'use client';
// Whether this browser is signed in as an editor, asked once per page load (GET /api/session) so the
// reader's HTML stays the same for everyone: editor controls and the editor's wording appear only after
// the answer, and only when it says editor. What to fix about a failed block (the operator's message) is
// fetched then too, from GET /api/articles/{slug}, so it is never in a learner's page. Every editing
// action checks the session again on the server.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

export interface EditorSession {
  editor: boolean;
  /** The operator's message for each failed block, by block number (an editor's page only). */
  failures: ReadonlyMap<number, string>;
}

const LEARNER: EditorSession = { editor: false, failures: new Map() };

/** Exported so a test can render a component as an editor sees it. */
export const EditorContext = createContext<EditorSession>(LEARNER);

type ArticleJson = { blocks: Array<{ n: number; translation: { status: string; error?: string } }> };

/** `failed`: how many blocks failed; when a refresh changes it, an editor's messages are fetched again. */
export function EditorSessionProvider({ slug, failed, children }: { slug: string; failed: number; children: ReactNode }) {
  const [session, setSession] = useState<EditorSession>(LEARNER);
  useEffect(() => {
    let live = true;
    const ask = async (): Promise<EditorSession> => {
      const answer = await fetch('/api/session', { cache: 'no-store' });
      const { editor } = answer.ok ? ((await answer.json()) as { editor?: unknown }) : {};
      if (editor !== true) return LEARNER;
      if (failed === 0) return { editor: true, failures: new Map() };
      const article = await fetch(`/api/articles/${encodeURI(slug)}`, { cache: 'no-store' });
      const { blocks } = article.ok ? ((await article.json()) as ArticleJson) : { blocks: [] };
      return { editor: true, failures: new Map(blocks.flatMap((b) => (b.translation.error ? [[b.n, b.translation.error]] : []))) };
    };
    ask()
      .then((found) => live && setSession(found))
      .catch(() => undefined); // no answer: a learner's view, which works for everyone
    return () => {
      live = false;
    };
  }, [slug, failed]);
  return <EditorContext.Provider value={session}>{children}</EditorContext.Provider>;
}

export function useEditorSession(): EditorSession {
  return useContext(EditorContext);
}

export function useEditor(): boolean {
  return useContext(EditorContext).editor;
}

/** Shows `editor` to a signed-in editor and `learner` (the server's HTML) to everyone else. */
export function ForEditor({ editor, learner = null }: { editor: ReactNode; learner?: ReactNode }) {
  return useEditor() ? editor : learner;
}
