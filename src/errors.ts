// Errors a user can act on: the CLI prints them (no stack) and exits 2.

export class InputError extends Error {
  constructor(message: string, readonly file?: string, readonly line?: number, readonly column?: number) {
    super(message);
    this.name = 'InputError';
  }

  /** `file:line:col: message`, as compilers print it. */
  format(): string {
    if (!this.file) return this.message;
    const where = this.line ? `${this.file}:${this.line}${this.column ? ':' + this.column : ''}` : this.file;
    return `${where}: ${this.message}`;
  }
}
