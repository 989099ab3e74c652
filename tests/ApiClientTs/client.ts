// A small API client written from ../../../shared/API.md alone, typed by the types openapi-typescript generates from
// docs/api/openapi-v1.json (generated/api.d.ts). scripts/lint-openapi.sh compiles it with `tsc --strict`: it must compile,
// and every `@ts-expect-error` line must really be an error (else tsc fails with "Unused '@ts-expect-error' directive"),
// which proves the document rejects a wrong enum value, a missing required field and an unchecked null.
import type { components, paths } from "./generated/api";

type Schemas = components["schemas"];
type Method = "get" | "put" | "post" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
/** The JSON body an operation takes, as the document declares it. */
type Body<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
/** The JSON an operation answers with a status, as the document declares it. */
type Answer<P extends keyof paths, M extends Method, S extends number> =
  Operation<P, M> extends { responses: { [K in S]: { content: { "application/json": infer R } } } } ? R : never;

export class PartnerPortalClient {
  constructor(private readonly baseUrl: string, private readonly apiKey: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T; location: string | null }> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { "X-Api-Key": this.apiKey, "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status >= 400) {
      const problem = (await response.json()) as Schemas["ProblemDetails"];
      throw new Error(`${method} ${path}: ${response.status} ${problem.title ?? ""} ${problem.detail ?? ""}`);
    }
    return { status: response.status, json: (await response.json()) as T, location: response.headers.get("Location") };
  }

  /** PUT /api/v1/partners/{partnerId} { name, shops: [ { shopId, name, city } ] } → 201 / 200. */
  async putPartner(partnerId: string, partner: Body<"/api/v1/partners/{partnerId}", "put">) {
    const { json } = await this.call<Answer<"/api/v1/partners/{partnerId}", "put", 200>>("PUT", `/api/v1/partners/${encodeURIComponent(partnerId)}`, partner);
    return json;
  }

  /** POST /api/v1/surveys/responses/batch { items: [ response ] } → the batch result. */
  async postResponses(batch: Body<"/api/v1/surveys/responses/batch", "post">) {
    return (await this.call<Answer<"/api/v1/surveys/responses/batch", "post", 200>>("POST", "/api/v1/surveys/responses/batch", batch)).json;
  }

  /** POST /api/v1/scoring/recalculations { quarter } → 202 { jobId }, Location of the job. */
  async recalculateScores(quarter: string) {
    const body: Body<"/api/v1/scoring/recalculations", "post"> = { quarter };
    const { json, location } = await this.call<Answer<"/api/v1/scoring/recalculations", "post", 202>>("POST", "/api/v1/scoring/recalculations", body);
    return { jobId: json.jobId, location };
  }

  /** GET /api/v1/jobs/{jobId} → { jobId, state, result?, error? }. */
  async job(jobId: string) {
    return (await this.call<Answer<"/api/v1/jobs/{jobId}", "get", 200>>("GET", `/api/v1/jobs/${encodeURIComponent(jobId)}`)).json;
  }

  /** GET /api/v1/scoring/partners/{partnerId}/summary?quarter&segment. */
  async summary(partnerId: string, quarter: string, segment: Schemas["PartnerSummaryView"]["segment"]) {
    const path = `/api/v1/scoring/partners/${encodeURIComponent(partnerId)}/summary?quarter=${quarter}&segment=${segment}`;
    return (await this.call<Answer<"/api/v1/scoring/partners/{partnerId}/summary", "get", 200>>("GET", path)).json;
  }

  /** GET /api/v1/incentives/statements/{quarter}/{partnerId}. */
  async statement(quarter: string, partnerId: string) {
    const path = `/api/v1/incentives/statements/${quarter}/${encodeURIComponent(partnerId)}`;
    return (await this.call<Answer<"/api/v1/incentives/statements/{quarter}/{partnerId}", "get", 200>>("GET", path)).json;
  }

  /** POST /api/v1/training/coaching-bookings { partnerId, shopId, date, topic, days, participants } → 201 the booking. */
  async book(booking: Body<"/api/v1/training/coaching-bookings", "post">) {
    return (await this.call<Answer<"/api/v1/training/coaching-bookings", "post", 201>>("POST", "/api/v1/training/coaching-bookings", booking)).json;
  }

  /** POST /api/v1/training/coaching-bookings/{bookingId}/deliver { wkzPercent } → the booking with its charges. */
  async deliver(bookingId: string, wkzPercent: number) {
    const body: Body<"/api/v1/training/coaching-bookings/{bookingId}/deliver", "post"> = { wkzPercent };
    const path = `/api/v1/training/coaching-bookings/${encodeURIComponent(bookingId)}/deliver`;
    return (await this.call<Answer<"/api/v1/training/coaching-bookings/{bookingId}/deliver", "post", 200>>("POST", path, body)).json;
  }
}

/** The main journey of API.md, as an integrator writes it. Compiled, not run (it needs a host). */
export async function journey(client: PartnerPortalClient): Promise<string[]> {
  const lines: string[] = [];
  const partner = await client.putPartner("p-1001", { name: "Mobilfunk Müller GmbH", shops: [{ shopId: "s-1001-1", name: "Innenstadt", city: "Köln" }] });
  lines.push(`${partner.partnerId}: ${partner.shops.length} shops`);

  const result = await client.postResponses({
    items: [
      {
        responseId: "r-1", respondedAt: "2023-05-02T10:15:00+02:00", segment: "private", channel: "partner-shop",
        partnerId: "p-1001", shopId: "s-1001-1", scores: { touchpoint: 10, brand: 9 }, comment: "Sehr gute Beratung",
      },
      { responseId: "r-2", respondedAt: "2023-05-02T11:00:00+02:00", segment: "business", channel: "hotline", scores: { product: 4 } },
    ],
  });
  for (const item of result.results) {
    switch (item.status) {
      case "accepted": case "duplicate": case "conflict": break;
      case "rejected": lines.push(`item ${item.index}: ${JSON.stringify(item.errors ?? {})}`); break;
      default: { const unknown: never = item.status; throw new Error(`unknown status ${String(unknown)}`); }
    }
  }
  lines.push(`${result.accepted} accepted, ${result.duplicates} duplicates, ${result.conflicts} conflicts, ${result.rejected} rejected`);

  const started = await client.recalculateScores("2023-Q2");
  lines.push(`job ${started.jobId} at ${started.location ?? "?"}`);
  const job = await client.job(started.jobId);
  switch (job.state) {
    case "enqueued": case "processing": case "succeeded": break;
    case "failed": lines.push(`failed: ${job.error ?? "no reason"}`); break;
    default: { const unknown: never = job.state; throw new Error(`unknown state ${String(unknown)}`); }
  }

  const summary = await client.summary("p-1001", "2023-Q2", "private");
  // Each dimension's card is null where the quarter has no responses.
  const touchpoint = summary.dimensions.touchpoint;
  lines.push(touchpoint === null ? "no touchpoint NPS yet" : `touchpoint NPS ${touchpoint.nps} (n=${touchpoint.n})`);
  lines.push(summary.benchmarks.partnerShop?.nps.toFixed(1) ?? "no benchmark");
  for (const point of summary.trend) lines.push(`${point.quarter}: ${point.nps ?? "–"} ${point.change ?? ""}`);

  const statement = await client.statement("2023-Q2", "p-1001");
  // No tier without a sufficient sample: tier is null, and the client must say so.
  lines.push(statement.tier === null ? "no tier" : `tier from NPS ${statement.tier.minNps}: +${statement.tier.upliftPercent} %`);
  for (const line of statement.lines) lines.push(`${line.kind} ${line.category ?? ""} ${line.amount.toFixed(2)}`);
  lines.push(`${statement.status} revision ${statement.revision}: ${statement.total.toFixed(2)} EUR`);

  const booking = await client.book({ partnerId: "p-1001", shopId: "s-1001-1", date: "2027-03-01", topic: "sales-conversation", days: 1.5, participants: 8 });
  lines.push(`${booking.bookingId}: ${booking.status}`);
  const delivered = await client.deliver(booking.bookingId, 50);
  lines.push(delivered.charges === null ? "no charges" : `partner pays ${delivered.charges.partnerEur.toFixed(2)} EUR`);
  return lines;
}

// What the document must reject: each of these lines has to be a type error.
export function rejected(statement: Schemas["StatementView"], booking: Schemas["BookingView"], job: Schemas["JobStatus"]): void {
  const valid = { responseId: "r-3", respondedAt: "2023-05-02T12:00:00+02:00", segment: "private", channel: "online", scores: { brand: 7 } } as const;

  // @ts-expect-error a channel that is not one of the closed set
  const wrongEnum: Body<"/api/v1/surveys/responses/batch", "post"> = { items: [{ ...valid, channel: "shop" }] };

  // @ts-expect-error the required field `segment` is missing
  const missingField: Body<"/api/v1/surveys/responses/batch", "post"> = { items: [{ responseId: "r-4", respondedAt: valid.respondedAt, channel: "online", scores: {} }] };

  // @ts-expect-error a booking's topic outside the closed set
  const wrongTopic: Body<"/api/v1/training/coaching-bookings", "post"> = { partnerId: "p", shopId: "s", date: "2027-03-01", topic: "golf", days: 1, participants: 2 };

  // @ts-expect-error the tier is null when the sample does not suffice: it cannot be read unchecked
  const uplift: number = statement.tier.upliftPercent;

  // @ts-expect-error a booking has no charges until it is delivered
  const total: number = booking.charges.totalEur;

  // @ts-expect-error a job state outside enqueued | processing | succeeded | failed
  const done: boolean = job.state === "done";

  void [wrongEnum, missingField, wrongTopic, uplift, total, done];
}
