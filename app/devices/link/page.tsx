import type { Metadata } from 'next';
import Link from 'next/link';
import { RedeemForm } from '../redeem-form';

export const metadata: Metadata = { title: 'Use your notes in this browser' };

/** The QR code's link lands here, the code in its #fragment; the same HTML for everyone. */
export default function LinkDevicePage() {
  return (
    <>
      <h1>Use your notes in this browser</h1>
      <p className="lede">
        On the device that has your notes, open <Link href="/devices">Your devices</Link> (in Vocabulary there) and make a code. Type it
        here, or scan its QR code: this browser then shows the same notes as that one. Notes saved in this browser until now are not
        moved over: to keep them, export them from <Link href="/vocabulary">your vocabulary</Link> first and import the file afterwards.
      </p>
      <RedeemForm />
    </>
  );
}
