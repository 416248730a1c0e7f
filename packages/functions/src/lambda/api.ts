import { handle } from "hono/aws-lambda";
import { createApp } from "../app.ts";
import { appDepsFromEnv } from "./env.ts";

/** The API Lambda: the same Hono app as the local server, behind API Gateway / a function URL. */
export const handler = handle(createApp(appDepsFromEnv()));
