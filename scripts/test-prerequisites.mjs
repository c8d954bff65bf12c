#!/usr/bin/env node
// Runs before `pnpm test`: the suite needs a Redis (the HTTP server's scale-out tests) and
// Debian's Chromium (the browser interop test). Starts Redis when it is down and redis-server is
// installed, and stops the run when there is none, rather than failing tests minutes in. A
// missing Chromium fails one test only: that is said here, and the run goes on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';

const REDIS_URL = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const CHROMIUM = '/usr/bin/chromium';
const problems = [];

/** True when a Redis answers PING at the URL's host and port. */
function redisAnswers() {
  return new Promise((resolve) => {
    const socket = connect({ host: REDIS_URL.hostname, port: Number(REDIS_URL.port || 6379) });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

const isLocal = ['127.0.0.1', 'localhost'].includes(REDIS_URL.hostname);
if (!(await redisAnswers())) {
  const started =
    isLocal &&
    spawnSync(
      'redis-server',
      [
        '--daemonize',
        'yes',
        '--bind',
        '127.0.0.1',
        '--port',
        REDIS_URL.port || '6379',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    ).status === 0;
  let up = false;
  for (let attempt = 0; started && !up && attempt < 50; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    up = await redisAnswers();
  }
  if (up) process.stderr.write(`test prerequisites: started redis-server on ${REDIS_URL.host}\n`);
  else
    problems.push(
      `no Redis answers at ${REDIS_URL.href}: install it (apt-get install -y redis-server) and ` +
        'the tests start it, or point TEST_REDIS_URL at one (docker run -p 6379:6379 redis:7-alpine)',
    );
}
if (!existsSync(CHROMIUM)) {
  process.stderr.write(
    `test prerequisites: ${CHROMIUM} is missing, so the browser interop test will fail: apt-get install -y chromium\n`,
  );
}
for (const problem of problems) process.stderr.write(`test prerequisites: ${problem}\n`);
process.exitCode = problems.length > 0 ? 1 : 0;
