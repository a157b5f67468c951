// An OpenAI-compatible upstream that answers at once, in Node: it does not share the suite's JVM warm-up.
// node upstream.mjs PORT   (POST /v1/chat/completions, non-streamed or stream: true; GET /v1/models)
import http from 'node:http';

const port = Number(process.argv[2] || 8091);
const words = Array.from({ length: 16 }, (_, i) => `w${i} `);
const models = JSON.stringify({ object: 'list', data: [{ id: 'bench-model', object: 'model', created: 0, owned_by: 'bench' }] });

http.createServer((req, res) => {
  if (req.method === 'GET' && req.url.endsWith('/models')) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(models);
    return;
  }
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    let ask = {};
    try { ask = JSON.parse(body); } catch { /* answered anyway */ }
    const id = `chatcmpl-${Date.now()}`;
    const usage = { prompt_tokens: 8, completion_tokens: words.length, total_tokens: 8 + words.length };
    if (!ask.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        id, object: 'chat.completion', created: 0, model: ask.model || 'bench-model',
        choices: [{ index: 0, message: { role: 'assistant', content: words.join('') }, finish_reason: 'stop' }], usage,
      }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta, finish) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: ask.model,
      choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    res.write(chunk({ role: 'assistant' }, null));
    for (const w of words) res.write(chunk({ content: w }, null));
    res.write(chunk({}, 'stop'));
    if (ask.stream_options?.include_usage) res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', choices: [], usage })}\n\n`);
    res.end('data: [DONE]\n\n');
  });
}).listen(port, '127.0.0.1', () => console.log(`upstream on ${port}`));
