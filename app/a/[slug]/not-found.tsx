// Reached only when an article goes away between proxy.ts's check and the render (see app/not-found.tsx).
export { default } from '@/app/_components/not-found/article-not-found';
