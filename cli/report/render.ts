import type { Report } from "./model";
import { renderText } from "./text";
import { renderMarkdown } from "./markdown";
import { renderJson } from "./json";
import { renderSarif } from "./sarif";

export const FORMATS = ["text", "markdown", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export function renderReport(report: Report, format: Format, opts: { color?: boolean; commentLimit?: number } = {}): string {
  switch (format) {
    case "markdown":
      return renderMarkdown(report, { maxChars: opts.commentLimit });
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report);
    default:
      return renderText(report, { color: opts.color ?? false });
  }
}
