import Link from 'next/link';

export default function AssignmentNotFound() {
  return (
    <>
      <h1>Assignment not found</h1>
      <p>
        This assignment link does not exist, or your teacher deleted it. Check the link, or{' '}
        <Link href="/">browse the library</Link>.
      </p>
    </>
  );
}
