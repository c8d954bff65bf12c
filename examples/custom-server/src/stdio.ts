#!/usr/bin/env node
import { serveStdio } from '@infisical/mcp-transport-stdio';
import { customServerFactory } from './create-custom-server.js';

const { createServer, close } = await customServerFactory();
const connection = await serveStdio(createServer());
await connection.closed;
await close();
