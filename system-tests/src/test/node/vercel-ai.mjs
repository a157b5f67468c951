// The Vercel AI SDK (ai@6 with @ai-sdk/openai@3), unchanged, against the suite: `openai("model")` speaks the
// Responses API (POST /v1/responses), whole (generateText) and streamed (streamText), with a system prompt,
// and continues a stored response by its id. The local suite's model is the simulator, which answers
// "Simulated reply to: <last user message>".
//   BASE_URL=http://localhost:8000 API_KEY=sk_... MODEL=jan-v2-30b node vercel-ai.mjs
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, streamText } from "ai";
import assert from "node:assert/strict";

const openai = createOpenAI({ baseURL: `${process.env.BASE_URL}/v1`, apiKey: process.env.API_KEY });
const model = openai(process.env.MODEL || "jan-v2-30b");

const whole = await generateText({ model, system: "Be brief.", prompt: "Say hello to the AI SDK.", maxRetries: 0 });
assert.equal(whole.text, "Simulated reply to: Say hello to the AI SDK.");
assert.equal(whole.finishReason, "stop");
assert.match(whole.response.id, /^resp_/, "the Responses API answered");
assert.ok(whole.usage.totalTokens > 0, "usage.totalTokens");

const streamed = streamText({ model, prompt: "Stream a reply.", maxRetries: 0 });
let text = "";
for await (const delta of streamed.textStream) text += delta;
assert.equal(text, "Simulated reply to: Stream a reply.");
assert.equal(await streamed.finishReason, "stop");
assert.match((await streamed.response).id, /^resp_/);

const followUp = await generateText({
  model, prompt: "And now?", maxRetries: 0,
  providerOptions: { openai: { previousResponseId: whole.response.id } },
});
assert.equal(followUp.text, "Simulated reply to: And now?");

const stored = await fetch(`${process.env.BASE_URL}/v1/responses/${followUp.response.id}`, {
  headers: { Authorization: `Bearer ${process.env.API_KEY}` },
}).then(r => r.json());
assert.equal(stored.previous_response_id, whole.response.id);
console.log("Vercel AI SDK: generateText, streamText and previousResponseId work over /v1/responses");
