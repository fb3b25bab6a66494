/**
 * Key people (DESIGN: "Key people"; issue 11, item 4): CODEOWNERS says who must review changes to which
 * files. Infrastructure files whose only owner is one person wait on that person for every change
 * (vacation, sick leave, departure), and what that person knows of them has no second holder.
 *
 * Ownership is decided per file, as GitHub does: the last rule whose pattern matches wins, and a rule
 * without owners un-owns. Infrastructure files are the files the other formats read in the reviewed
 * tree, never guessed from a pattern's name. A team counts by its known members (the app asks GitHub,
 * the config's `teams` fills in); a team of unknown size is unknown, and unknown is never one person
 * nor several.
 */
import { LastMatch, maxOf, minOf, type Component, type Finding, type Owner, type Severity } from '../model/index.js';
import type { Snapshot, Spof, TeamMembers } from './api.js';
import { fingerprint } from './fingerprint.js';
import type { PlannedStack } from './stacks.js';

export const KEY_PERSON_RULE = 'codeowners-key-person';

/** How many names a message lists before "and N more". */
const LISTED = 5;

/** Every file a stack of an infrastructure format reads (CODEOWNERS itself is not one). */
export function infrastructureFiles(plan: readonly PlannedStack[]): string[] {
  const files = new Set<string>();
  for (const { plugin, stack } of plan) if (!plugin.describesOwnership) for (const f of stack.files) files.add(f);
  return [...files].sort();
}

/** The config's team sizes, overridden by what the reader learned (the app asks GitHub). */
export function teamSizes(configured: TeamMembers | undefined, learned: TeamMembers | undefined): TeamMembers {
  const out: TeamMembers = {};
  for (const [k, v] of Object.entries({ ...(configured ?? {}), ...(learned ?? {}) })) out[k.replace(/^@/, '').toLowerCase()] = v;
  return out;
}

interface CompiledRule {
  component: Component;
  owners: Owner[];
  globs: readonly string[];
}

/** The CODEOWNERS rules of a snapshot, in file order (a snapshot has at most one CODEOWNERS: the one GitHub uses). */
function rulesOf(snap: Snapshot): LastMatch<CompiledRule> & { readonly size: number } {
  const rules = snap.components
    .filter((c) => c.ownership)
    .sort((a, b) => a.ownership!.order - b.ownership!.order)
    .map((component) => ({ component, owners: component.ownership!.owners, globs: component.ownership!.globs }));
  return Object.assign(new LastMatch(rules), { size: rules.length });
}

function ownerRule(rules: LastMatch<CompiledRule>, path: string): CompiledRule | undefined {
  return rules.of(path);
}

/**
 * How many people an owner list stands for: at least and at most (a user named by login and one named by
 * email may be one person; a team of unknown size could be anyone). `one` names the person when exactly one.
 */
export interface Headcount {
  atLeast: number;
  atMost: number;
  one?: string;
  /** The owners as a sentence part: `@alice and @org/infra (3 members)`. */
  said: string;
}

export function headcount(owners: readonly Owner[], teams: TeamMembers): Headcount {
  const users = new Set<string>();
  const emails = new Set<string>();
  const counted: number[] = [];
  let unknown = false;
  const said: string[] = [];
  for (const o of owners) {
    if (o.kind === 'user') {
      users.add(o.name.toLowerCase());
      said.push(`@${o.name}`);
    } else if (o.kind === 'email') {
      emails.add(o.name.toLowerCase());
      said.push(o.name);
    } else {
      const known = teams[o.name.toLowerCase()];
      if (Array.isArray(known)) for (const login of known) users.add(login.toLowerCase());
      else if (typeof known === 'number') counted.push(known);
      else unknown = true;
      const size = Array.isArray(known) ? known.length : known;
      said.push(size === undefined ? `@${o.name} (members unknown)` : `@${o.name} (${size} member${size === 1 ? '' : 's'})`);
    }
  }
  const atLeast = maxOf(counted, Math.max(users.size, emails.size, 0));
  const atMost = unknown ? Infinity : users.size + emails.size + counted.reduce((a, b) => a + b, 0);
  const count: Headcount = { atLeast, atMost, said: said.length ? joinAnd(said) : 'nobody' };
  if (atLeast === 1 && atMost === 1) count.one = onePerson(owners, users, emails, teams);
  return count;
}

function onePerson(owners: readonly Owner[], users: Set<string>, emails: Set<string>, teams: TeamMembers): string {
  const named = owners.find((o) => o.kind !== 'team');
  if (named) return named.kind === 'user' ? `@${named.name}` : named.name;
  const [login] = users;
  if (login) return `@${login}`;
  const [email] = emails;
  if (email) return email;
  const team = owners.find((o) => o.kind === 'team' && teams[o.name.toLowerCase()] !== undefined)!;
  return `the one member of @${team.name}`;
}

/** Owned by one person, known. */
function single(h: Headcount): boolean {
  return h.one !== undefined;
}

/** Owned by two people or more, known. */
function several(h: Headcount): boolean {
  return h.atLeast >= 2;
}

/**
 * The key-person findings of a change to CODEOWNERS: infrastructure files owned before by a team or
 * several people (known) and now by one person (known) are a new key person on the rule that now owns
 * them; the reverse resolves the rule that owned them. `infra` are the head tree's infrastructure files.
 */
export function keyPeopleChanged(base: Snapshot, head: Snapshot, infra: readonly string[], teams: TeamMembers): Finding[] {
  const baseRules = rulesOf(base);
  const headRules = rulesOf(head);
  if (!baseRules.size && !headRules.size) return [];
  const narrowed = new Map<CompiledRule, Moved>();
  const widened = new Map<CompiledRule, Moved>();
  const counts = new Map<CompiledRule, Headcount>();
  const countOf = (r: CompiledRule) => counts.get(r) ?? counts.set(r, headcount(r.owners, teams)).get(r)!;
  for (const path of infra) {
    const was = ownerRule(baseRules, path);
    const now = ownerRule(headRules, path);
    if (!was || !now) continue;
    const before = countOf(was);
    const after = countOf(now);
    if (several(before) && single(after)) add(narrowed, now, was, path);
    else if (single(before) && several(after)) add(widened, was, now, path);
  }
  const findings: Finding[] = [];
  for (const [now, moved] of narrowed) findings.push(newKeyPerson(now, countOf(now), moved, base.components.filter((c) => c.ownership), countOf));
  for (const [was, moved] of widened) findings.push(resolvedKeyPerson(was, countOf(was), moved, countOf));
  return findings;
}

/** The files one rule gained or lost, and the rules on the other side that owned them. */
interface Moved {
  files: string[];
  others: Set<CompiledRule>;
}

function add(map: Map<CompiledRule, Moved>, key: CompiledRule, other: CompiledRule, path: string): void {
  const moved = map.get(key) ?? { files: [], others: new Set<CompiledRule>() };
  moved.files.push(path);
  moved.others.add(other);
  map.set(key, moved);
}

function newKeyPerson(now: CompiledRule, after: Headcount, moved: Moved, baseRules: readonly Component[], countOf: (r: CompiledRule) => Headcount): Finding {
  const c = now.component;
  const person = after.one!;
  const was = [...moved.others];
  const saidBefore = joinOr(was.map((r) => countOf(r).said));
  const atLeastBefore = minOf(was.map((r) => countOf(r).atLeast));
  const ownersText = (r: CompiledRule) => String(r.component.attributes.owners?.value ?? '');
  const unchanged = baseRules.some((r) => r.ownership!.pattern === c.ownership!.pattern && String(r.attributes.owners?.value ?? '') === ownersText(now));
  // The line that now owns them changed: cite it. Unchanged, the change is the base rule that stopped owning them: cite that.
  const evidence = unchanged
    ? was.map((r) => ({ file: r.component.location.file, line: r.component.location.startLine, attribute: `owners of ${r.component.ownership!.pattern}`, before: ownersText(r), after: ownersText(now) }))
    : [...new Set(was.map(ownersText))].map((before) => ({ file: c.location.file, line: c.location.startLine, attribute: 'owners', before, after: ownersText(now) }));
  const fix = `add a team or a second owner to the ${c.ownership!.pattern} line (${c.location.file}:${c.location.startLine})`;
  const files = moved.files;
  return {
    ...keyPersonFinding('new-spof', 'medium', c, files),
    title: `New key person: ${person} alone reviews ${plural(files.length, 'infrastructure file')} (CODEOWNERS ${c.ownership!.pattern})`,
    message:
      `${person} is now the only code owner of ${plural(files.length, 'infrastructure file')} (${listed(files)}), owned before by ${saidBefore}: ` +
      `every change to them waits on ${person}'s review (with required code-owner reviews it cannot merge without it), so while ${person} is away or after they leave, ` +
      `fixes to this infrastructure stall, and what they know of it has no second holder; fix: ${fix}.`,
    location: { ...c.location },
    evidence,
    redundancy: { before: { instances: atLeastBefore, zones: null }, after: { instances: 1, zones: null } },
    fix,
  };
}

function resolvedKeyPerson(was: CompiledRule, before: Headcount, moved: Moved, countOf: (r: CompiledRule) => Headcount): Finding {
  const c = was.component;
  const now = [...moved.others];
  const where = now[0]!.component;
  const files = moved.files;
  return {
    ...keyPersonFinding('resolved-spof', 'low', c, files),
    title: `Key person resolved: ${plural(files.length, 'infrastructure file')} no longer reviewed by ${before.one} alone (CODEOWNERS ${c.ownership!.pattern})`,
    message: `${plural(files.length, 'infrastructure file')} (${listed(files)}) owned by ${before.one} alone are now owned by ${joinOr(now.map((r) => countOf(r).said))}: their reviews no longer wait on one person.`,
    location: { ...where.location },
    evidence: now.map((r) => ({ file: r.component.location.file, line: r.component.location.startLine, attribute: 'owners', before: String(c.attributes.owners?.value ?? ''), after: String(r.component.attributes.owners?.value ?? '') })),
    redundancy: { before: { instances: 1, zones: null }, after: { instances: minOf(now.map((r) => countOf(r).atLeast)), zones: null } },
  };
}

/**
 * What a key-person finding and its resolution share: the CODEOWNERS line as the component, and
 * the files whose reviews wait on one person as its blast radius.
 */
function keyPersonFinding(kind: 'new-spof' | 'resolved-spof', severity: Severity, c: Component, files: readonly string[]) {
  return {
    fingerprint: fingerprint(kind, c.stack, c.id, KEY_PERSON_RULE),
    kind,
    severity,
    rule: KEY_PERSON_RULE,
    component: { id: c.id, type: c.type, format: c.format, stack: c.stack },
    blastRadius: { before: files.length, after: files.length, dependents: [...files], entryPoints: [] },
  };
}

/**
 * The teams whose size can decide a finding of this change: those named by the base or head rule of an
 * infrastructure file whose owners the change rewrote. The app asks GitHub for these, and only these.
 */
export function teamsDeciding(base: Snapshot, head: Snapshot, infra: readonly string[]): string[] {
  const baseRules = rulesOf(base);
  const headRules = rulesOf(head);
  const teams = new Set<string>();
  if (!baseRules.size || !headRules.size) return [];
  const written = (r: CompiledRule) => r.owners.map((o) => `${o.kind}:${o.name}`).join(' ');
  for (const path of infra) {
    const was = ownerRule(baseRules, path);
    const now = ownerRule(headRules, path);
    if (!was || !now || written(was) === written(now)) continue;
    for (const o of [...was.owners, ...now.owners]) if (o.kind === 'team') teams.add(o.name.toLowerCase());
  }
  return [...teams].sort();
}

/** For `scan`: the teams on rules owning infrastructure files that no known pair of people already shares. */
export function teamsOwning(snap: Snapshot, infra: readonly string[], teams: TeamMembers): string[] {
  const rules = rulesOf(snap);
  const out = new Set<string>();
  const seen = new Set<CompiledRule>();
  for (const path of infra) {
    const rule = ownerRule(rules, path);
    if (!rule || seen.has(rule)) continue;
    seen.add(rule);
    if (several(headcount(rule.owners, teams))) continue;
    for (const o of rule.owners) if (o.kind === 'team') out.add(o.name.toLowerCase());
  }
  return [...out].sort();
}

/** `scan`: the rules under which one person alone owns infrastructure files (informational). */
export function keyPeopleInventory(snap: Snapshot, infra: readonly string[], teams: TeamMembers): Spof[] {
  const rules = rulesOf(snap);
  if (!rules.size) return [];
  const owned = new Map<CompiledRule, string[]>();
  for (const path of infra) {
    const rule = ownerRule(rules, path);
    if (!rule || !single(headcount(rule.owners, teams))) continue;
    owned.set(rule, [...(owned.get(rule) ?? []), path]);
  }
  return [...owned].map(([rule, files]) => ({ component: rule.component, kinds: ['key-person'], blastRadius: { dependents: files, entryPoints: [] }, severity: 'low' }));
}

function listed(items: readonly string[]): string {
  return items.length <= LISTED ? items.join(', ') : `${items.slice(0, LISTED).join(', ')} and ${items.length - LISTED} more`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function joinOr(items: readonly string[]): string {
  const distinct = [...new Set(items)];
  return distinct.length <= 1 ? (distinct[0] ?? '') : `${distinct.slice(0, -1).join(', ')} or ${distinct[distinct.length - 1]}`;
}
