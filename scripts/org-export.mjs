#!/usr/bin/env node
// An organization-shaped Git Repositories ACL export (`GET _apis/accesscontrollists/{git}
// ?recurse=true`, compact JSON as the REST API returns it), for the benchmarks: the same bytes
// for `benches/acl_export.rs` (which runs this script) and `scripts/bench-browser.mjs` (which
// runs `orgExport` in the page). Deterministic (its own PRNG), about 20 MB at `mb = 20`.
//
// The shape of a real organization, not of the engine: ~640 projects of very different sizes,
// ~3,000 repositories, ~13,000 branch ACLs (main, develop, release and feature branches, names
// hex-encoded UTF-16LE as Azure DevOps stores them), dozens of groups (collection groups, Entra
// groups, the project groups of the larger projects) and 40 users with entries of their own,
// the collection's build service on every repository, `inheritPermissions: false` on some
// projects, repositories and branches, and denies at every level (organization, project,
// repository, branch).
//
//   node scripts/org-export.mjs [MB] > org.json       (MB defaults to 20)

/** The export as a string; `mb` scales the number of projects (20 → about 20 MB). */
export function orgExport(mb = 20) {
  // mulberry32: small, fast, the same in every JS engine.
  let seed = 0x5eed1e55;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chance = (p) => random() < p;
  const hex = (n) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
  const word = () => String(Math.floor(random() * 4294967295) + 1);
  // Branch-name segments: the hex of their UTF-16LE bytes (reference/azure-devops.md §2.1).
  const branch = (name) =>
    name
      .split('/')
      .map((seg) => Array.from(seg, (c) => c.charCodeAt(0).toString(16).padStart(2, '0') + '00').join(''))
      .join('/');

  // Git Repositories bits (reference/azure-devops.md §1.2).
  const READ = 2, CONTRIBUTE = 4, FORCE_PUSH = 8, CREATE_BRANCH = 16, CREATE_TAG = 32, NOTES = 64;
  const POLICY_EXEMPT = 128, CREATE_REPO = 256, DELETE_REPO = 512;
  const EDIT_POLICIES = 2048, MANAGE_PERMISSIONS = 8192, PR_CONTRIBUTE = 16384, PR_BYPASS = 32768;
  const ADMIN_MASK = 16383 | PR_CONTRIBUTE | PR_BYPASS;
  const CONTRIBUTOR_MASK = READ | CONTRIBUTE | CREATE_BRANCH | CREATE_TAG | NOTES | PR_CONTRIBUTE;
  const READER_MASK = READ | PR_CONTRIBUTE;

  const collection = `S-1-9-1551374245-${word()}-${word()}-${word()}-${word()}`;
  const group = (kind) => `Microsoft.TeamFoundation.Identity;${collection}-${kind}-${word()}-${word()}-${word()}-${word()}`;
  const wellKnown = (n) => `Microsoft.TeamFoundation.Identity;${collection}-0-0-0-0-${n}`;
  const tenant = guid();
  const collectionId = guid();

  const pca = wellKnown(1);
  const pcvu = wellKnown(3);
  const serviceAccounts = wellKnown(2);
  const buildService = `Microsoft.TeamFoundation.ServiceIdentity;${guid()}:Build:${collectionId}`;
  // Entra groups materialised in the organization (SIDs of the `-3-` kind, like the Learn sample).
  const entra = {
    developers: group(3), contractors: group(3), releaseManagers: group(3), auditors: group(3),
    backupOperators: group(3), security: group(3), dataScience: group(3), platform: group(3),
    mobile: group(3), qa: group(3),
  };
  const users = Array.from({ length: 40 }, (_, i) => {
    const name = `${pick(['alex', 'sam', 'kim', 'jo', 'lee', 'ana', 'max', 'eva', 'tom', 'ida'])}.${pick(['berg', 'nowak', 'smith', 'costa', 'meyer', 'lund', 'okafor', 'rossi'])}${i}`;
    return `Microsoft.IdentityModel.Claims.ClaimsIdentity;${tenant}\\\\${name}@contoso.com`;
  });

  const aclText = (token, inherit, aces) => {
    let dict = '';
    // One entry per identity, as the service keeps them (a second pick of the same identity
    // merges into its entry).
    const merged = new Map();
    for (const [descriptor, allow, deny] of aces) {
      const [a, d] = merged.get(descriptor) ?? [0, 0];
      merged.set(descriptor, [a | allow, d | deny]);
    }
    for (const [descriptor, [allow, deny]] of merged) {
      dict += `${dict ? ',' : ''}"${descriptor}":{"descriptor":"${descriptor}","allow":${allow},"deny":${deny}}`;
    }
    return `{"inheritPermissions":${inherit},"token":"${token}","acesDictionary":{${dict}}}`;
  };

  const acls = [];
  acls.push(aclText('repoV2', true, [
    [pca, ADMIN_MASK, 0],
    [serviceAccounts, ADMIN_MASK, 0],
    [entra.developers, CONTRIBUTOR_MASK, 0],
    // A deny at the organization's root: contractors never force-push or manage permissions.
    [entra.contractors, READER_MASK, FORCE_PUSH | MANAGE_PERMISSIONS],
    [entra.auditors, READ, 0],
    [entra.backupOperators, READ | CREATE_REPO, 0],
    [entra.security, READ | MANAGE_PERMISSIONS | EDIT_POLICIES, 0],
  ]));

  const projects = Math.max(4, Math.round((644 * mb) / 20));
  const areaGroups = [entra.dataScience, entra.platform, entra.mobile, entra.qa];
  // The larger projects have project groups with entries of their own.
  const projectGroups = [];
  for (let p = 0; p < projects; p++) {
    const project = guid();
    // Project sizes: mostly small, a few very large (a long tail, as organizations grow).
    const r = random();
    const repos = r < 0.5 ? 1 + Math.floor(random() * 2) : r < 0.88 ? 3 + Math.floor(random() * 5) : r < 0.98 ? 8 + Math.floor(random() * 13) : 25 + Math.floor(random() * 36);
    const own = repos >= 20 && projectGroups.length < 6;
    let groups = null;
    if (own) {
      groups = { admins: group(1), contributors: group(1), readers: group(1), builders: group(1), valid: group(1) };
      projectGroups.push(groups);
    }
    const restricted = chance(0.04);
    const projectAces = [];
    if (groups) {
      projectAces.push(
        [groups.admins, ADMIN_MASK, 0],
        [groups.contributors, CONTRIBUTOR_MASK, 0],
        [groups.readers, READER_MASK, 0],
        [groups.builders, CONTRIBUTOR_MASK, 0],
        [groups.valid, 0, 0],
      );
    }
    projectAces.push([pick(areaGroups), CONTRIBUTOR_MASK | CREATE_REPO, 0]);
    // Denies at the project level: contractors kept out of some projects, the backup
    // operators' Read denied in a few (the case a backup check must catch).
    if (chance(0.1)) projectAces.push([entra.contractors, 0, READ]);
    if (chance(0.02)) projectAces.push([entra.backupOperators, 0, READ]);
    if (restricted) projectAces.push([pick(users), ADMIN_MASK, 0], [pca, ADMIN_MASK, 0]);
    if (chance(0.3)) projectAces.push([pick(users), ADMIN_MASK, 0]);
    // A restricted project stops inheriting: only its own entries count.
    acls.push(aclText(`repoV2/${project}`, !restricted, projectAces));

    for (let k = 0; k < repos; k++) {
      const repo = guid();
      const repoToken = `repoV2/${project}/${repo}`;
      const locked = chance(0.03);
      const repoAces = [[buildService, READ | CONTRIBUTE | CREATE_TAG | CREATE_BRANCH, 0]];
      if (chance(0.8)) repoAces.push([pick(users), pick([CONTRIBUTOR_MASK, READ, ADMIN_MASK, READ | CONTRIBUTE]), 0]);
      if (chance(0.5)) repoAces.push([pick(users), pick([CONTRIBUTOR_MASK, READ | CONTRIBUTE | CREATE_BRANCH]), 0]);
      if (chance(0.15)) repoAces.push([pick(users), 0, pick([READ, CONTRIBUTE, FORCE_PUSH | DELETE_REPO])]);
      if (chance(0.05)) repoAces.push([entra.developers, 0, CONTRIBUTE | CREATE_BRANCH]);
      if (groups && chance(0.2)) repoAces.push([groups.readers, 0, READ]);
      if (locked) repoAces.push([entra.security, ADMIN_MASK, 0], [pick(users), CONTRIBUTOR_MASK, 0]);
      if (chance(0.01)) repoAces.push([entra.backupOperators, 0, READ]);
      acls.push(aclText(repoToken, !locked, repoAces));

      // Branch ACLs: main almost everywhere, develop often, release branches, some features.
      const branches = ['main'];
      if (chance(0.6)) branches.push('develop');
      const releases = Math.floor(random() * 5);
      for (let v = 0; v < releases; v++) branches.push(`release/2026.${v + 1}`);
      if (chance(0.3)) branches.push(`feature/${pick(['login', 'search', 'billing', 'export', 'api-v2'])}`);
      if (chance(0.2)) branches.push(`users/${pick(['alex', 'kim', 'eva'])}/spike`);
      for (const name of branches) {
        const aces = [];
        if (name === 'main') {
          // Protect main: contributors may not push or force-push; the release managers and
          // the build service may.
          aces.push([groups ? groups.contributors : entra.developers, 0, CONTRIBUTE | FORCE_PUSH]);
          aces.push([entra.releaseManagers, CONTRIBUTE | POLICY_EXEMPT, 0]);
          aces.push([buildService, CONTRIBUTE | CREATE_TAG, 0]);
          if (groups) aces.push([groups.admins, POLICY_EXEMPT | PR_BYPASS, 0]);
        } else if (name.startsWith('release/')) {
          aces.push([buildService, CONTRIBUTE, 0]);
          aces.push([entra.releaseManagers, CONTRIBUTE | FORCE_PUSH, 0]);
          if (chance(0.3)) aces.push([pick(users), 0, CONTRIBUTE]);
        } else {
          aces.push([pick(users), CONTRIBUTE | FORCE_PUSH, 0]);
          aces.push([pick(areaGroups), CONTRIBUTE, 0]);
        }
        if (chance(0.7)) aces.push([pick(users), PR_CONTRIBUTE | CONTRIBUTE, 0]);
        if (chance(0.75)) aces.push([pick(users), CREATE_BRANCH | CONTRIBUTE, 0]);
        if (chance(0.05)) aces.push([pick(users), 0, READ]);
        const inherit = !(name.startsWith('release/') && chance(0.08));
        acls.push(aclText(`${repoToken}/refs/heads/${branch(name)}`, inherit, aces));
      }
    }
  }
  return `{"count":${acls.length},"value":[${acls.join(',')}]}`;
}

// Run as a script: print the export.
const invoked = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invoked) {
  const mb = Number(process.argv[2] ?? 20);
  if (!Number.isFinite(mb) || mb <= 0) {
    console.error('usage: node scripts/org-export.mjs [MB]');
    process.exit(2);
  }
  process.stdout.write(orgExport(mb));
}
