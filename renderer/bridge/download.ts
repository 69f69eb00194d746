/**
 * saveFile in browser mode: the page cannot ask where to save, so the file is downloaded (an anchor
 * with a blob URL and `download`), as a browser saves anything. Checked like the Electron side.
 */
import type { Result, SavedFile, SaveFileRequest } from '../../src/api/contract';
import { validateSaveFile } from '../../src/api/validate';

/** The bytes of a checked request: text as UTF-8, base64 decoded. */
export function fileBytes(file: SaveFileRequest): BlobPart {
  if (file.encoding !== 'base64') return file.data;
  const binary = atob(file.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function downloadFile(raw: SaveFileRequest): Promise<Result<SavedFile>> {
  const checked = validateSaveFile(raw);
  if (!checked.ok) return Promise.resolve(checked);
  const file = checked.value;
  const url = URL.createObjectURL(new Blob([fileBytes(file)], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.suggestedName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled (the download holds its own reference by then).
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return Promise.resolve({ ok: true, value: { saved: true, name: file.suggestedName } });
}
