/**
 * A QR code as an SVG drawn on the server (uqr: pure JavaScript, runs on Node and Workers). One path
 * of unit squares over a white square; colours are SVG attributes, not inline styles (the
 * Content-Security-Policy allows none). Medium error correction survives a slightly smudged print.
 */
import { encode } from 'uqr';

/** The dark modules as one SVG path, in module units, with the quiet zone included. */
export function qrPath(text: string) {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return { d, size };
}

export function QrCode(props: { text: string; label: string }) {
  const { d, size } = qrPath(props.text);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={props.label}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
