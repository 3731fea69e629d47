/**
 * Kubernetes quantities as the API reports them in HPA status ("250m", "91Mi",
 * "104857600", "1.5", "2k"). Lenient, unlike the parameter schema's parsers:
 * a value we cannot read is shown as-is rather than thrown on.
 */
const SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

export function parseQuantity(
  quantity: string | number | undefined,
): number | undefined {
  if (quantity === undefined) return undefined;
  if (typeof quantity === 'number') return quantity;
  const match = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(
    quantity.trim(),
  );
  if (!match) return undefined;
  const factor = SUFFIXES[match[2]];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}
