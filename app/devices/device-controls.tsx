'use client';
// "Use on another device": a one-time code with its QR code, and the list of the learner's devices with
// Revoke. Everything per learner comes from /api/devices, so the pages around these stay the same for all.
import { useCallback, useEffect, useState } from 'react';

interface Code {
  code: string;
  url: string;
  expiresAt: string;
  qrSvg: string;
}

interface Device {
  id: string;
  label: string;
  addedAt: string;
  lastSeenAt: string;
  current: boolean;
}

/** Tells the device list on the page that the devices changed (this browser became one). */
const CHANGED = 'nb-devices-changed';
const UNREACHABLE = 'The server could not be reached. Check the connection and try again.';
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** "today", "yesterday", "3 days ago": last seen is renewed once an hour, so no finer. */
function daysAgo(iso: string): string {
  const days = Math.floor((Date.now() - Date.parse(iso)) / 86_400_000);
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

async function errorOf(response: Response | null): Promise<string> {
  const body = (await response?.json().catch(() => null)) as { error?: string } | null;
  return body?.error ?? UNREACHABLE;
}

export function DeviceLinker() {
  const [code, setCode] = useState<Code | null>(null);
  const [expired, setExpired] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!code) return;
    const timer = window.setTimeout(() => setExpired(true), Math.max(0, Date.parse(code.expiresAt) - Date.now()));
    return () => window.clearTimeout(timer);
  }, [code]);

  async function makeCode() {
    setBusy(true);
    setError(null);
    const response = await fetch('/api/devices/code', { method: 'POST' }).catch(() => null);
    setBusy(false);
    if (!response?.ok) {
      setError(await errorOf(response));
      return;
    }
    setCode((await response.json()) as Code);
    setExpired(false);
    window.dispatchEvent(new Event(CHANGED));
  }

  return (
    <section className="device-linker" aria-labelledby="device-linker-title">
      <h2 id="device-linker-title">Use on another device</h2>
      <p className="hint">
        Your notes are kept for this browser. To have them on your phone or another computer too, make a one-time code here and scan it
        there, or open the link there and type the code. No account, no email.
      </p>
      <button type="button" className="button small" onClick={() => void makeCode()} disabled={busy}>
        {busy ? 'Making a code…' : code ? 'Make a new code' : 'Make a code'}
      </button>
      <div role="status" aria-live="polite">
        {code && !expired && (
          <div className="device-code">
            {/* eslint-disable-next-line @next/next/no-img-element -- the answer's own SVG, drawn by the qrcode package from the link */}
            <img className="device-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qrSvg)}`} alt="QR code of the link that signs another device in" width={180} height={180} />
            <div>
              <p>
                Your code: <strong className="device-code-text">{code.code}</strong>
              </p>
              <p className="hint">
                Scan the QR code with the other device, or open <output className="device-link">{new URL(code.url).origin}/devices/link</output>{' '}
                there and type the code. It works once, until {timeFormat.format(new Date(code.expiresAt))} (10 minutes).
              </p>
            </div>
          </div>
        )}
        {code && expired && <p className="form-error">This code has expired. Make a new one.</p>}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

export function DeviceList() {
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  const load = useCallback(async () => {
    const response = await fetch('/api/devices', { cache: 'no-store' }).catch(() => null);
    if (!response?.ok) {
      setError(await errorOf(response));
      return;
    }
    setError(null);
    setDevices(((await response.json()) as { devices: Device[] }).devices);
  }, []);

  useEffect(() => {
    // A change from the code maker on this page, or from another tab once it is shown again.
    const reload = () => void load();
    reload();
    window.addEventListener(CHANGED, reload);
    window.addEventListener('focus', reload);
    return () => {
      window.removeEventListener(CHANGED, reload);
      window.removeEventListener('focus', reload);
    };
  }, [load]);

  async function revoke(device: Device) {
    setError(null);
    const response = await fetch(`/api/devices/${encodeURIComponent(device.id)}`, { method: 'DELETE' }).catch(() => null);
    if (!response?.ok) {
      setError(await errorOf(response));
      return;
    }
    setRevoked(device.current ? 'This browser is signed out: its notes are no longer shown here.' : `${device.label} is signed out.`);
    await load();
  }

  return (
    <section className="device-list" aria-labelledby="device-list-title">
      <h2 id="device-list-title">Browsers with your notes</h2>
      {devices === null && !error && <p className="hint">Loading…</p>}
      {devices?.length === 0 && <p className="empty">Only this browser has your notes. Make a code above to add another device.</p>}
      {devices && devices.length > 0 && (
        <ul className="devices">
          {devices.map((d) => (
            <li key={d.id} className="device-item">
              <div>
                <strong>{d.label}</strong> {d.current && <span className="badge">This browser</span>}
                <p className="meta">
                  <span>Added {dateFormat.format(new Date(d.addedAt))}</span>
                  <span>Last seen {daysAgo(d.lastSeenAt)}</span>
                </p>
              </div>
              <button
                type="button"
                className="button small secondary"
                onClick={() => void revoke(d)}
                aria-label={`${d.current ? 'Sign out here' : 'Revoke'}: ${d.label}, added ${dateFormat.format(new Date(d.addedAt))}`}
              >
                {d.current ? 'Sign out here' : 'Revoke'}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div role="status" aria-live="polite">
        {revoked && <p>{revoked}</p>}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
