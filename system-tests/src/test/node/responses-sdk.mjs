// The official OpenAI SDK (openai@6.49.0), unchanged, against the suite's Responses API: create (plain,
// streamed, with instructions, with previous_response_id, with a function tool and its output), retrieve,
// inputItems.list and delete, authenticated with an API key. The local suite's model is the simulator,
// which answers "Simulated reply to: <last user message>".
//   BASE_URL=http://localhost:8000 API_KEY=sk_... MODEL=jan-v2-30b node responses-sdk.mjs
import OpenAI from "openai";
import assert from "node:assert/strict";

const client = new OpenAI({ baseURL: `${process.env.BASE_URL}/v1`, apiKey: process.env.API_KEY, maxRetries: 0 });
const model = process.env.MODEL || "jan-v2-30b";

const plain = await client.responses.create({ model, input: "Say hello to the SDK." });
assert.match(plain.id, /^resp_/);
assert.equal(plain.object, "response");
assert.equal(plain.status, "completed");
assert.equal(plain.output_text, "Simulated reply to: Say hello to the SDK.");
assert.ok(plain.usage.total_tokens > 0, "usage.total_tokens");

const instructed = await client.responses.create({
  model, instructions: "Answer in one word.", input: "Which colour is the sky?", temperature: 0.2,
  max_output_tokens: 64, metadata: { source: "sdk" },
});
assert.equal(instructed.instructions, "Answer in one word.");
assert.equal(instructed.metadata.source, "sdk");
assert.equal(instructed.output_text, "Simulated reply to: Which colour is the sky?");

const stream = await client.responses.create({ model, input: "Stream a reply.", stream: true });
const types = [];
let text = "", sequence = -1, final = null;
for await (const event of stream) {
  types.push(event.type);
  assert.equal(event.sequence_number, sequence + 1, `sequence_number after ${sequence}`);
  sequence = event.sequence_number;
  if (event.type === "response.output_text.delta") text += event.delta;
  if (event.type === "response.completed") final = event.response;
}
assert.deepEqual(types.slice(0, 4), ["response.created", "response.in_progress", "response.output_item.added",
  "response.content_part.added"]);
assert.equal(types.at(-1), "response.completed");
assert.ok(types.includes("response.output_text.done") && types.includes("response.output_item.done"), types.join());
assert.equal(text, "Simulated reply to: Stream a reply.");
assert.equal(final.output[0].content[0].text, text);

const followUp = await client.responses.create({ model, input: "And now?", previous_response_id: plain.id });
assert.equal(followUp.previous_response_id, plain.id);
assert.equal(followUp.output_text, "Simulated reply to: And now?");

const weather = {
  type: "function", name: "get_weather", description: "Weather of a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const withTool = await client.responses.create({
  model, tools: [weather],
  input: [
    { role: "user", content: "Weather in Paris?" },
    { type: "function_call", call_id: "call_sdk_1", name: "get_weather", arguments: "{\"city\":\"Paris\"}" },
    { type: "function_call_output", call_id: "call_sdk_1", output: "{\"sky\":\"clear\"}" },
  ],
});
assert.equal(withTool.status, "completed");
assert.equal(withTool.tools[0].name, "get_weather");
assert.equal(withTool.output_text, "Simulated reply to: Weather in Paris?");

const retrieved = await client.responses.retrieve(withTool.id);
assert.equal(retrieved.id, withTool.id);
assert.equal(retrieved.output_text, withTool.output_text);

const items = [];
for await (const item of client.responses.inputItems.list(withTool.id, { order: "asc" })) items.push(item);
assert.deepEqual(items.map((i) => i.type), ["message", "function_call", "function_call_output"]);
assert.equal(items[0].content[0].type, "input_text");
assert.equal(items[2].call_id, "call_sdk_1");

await client.responses.delete(withTool.id);
let gone = null;
try {
  await client.responses.retrieve(withTool.id);
} catch (e) {
  gone = e;
}
assert.ok(gone instanceof OpenAI.NotFoundError, `a deleted response must be a 404, got ${gone}`);

console.log(JSON.stringify({ ok: true, streamed_events: types.length, text: plain.output_text }));
