// QR codes for share links, as SVG (sharp when projected at any size).
import QRCode from 'qrcode';

/**
 * The code holds an absolute link, whose origin comes from the request unless PUBLIC_BASE_URL is set, so
 * only the browser keeps it (`private`): a shared cache that ignores Vary, or keys by path alone, would
 * otherwise hand one client's code to everyone. Drawing it again takes a millisecond.
 */
export async function qrSvgResponse(url: string): Promise<Response> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'private, max-age=3600' } });
}
