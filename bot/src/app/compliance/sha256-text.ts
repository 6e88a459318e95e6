import { createHash } from 'node:crypto';

/**
 * The hex SHA-256 of a text's UTF-8 bytes: what the archive's chain hashes (`Sha256Hex` of domain/archive). The one
 * helper both sealing (db/archive) and verifying use.
 */
export const sha256Text = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
