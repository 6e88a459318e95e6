import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckpointSigner } from '../ports/index.js';

/**
 * The Ed25519 key that signs the archive's checkpoints. In production it is ARCHIVE_SIGNING_KEY (PEM or JWK, from Key
 * Vault); elsewhere one is generated on first start and kept beside the embedded database, so checkpoints signed
 * yesterday still verify today. A process without a data directory (tests) signs with a key of its own.
 */
export function loadCheckpointSigner(options: {
  signingKey: string | null;
  dataDir: string | null;
}): CheckpointSigner {
  if (options.signingKey) return signerOf(parsePrivateKey(options.signingKey));
  if (options.dataDir === null) return signerOf(generateKeyPairSync('ed25519').privateKey);
  const file = join(options.dataDir, 'archive-signing-key.pem');
  try {
    return signerOf(parsePrivateKey(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = generateKeyPairSync('ed25519').privateKey;
  mkdirSync(options.dataDir, { recursive: true });
  // `wx`: two processes starting at once never overwrite each other's key; the loser reads the winner's.
  try {
    writeFileSync(file, key.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return signerOf(parsePrivateKey(readFileSync(file, 'utf8')));
  }
  return signerOf(key);
}

/** The key as PEM (real or escaped newlines, as a Key Vault reference may give it) or JWK; config.ts checked it. */
function parsePrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('{')
    ? createPrivateKey({ key: JSON.parse(trimmed) as JsonWebKey, format: 'jwk' })
    : createPrivateKey(trimmed.replace(/\\n/g, '\n'));
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`the archive signing key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
}

function signerOf(privateKey: KeyObject): CheckpointSigner {
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    keyId: createHash('sha256').update(der).digest('hex').slice(0, 16),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
    verify: (text, signature) =>
      verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64')),
  };
}
