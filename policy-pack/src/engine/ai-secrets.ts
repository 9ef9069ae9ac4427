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

/**
 * Where `kw` (lower case) occurs in `text` as a word: bounded by non-alphanumerics or the text's
 * ends, or by a case change (`openaiApiKey`, `myOpenAIKey`: camelCase names are words too).
 */
function hasWord(text: string, lower: string, kw: string): boolean {
  for (let i = lower.indexOf(kw); i !== -1; i = lower.indexOf(kw, i + 1)) {
    const j = i + kw.length;
    const before = i === 0 || !/[a-z0-9]/i.test(text[i - 1]) || (/[a-z0-9]/.test(text[i - 1]) && /[A-Z]/.test(text[i]));
    const after = j === text.length || !/[a-z]/i.test(text[j]) || (/[A-Z]/.test(text[j]) && /[a-z0-9]/.test(text[j - 1])) || (/[A-Z]/.test(text[j]) && /[A-Z]/.test(text[j - 1]) && /[a-z]/.test(text[j + 1] ?? ""));
    if (before && after) return true;
  }
  return false;
}

/** The matched keyword, or undefined. Words are matched on word and case boundaries to avoid `bRAIn` → "ai". */
export function aiProviderKeyword(resource: ResourceModel, keywords: readonly string[] = DEFAULT_AI_PROVIDER_KEYWORDS): string | undefined {
  const p = resource.properties;
  const texts: string[] = [];
  for (const k of ["name", "namePrefix", "description"]) if (typeof p[k] === "string") texts.push(p[k] as string);
  texts.push(resource.name);
  const tags = p.tags;
  if (isRecord(tags)) for (const [k, v] of Object.entries(tags)) texts.push(k, typeof v === "string" ? v : "");
  const haystack = texts.join(" ");
  const lower = haystack.toLowerCase();
  if (lower.length !== haystack.length) return keywords.find((kw) => hasWord(lower, lower, kw.toLowerCase()));
  return keywords.find((kw) => kw !== "" && hasWord(haystack, lower, kw.toLowerCase()));
}
