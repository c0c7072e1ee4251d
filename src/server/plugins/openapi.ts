import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * The fields of a multipart/form-data body, for the OpenAPI document only: the multipart
     * parser reads such a body, so it is not validated as JSON (the route checks its parts).
     */
    multipartBody?: z.ZodType;
  }
}

/** The OpenAPI document is generated from the routes' zod schemas (each module's contract.ts). */
type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

function transform(input: TransformInput) {
  const { multipartBody, ...schema } = (input.schema ?? {}) as Record<string, unknown> & { multipartBody?: z.ZodType };
  const out = jsonSchemaTransform({ ...input, schema } as TransformInput);
  if (multipartBody && out.schema && !('hide' in out.schema && out.schema.hide)) {
    (out.schema as Record<string, unknown>).body = z.toJSONSchema(multipartBody, { target: 'openapi-3.0', io: 'input' });
  }
  return out;
}

/** The document at /api/docs/json, the UI at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Yiwang (一网) API',
        description:
          'Internet + Government Services platform. Errors are RFC 9457 problem+json. State-changing calls need the x-csrf-token header. ' +
          'The guide for integrators is docs/api.md.',
        version: '0.1.0',
      },
    },
    transform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
