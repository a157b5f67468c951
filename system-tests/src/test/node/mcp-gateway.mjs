// The official MCP TypeScript SDK (@modelcontextprotocol/sdk@1.32.2) as a client of the suite's MCP gateway,
// through the ingress, with an API key: the built-in tools are listed under the user's settings, the
// caller's own conversations are searched, web_fetch refuses a link-local address, an unknown tool is a
// JSON-RPC error.
//   BASE_URL=http://localhost:8000 API_KEY=sk_... node mcp-gateway.mjs
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import assert from "node:assert/strict";

const base = process.env.BASE_URL;
const headers = { Authorization: `Bearer ${process.env.API_KEY}`, "Content-Type": "application/json" };
const rest = (method, path, body) => fetch(`${base}${path}`, { method, headers, body: body && JSON.stringify(body) })
  .then(async r => { assert.ok(r.ok, `${method} ${path}: ${r.status} ${await r.clone().text()}`); return r.json(); });

async function connect() {
  const transport = new StreamableHTTPClientTransport(new URL(`${base}/v1/mcp`),
    { requestInit: { headers: { Authorization: headers.Authorization } } });
  const client = new Client({ name: "jansuite-system-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

const word = `zebu${Date.now()}`;
const conversation = await rest("POST", "/v1/conversations", { title: "gateway" });
await rest("POST", `/v1/conversations/${conversation.data.id}/items`, { role: "user", content: `about the ${word}` });

let client = await connect();
await client.ping();
let names = (await client.listTools()).tools.map(t => t.name);
assert.ok(names.includes("jan__conversation_search"), names.join());
assert.ok(!names.includes("jan__web_fetch"), "web_search_enabled is off by default");

const found = await client.callTool({ name: "jan__conversation_search", arguments: { query: word } });
assert.ok(!found.isError, JSON.stringify(found));
const hits = JSON.parse(found.content[0].text);
assert.equal(hits.length, 1);
assert.equal(hits[0].conversation_id, conversation.data.id);

await assert.rejects(client.callTool({ name: "nobody__nothing", arguments: {} }), e => e.code === -32602);
await client.close();

await rest("PATCH", "/v1/users/me/settings", { advanced_settings: { web_search_enabled: true } });
client = await connect();
names = (await client.listTools()).tools.map(t => t.name);
assert.ok(names.includes("jan__web_fetch"), names.join());
const refused = await client.callTool({ name: "jan__web_fetch", arguments: { url: "http://169.254.169.254/latest" } });
assert.equal(refused.isError, true);
assert.match(refused.content[0].text, /^Refused:/);
await client.close();

const anonymous = await fetch(`${base}/v1/mcp`, { method: "POST", headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }) });
assert.equal(anonymous.status, 401);
console.log(JSON.stringify({ ok: true, tools: names }));
