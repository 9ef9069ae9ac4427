/** Recognising a secret that holds a third-party AI provider key, by its name, description or tags. */
import type { ResourceModel } from "../model/resource";
import type { ConfigProperty } from "./types";
import { isRecord } from "../model/values";

export const DEFAULT_AI_PROVIDER_KEYWORDS: readonly string[] = [
  "openai", "anthropic", "claude", "cohere", "mistral", "huggingface", "hugging-face", "hugging_face",
  "gemini", "google-ai", "vertex", "groq", "perplexity", "together-ai", "togetherai", "replicate",
  "deepseek", "xai", "grok", "voyage", "pinecone", "llm", "gpt", "fireworks", "ai21", "elevenlabs",
];

/** The setting every rule that recognises AI secrets accepts (AAG-007, AAG-015, AAG-016). */
export const AI_SECRET_KEYWORDS_SETTING: ConfigProperty = {
  type: "array",
  items: { type: "string" },
  default: DEFAULT_AI_PROVIDER_KEYWORDS,
  description: "Words in a secret's name, description or tags that mark it as an AI provider key.",
};

const keywordPatterns = new Map<string, RegExp>();

/** A keyword on token boundaries, compiled once (this runs for every secret of a stack). */
function keywordPattern(kw: string): RegExp {
  let re = keywordPatterns.get(kw);
  if (!re) {
    if (keywordPatterns.size > 1024) keywordPatterns.clear();
    re = new RegExp(`(^|[^a-z0-9])${kw.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^a-z]|$)`);
    keywordPatterns.set(kw, re);
  }
  return re;
}

/** The matched keyword, or undefined. Words are matched on token boundaries to avoid `bRAIn` → "ai". */
export function aiProviderKeyword(resource: ResourceModel, keywords: readonly string[] = DEFAULT_AI_PROVIDER_KEYWORDS): string | undefined {
  const p = resource.properties;
  const texts: string[] = [];
  for (const k of ["name", "namePrefix", "description"]) if (typeof p[k] === "string") texts.push(p[k] as string);
  texts.push(resource.name);
  const tags = p.tags;
  if (isRecord(tags)) for (const [k, v] of Object.entries(tags)) texts.push(k, typeof v === "string" ? v : "");
  const haystack = texts.join(" ").toLowerCase();
  for (const kw of keywords) {
    if (keywordPattern(kw).test(haystack)) return kw;
  }
  return undefined;
}
