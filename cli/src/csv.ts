/** One parsed CSV record and the 1-based line of the file it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV: quoted fields with "" escapes and line breaks inside quotes, CRLF or LF,
 * a UTF-8 BOM ignored. Streaming-friendly enough for files of a few hundred MB.
 */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let field = '';
  let fields: string[] = [];
  let recordLine = 1;
  let quoted = false;
  let sawAny = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !sawAny)) out.push({ line: recordLine, fields });
    fields = [];
    field = '';
    sawAny = false;
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      sawAny = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      sawAny = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      sawAny = true;
    }
  }
  if (quoted) throw new CsvError(recordLine, 'a quoted field is not closed');
  if (field !== '' || fields.length || sawAny) endRecord();
  return out;
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Records as objects keyed by the (trimmed, lower-cased) header row. */
export function csvObjects(text: string): { header: string[]; rows: Array<{ line: number; values: Record<string, string> }> } {
  const [head, ...rest] = parseCsv(text);
  if (!head) return { header: [], rows: [] };
  const header = head.fields.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  return {
    header,
    rows: rest.map((r) => {
      const values: Record<string, string> = {};
      header.forEach((h, j) => (values[h] = (r.fields[j] ?? '').trim()));
      if (r.fields.length > header.length && r.fields.slice(header.length).some((f) => f.trim() !== '')) values.__extra = String(r.fields.length - header.length);
      return { line: r.line, values };
    }),
  };
}
