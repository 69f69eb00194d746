/** Collects one object's errors and warnings while it is decoded, defaulted and validated. */
import { pushAll } from '../util/arrays';
import type { DecodeSink } from './decode';
import type { FieldError } from './fieldErrors';
import { formatPath, type FieldPath } from './fieldPath';

export interface FieldWarning {
  path: FieldPath;
  message: string;
  at?: FieldPath;
}

export class Problems implements DecodeSink {
  readonly errors: FieldError[] = [];
  readonly warnings: FieldWarning[] = [];

  add(errs: FieldError | readonly FieldError[]): void {
    if (Array.isArray(errs)) pushAll(this.errors, errs as FieldError[]);
    else this.errors.push(errs as FieldError);
  }

  warn(path: FieldPath, message: string, at?: FieldPath): void {
    this.warnings.push({ path, message, at });
  }

  /** The API server's warning under fieldValidation=Warn: `unknown field "spec.containers[0].prots"`. */
  unknownField(path: FieldPath): void {
    this.warn(path, `unknown field "${formatPath(path)}"`);
  }
}
