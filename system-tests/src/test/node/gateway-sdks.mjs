// The gateway's other endpoints through official SDKs, unchanged: openai@6.49.0 (models.retrieve,
// embeddings.create with base64 — the SDK's default, decoded by the SDK — and float) and
// @anthropic-ai/sdk@1.10.0 (messages.create plain, streamed and with a tool; countTokens).
//   BASE_URL=http://localhost:8000 API_KEY=sk_... node gateway-sdks.mjs
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import assert from "node:assert/strict";

const openai = new OpenAI({ baseURL: `${process.env.BASE_URL}/v1`, apiKey: process.env.API_KEY, maxRetries: 0 });
const anthropic = new Anthropic({ baseURL: process.env.BASE_URL, apiKey: process.env.API_KEY, maxRetries: 0 });
const chatModel = "claude-3-5-sonnet-20241022";
const embeddingModel = "text-embedding-3-small";

// models.retrieve
const model = await openai.models.retrieve("jan-v2-30b");
assert.equal(model.id, "jan-v2-30b");
assert.equal(model.object, "model");
assert.equal(model.owned_by, "simulator");
assert.ok(model.created > 0);
await assert.rejects(openai.models.retrieve("no-such-model"), OpenAI.NotFoundError);

// embeddings.create: base64 by default (decoded by the SDK), then float
const inputs = ["The food was delicious", "The weather is nice", "The food was delicious"];
const b64 = await openai.embeddings.create({ model: embeddingModel, input: inputs });
assert.equal(b64.object, "list");
assert.equal(b64.model, embeddingModel);
assert.equal(b64.data.length, 3);
const v0 = Array.from(b64.data[0].embedding);
assert.equal(v0.length, 1536);
assert.ok(Math.abs(v0.reduce((s, x) => s + x * x, 0) - 1) < 1e-3, "unit vector");
assert.deepEqual(Array.from(b64.data[2].embedding), v0, "equal inputs, equal vectors");
assert.notDeepEqual(Array.from(b64.data[1].embedding), v0);
assert.ok(b64.usage.prompt_tokens > 0);
const floats = await openai.embeddings.create({ model: embeddingModel, input: inputs[0], encoding_format: "float" });
assert.ok(Array.isArray(floats.data[0].embedding));
floats.data[0].embedding.forEach((x, i) => assert.ok(Math.abs(x - v0[i]) < 1e-6, `float ${i}: ${x} vs ${v0[i]}`));
const short = await openai.embeddings.create({ model: embeddingModel, input: "short", dimensions: 256 });
assert.equal(short.data[0].embedding.length, 256);

// Anthropic messages.create, plain
const plain = await anthropic.messages.create({
  model: chatModel, max_tokens: 64, system: "You are brief.",
  messages: [{ role: "user", content: "Hello Claude" }],
});
assert.equal(plain.type, "message");
assert.equal(plain.role, "assistant");
assert.equal(plain.model, chatModel);
assert.equal(plain.content[0].type, "text");
assert.equal(plain.content[0].text, "Simulated reply to: Hello Claude");
assert.equal(plain.stop_reason, "end_turn");
assert.ok(plain.usage.input_tokens > 0 && plain.usage.output_tokens > 0);

// streamed: the raw events, then the SDK's own accumulation
const events = [];
for await (const event of await anthropic.messages.create({
  model: chatModel, max_tokens: 64, stream: true, messages: [{ role: "user", content: "Stream to me" }],
})) events.push(event);
const types = events.map((e) => e.type);
assert.equal(types[0], "message_start");
assert.equal(types[1], "content_block_start");
assert.ok(types.includes("content_block_delta"));
assert.deepEqual(types.slice(-3), ["content_block_stop", "message_delta", "message_stop"]);
const streamed = events.filter((e) => e.type === "content_block_delta").map((e) => e.delta.text).join("");
assert.equal(streamed, "Simulated reply to: Stream to me");
const final = await anthropic.messages.stream({
  model: chatModel, max_tokens: 64, messages: [{ role: "user", content: "Accumulate this" }],
}).finalMessage();
assert.equal(final.content[0].text, "Simulated reply to: Accumulate this");
assert.equal(final.stop_reason, "end_turn");
assert.ok(final.usage.output_tokens > 0);

// with a tool: offered, then its result sent back in a tool_result block
const tools = [{ name: "get_weather", description: "Weather of a city",
  input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } }];
const offered = await anthropic.messages.create({
  model: chatModel, max_tokens: 64, tools, tool_choice: { type: "auto" },
  messages: [{ role: "user", content: "Weather in Paris?" }],
});
assert.equal(offered.type, "message");
const answered = await anthropic.messages.create({
  model: chatModel, max_tokens: 64, tools,
  messages: [
    { role: "user", content: "Weather in Paris?" },
    { role: "assistant", content: [{ type: "tool_use", id: "toolu_01", name: "get_weather", input: { city: "Paris" } }] },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01", content: "18 C" },
      { type: "text", text: "Thanks" }] },
  ],
});
assert.equal(answered.content[0].text, "Simulated reply to: Thanks");

const count = await anthropic.messages.countTokens({ model: chatModel, messages: [{ role: "user", content: "Count me" }] });
assert.ok(count.input_tokens > 0);
await assert.rejects(anthropic.messages.create({ model: "no-such-model", max_tokens: 8,
  messages: [{ role: "user", content: "hi" }] }), Anthropic.NotFoundError);

console.log(JSON.stringify({ ok: true, events: types.length, embedding_dims: v0.length, tokens: count.input_tokens }));
