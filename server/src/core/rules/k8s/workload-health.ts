// Resources, health, images, availability (RULES.md section of the same name).
import type { AnyRule } from '../rule';

export const WORKLOAD_HEALTH_RULES: readonly AnyRule[] = [];
