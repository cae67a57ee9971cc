import type { Metadata } from 'next';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: 'Import' };

export default function ImportPage() {
  return (
    <>
      <h1>Import an article</h1>
      <p className="lede">
        Paste a German article or choose a text file. It opens side by side with its English; paragraphs are
        translated once by DeepL and kept, so reopening costs nothing.
      </p>
      <ImportForm />
    </>
  );
}
