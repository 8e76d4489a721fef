import type { JsonValue } from '../api/formats/common';
import { convertTemplates, hasTemplates, templatedJson } from './source-templates';
import type { TemplateDialect } from './source-templates';

export interface ConvertedBody {
  /** Absent: no body. */
  body?: JsonValue;
  /** Headers to add (a text body without a content type gets `text/plain`). */
  headers: Record<string, string>;
  /** Template expressions left out. */
  dropped: string[];
  /** A caveat worth a note. */
  note?: string;
}

const JSON_TYPE = /[/+]json\b/i;

/**
 * A response body given as text (Mockoon `body`, WireMock `body`, a body file) as flowbench
 * serves it: JSON when the content type says so or the text parses, else text with its type.
 */
export function bodyFromText(text: string, contentType: string | undefined, dialect: TemplateDialect): ConvertedBody {
  if (text === '') return { headers: {}, dropped: [] };
  const jsonLike = contentType !== undefined ? JSON_TYPE.test(contentType) : /^\s*[[{]/.test(text);
  if (hasTemplates(text)) {
    if (jsonLike) {
      const parsed = templatedJson(text, dialect);
      if (parsed !== null) return { body: parsed.value, headers: {}, dropped: parsed.dropped };
    }
    const converted = convertTemplates(text, dialect);
    return textBody(converted.text, contentType, converted.dropped);
  }
  if (jsonLike || contentType === undefined) {
    try {
      return { body: JSON.parse(text) as JsonValue, headers: {}, dropped: [] };
    } catch {
      if (contentType !== undefined) {
        return { body: text, headers: {}, dropped: [], note: `the body is not valid JSON although its content type is ${contentType}: it is served as a JSON string` };
      }
    }
  }
  return textBody(text, contentType, []);
}

function textBody(text: string, contentType: string | undefined, dropped: string[]): ConvertedBody {
  return { body: text, headers: contentType === undefined ? { 'content-type': 'text/plain; charset=utf-8' } : {}, dropped };
}

/** The content type among headers, whatever the case of its name. */
export function contentTypeOf(headers: Readonly<Record<string, string>>): string | undefined {
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === 'content-type') return value;
  return undefined;
}
