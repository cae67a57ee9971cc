// Reached only when an assignment goes away between proxy.ts's check and the render (see app/not-found.tsx).
export { default } from '@/app/_components/not-found/assignment-not-found';
