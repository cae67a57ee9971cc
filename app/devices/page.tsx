import type { Metadata } from 'next';
import Link from 'next/link';
import { DeviceLinker, DeviceList } from './device-controls';

export const metadata: Metadata = { title: 'Your devices' };

/** The same HTML for everyone: the learner's code and devices are fetched by the client. */
export default function DevicesPage() {
  return (
    <>
      <h1>Your devices</h1>
      <p className="lede">
        The browsers that show your notes. Revoke one you no longer use (a lost phone, a school computer): it is signed out at its next
        request. Have a code from another device? <Link href="/devices/link">Enter it here</Link>.
      </p>
      <DeviceLinker />
      <DeviceList />
    </>
  );
}
