using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// One row per route the host maps, shared by the route sweep (<see cref="RouteSweepTests"/>: authentication, scope,
/// partner confinement) and the fuzzer (<see cref="MalformedInputTests"/>: every POST and PUT, mutated). A route the
/// host maps without a row fails the sweep.
/// </summary>
internal static class RouteTable
{
    /// <summary>
    /// The routes. To add one: one line with its pattern as the host maps it (<c>METHOD /path/{param}</c>; <c>*</c> for
    /// routes mapped for every method), the scope it needs, a request that aims at partner B's data, and what partner A
    /// must get (<see cref="Refused"/>, <see cref="ListWithoutB"/>, <see cref="ItemsRejected"/>, <see cref="NoPartnerData"/>).
    /// A route that reaches partner data through an id of its own (a coaching booking, a session) needs B's item:
    /// create it in <see cref="World.CreateAsync"/> and aim the row's request at it.
    /// </summary>
    internal static readonly Row[] Routes =
    [
        // Host
        Public("* /health/live", _ => Get("/health/live"), HttpStatusCode.OK),
        Public("* /health/ready", _ => Get("/health/ready"), HttpStatusCode.OK),
        Api("GET /api/v1/jobs/{jobId}", Scopes.ScoringRecalculate, w => Get($"/api/v1/jobs/{w.JobId}"), Refused(403)),

        // Partners
        Public("GET /", _ => Get("/"), HttpStatusCode.OK),
        Public("POST /login", w => Form("/login", new() { ["Email"] = w.BUserEmail, ["Password"] = "Correct-Horse-42" }), HttpStatusCode.BadRequest),
        Public("POST /logout", _ => Form("/logout", []), HttpStatusCode.BadRequest),
        Api("PUT /api/v1/partners/{partnerId}", Scopes.PartnersWrite, w => Json(HttpMethod.Put, $"/api/v1/partners/{w.B}", w.BPartnerBody()), Refused(403)),
        Api("GET /api/v1/partners/{partnerId}", Scopes.PartnersRead, w => Get($"/api/v1/partners/{w.B}"), Refused(403)),
        Api("POST /api/v1/users", Scopes.UsersWrite, w => Json(HttpMethod.Post, "/api/v1/users", new
        {
            email = $"{PortalHost.NewId("sweep")}@example.test", password = "Correct-Horse-42", displayName = "B", role = Roles.Partner, partnerId = w.B,
        }), Refused(403), HttpStatusCode.Created),
        Api("POST /api/v1/api-keys", Scopes.UsersWrite, w => Json(HttpMethod.Post, "/api/v1/api-keys",
            new { name = "B's key", scopes = new[] { Scopes.PartnersRead }, partnerId = w.B }), Refused(403), HttpStatusCode.Created),

        // Surveys
        Api("POST /api/v1/surveys/responses", Scopes.SurveysWrite, w => Json(HttpMethod.Post, "/api/v1/surveys/responses", w.BResponseBody()),
            Refused(400), HttpStatusCode.Created),
        Api("POST /api/v1/surveys/responses/batch", Scopes.SurveysWrite, w => Json(HttpMethod.Post, "/api/v1/surveys/responses/batch",
            new { items = new[] { w.BResponseBody() } }), ItemsRejected),
        Api("POST /api/v1/surveys/responses/import", Scopes.SurveysWrite, w => Csv("/api/v1/surveys/responses/import", w.BResponseCsv()), ItemsRejected),
        Api("GET /api/v1/surveys/responses", Scopes.SurveysRead, w => Get($"/api/v1/surveys/responses?quarter={w.Quarter}"), ListWithoutB),
        Api("GET /api/v1/surveys/responses/{responseId}", Scopes.SurveysRead, w => Get($"/api/v1/surveys/responses/{w.BResponse}"), Refused(404)),
        // Back office only; the control quarantines B's response and the next row releases it again.
        Api("PUT /api/v1/surveys/responses/{responseId}/quarantine", Scopes.SurveysReview,
            w => Json(HttpMethod.Put, $"/api/v1/surveys/responses/{w.BResponse}/quarantine", new { note = "Sweep: quarantine" }), Refused(403)),
        Api("DELETE /api/v1/surveys/responses/{responseId}/quarantine", Scopes.SurveysReview,
            w => Json(HttpMethod.Delete, $"/api/v1/surveys/responses/{w.BResponse}/quarantine", new { note = "Sweep: release" }), Refused(403)),
        Page("GET /kundenstimmen", Scopes.SurveysRead, w => Get($"/kundenstimmen?quarter={w.Quarter}"), ListWithoutB),
        Page("GET /kundenstimmen/export", Scopes.SurveysRead, w => Get($"/kundenstimmen/export?partner={w.B}&quarter={w.Quarter}"), Refused(403)),
        // Appeals: B's response is not there for A; the control files an appeal on B's response of the open quarter (so B's
        // statement of the quarter stays approvable), lists B's open appeal, then rejects it (before the approval row).
        Api("POST /api/v1/surveys/responses/{responseId}/appeals", Scopes.SurveysAppeal,
            w => Json(HttpMethod.Post, $"/api/v1/surveys/responses/{w.BAppealable}/appeals", new { reason = "other", text = "Sweep: nicht unser Kunde" }),
            Refused(404), HttpStatusCode.Created),
        Api("GET /api/v1/surveys/appeals", Scopes.SurveysRead, w => Get($"/api/v1/surveys/appeals?quarter={w.Quarter}"), ListWithoutB),
        Api("GET /api/v1/surveys/appeals/{appealId}", Scopes.SurveysRead, w => Get($"/api/v1/surveys/appeals/{w.BAppeal}"), Refused(404)),
        Page("GET /einsprueche", Scopes.SurveysRead, w => Get($"/einsprueche?quarter={w.Quarter}"), ListWithoutB),
        Page("GET /kundenstimmen/{responseId}/einspruch", Scopes.SurveysAppeal, w => Get($"/kundenstimmen/{w.BAppealable}/einspruch"), Refused(404)),
        FormPage("POST /kundenstimmen/{responseId}/einspruch", Scopes.SurveysAppeal,
            w => Form($"/kundenstimmen/{w.BAppealable}/einspruch", new() { ["Reason"] = "abusive", ["Text"] = "" }), Refused(400)),
        FormPage("POST /einsprueche/{appealId}/entscheidung", Scopes.SurveysReview,
            w => Form($"/einsprueche/{w.BAppeal}/entscheidung", new() { ["Decision"] = "rejected", ["Note"] = "Sweep" }), Refused(403)),
        Api("POST /api/v1/surveys/appeals/{appealId}/decision", Scopes.SurveysReview,
            w => Json(HttpMethod.Post, $"/api/v1/surveys/appeals/{w.BAppeal}/decision", new { decision = "rejected", note = "Sweep: geprüft" }), Refused(403)),
        // Integrity flags (back office only): the control computes the world's quarter; the form posts without its token.
        Api("GET /api/v1/surveys/integrity", Scopes.SurveysReview, w => Get($"/api/v1/surveys/integrity?quarter={w.Quarter}&partnerId={w.B}"), Refused(403)),
        Api("POST /api/v1/surveys/integrity/recalculations", Scopes.SurveysReview, w => Json(HttpMethod.Post, "/api/v1/surveys/integrity/recalculations",
            new { quarter = w.Quarter }), Refused(403), HttpStatusCode.Accepted),
        Page("GET /auffaelligkeiten", Scopes.SurveysReview, w => Get($"/auffaelligkeiten?quarter={w.Quarter}&partnerId={w.B}"), Refused(403)),
        FormPage("POST /auffaelligkeiten/antworten/{responseId}/quarantaene", Scopes.SurveysReview,
            w => Form($"/auffaelligkeiten/antworten/{w.BResponse}/quarantaene", new() { ["Note"] = "Sweep: quarantine" }), Refused(403)),

        // Scoring
        Api("POST /api/v1/scoring/recalculations", Scopes.ScoringRecalculate, w => Json(HttpMethod.Post, "/api/v1/scoring/recalculations",
            new { quarter = w.Quarter }), Refused(403), HttpStatusCode.Accepted),
        Api("GET /api/v1/scoring/scorecards", Scopes.ScoresRead, w => Get($"/api/v1/scoring/scorecards?quarter={w.Quarter}"), ListWithoutB),
        Api("GET /api/v1/scoring/partners/{partnerId}/summary", Scopes.ScoresRead,
            w => Get($"/api/v1/scoring/partners/{w.B}/summary?quarter={w.Quarter}"), Refused(403)),
        Page("GET /uebersicht", Scopes.ScoresRead, w => Get($"/uebersicht?quarter={w.Quarter}"), ListWithoutB),
        Page("GET /uebersicht/standorte/{partnerId}/{shopId}", Scopes.ScoresRead, w => Get($"/uebersicht/standorte/{w.B}/{w.BShop}?quarter={w.Quarter}"),
            Refused(403)),
        Page("GET /uebersicht.csv", Scopes.ScoresRead, w => Get($"/uebersicht.csv?quarter={w.Quarter}"), Refused(403)),

        // Incentives
        Api("POST /api/v1/incentives/recalculations", Scopes.StatementsRecalculate, w => Json(HttpMethod.Post, "/api/v1/incentives/recalculations",
            new { quarter = w.Quarter }), Refused(403), HttpStatusCode.Accepted),
        Api("PUT /api/v1/incentives/plans/{quarter}", Scopes.PlansWrite, w => Json(HttpMethod.Put, $"/api/v1/incentives/plans/{w.OpenQuarter}", World.Plan),
            Refused(403)),
        Api("PUT /api/v1/incentives/plans/{quarter}/targets/{partnerId}", Scopes.PlansWrite,
            w => Json(HttpMethod.Put, $"/api/v1/incentives/plans/{w.OpenQuarter}/targets/{w.B}", new { mobile = 10, @fixed = 5 }), Refused(403)),
        Api("GET /api/v1/incentives/plans/{quarter}", Scopes.PlansWrite, w => Get($"/api/v1/incentives/plans/{w.OpenQuarter}"), Refused(403)),
        Api("POST /api/v1/incentives/transactions/batch", Scopes.TransactionsWrite, w => Json(HttpMethod.Post, "/api/v1/incentives/transactions/batch",
            new { items = new[] { w.BTransactionBody(PortalHost.NewId("t")) } }), ItemsRejected),
        Api("POST /api/v1/incentives/cancellations/batch", Scopes.TransactionsWrite, w => Json(HttpMethod.Post, "/api/v1/incentives/cancellations/batch",
            new { items = new[] { new { transactionId = w.BCancellable, cancelledAt = $"{w.Year}-02-20T10:00:00+01:00" } } }), ItemsRejected),
        Api("GET /api/v1/incentives/statements", Scopes.StatementsRead, w => Get($"/api/v1/incentives/statements?quarter={w.Quarter}"), Refused(403)),
        Api("GET /api/v1/incentives/statements/{quarter}/{partnerId}", Scopes.StatementsRead,
            w => Get($"/api/v1/incentives/statements/{w.Quarter}/{w.B}"), Refused(403)),
        Api("GET /api/v1/incentives/statements/{quarter}/{partnerId}/what-if", Scopes.StatementsRead,
            w => Get($"/api/v1/incentives/statements/{w.Quarter}/{w.B}/what-if?nps=55"), Refused(403)),
        Api("POST /api/v1/incentives/statements/{quarter}/{partnerId}/approve", Scopes.StatementsApprove,
            w => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incentives/statements/{w.Quarter}/{w.B}/approve"), Refused(403)),
        // After the row above: its control approved B's statement, so this one's control answers 200 "approved already"
        // whatever revision B's statement has reached.
        Api("POST /api/v1/incentives/statements/{quarter}/approve", Scopes.StatementsApprove,
            w => Json(HttpMethod.Post, $"/api/v1/incentives/statements/{w.Quarter}/approve", new { statements = new[] { new { partnerId = w.B, revision = 1 } } }),
            Refused(403)),
        Api("GET /api/v1/incentives/statements/{quarter}.csv", Scopes.StatementsRead, w => Get($"/api/v1/incentives/statements/{w.Quarter}.csv"),
            Refused(403)),
        Page("GET /provision", Scopes.StatementsRead, w => Get($"/provision?quarter={w.Quarter}&partnerId={w.B}"), ListWithoutB,
            markers: ["Abrechnung (Stand"]),

        Page("GET /provision/freigabe", Scopes.StatementsApprove, w => Get($"/provision/freigabe?quarter={w.Quarter}"), Refused(403)),
        FormPage("POST /provision/freigabe/{quarter}/{partnerId}", Scopes.StatementsApprove, w => Form($"/provision/freigabe/{w.Quarter}/{w.B}", []), Refused(403)),
        FormPage("POST /provision/freigabe/{quarter}", Scopes.StatementsApprove, w => Form($"/provision/freigabe/{w.Quarter}", new() { ["statement"] = $"{w.B}:1" }),
            Refused(403)),

        // Training (forms post without their antiforgery token here, so A and back office both get 400 at best; the forms
        // call the same use cases as the API rows, which are swept for real; TrainingPageTests posts them with tokens)
        Page("GET /schulungen", Scopes.TrainingRead, _ => Get("/schulungen"), NoPartnerData, control: HttpStatusCode.Redirect), // back office: to /schulungen/programm
        FormPage("POST /schulungen/vorschau", Scopes.TrainingRead, w => Form("/schulungen/vorschau", w.BBookingForm()), Refused(400)),
        FormPage("POST /schulungen/buchen", Scopes.TrainingWrite, w => Form("/schulungen/buchen", w.BBookingForm()), Refused(400)),
        Page("GET /schulungen/buchungen/{bookingId}/stornieren", Scopes.TrainingWrite, w => Get($"/schulungen/buchungen/{w.BBooking}/stornieren"), Refused(404)),
        FormPage("POST /schulungen/buchungen/{bookingId}/stornieren", Scopes.TrainingWrite, w => Form($"/schulungen/buchungen/{w.BBooking}/stornieren", []), Refused(400)),
        Page("GET /schulungen/programm", Scopes.TrainingAdmin, w => Get($"/schulungen/programm?year={w.Year}"), Refused(403)),
        FormPage("POST /schulungen/programm/buchungen/{bookingId}/bestaetigen", Scopes.TrainingAdmin,
            w => Form($"/schulungen/programm/buchungen/{w.BBooking}/bestaetigen", []), Refused(403)),
        Page("GET /schulungen/programm/buchungen/{bookingId}/durchfuehren", Scopes.TrainingAdmin,
            w => Get($"/schulungen/programm/buchungen/{w.BBookingConfirmed}/durchfuehren?WkzPercent=50"), Refused(403)),
        FormPage("POST /schulungen/programm/buchungen/{bookingId}/durchfuehren", Scopes.TrainingAdmin,
            w => Form($"/schulungen/programm/buchungen/{w.BBookingConfirmed}/durchfuehren", new() { ["WkzPercent"] = "50" }), Refused(403)),
        FormPage("POST /schulungen/programm/wkz", Scopes.TrainingAdmin,
            w => Form("/schulungen/programm/wkz", new() { ["PartnerId"] = w.B, ["AmountEur"] = "10", ["Reason"] = "Budget" }), Refused(403)),
        Api("PUT /api/v1/training/programmes/{year}", Scopes.TrainingAdmin, w => Json(HttpMethod.Put, $"/api/v1/training/programmes/{w.Year}", World.Programme),
            Refused(403)),
        Api("GET /api/v1/training/programmes/{year}", Scopes.TrainingRead, w => Get($"/api/v1/training/programmes/{w.Year}"), NoPartnerData),
        Api("POST /api/v1/training/coaching-bookings", Scopes.TrainingWrite, w => Json(HttpMethod.Post, "/api/v1/training/coaching-bookings", w.BBookingBody()),
            Refused(403), HttpStatusCode.Created),
        Api("GET /api/v1/training/coaching-bookings", Scopes.TrainingRead, w => Get($"/api/v1/training/coaching-bookings?year={w.Year}"), ListWithoutB),
        Api("GET /api/v1/training/coaching-bookings/price-preview", Scopes.TrainingRead,
            w => Get($"/api/v1/training/coaching-bookings/price-preview?partnerId={w.B}&date={w.Year}-03-02&days=1&wkzPercent=50"), Refused(403)),
        Api("GET /api/v1/training/coaching-bookings/{bookingId}", Scopes.TrainingRead, w => Get($"/api/v1/training/coaching-bookings/{w.BBooking}"), Refused(404)),
        Api("POST /api/v1/training/coaching-bookings/{bookingId}/confirm", Scopes.TrainingAdmin,
            w => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/training/coaching-bookings/{w.BBooking}/confirm"), Refused(403)),
        Api("POST /api/v1/training/coaching-bookings/{bookingId}/deliver", Scopes.TrainingAdmin,
            // The control reaches the use case and is refused by its date rule (B's booking is dated in the world's year, ahead):
            // 409, not 404 or 400, so the request was right; a test clock (X-Test-Now) would end the signed-in personas' sessions.
            w => Json(HttpMethod.Post, $"/api/v1/training/coaching-bookings/{w.BBookingConfirmed}/deliver", new { wkzPercent = 50 }), Refused(403),
            HttpStatusCode.Conflict),
        Api("POST /api/v1/training/coaching-bookings/{bookingId}/cancel", Scopes.TrainingWrite,
            w => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/training/coaching-bookings/{w.BBooking}/cancel"), Refused(404)),
        Api("GET /api/v1/training/partners/{partnerId}/wkz", Scopes.TrainingRead, w => Get($"/api/v1/training/partners/{w.B}/wkz"), Refused(403)),
        Api("POST /api/v1/training/partners/{partnerId}/wkz/allocations", Scopes.TrainingAdmin,
            w => Json(HttpMethod.Post, $"/api/v1/training/partners/{w.B}/wkz/allocations", new { amountEur = 100, reason = "Budget" }), Refused(403), HttpStatusCode.Created),
        Api("POST /api/v1/training/partners/{partnerId}/wkz/adjustments", Scopes.TrainingAdmin,
            w => Json(HttpMethod.Post, $"/api/v1/training/partners/{w.B}/wkz/adjustments", new { amountEur = -10, reason = "Korrektur" }), Refused(403), HttpStatusCode.Created),
        Api("POST /api/v1/training/elearning-completions/batch", Scopes.TrainingWrite, w => Json(HttpMethod.Post, "/api/v1/training/elearning-completions/batch",
            new { items = new[] { new { completionId = PortalHost.NewId("c"), partnerId = w.B, personId = "person-b", courseId = "course-1", completedAt = $"{w.Year}-02-01T10:00:00+01:00" } } }),
            ItemsRejected),
        Api("POST /api/v1/training/sessions", Scopes.TrainingAdmin, w => Json(HttpMethod.Post, "/api/v1/training/sessions", World.Session),
            Refused(403), HttpStatusCode.Created),
        Api("GET /api/v1/training/sessions", Scopes.TrainingRead, _ => Get("/api/v1/training/sessions?year=2024"), ListWithoutB),
        Api("GET /api/v1/training/sessions/{sessionId}", Scopes.TrainingRead, w => Get($"/api/v1/training/sessions/{w.BSession}"), ListWithoutB),
        Api("POST /api/v1/training/sessions/{sessionId}/registrations", Scopes.TrainingWrite,
            w => Json(HttpMethod.Post, $"/api/v1/training/sessions/{w.BSession}/registrations", new { partnerId = w.B, personId = PortalHost.NewId("person") }),
            Refused(403), HttpStatusCode.Created),
        Api("POST /api/v1/training/sessions/{sessionId}/attendance", Scopes.TrainingAdmin,
            w => Json(HttpMethod.Post, $"/api/v1/training/sessions/{w.BSession}/attendance", new { attended = new[] { w.BPerson } }), Refused(403)),
        Api("GET /api/v1/training/kpis/{year}", Scopes.TrainingRead, w => Get($"/api/v1/training/kpis/{w.Year}?partnerId={w.B}"), Refused(403)),
        Api("POST /api/v1/training/recalculations", Scopes.TrainingAdmin, w => Json(HttpMethod.Post, "/api/v1/training/recalculations", new { year = w.Year }),
            Refused(403), HttpStatusCode.Accepted),

        // FollowUps: B's detractor case; back office's control starts, closes and reopens it, in that order.
        Api("GET /api/v1/followups/", Scopes.FollowUpsRead, w => Get($"/api/v1/followups?quarter={w.Quarter}"), ListWithoutB),
        Api("GET /api/v1/followups/stats", Scopes.FollowUpsRead, w => Get($"/api/v1/followups/stats?quarter={w.Quarter}&partnerId={w.B}"), Refused(403)),
        Api("POST /api/v1/followups/{caseId}/start", Scopes.FollowUpsWrite, w => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/followups/{w.BCase}/start"), Refused(404)),
        Api("POST /api/v1/followups/{caseId}/close", Scopes.FollowUpsWrite, w => Json(HttpMethod.Post, $"/api/v1/followups/{w.BCase}/close",
            new { rootCause = "advice", action = "called-back", note = "Sweep" }), Refused(404)),
        Page("GET /rueckmeldungen", Scopes.FollowUpsRead, w => Get($"/rueckmeldungen?quarter={w.Quarter}"), ListWithoutB),
        FormPage("POST /rueckmeldungen/{caseId}/beginnen", Scopes.FollowUpsWrite, w => Form($"/rueckmeldungen/{w.BCase}/beginnen", []), Refused(400)),
        FormPage("POST /rueckmeldungen/{caseId}/abschliessen", Scopes.FollowUpsWrite, w => Form($"/rueckmeldungen/{w.BCase}/abschliessen",
            new() { ["RootCause"] = "advice", ["Action"] = "called-back", ["Note"] = "Sweep" }), Refused(400)),
        Api("POST /api/v1/followups/{caseId}/reopen", Scopes.FollowUpsWrite, w => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/followups/{w.BCase}/reopen"), Refused(404)),
        // Notifications (the settings of B's user: A's user lacks users:write, A's key with it does not find B's user)
        Api("GET /api/v1/users/{email}/notifications", Scopes.UsersWrite, w => Get($"/api/v1/users/{w.BUserEmail}/notifications"), Refused(404)),
        Api("PUT /api/v1/users/{email}/notifications", Scopes.UsersWrite,
            w => Json(HttpMethod.Put, $"/api/v1/users/{w.BUserEmail}/notifications", new { followups = "immediate" }), Refused(404)),
        Api("GET /api/v1/outbox", Scopes.AuditRead, _ => Get("/api/v1/outbox?limit=5"), Refused(403)),
        Page("GET /einstellungen", null, _ => Get("/einstellungen"), NoPartnerData),
        FormPage("POST /einstellungen", null, _ => Form("/einstellungen", new() { ["Followups"] = "off", ["Language"] = "de" }), Refused(400)),
        Page("GET /postausgang", Scopes.AuditRead, _ => Get("/postausgang"), Refused(403)),

        // Audit and language
        Api("GET /api/v1/audit", Scopes.AuditRead, w => Get($"/api/v1/audit?partnerId={w.B}"), Refused(403)),
        Page("GET /protokoll", Scopes.AuditRead, w => Get($"/protokoll?partnerId={w.B}"), Refused(403)),
        Public("GET /sprache/{language}", _ => Get("/sprache/en?returnUrl=%2F"), HttpStatusCode.Redirect),
    ];

    /// <summary>Control characters for query values, URL-escaped: NUL (PostgreSQL refuses it with error 22021), other C0
    /// controls (a line feed, a tab, an escape sequence), DEL and C1 controls. Every one is 400 at the edge (ADR 0029).</summary>
    internal static readonly string[] QueryControls = ["%00", "%01", "%07", "%09", "%0A", "%0D", "%1B", "%7F", "%C2%85", "%C2%9B"];

    /// <summary>A query parameter no route declares: the edge checks every query value, not only the ones a handler reads.</summary>
    internal const string UndeclaredParameter = "utm_source";

    /// <summary>A valid id spoiled by one flaw (ADR 0029's one id rule): a trailing line feed (.NET's regex <c>$</c> once let it
    /// through), other control characters, look-alike letters from other scripts, invisible characters, URL syntax.</summary>
    internal static IEnumerable<(string What, string Id)> FlawedIds(string id)
    {
        yield return ("trailing line feed", id + "\n");
        yield return ("trailing CR LF", id + "\r\n");
        yield return ("leading line feed", "\n" + id);
        yield return ("tab", id + "\t");
        yield return ("escape", id + "\u001b[0m");
        yield return ("DEL", id + "\u007f");
        yield return ("NEL U+0085", id + "\u0085");
        yield return ("Cyrillic look-alike", id + "\u0430"); // а
        yield return ("Cyrillic first letter", (id[0] == 'p' ? "\u0440" : "\u0430") + id[1..]); // р looks like p
        yield return ("fullwidth first letter", (char)(id[0] + 0xFEE0) + id[1..]);
        yield return ("zero-width space", id + "\u200B");
        yield return ("byte order mark", "\uFEFF" + id);
        yield return ("right-to-left override", id + "\u202E");
        yield return ("accented letter", id + "\u00E9");
        yield return ("space", id + " ");
        yield return ("percent", id + "%");
        yield return ("leading hyphen", "-" + id);
    }

    /// <summary>The route parameters that are ids (named <c>…Id</c>); the others are quarters, years and a language.</summary>
    internal static string[] IdParameters(Row row) =>
        row.Template.Split('/').Where(s => s.StartsWith('{')).Select(s => s[1..s.IndexOf('}', StringComparison.Ordinal)])
            .Where(p => p.Length > 2 && p.EndsWith("Id", StringComparison.Ordinal)).ToArray();

    /// <summary>Every query parameter a route reads: what its handler declares (the API explorer describes pages too), what its
    /// row's request sends, <c>partnerId</c> on every API route (the partner guard reads it), and one nobody declares.</summary>
    internal static string[] QueryParameters(Row row, string url, IServiceProvider services)
    {
        var path = row.Template.TrimStart('/');
        var declared = services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items)
            .Where(d => d.RelativePath == path && (row.Method == "*" || string.Equals(d.HttpMethod, row.Method, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(d => d.ParameterDescriptions).Where(p => p.Source == BindingSource.Query).Select(p => p.Name);
        var sent = QueryOf(url).Select(p => p.Name);
        var guarded = row.Kind == Kind.Api ? ["partnerId"] : Array.Empty<string>();
        return declared.Concat(sent).Concat(guarded).Append(UndeclaredParameter).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary><paramref name="url"/> with the query parameter <paramref name="name"/> set to <paramref name="escapedValue"/>
    /// appended to its current value (or alone), the rest as it was.</summary>
    internal static string WithQueryValue(string url, string name, string escapedValue)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? url : url[..q];
        var query = QueryOf(url).ToList();
        var i = query.FindIndex(p => p.Name == name);
        if (i >= 0) query[i] = (name, query[i].Value + escapedValue);
        else query.Add((name, escapedValue));
        return path + "?" + string.Join('&', query.Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary><paramref name="url"/> with the route value of <paramref name="parameter"/> replaced by
    /// <paramref name="escapedValue"/> (a literal suffix of the segment, such as <c>.csv</c>, kept).</summary>
    internal static string WithRouteValue(Row row, string url, string parameter, string escapedValue)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var segments = (q < 0 ? url : url[..q]).Split('/');
        var patterns = row.Template.Split('/');
        for (var i = 0; i < patterns.Length && i < segments.Length; i++)
        {
            if (!patterns[i].StartsWith("{" + parameter + "}", StringComparison.Ordinal)) continue;
            segments[i] = escapedValue + patterns[i][(parameter.Length + 2)..];
            return string.Join('/', segments) + (q < 0 ? "" : url[q..]);
        }
        throw new InvalidOperationException($"{row.Pattern} has no route parameter {parameter}.");
    }

    /// <summary>The current value of a route parameter in <paramref name="url"/> (unescaped).</summary>
    internal static string RouteValue(Row row, string url, string parameter)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var segments = (q < 0 ? url : url[..q]).Split('/');
        var i = Array.FindIndex(row.Template.Split('/'), p => p.StartsWith("{" + parameter + "}", StringComparison.Ordinal));
        var suffix = row.Template.Split('/')[i][(parameter.Length + 2)..];
        return Uri.UnescapeDataString(segments[i][..^suffix.Length]);
    }

    private static IEnumerable<(string Name, string Value)> QueryOf(string url) =>
        url.IndexOf('?', StringComparison.Ordinal) is var q and >= 0
            ? url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : ""))
            : [];

    internal static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    internal static HttpRequestMessage Json(HttpMethod method, string url, object body) => new(method, url) { Content = JsonContent.Create(body) };

    internal static HttpRequestMessage Csv(string url, string csv) => new(HttpMethod.Post, url) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };

    internal static HttpRequestMessage Form(string url, Dictionary<string, string> fields) => new(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };

    internal static Row Api(string pattern, string? scope, Func<World, HttpRequestMessage> request, Confinement confinement, HttpStatusCode control = HttpStatusCode.OK) =>
        new(pattern, Kind.Api, scope, request, confinement, control, []);

    internal static Row Page(string pattern, string? scope, Func<World, HttpRequestMessage> request, Confinement confinement, string[]? markers = null,
        HttpStatusCode control = HttpStatusCode.OK) =>
        new(pattern, Kind.Page, scope, request, confinement, control, markers ?? []);

    /// <summary>A portal form post sent without its antiforgery token: back office's control gets 400 too.</summary>
    internal static Row FormPage(string pattern, string? scope, Func<World, HttpRequestMessage> request, Confinement confinement) =>
        new(pattern, Kind.Page, scope, request, confinement, HttpStatusCode.BadRequest, []);

    internal static Row Public(string pattern, Func<World, HttpRequestMessage> request, HttpStatusCode anonymous) =>
        new(pattern, Kind.Public, null, request, NoPartnerData, anonymous, [], anonymous);

    /// <summary>403 before the handler (the partner guard, an unbound-caller route), 404 (B's item is not there for A),
    /// or 400 (a body naming B is invalid for A).</summary>
    internal static Confinement Refused(int status) => new Confinement.Refused((HttpStatusCode)status);

    /// <summary>2xx, showing none of B's data (B's ids or the row's markers).</summary>
    internal static Confinement ListWithoutB => new Confinement.ListWithoutB();

    /// <summary>A batch of B's items: 200, every item rejected.</summary>
    internal static Confinement ItemsRejected => new Confinement.ItemsRejected();

    /// <summary>The route shows no partner's data at all.</summary>
    internal static Confinement NoPartnerData => new Confinement.NoPartnerData();

    internal enum Kind { Public, Page, Api }

    internal abstract record Confinement
    {
        public sealed record Refused(HttpStatusCode Status) : Confinement;
        public sealed record ListWithoutB : Confinement;
        public sealed record ItemsRejected : Confinement;
        public sealed record NoPartnerData : Confinement;
    }

    internal sealed record Row(string Pattern, Kind Kind, string? Scope, Func<World, HttpRequestMessage> Request, Confinement Confinement,
        HttpStatusCode ControlStatus, string[] Markers, HttpStatusCode AnonymousStatus = 0)
    {
        public string Method => Pattern[..Pattern.IndexOf(' ', StringComparison.Ordinal)];
        public string Template => Pattern[(Pattern.IndexOf(' ', StringComparison.Ordinal) + 1)..];
    }
}

internal sealed class World : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A year no other test uses: each test that builds a world takes its own.</summary>
    public int Year => _year;

    public string Quarter => $"{_year}-Q1";

    /// <summary>A quarter whose plan nobody approves.</summary>
    public string OpenQuarter => $"{_year}-Q2";

    public static readonly object Programme = new
    {
        targetCoachingDays = 100,
        topicMix = new Dictionary<string, int> { ["sales-conversation"] = 70, ["leadership-motivation"] = 30 },
        coachingDayRateEur = 1000,
        partnerSharePercent = 50,
    };

    public static readonly object Session = new { title = "Perfect Pitch", date = "2024-03-01", place = "Köln", seats = 50 };

    public static readonly object Plan = new
    {
        baseRates = new { mobile = 47.11m, @fixed = 20m },
        tiers = new[] { new { minNps = 0, upliftPercent = 10, qualityBonusEur = 100 } },
        minSample = 30,
        tierBasis = "point",
    };

    private readonly PortalHost _host;
    private readonly int _year;
    private readonly Dictionary<string, string> _keysWithout = new(StringComparer.Ordinal);

    private World(PortalHost host, int year)
    {
        _host = host;
        _year = year;
    }

    public string A { get; private set; } = "";
    public string B { get; private set; } = "";
    public string BShop { get; private set; } = "";
    public string BResponse { get; private set; } = "";
    /// <summary>B's detractor response, whose follow-up case has the same id.</summary>
    public string BCase { get; private set; } = "";
    /// <summary>B's open appeal on <see cref="BResponse"/>; and a response of B in <see cref="OpenQuarter"/>, not appealed yet.</summary>
    public string BAppeal { get; private set; } = "";
    public string BAppealable { get; private set; } = "";
    public string BTransaction { get; private set; } = "";
    public string BCancellable { get; private set; } = "";
    public string BUserEmail { get; private set; } = "";
    public string BBooking { get; private set; } = "";
    public string BBookingConfirmed { get; private set; } = "";
    public string BSession { get; private set; } = "";
    public string BPerson { get; private set; } = "";
    public string JobId { get; private set; } = "";
    public string AKey { get; private set; } = "";
    public HttpClient AUser { get; private set; } = null!;
    public HttpClient BackOffice { get; private set; } = null!;

    public static async Task<World> CreateAsync(PortalHost host, int year)
    {
        var world = new World(host, year);
        world.A = (await host.CreatePartnerAsync()).PartnerId;
        (world.B, var shops) = await host.CreatePartnerAsync();
        world.BShop = shops[0];
        using var admin = host.Admin();

        world.BResponse = PortalHost.NewId("r");
        await (await admin.PostAsJsonAsync("/api/v1/surveys/responses", world.BResponseBody(world.BResponse), Ct)).EnsureStatus(HttpStatusCode.Created);
        world.BAppeal = (await (await admin.PostAsJsonAsync($"/api/v1/surveys/responses/{world.BResponse}/appeals", new { reason = "abusive" }, Ct))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("appealId").GetString()!;
        world.BCase = PortalHost.NewId("r");
        var detractor = world.BResponseBody(world.BCase);
        detractor["scores"] = new Dictionary<string, object?> { ["brand"] = 2, ["product"] = 2, ["touchpoint"] = 2 };
        await (await admin.PostAsJsonAsync("/api/v1/surveys/responses", detractor, Ct)).EnsureStatus(HttpStatusCode.Created);
        world.BAppealable = PortalHost.NewId("r");
        var appealable = world.BResponseBody(world.BAppealable);
        appealable["respondedAt"] = $"{year}-05-10T10:00:00+02:00";
        await (await admin.PostAsJsonAsync("/api/v1/surveys/responses", appealable, Ct)).EnsureStatus(HttpStatusCode.Created);
        foreach (var quarter in new[] { world.Quarter, world.OpenQuarter })
        {
            var plan = await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan, Ct);
            Assert.True(plan.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"plan {quarter}: {(int)plan.StatusCode}");
        }
        world.BTransaction = PortalHost.NewId("t");
        world.BCancellable = PortalHost.NewId("t");
        var sales = await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch",
            new { items = new[] { world.BTransactionBody(world.BTransaction), world.BTransactionBody(world.BCancellable) } }, Ct)).JsonAsync();
        Assert.Equal(2, sales.GetProperty("accepted").GetInt32());

        // Training: B's programme year, two bookings (one confirmed), a WKZ budget, a session (in the past) with B's person.
        await (await admin.PutAsJsonAsync($"/api/v1/training/programmes/{year}", Programme, Ct)).EnsureStatus(HttpStatusCode.Created);
        world.BBooking = (await (await admin.PostAsJsonAsync("/api/v1/training/coaching-bookings", world.BBookingBody(), Ct)).JsonAsync(HttpStatusCode.Created))
            .GetProperty("bookingId").GetString()!;
        world.BBookingConfirmed = (await (await admin.PostAsJsonAsync("/api/v1/training/coaching-bookings", world.BBookingBody(), Ct)).JsonAsync(HttpStatusCode.Created))
            .GetProperty("bookingId").GetString()!;
        await (await admin.PostAsJsonAsync($"/api/v1/training/coaching-bookings/{world.BBookingConfirmed}/confirm", new { }, Ct)).EnsureStatus(HttpStatusCode.OK);
        await (await admin.PostAsJsonAsync($"/api/v1/training/partners/{world.B}/wkz/allocations", new { amountEur = 1000, reason = "Budget" }, Ct))
            .EnsureStatus(HttpStatusCode.Created);
        world.BSession = (await (await admin.PostAsJsonAsync("/api/v1/training/sessions", Session, Ct)).JsonAsync(HttpStatusCode.Created))
            .GetProperty("sessionId").GetString()!;
        world.BPerson = PortalHost.NewId("person");
        await (await admin.PostAsJsonAsync($"/api/v1/training/sessions/{world.BSession}/registrations", new { partnerId = world.B, personId = world.BPerson }, Ct))
            .EnsureStatus(HttpStatusCode.Created);

        world.JobId = await RunJobAsync(admin, "/api/v1/scoring/recalculations", world.Quarter);
        await RunJobAsync(admin, "/api/v1/incentives/recalculations", world.Quarter);

        // Every scope, as a key issued before ADR 0055 could have: the API issues no bound key with back office's scopes now.
        world.AKey = await host.StoreKeyAsync(Scopes.All, world.A);
        var (aEmail, aPassword) = await host.CreateUserAsync(Roles.Partner, world.A);
        world.AUser = (await host.LoginAsync(aEmail, aPassword)).Client;
        (world.BUserEmail, _) = await host.CreateUserAsync(Roles.Partner, world.B);
        var (boEmail, boPassword) = await host.CreateUserAsync(Roles.BackOffice, null);
        world.BackOffice = (await host.LoginAsync(boEmail, boPassword)).Client;
        return world;
    }

    public void Dispose()
    {
        AUser?.Dispose();
        BackOffice?.Dispose();
    }

    /// <summary>Per document table: the count and a hash of the documents that mention partner B, and of this world's
    /// quarter plans. Equal before and after = nothing of B's was stored, changed or deleted.</summary>
    public async Task<string[]> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync(Ct);
        await WaitForJobsOfThisYearAsync(connection);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_schema || '.' || table_name from information_schema.tables where table_name like 'mt_doc_%' order by 1", connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) tables.Add(reader.GetString(0));
        var fingerprint = new List<string>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"select count(*) || ':' || coalesce(md5(string_agg(data::text, '|' order by id::text)), '') from {table} where data::text like $1 or id::text in ($2, $3)", connection);
            command.Parameters.AddWithValue("%" + B + "%");
            command.Parameters.AddWithValue(Quarter);
            command.Parameters.AddWithValue(OpenQuarter);
            fingerprint.Add($"{table} = {await command.ExecuteScalarAsync(Ct)}");
        }
        return fingerprint.ToArray();
    }

    /// <summary>Lets the jobs this world's set-up and its control requests started (score cards, KPIs and statements of
    /// its year, enqueued by its changes) finish first: what they write is derived from B's data, not changed by the calls
    /// under test, and would otherwise land between two fingerprints (at most a minute).</summary>
    private async Task WaitForJobsOfThisYearAsync(NpgsqlConnection connection)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await using var command = new NpgsqlCommand(
            "select count(*) from hangfire.job where statename in ('Enqueued', 'Processing', 'Scheduled', 'Awaiting') and arguments::text like $1", connection);
        command.Parameters.AddWithValue("%" + _year.ToString(System.Globalization.CultureInfo.InvariantCulture) + "%");
        while ((long)(await command.ExecuteScalarAsync(timeout.Token))! > 0) await Task.Delay(100, timeout.Token);
    }

    public async Task<string> KeyWithoutAsync(string scope)
    {
        if (!_keysWithout.TryGetValue(scope, out var key))
            _keysWithout[scope] = key = await _host.CreateKeyAsync(Scopes.All.Where(s => s != scope));
        return key;
    }

    /// <summary>The first of B's ids (or of <paramref name="extra"/>) found in <paramref name="body"/>, or null.</summary>
    public string? MarkersIn(string body, IEnumerable<string> extra) =>
        new[] { B, BShop, BResponse, BTransaction, BBooking, BBookingConfirmed, BPerson, BAppeal, BAppealable }.Where(m => m.Length > 0).Concat(extra).FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal));

    public object BPartnerBody() => new { name = "Partner " + B, shops = new[] { new { shopId = BShop, name = "Shop " + BShop, city = "Köln" } } };

    public Dictionary<string, object?> BResponseBody(string? responseId = null) => new()
    {
        ["responseId"] = responseId ?? PortalHost.NewId("r"),
        ["respondedAt"] = $"{_year}-02-10T10:00:00+01:00",
        ["segment"] = "private",
        ["channel"] = "partner-shop",
        ["partnerId"] = B,
        ["shopId"] = BShop,
        ["scores"] = new Dictionary<string, object?> { ["brand"] = 9, ["product"] = 8, ["touchpoint"] = 10 },
        ["comment"] = $"Kommentar zu {B}",
    };

    public string BResponseCsv() =>
        "responseId,respondedAt,segment,channel,partnerId,shopId,brand,product,touchpoint,comment\n" +
        $"{PortalHost.NewId("r")},{_year}-02-10T10:00:00+01:00,private,partner-shop,{B},{BShop},9,8,10,Kommentar\n";

    public object BBookingBody() =>
        new { partnerId = B, shopId = BShop, date = $"{_year}-03-02", topic = "sales-conversation", days = 1, participants = 4, wkzPercent = 50 };

    public Dictionary<string, string> BBookingForm() => new()
    {
        ["ShopId"] = BShop, ["Date"] = $"{_year}-03-02", ["Topic"] = "sales-conversation", ["Days"] = "1", ["Participants"] = "4", ["WkzPercent"] = "50",
    };

    public object BTransactionBody(string transactionId) =>
        new { transactionId, partnerId = B, shopId = BShop, category = "mobile", occurredAt = $"{_year}-02-05T10:00:00+01:00" };

    internal static async Task<string> RunJobAsync(HttpClient admin, string path, string quarter)
    {
        var jobId = (await (await admin.PostAsJsonAsync(path, new { quarter }, Ct)).JsonAsync(HttpStatusCode.Accepted)).GetProperty("jobId").GetString()!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        while (true)
        {
            var state = (await (await admin.GetAsync($"/api/v1/jobs/{jobId}", timeout.Token)).JsonAsync()).GetProperty("state").GetString();
            if (state == "succeeded") return jobId;
            Assert.NotEqual("failed", state);
            await Task.Delay(100, timeout.Token); // polling the jobs API, as a client would
        }
    }
}
