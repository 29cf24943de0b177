import { z } from 'zod';
import { apiErrorSchema } from './errors';
import { API_PREFIX, DEVICE_HEADER, EVENTS_PATH, pathParams, type Operation } from './operation';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** Build the OpenAPI 3.1 document from the contract: one path item per operation. */
export function buildOpenApi(operations: readonly Operation[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = {
    description: 'Error value { error: { code, message, details? } }',
    content: { 'application/json': { schema: toSchema(apiErrorSchema, 'output') } },
  };

  for (const op of operations) {
    const inputSchema = toSchema(op.input, 'input');
    const properties = (inputSchema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((inputSchema.required as string[] | undefined) ?? []);
    const inPath = new Set(pathParams(op.path));
    const parameters: unknown[] = [];
    for (const name of inPath) {
      parameters.push({ name, in: 'path', required: true, schema: properties[name] ?? {} });
    }
    if (op.idempotent) {
      // The header form of the `idempotencyKey` field (src/hub/httpServer.ts).
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: properties['idempotencyKey'] ?? { type: 'string' },
      });
    }
    let requestBody: unknown;
    // Only a read takes query parameters; a write's input is its JSON body (docs/security.md).
    const bodyless =
      op.method === 'DELETE' && Object.keys(properties).every((name) => inPath.has(name));
    if (op.method === 'GET') {
      for (const [name, schema] of Object.entries(properties)) {
        if (inPath.has(name)) continue;
        parameters.push({ name, in: 'query', required: required.has(name), schema });
      }
    } else if (!bodyless) {
      if (op.bodyField) {
        requestBody = {
          required: true,
          content: { 'application/json': { schema: properties[op.bodyField] ?? {} } },
        };
      }
      const bodyProps = Object.fromEntries(
        Object.entries(properties).filter(([name]) => !inPath.has(name)),
      );
      requestBody ??= {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: bodyProps,
              required: [...required].filter((n) => !inPath.has(n)),
              additionalProperties: false,
            },
          },
        },
      };
    }
    const status = String(op.successStatus ?? 200);
    const responses: Record<string, unknown> = {
      [status]:
        status === '204'
          ? { description: 'No content' }
          : {
              description: 'Success',
              content: { 'application/json': { schema: toSchema(op.output, 'output') } },
            },
      '400': errorResponse,
      '500': errorResponse,
    };
    if (op.noContentOnNull) responses['204'] = { description: 'No content' };
    if (op.role !== 'public') {
      responses['401'] = errorResponse;
      responses['403'] = errorResponse;
    }
    if (op.rateLimit) responses['429'] = errorResponse;
    if (op.devices) responses['401'] = errorResponse;

    const item = (paths[`${API_PREFIX}${op.path}`] ??= {});
    item[op.method.toLowerCase()] = {
      operationId: op.name,
      summary: op.summary,
      tags: [op.name.split('.')[0]],
      'x-role': op.role,
      ...(op.role !== 'public' ? { security: [{ bearer: [] }] } : {}),
      ...(op.devices
        ? {
            'x-devices': op.devices,
            security: [{ device: [] }, ...(op.devicesOrRole ? [{ bearer: [] }] : [])],
          }
        : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }

  paths[EVENTS_PATH] = {
    get: {
      operationId: 'events.stream',
      summary: 'Live events (server-sent events); no personal data',
      tags: ['events'],
      'x-role': 'public',
      responses: { '200': { description: 'text/event-stream of { type, at, data }' } },
    },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Một Cửa Kiosk API',
      version,
      description:
        'One contract serves IPC (Electron) and HTTP (hub). Errors are values { error: { code, message, details? } }; messages are Vietnamese unless Accept-Language prefers English.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        device: { type: 'apiKey', in: 'header', name: DEVICE_HEADER },
      },
    },
    paths,
  };
}
