// QR codes for share links, as SVG (sharp when projected at any size).
import QRCode from 'qrcode';

export async function qrSvgResponse(url: string): Promise<Response> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } });
}
