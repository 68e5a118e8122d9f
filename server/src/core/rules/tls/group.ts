// Transport encryption and secrets rules (RULES.md "Transport encryption" and "Secrets").
import type { AnyRule } from '../rule';
import redisPort from './redis-port';
import postgresSslmode from './postgres-sslmode';
import mysqlSsl from './mysql-ssl';
import ingressTls from './ingress-tls';
import httpRedirect from './http-redirect';
import minVersion from './min-version';
import issuerRef from './issuer-ref';
import secretPlaintext from '../secret/plaintext';
import secretEnvLiteral from '../secret/env-literal';

export const TRANSPORT_AND_SECRET_RULES: readonly AnyRule[] = [
  redisPort,
  postgresSslmode,
  mysqlSsl,
  ingressTls,
  httpRedirect,
  minVersion,
  issuerRef,
  secretPlaintext,
  secretEnvLiteral,
];
