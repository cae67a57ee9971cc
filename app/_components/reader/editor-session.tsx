'use client';
// Whether this browser is signed in as an editor, asked once per page load (GET /api/session) so the
// reader's HTML stays the same for everyone: editor controls and the editor's wording appear only after
// the answer, and only when it says editor. Every editing action checks the session again on the server.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/** Exported so a test can render a component as an editor sees it. */
export const EditorContext = createContext(false);

export function EditorSessionProvider({ children }: { children: ReactNode }) {
  const [editor, setEditor] = useState(false);
  useEffect(() => {
    let live = true;
    fetch('/api/session', { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<{ editor?: unknown }>) : { editor: false }))
      .then((session) => live && setEditor(session.editor === true))
      .catch(() => undefined); // no answer: a learner's view, which works for everyone
    return () => {
      live = false;
    };
  }, []);
  return <EditorContext.Provider value={editor}>{children}</EditorContext.Provider>;
}

export function useEditor(): boolean {
  return useContext(EditorContext);
}

/** Shows `editor` to a signed-in editor and `learner` (the server's HTML) to everyone else. */
export function ForEditor({ editor, learner = null }: { editor: ReactNode; learner?: ReactNode }) {
  return useEditor() ? editor : learner;
}
