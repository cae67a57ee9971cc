import type { Metadata } from 'next';
import Link from 'next/link';
import { isEditorRequest } from '@/lib/auth/current-editor';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage() {
  if (!(await isEditorRequest())) {
    return (
      <>
        <h1>Import an article</h1>
        <p>
          On this instance only editors import articles. <Link href="/signin?next=/import">Sign in</Link>, or ask your
          teacher.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Import an article</h1>
      <p className="lede">
        Give the address of a German article online, paste its text or choose a file (an EPUB book too), and check
        the preview. It opens side by side with its English; paragraphs are translated once by DeepL and kept, so
        reopening costs nothing, and a book&rsquo;s chapter is translated only when it is first opened.
      </p>
      <ImportForm />
    </>
  );
}
