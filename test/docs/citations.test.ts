// The repository stands alone (docs/README.md): every `docs/….md` a file cites exists, the relative links of the
// Markdown files resolve, and nothing points at a specification outside the repository (a sibling checkout's shared
// folder, or its numbered sections, `§` and a digit). Scans every file git knows of here (tracked, or new and not
// ignored), so a citation in a comment, a test, a migration or a README is checked alike.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import { promisify } from "node:util";
import test from "ava";

const ROOT = new URL("../../", import.meta.url).pathname;

/**
 * Files that still cite the outside specification, until the citation rewrite of db/functions and db/policies
 * lands (db/schema.sql and schema.graphql are dumped from them). That rewrite empties this list; the last test fails
 * for every entry that no longer needs to be here, so the list only shrinks.
 */
const PENDING_CITATION_REWRITE: readonly string[] = [
  "db/functions/deliveries/cancel_delivery.sql",
  "db/functions/deliveries/delivery_contacts.sql",
  "db/functions/deliveries/delivery_statistics.sql",
  "db/functions/deliveries/delivery_steps.sql",
  "db/functions/deliveries/transition_delivery.sql",
  "db/functions/identity/account_open_items.sql",
  "db/functions/identity/assert_password_policy.sql",
  "db/functions/identity/date_of_birth.sql",
  "db/functions/identity/delete_account.sql",
  "db/functions/identity/email_tokens.sql",
  "db/functions/identity/email_verification.sql",
  "db/functions/identity/end_suspensions.sql",
  "db/functions/identity/login.sql",
  "db/functions/identity/password_reset.sql",
  "db/functions/identity/phone_verification.sql",
  "db/functions/identity/prune_account_tokens.sql",
  "db/functions/identity/refresh_verification_level.sql",
  "db/functions/identity/register.sql",
  "db/functions/identity/require_user.sql",
  "db/functions/identity/search_users.sql",
  "db/functions/identity/submit_verification_document.sql",
  "db/functions/identity/totp_secret.sql",
  "db/functions/identity/two_factor.sql",
  "db/functions/identity/user_profiles_earnings.sql",
  "db/functions/matching/matches.sql",
  "db/functions/matching/matching_config.sql",
  "db/functions/matching/matching_requests.sql",
  "db/functions/matching/matching_trips.sql",
  "db/functions/matching/pair_match.sql",
  "db/functions/matching/quote_price.sql",
  "db/functions/matching/record_match_candidates.sql",
  "db/functions/offers/accept_offer.sql",
  "db/functions/offers/offer_hooks.sql",
  "db/functions/offers/offer_rules.sql",
  "db/functions/offers/offer_threads.sql",
  "db/functions/offers/response_time.sql",
  "db/functions/platform/cleanup_expired_data.sql",
  "db/functions/platform/configuration_checks.sql",
  "db/functions/platform/current_user_has_permission.sql",
  "db/functions/platform/rate_limit_take.sql",
  "db/functions/requests/cancel_delivery_request.sql",
  "db/functions/requests/create_delivery_request.sql",
  "db/functions/requests/default_quote.sql",
  "db/functions/requests/delivery_requests.sql",
  "db/functions/requests/duplicate_delivery_request.sql",
  "db/functions/requests/report_delivery_request.sql",
  "db/functions/requests/search_requests.sql",
  "db/functions/requests/update_delivery_request.sql",
  "db/functions/reviews/moderate_review.sql",
  "db/functions/reviews/report_review.sql",
  "db/functions/reviews/respond_to_review.sql",
  "db/functions/reviews/review_rules.sql",
  "db/functions/reviews/review_triggers.sql",
  "db/functions/reviews/submit_review.sql",
  "db/functions/reviews/update_review.sql",
  "db/functions/reviews/user_reviews.sql",
  "db/functions/social/block_user.sql",
  "db/functions/social/favorites.sql",
  "db/functions/social/report_user.sql",
  "db/functions/trips/create_trip.sql",
  "db/functions/trips/recurring_trips.sql",
  "db/functions/trips/search_trips.sql",
  "db/functions/trips/trip_capacity.sql",
  "db/functions/trips/trip_lifecycle.sql",
  "db/functions/trips/trip_templates.sql",
  "db/functions/trips/trip_weather.sql",
  "db/functions/trips/trips.sql",
  "db/functions/trips/update_trip.sql",
  "db/policies/matching/request_matches.sql",
  "db/policies/requests/delivery_requests.sql",
  "db/policies/trips/trips.sql",
  "db/schema.sql",
  "schema.graphql",
];

/** `docs/<path>.md` where it starts a path (not the tail of some/other/docs/x.md). */
const DOCS_CITATION = /(?<![\w./-])docs\/[\w./-]*?\.md\b/g;
/** Relative Markdown links to a .md file: `[text](path.md)` or `(path.md#anchor)`. */
const MARKDOWN_LINK = /\]\((?!https?:|mailto:|#)([^)\s#]+\.md)(?:#[^)\s]*)?\)/g;
/** Pointers outside the repository, written so that this file does not match them itself. */
const OUTSIDE = [
  { what: "a sibling checkout", pattern: /(?:\.\.\/)+shared\b/g },
  { what: "a shared docs folder", pattern: /\bshared\/docs\b/g },
  { what: "a section of an outside specification", pattern: /\u00a7\s?\d/g },
];

interface SourceFile {
  path: string;
  lines: string[];
}

async function repositoryFiles(): Promise<SourceFile[]> {
  const { stdout } = await promisify(execFile)("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const paths = [...new Set(stdout.split("\0").filter((p) => p !== "" && existsSync(join(ROOT, p))))].sort();
  const files: SourceFile[] = [];
  for (const path of paths) {
    const text = await readFile(join(ROOT, path), "utf8");
    if (text.includes("\0")) continue; // binary
    files.push({ path, lines: text.split("\n") });
  }
  return files;
}

const all = await repositoryFiles();
const paths = new Set(all.map((f) => f.path));
const checked = all.filter((f) => !PENDING_CITATION_REWRITE.includes(f.path));

/** `file:line: what` for every match of `pattern` in the files for which `broken` says so. */
function offenders(files: SourceFile[], pattern: RegExp, broken: (match: RegExpMatchArray, file: SourceFile) => boolean) {
  const found: string[] = [];
  for (const file of files) {
    file.lines.forEach((line, index) => {
      for (const match of line.matchAll(pattern)) {
        if (broken(match, file)) found.push(`${file.path}:${index + 1}: ${match[0]}`);
      }
    });
  }
  return found;
}

test("the scan sees the repository and its citations of docs/", (t) => {
  t.true(paths.has("docs/README.md") && paths.has("README.md") && paths.has("db/README.md"));
  t.true(offenders(checked, DOCS_CITATION, () => true).length > 50, "the code cites docs/ files");
});

test("every docs/….md a file cites exists", (t) => {
  t.deepEqual(offenders(checked, DOCS_CITATION, (m) => !paths.has(m[0])), [],
    "cite an existing file of docs/ (docs/README.md lists them), or write the missing one");
});

test("the relative links of the Markdown files resolve", (t) => {
  const markdown = checked.filter((f) => f.path.endsWith(".md"));
  t.true(markdown.length >= 10);
  t.deepEqual(offenders(markdown, MARKDOWN_LINK, (m, f) => !paths.has(normalize(join(dirname(f.path), m[1]!)))), []);
});

for (const { what, pattern } of OUTSIDE) {
  test(`nothing points at ${what}`, (t) => {
    t.deepEqual(offenders(checked, pattern, () => true), [],
      "state the rule in docs/<domain>.md (or db/README.md for how SQL is written) and cite that instead");
  });
}

test("the pending-rewrite list names only files that still cite the outside specification", (t) => {
  const stale = PENDING_CITATION_REWRITE.filter((path) => {
    const file = all.find((f) => f.path === path);
    if (!file) return true;
    const citesMissingDocs = offenders([file], DOCS_CITATION, (m) => !paths.has(m[0])).length > 0;
    const pointsOutside = OUTSIDE.some(({ pattern }) => offenders([file], pattern, () => true).length > 0);
    return !(citesMissingDocs || pointsOutside);
  });
  t.deepEqual(stale, [], "remove these from PENDING_CITATION_REWRITE: they are gone or cite only docs/ now");
});
