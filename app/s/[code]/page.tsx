import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReaderPage } from '@/app/_components/reader/reader-page';
import { getArticleBySlug } from '@/lib/articles/queries';
import { getAssignmentByCode } from '@/lib/sharing/assignments';
import { passageLabel } from '@/lib/sharing/passage';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const assignment = await getAssignmentByCode((await params).code);
  if (!assignment) return { title: 'Assignment not found' };
  return { title: `Task: ${assignment.title} ${passageLabel(assignment.passage)}`, description: assignment.task };
}

/** An assignment link: the passage, in the teacher's chosen mode, with the task above it. */
export default async function AssignmentPage({ params, searchParams }: Props) {
  const assignment = await getAssignmentByCode((await params).code);
  const article = assignment && (await getArticleBySlug(assignment.slug));
  if (!assignment || !article) notFound();
  return (
    <ReaderPage
      article={article}
      passage={assignment.passage}
      task={assignment.task}
      defaultMode={assignment.mode}
      modeFromUrl={(await searchParams).mode}
    />
  );
}
