import { contentFiles, type ContentKey } from './contentFiles.js';
import type { Content } from './loadContent.js';

/** A sourced fact found in content, with where it is. */
export interface FactRecord {
  file: string;
  /** Path inside the file, such as services[2].offers[0].contacts[1]. */
  path: string;
  status: 'verified' | 'unverified';
  checked: string;
  source: string;
  /** A short description of the fact, for the report. */
  summary: string;
}

function isFact(value: unknown): value is { status: string; checked: string; source: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    'source' in value &&
    'checked' in value
  );
}

function summarise(value: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of ['kind', 'id', 'value', 'text']) {
    const part = value[key];
    if (typeof part === 'string') parts.push(part);
    else if (Array.isArray(part)) parts.push(`${part.length} entries`);
    else if (part && typeof part === 'object') parts.push('hours');
  }
  return parts.join(' ').slice(0, 90);
}

/** Every sourced fact in the content, found by walking each file's data. */
export function listFacts(content: Content): FactRecord[] {
  const facts: FactRecord[] = [];
  const walk = (file: string, value: unknown, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(file, item, `${path}[${index}]`));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (isFact(value)) {
      facts.push({
        file,
        path: path || '(top)',
        status: value.status === 'verified' ? 'verified' : 'unverified',
        checked: value.checked,
        source: value.source,
        summary: summarise(value as Record<string, unknown>),
      });
    }
    for (const [key, child] of Object.entries(value)) {
      walk(file, child, path ? `${path}.${key}` : key);
    }
  };
  for (const dialog of content.dialogs) walk(`dialogs/${dialog.id}.yml`, dialog, '');
  for (const [key, { path }] of Object.entries(contentFiles)) {
    walk(path, content[key as ContentKey], '');
  }
  return facts;
}

/** Every fact still marked unverified: the charity confirms each before launch. */
export function listUnverifiedFacts(content: Content): FactRecord[] {
  return listFacts(content).filter((fact) => fact.status === 'unverified');
}
