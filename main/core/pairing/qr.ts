/**
 * The pairing link as a QR code in SVG markup (for `PairingOffer.qrSvg`), drawn by the `qrcode`
 * package with error correction level M (about 15% of the code may be damaged) and a quiet zone.
 */
import QRCode from 'qrcode';

/** Quiet zone around the code, in modules; the QR spec asks for 4. */
export const QR_MARGIN_MODULES = 4;

/**
 * Renders `text` as a standalone `<svg …>` element (no XML prolog), black on white.
 * @throws Error from `qrcode` when the text does not fit a QR code.
 */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: QR_MARGIN_MODULES,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
