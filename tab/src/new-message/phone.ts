import { checkPhoneShape, looksLikePhone } from '@bridgeline/shared/phone';

export { looksLikePhone };

/** The typed number in international form when it passes the shared rule (the server's too), else null. */
export function normalisePhone(input: string): string | null {
  const shape = checkPhoneShape(input);
  return shape.ok ? shape.international : null;
}

/** Why the shared rule refuses the typed number, or null when it passes. */
export function phoneShapeProblem(input: string): string | null {
  const shape = checkPhoneShape(input);
  return shape.ok ? null : shape.reason;
}
