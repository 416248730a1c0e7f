// From @hono/zod-openapi, which adds `.openapi()` to zod's prototype as it loads: `named` needs it loaded first.
import { type OpenAPIHono, z } from "@hono/zod-openapi";

type Io = "input" | "output";

// Bodies and answers are documented as zod itself renders them: JSON Schema 2020-12, the dialect of OpenAPI 3.1.
// zod-to-openapi's own mapping differs in places (a literal becomes an enum, a default drops out of `required`).
const NAMED = new Map<string, { schema: z.ZodType; io: Io }>();

/**
 * The schema under a name in the document's components; routes that declare the schema returned refer to it.
 * Requests are documented as clients send them (`input`: defaults optional), answers as the server sends them
 * (`output`). Each name once, at module level: a name is one shape.
 */
export function named<S extends z.ZodType>(name: string, schema: S, io: Io): S {
  if (NAMED.has(name)) throw new Error(`${name} is already a named schema`);
  // A clone, made now: zod copies prototype methods onto a schema as it is made, and core's schemas can be made
  // before @hono/zod-openapi adds `.openapi()` to the prototype. The placeholder type keeps zod-to-openapi from
  // rendering the schema itself; the document puts zod's rendering in its place.
  const declared = schema.clone().openapi(name, { type: "object" });
  NAMED.set(name, { schema: declared, io });
  return declared;
}

/** The named schemas of one direction as zod renders them, referring to one another by their component names. */
function rendered(io: Io): Record<string, object> {
  const registry = z.registry<{ id: string }>();
  for (const [name, entry] of NAMED) if (entry.io === io) registry.add(entry.schema, { id: name });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    unrepresentable: "any",
    uri: (name) => `#/components/schemas/${name}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([name, { $schema: _, $id: __, ...schema }]) => [name, schema]),
  );
}

/**
 * The OpenAPI 3.1 document of an app, built from its route declarations (`createRoute`, merged by `.route()`): the
 * paths, parameters and bodies the routes validate are the ones documented.
 */
export function openApiDocument(app: Pick<OpenAPIHono, "getOpenAPI31Document">) {
  const document = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Rujuk API",
      version: "0.1.0",
      description: "Social-welfare referrals and reports, and their approval chain.",
    },
    security: [{ bearer: [] }, { cookie: [] }],
  });
  const zodRendered = { ...rendered("input"), ...rendered("output") };
  const schemas = Object.fromEntries(
    Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [name, zodRendered[name] ?? schema]),
  );
  return {
    ...document,
    components: {
      ...document.components,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "rujuk_session" },
      },
      schemas,
    },
  };
}
