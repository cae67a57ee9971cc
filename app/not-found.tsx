import Link from 'next/link';

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no article at this address. It may have been removed, or the link is mistyped.{' '}
        <Link href="/">Back to the library</Link>.
      </p>
    </>
  );
}
