import type { Metadata } from 'next';
import { ReviewApp } from './review-app';
import './review.css';

export const metadata: Metadata = { title: 'Review' };

/** The same HTML for everyone: the learner's queue, choices and history are fetched by the client. */
export default function ReviewPage() {
  return (
    <>
      <h1>Review</h1>
      <p className="lede">
        Practise the words you saved, in the sentences you read them in. <kbd>Space</kbd> shows the answer, <kbd>1</kbd>–<kbd>4</kbd> grade it (Again,
        Hard, Good, Easy). Cards come back when you are about to forget them.
      </p>
      <ReviewApp />
    </>
  );
}
