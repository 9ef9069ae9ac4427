import type { Report } from "./model";
import { renderText } from "./text";
import { renderMarkdown } from "./markdown";
import { renderJsonChunks } from "./json";
import { renderSarif } from "./sarif";

export const FORMATS = ["text", "markdown", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export function renderReport(report: Report, format: Format, opts: { color?: boolean; commentLimit?: number } = {}): string {
  switch (format) {
    case "markdown":
      return renderMarkdown(report, { maxChars: opts.commentLimit });
    case "json":
      return [...renderJsonChunks(report)].join("");
    case "sarif":
      return renderSarif(report);
    default:
      return renderText(report, { color: opts.color ?? false });
  }
}

/** The report in pieces to write one after the other (the JSON report per finding; the others whole). */
export function renderReportChunks(report: Report, format: Format, opts: { color?: boolean; commentLimit?: number } = {}): Iterable<string> {
  return format === "json" ? renderJsonChunks(report) : [renderReport(report, format, opts)];
}
