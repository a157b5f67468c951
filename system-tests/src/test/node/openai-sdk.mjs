// The official OpenAI SDK (openai@6.49.0), unchanged, against the suite: non-streamed and streamed chat
// completions and the model list, authenticated with an API key.
//   BASE_URL=http://localhost:8000 API_KEY=sk_... MODEL=jan-v2-30b node openai-sdk.mjs
import OpenAI from "openai";
import assert from "node:assert/strict";

const client = new OpenAI({ baseURL: `${process.env.BASE_URL}/v1`, apiKey: process.env.API_KEY, maxRetries: 0 });
const model = process.env.MODEL || "jan-v2-30b";

const models = await client.models.list();
const ids = models.data.map((m) => m.id);
assert.ok(ids.includes(model), `models.list() lacks ${model}: ${ids}`);
assert.equal(models.data[0].object, "model");

const completion = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: "Say hello to the SDK." }],
  max_tokens: 20,
});
assert.equal(completion.object, "chat.completion");
assert.ok(completion.id, "completion id");
assert.equal(completion.choices[0].message.role, "assistant");
assert.ok(completion.choices[0].message.content.length > 0, "non-empty content");
assert.ok(completion.usage.total_tokens > 0, "usage.total_tokens");

const stream = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: "Stream a reply to the SDK." }],
  max_tokens: 20,
  stream: true,
  stream_options: { include_usage: true },
});
let text = "", chunks = 0, usage = null;
for await (const chunk of stream) {
  chunks++;
  assert.equal(chunk.object, "chat.completion.chunk");
  text += chunk.choices[0]?.delta?.content || "";
  if (chunk.usage) usage = chunk.usage;
}
assert.ok(chunks > 2, `expected several chunks, got ${chunks}`);
assert.ok(text.length > 0, "streamed text");
assert.ok(usage && usage.total_tokens > 0, "usage chunk with include_usage");

let notFound = null;
try {
  await client.chat.completions.create({ model: "no-such-model", messages: [{ role: "user", content: "hi" }] });
} catch (e) {
  notFound = e;
}
assert.ok(notFound instanceof OpenAI.NotFoundError, `unknown model must be a 404, got ${notFound}`);

console.log(JSON.stringify({ ok: true, models: ids.length, streamed_chunks: chunks, text: completion.choices[0].message.content }));
