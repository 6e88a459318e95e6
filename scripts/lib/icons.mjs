// Checks the two icons Teams requires: color 192×192, outline 32×32 white on transparent.
import { PNG } from 'pngjs';

/**
 * @param {string} name file name for messages
 * @param {Buffer} bytes
 * @param {number} size expected width and height
 * @returns {{ png?: PNG, errors: string[] }}
 */
function readPng(name, bytes, size) {
  let png;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    return { errors: [`${name}: is not a readable PNG (${/** @type {Error} */ (error).message})`] };
  }
  if (png.width !== size || png.height !== size) {
    return { png, errors: [`${name}: must be ${size}×${size} pixels, is ${png.width}×${png.height}`] };
  }
  return { png, errors: [] };
}

/**
 * @param {string} name
 * @param {Buffer} bytes
 * @returns {string[]}
 */
export function checkColorIcon(name, bytes) {
  return readPng(name, bytes, 192).errors;
}

/**
 * Every pixel that is not fully transparent must be white: Teams tints the outline icon itself,
 * and any colour would show as a smudge. Anti-aliased edges are white with partial alpha.
 * @param {string} name
 * @param {Buffer} bytes
 * @returns {string[]}
 */
export function checkOutlineIcon(name, bytes) {
  const { png, errors } = readPng(name, bytes, 32);
  if (!png || errors.length) return errors;
  let transparent = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r = 0, g = 0, b = 0, a = 0] = png.data.subarray(i, i + 4);
    if (a === 0) {
      transparent++;
      continue;
    }
    // 250 rather than 255 tolerates an encoder's rounding, nothing a person would see as colour.
    if (r < 250 || g < 250 || b < 250) {
      const pixel = i / 4;
      return [
        `${name}: must be white on transparent; pixel (${pixel % 32}, ${Math.floor(pixel / 32)}) ` +
          `is rgba(${r}, ${g}, ${b}, ${a})`,
      ];
    }
  }
  if (transparent === 0) return [`${name}: must have a transparent background; no pixel is transparent`];
  return [];
}
