// Turns a drawing into the digit model's input the way MNIST digits were made: the ink's bounding
// box scaled into 20×20, placed in 28×28 with its centre of mass at the centre, grey levels in
// k/255 steps.
export const SIDE = 28;

export function drawingToPixels(source: HTMLCanvasElement): Uint8ClampedArray | null {
  const { width, height } = source;
  const ink = source.getContext('2d')!.getImageData(0, 0, width, height).data;
  let minX = width,
    minY = height,
    maxX = -1,
    maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[(y * width + x) * 4] > 32) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  if (maxX < 0) return null;
  const boxW = maxX - minX + 1;
  const boxH = maxY - minY + 1;
  const scale = 20 / Math.max(boxW, boxH);
  const small = document.createElement('canvas');
  small.width = SIDE;
  small.height = SIDE;
  const ctx = small.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  const w = boxW * scale;
  const h = boxH * scale;
  ctx.drawImage(source, minX, minY, boxW, boxH, (SIDE - w) / 2, (SIDE - h) / 2, w, h);
  const data = ctx.getImageData(0, 0, SIDE, SIDE).data;
  const grey = new Uint8ClampedArray(SIDE * SIDE);
  let mass = 0,
    cx = 0,
    cy = 0;
  for (let i = 0; i < grey.length; i++) {
    grey[i] = data[i * 4];
    mass += grey[i];
    cx += (i % SIDE) * grey[i];
    cy += Math.floor(i / SIDE) * grey[i];
  }
  const dx = Math.round(SIDE / 2 - 0.5 - cx / mass);
  const dy = Math.round(SIDE / 2 - 0.5 - cy / mass);
  const centred = new Uint8ClampedArray(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const sx = x - dx;
      const sy = y - dy;
      if (sx >= 0 && sx < SIDE && sy >= 0 && sy < SIDE) centred[y * SIDE + x] = grey[sy * SIDE + sx];
    }
  }
  return centred;
}

/** The model input: grey levels as floats in [0, 1]. */
export const pixelsToInput = (grey: ArrayLike<number>) => Float32Array.from(grey, (v) => v / 255);
