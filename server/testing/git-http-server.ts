// A real smart-HTTP git server for tests: git's own `git http-backend` (CGI) behind a
// node:http server on 127.0.0.1 that demands HTTP Basic auth with one token.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestGitServer {
  url: string;
  stop(): Promise<void>;
}

export async function startTestGitHttpServer(projectRoot: string, token: string): Promise<TestGitServer> {
  const server = http.createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    const [, b64] = auth.split(' ');
    const pass = b64 ? Buffer.from(b64, 'base64').toString().split(':').slice(1).join(':') : '';
    if (pass !== token) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"' });
      res.end('Unauthorized');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: 'test',
      } as unknown as NodeJS.ProcessEnv,
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headerDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headerDone) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const idx = head.indexOf('\r\n\r\n');
      if (idx < 0) return;
      headerDone = true;
      let status = 200;
      for (const line of head.subarray(0, idx).toString().split('\r\n')) {
        const [k, ...v] = line.split(':');
        const value = v.join(':').trim();
        if (k.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
        else res.setHeader(k, value);
      }
      res.writeHead(status);
      res.write(head.subarray(idx + 4));
    });
    cgi.on('close', () => res.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
