import { PNG } from 'pngjs';

/** A point in the unit square, (0, 0) top left. */
type Shape = (x: number, y: number) => boolean;

/** Waymark's mark: a signpost with two arms, one pointing each way, on a small base. */
const signpost: Shape = (x, y) => {
  const pole = x >= 0.45 && x <= 0.55 && y >= 0.14 && y <= 0.84;
  const base = x >= 0.32 && x <= 0.68 && y >= 0.8 && y <= 0.88;
  // Upper arm points right: a bar with a triangular tip.
  const upperBar = x >= 0.22 && x <= 0.68 && y >= 0.2 && y <= 0.38;
  const upperTip = x > 0.68 && x <= 0.8 && Math.abs(y - 0.29) <= (0.8 - x) * 0.75;
  // Lower arm points left.
  const lowerBar = x >= 0.32 && x <= 0.78 && y >= 0.46 && y <= 0.64;
  const lowerTip = x < 0.32 && x >= 0.2 && Math.abs(y - 0.55) <= (x - 0.2) * 0.75;
  return pole || base || upperBar || upperTip || lowerBar || lowerTip;
};

/** Colour and alpha, 0–255 each. */
type Rgba = readonly [number, number, number, number];

/**
 * Draws `shape` in `ink` over `paper`, sampling each pixel 4×4 times so edges are smooth
 * (Teams scales icons down; jagged edges show).
 */
function draw(size: number, shape: Shape, ink: Rgba, paper: Rgba): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (shape(x, y)) covered += 1;
        }
      }
      const t = covered / (samples * samples);
      const offset = (py * size + px) * 4;
      for (let channel = 0; channel < 4; channel += 1) {
        const from = paper[channel] ?? 0;
        const to = ink[channel] ?? 0;
        png.data[offset + channel] = Math.round(from + (to - from) * t);
      }
    }
  }
  return PNG.sync.write(png);
}

/** Waymark's accent colour (#2F5D62), the widget's default too. */
export const ACCENT = '#2F5D62';
const accent: Rgba = [0x2f, 0x5d, 0x62, 255];
const white: Rgba = [255, 255, 255, 255];
const transparentWhite: Rgba = [255, 255, 255, 0];

/** The colour icon Teams requires: 192×192, a white signpost on the accent colour. */
export function drawColourIcon(): Buffer {
  return draw(192, signpost, white, accent);
}

/**
 * The outline icon Teams requires: 32×32, white on a transparent background (Teams tints
 * it). Edge pixels stay white and only fade in alpha, as Teams asks.
 */
export function drawOutlineIcon(): Buffer {
  return draw(32, signpost, white, transparentWhite);
}
