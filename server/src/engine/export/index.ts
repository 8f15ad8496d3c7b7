/**
 * The registry of roadmap exporters by format id: each is a pure function of the analysis, the plan and its
 * evaluation (through the one `Roadmap` they all render) to the text of a file. The CLI's `strangler export` and
 * the editor's "Export Roadmap…" command both go through `exportRoadmap`.
 */
import { buildRoadmap, type ExportInput, type ExportOptions, type Roadmap } from './roadmap';
import { renderMarkdown } from './markdown';
import { renderHtml } from './html';
import { renderCsv } from './csv';
import { renderJson } from './json';
import { renderSarif } from './sarif';
import { renderRoutesJson } from './facade';
import { renderNginx } from './nginx';

export type { ExportInput, ExportOptions, Roadmap };

/**
 * Violations to keep per check when evaluating a plan for export (`evaluatePlan`'s `maxViolations`). The documents
 * show a few per check, but SARIF lists every one, so an export keeps them all up to a bound that only a
 * pathological workspace reaches.
 */
export const EXPORT_MAX_VIOLATIONS = 100_000;
export { buildRoadmap };

export interface Exporter {
  /** What a save dialog shows. */
  label: string;
  /** The file name extension, without the dot. */
  extension: string;
  mediaType: string;
  render(roadmap: Roadmap): string;
}

export const EXPORTERS = {
  markdown: { label: 'Markdown roadmap', extension: 'md', mediaType: 'text/markdown', render: renderMarkdown },
  html: { label: 'HTML roadmap (self-contained)', extension: 'html', mediaType: 'text/html', render: renderHtml },
  json: { label: 'JSON roadmap', extension: 'json', mediaType: 'application/json', render: renderJson },
  csv: { label: 'CSV of steps (tracker import)', extension: 'csv', mediaType: 'text/csv', render: renderCsv },
  sarif: { label: 'SARIF 2.1.0 (check violations)', extension: 'sarif', mediaType: 'application/sarif+json', render: renderSarif },
  'routes-json': {
    label: 'Façade routing table (JSON)',
    extension: 'json',
    mediaType: 'application/json',
    render: (roadmap) => renderRoutesJson(roadmap.facade, { workspace: roadmap.workspace, version: roadmap.tool.version, planFile: roadmap.plan.file }),
  },
  nginx: {
    label: 'Façade routing table (nginx locations)',
    extension: 'conf',
    mediaType: 'text/plain',
    render: (roadmap) => renderNginx(roadmap.facade, { workspace: roadmap.workspace, planFile: roadmap.plan.file }),
  },
} satisfies Record<string, Exporter>;

export type ExportFormat = keyof typeof EXPORTERS;
export const EXPORT_FORMATS = Object.keys(EXPORTERS) as ExportFormat[];

export function isExportFormat(id: string): id is ExportFormat {
  return Object.prototype.hasOwnProperty.call(EXPORTERS, id);
}

/** The text of one export; throws on options no format can honour (an upstream name nginx would not read). */
export function exportRoadmap(format: ExportFormat, input: ExportInput, options: ExportOptions = {}): string {
  return EXPORTERS[format].render(buildRoadmap(input, options));
}
