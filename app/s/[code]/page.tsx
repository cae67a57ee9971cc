import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReaderPage } from '@/app/_components/reader/reader-page';
import { getArticleBySlug } from '@/lib/articles/queries';
import { isFinal, tagPage } from '@/lib/cache/pages';
import { getAssignmentByCode } from '@/lib/sharing/assignments';
import { passageLabel } from '@/lib/sharing/passage';

/** Rendered when first asked for and kept in Next's cache once final (lib/cache/pages.ts). */
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const assignment = await getAssignmentByCode((await params).code);
  if (!assignment) return { title: 'Assignment not found' };
  return { title: `Task: ${assignment.title} ${passageLabel(assignment.passage)}`, description: assignment.task };
}

/** An assignment link: the passage, in the teacher's chosen mode, with the task above it. */
export default async function AssignmentPage({ params }: Props) {
  const { code } = await params;
  const assignment = await getAssignmentByCode(code);
  const article = assignment && (await getArticleBySlug(assignment.slug));
  if (!assignment || !article) notFound();
  await tagPage({ assignment: code, article: article.slug }, { final: isFinal(article) });
  return <ReaderPage article={article} passage={assignment.passage} task={assignment.task} defaultMode={assignment.mode} />;
}
