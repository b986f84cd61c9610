// Which findings the caller will see. lint() drops findings whose persona is above the one asked for
// (`regular` < `pedantic` < `auditor`), so a rule may skip building them (messages, fixes, traces). Only
// the persona is known in advance: a severity can still be raised by the configuration.
import type { LintSettings } from '../rules/rule.js';
import { PERSONAS, type Persona } from '../types.js';

export function shown(settings: Pick<LintSettings, 'persona'>, persona: Persona): boolean {
  return PERSONAS.indexOf(persona) <= PERSONAS.indexOf(settings.persona);
}
