/**
 * Kubernetes resource quantities, only as far as the parameters need them:
 * CPU ("250m", "0.5", "2") and memory/storage ("128Mi", "1Gi", "512M").
 */
export const CPU_PATTERN = /^(\d+(\.\d{1,3})?|\d+m)$/;
export const BYTES_PATTERN = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$/;

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};
const DECIMAL: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** CPU in millicores. */
export function cpuMillis(quantity: string): number {
  if (!CPU_PATTERN.test(quantity)) {
    throw new Error(`not a CPU quantity: ${quantity}`);
  }
  return quantity.endsWith('m')
    ? Number(quantity.slice(0, -1))
    : Math.round(Number(quantity) * 1000);
}

/** Memory or storage in bytes. */
export function bytes(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(quantity);
  if (!match || !BYTES_PATTERN.test(quantity)) {
    throw new Error(`not a memory quantity: ${quantity}`);
  }
  const [, value, unit] = match;
  const factor = unit ? BINARY[unit] ?? DECIMAL[unit] : 1;
  return Number(value) * factor;
}
