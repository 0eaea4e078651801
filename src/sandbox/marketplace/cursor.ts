/** Opaque keyset cursors for order paging: position (updatedAtMs, id) plus the filters they belong to. */
export interface OrderCursor {
  fromMs: number;
  toMs: number;
  status: string | null;
  afterUpdatedAtMs: number;
  afterId: string;
}

export function encodeCursor(cursor: OrderCursor): string {
  const compact = [cursor.fromMs, cursor.toMs, cursor.status, cursor.afterUpdatedAtMs, cursor.afterId];
  return Buffer.from(JSON.stringify(compact), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): OrderCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 5) return undefined;
    const [fromMs, toMs, status, afterUpdatedAtMs, afterId] = value as unknown[];
    if (typeof fromMs !== 'number' || typeof toMs !== 'number' || typeof afterUpdatedAtMs !== 'number') {
      return undefined;
    }
    if (typeof afterId !== 'string' || (status !== null && typeof status !== 'string')) return undefined;
    return { fromMs, toMs, status, afterUpdatedAtMs, afterId };
  } catch {
    return undefined;
  }
}
