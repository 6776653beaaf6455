/**
 * A failed database operation, from either implementation: which database, where (a file
 * path or host:port, never a connection string with its password), which Store method, and
 * the driver's reason. The driver's error is kept as `cause` and its code as `code`, so
 * callers can tell a busy SQLite file (SQLITE_BUSY) or a refused connection (ECONNREFUSED)
 * from other failures without parsing messages.
 */
export class StoreError extends Error {
  /** The driver's code: SQLITE_…, a PostgreSQL SQLSTATE such as 23503, or a socket code such as ECONNREFUSED. */
  readonly code: string | undefined;

  constructor(
    readonly database: 'SQLite' | 'PostgreSQL',
    readonly where: string,
    readonly operation: string,
    readonly reason: string,
    cause: unknown,
  ) {
    super(`${database} at ${where}: ${operation} failed: ${reason}`, { cause });
    this.name = 'StoreError';
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}
