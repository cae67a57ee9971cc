import type { Metadata } from 'next';
import Link from 'next/link';
import { editingNeedsSignIn } from '@/lib/auth/editor';
import { SignInForm } from '../_components/editor-forms';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const next = (await searchParams).next;
  if (!editingNeedsSignIn()) {
    return (
      <>
        <h1>Sign in</h1>
        <p>
          This instance has no ADMIN_PASSWORD: everyone may edit. <Link href="/assignments">Assignments</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Sign in as an editor</h1>
      <p className="lede">Editors make assignments and remove articles. Reading, links and vocabulary are open to everyone.</p>
      <SignInForm next={typeof next === 'string' ? next : '/assignments'} />
    </>
  );
}
