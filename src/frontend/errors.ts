// A Dockerfile BuildKit would refuse: BuildKit's own wording first, then what to do about it.
import { InputError } from '../errors.js';

export class ConvertError extends InputError {
  constructor(message: string, file?: string, line?: number, readonly hint?: string) {
    super(hint ? `${message} (${hint})` : message, file, line);
    this.name = 'ConvertError';
  }
}
