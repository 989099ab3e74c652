using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Foundation;

/// <summary>
/// The rules that make the served OpenAPI document the contract of API.md "Conventions" (ADR 0039), asserted on the live
/// document so that breaking a filter of <c>OpenApiContract</c>/<c>SchemaContract</c> turns one of these red.
/// </summary>
public sealed partial class OpenApiContractTests(PortalHost host)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        return await response.JsonAsync();
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement doc) =>
        doc.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(m => Methods.Contains(m.Name)).Select(m => (path.Name, m.Name, m.Value)));

    private static JsonElement Schema(JsonElement doc, string name) => doc.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private static string[] Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var r) ? [.. r.EnumerateArray().Select(e => e.GetString()!)] : [];

    private static bool IsNullable(JsonElement property) => property.TryGetProperty("nullable", out var n) && n.GetBoolean();

    private static string[] EnumOf(JsonElement property) => [.. property.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Each request generates the document anew; requests at the same time must not share mutable state (a
    /// static <c>NullabilityInfoContext</c> once answered 500 to one of two concurrent requests).</summary>
    [Fact]
    public async Task Concurrent_requests_for_the_document_all_get_the_same_document()
    {
        var ct = TestContext.Current.CancellationToken;
        var bodies = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                using var client = host.Anonymous();
                using var response = await client.GetAsync("/swagger/v1/swagger.json", ct);
                return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
            }));
            Assert.All(answers, a => Assert.Equal(200, a.Item1));
            bodies.AddRange(answers.Select(a => a.Item2));
        }
        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_a_description_and_its_scopes()
    {
        var doc = await DocumentAsync();
        var operations = Operations(doc).ToArray();
        Assert.NotEmpty(operations);
        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()!).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(OperationIdScheme(), id));
        Assert.Contains("surveys_postResponsesBatch", ids);
        Assert.Contains("jobs_getByJobId", ids);
        Assert.Contains("followUps_postByCaseIdStart", ids); // a two-word tag
        foreach (var (path, method, operation) in operations)
        {
            var scopes = operation.GetProperty("x-scopes").EnumerateArray().Select(s => s.GetString()!).ToArray();
            Assert.True(scopes.Length > 0, $"{method} {path} names no scope");
            var description = operation.GetProperty("description").GetString()!;
            Assert.Contains("Scope: ", description, StringComparison.Ordinal);
            Assert.All(scopes, s => Assert.Contains($"`{s}`", description, StringComparison.Ordinal));
        }
        var batch = doc.GetProperty("paths").GetProperty("/api/v1/surveys/responses/batch").GetProperty("post");
        Assert.Equal(new[] { "surveys:write" }, batch.GetProperty("x-scopes").EnumerateArray().Select(s => s.GetString()).ToArray());
        // The job status needs any scope that can start a job: those of every 202.
        var jobScopes = doc.GetProperty("paths").GetProperty("/api/v1/jobs/{jobId}").GetProperty("get").GetProperty("x-scopes")
            .EnumerateArray().Select(s => s.GetString()).ToArray();
        Assert.Contains("scoring:recalculate", jobScopes);
        Assert.Contains("statements:recalculate", jobScopes);
    }

    [Fact]
    public async Task Every_operation_declares_the_problem_statuses_the_host_can_answer()
    {
        var doc = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(doc))
        {
            var responses = operation.GetProperty("responses");
            string Where(string status) => $"{method.ToUpperInvariant()} {path} {status}";
            // Every API route needs credentials; any caller can hit the rate limit or a database outage.
            foreach (var status in new[] { "400", "401", "403", "429", "503" })
                Assert.True(responses.TryGetProperty(status, out _), Where(status) + " is not declared");
            foreach (var status in new[] { "429", "503" })
                Assert.True(responses.GetProperty(status).GetProperty("headers").TryGetProperty("Retry-After", out _), Where(status) + " has no Retry-After");
            if (path.Contains("Id}", StringComparison.Ordinal) && !(method == "put" && responses.TryGetProperty("201", out _)))
                Assert.True(responses.TryGetProperty("404", out _), Where("404") + " is not declared for a route with an id");
            if (operation.TryGetProperty("requestBody", out _) && path != "/api/v1/surveys/responses/import")
                Assert.True(responses.TryGetProperty("413", out _), Where("413") + " is not declared for a body");
            // Every reader of a body refuses another content type.
            if (operation.TryGetProperty("requestBody", out _))
                Assert.True(responses.TryGetProperty("415", out _), Where("415") + " is not declared for a body");
            else
                Assert.False(responses.TryGetProperty("415", out _), Where("415") + " is declared without a body");
            if (responses.TryGetProperty("202", out var accepted))
                Assert.True(accepted.GetProperty("headers").TryGetProperty("Location", out _), Where("202") + " has no Location");
            foreach (var response in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var content = response.Value.GetProperty("content").EnumerateObject().ToArray();
                Assert.Equal("application/problem+json", Assert.Single(content).Name);
                var reference = content[0].Value.GetProperty("schema").GetProperty("$ref").GetString();
                Assert.Equal(response.Name == "400" ? "#/components/schemas/ValidationProblemDetails" : "#/components/schemas/ProblemDetails", reference);
            }
        }
        // The CSV import takes any size: no 413.
        var import = doc.GetProperty("paths").GetProperty("/api/v1/surveys/responses/import").GetProperty("post").GetProperty("responses");
        Assert.False(import.TryGetProperty("413", out _));
    }

    [Fact]
    public async Task Schema_names_carry_no_namespace()
    {
        var doc = await DocumentAsync();
        var names = doc.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToArray();
        Assert.All(names, n => Assert.Matches("^[A-Z][A-Za-z0-9]*$", n));
        Assert.Contains("StatementView", names);
        Assert.Contains("ProblemDetails", names);
        Assert.Contains("ValidationProblemDetails", names);
        Assert.Contains("BatchResult", names);
    }

    [Fact]
    public async Task Answers_declare_every_field_required_and_nullable_only_where_it_can_be_null()
    {
        var doc = await DocumentAsync();
        var statement = Schema(doc, "StatementView");
        var properties = statement.GetProperty("properties");
        Assert.Equal(properties.EnumerateObject().Select(p => p.Name).Order(), Required(statement).Order());
        Assert.True(IsNullable(properties.GetProperty("tier")), "statement.tier is null without a tier");
        Assert.Equal("#/components/schemas/NpsTier", properties.GetProperty("tier").GetProperty("allOf")[0].GetProperty("$ref").GetString());
        Assert.False(IsNullable(properties.GetProperty("quarter")));
        Assert.False(IsNullable(properties.GetProperty("lines")));
        Assert.False(IsNullable(properties.GetProperty("total")));

        var dimensions = Schema(doc, "DimensionCards").GetProperty("properties");
        Assert.All(new[] { "brand", "product", "touchpoint" }, d => Assert.True(IsNullable(dimensions.GetProperty(d)), $"summary.dimensions.{d}"));
        var benchmarks = Schema(doc, "Benchmarks").GetProperty("properties");
        Assert.All(new[] { "partnerShop", "ownShop" }, b => Assert.True(IsNullable(benchmarks.GetProperty(b)), $"summary.benchmarks.{b}"));
        Assert.True(IsNullable(Schema(doc, "BookingView").GetProperty("properties").GetProperty("charges")), "booking.charges");

        // A field the serializer leaves out when null is optional, not nullable.
        var item = Schema(doc, "ItemResult");
        Assert.DoesNotContain("errors", Required(item));
        Assert.Contains("status", Required(item));
        // A 400 for a body that cannot be read has no field errors.
        Assert.DoesNotContain("errors", Required(Schema(doc, "ValidationProblemDetails")));
        var card = Schema(doc, "ScoreCardView");
        Assert.DoesNotContain("partnerId", Required(card));
        Assert.False(IsNullable(card.GetProperty("properties").GetProperty("partnerId")));
    }

    [Fact]
    public async Task Requests_require_what_the_rules_require_even_where_the_binder_accepts_null()
    {
        var doc = await DocumentAsync();
        var response = Schema(doc, "SurveyResponseRequest");
        Assert.Equal(new[] { "channel", "respondedAt", "responseId", "scores", "segment" }, Required(response).Order(StringComparer.Ordinal));
        Assert.True(IsNullable(response.GetProperty("properties").GetProperty("comment")));
        Assert.Equal(2000, response.GetProperty("properties").GetProperty("comment").GetProperty("maxLength").GetInt32());
        var partner = Schema(doc, "PutPartnerRequest");
        Assert.Equal(new[] { "name", "shops" }, Required(partner).Order(StringComparer.Ordinal));
        Assert.False(IsNullable(partner.GetProperty("properties").GetProperty("name")));
        var booking = Schema(doc, "BookingRequest");
        Assert.DoesNotContain("wkzPercent", Required(booking));
        Assert.Contains("topic", Required(booking));
        var scores = Schema(doc, "ScoresRequest").GetProperty("properties");
        Assert.All(new[] { "brand", "product", "touchpoint" }, s =>
        {
            Assert.Equal(0, scores.GetProperty(s).GetProperty("minimum").GetInt32());
            Assert.Equal(10, scores.GetProperty(s).GetProperty("maximum").GetInt32());
        });
    }

    /// <summary>A handler that answers 400 without a body has a required body; only the statement approval takes none
    /// (<c>[ApiOptional]</c> on its parameter).</summary>
    [Fact]
    public async Task Request_bodies_are_required_where_the_handler_needs_one()
    {
        var doc = await DocumentAsync();
        var optional = new[] { "post /api/v1/incentives/statements/{quarter}/{partnerId}/approve" };
        var bodies = Operations(doc).Where(o => o.Operation.TryGetProperty("requestBody", out _)).ToArray();
        Assert.True(bodies.Length > 20);
        foreach (var (path, method, operation) in bodies)
        {
            var required = operation.GetProperty("requestBody").TryGetProperty("required", out var r) && r.GetBoolean();
            Assert.True(required != optional.Contains($"{method} {path}"), $"{method.ToUpperInvariant()} {path}: requestBody.required is {required}");
        }
    }

    [Fact]
    public async Task Score_card_segments_include_all_and_a_response_segment_does_not()
    {
        var doc = await DocumentAsync();
        var paths = doc.GetProperty("paths");
        string[] CardSegments = ["private", "business", "all"];
        Assert.Equal(CardSegments, EnumOf(Schema(doc, "ScoreCardView").GetProperty("properties").GetProperty("segment")));
        Assert.Equal(CardSegments, EnumOf(Schema(doc, "PartnerSummaryView").GetProperty("properties").GetProperty("segment")));
        Assert.Equal(CardSegments, EnumOf(Parameter(paths, "/api/v1/scoring/scorecards", "get", "segment")));
        Assert.Equal(CardSegments, EnumOf(Parameter(paths, "/api/v1/scoring/partners/{partnerId}/summary", "get", "segment")));
        Assert.Equal(new[] { "private", "business" }, EnumOf(Schema(doc, "SurveyResponseRequest").GetProperty("properties").GetProperty("segment")));
        Assert.Equal(new[] { "private", "business" }, EnumOf(Schema(doc, "ResponseView").GetProperty("properties").GetProperty("segment")));
    }

    [Fact]
    public async Task Follow_ups_notifications_and_the_outbox_state_their_closed_sets_and_limits()
    {
        var doc = await DocumentAsync();
        var paths = doc.GetProperty("paths");

        var settings = Schema(doc, "NotificationSettingsRequest");
        Assert.Equal(new[] { "followups" }, Required(settings));
        Assert.Equal(new[] { "immediate", "daily", "off" }, EnumOf(settings.GetProperty("properties").GetProperty("followups")));
        Assert.Equal(new[] { "de", "en" }, EnumOf(settings.GetProperty("properties").GetProperty("language")));
        Assert.Equal(new[] { "immediate", "daily", "off" }, EnumOf(Schema(doc, "NotificationSettingsView").GetProperty("properties").GetProperty("followups")));

        string[] statuses = ["open", "in-progress", "closed"];
        Assert.Equal(statuses, EnumOf(Schema(doc, "CaseView").GetProperty("properties").GetProperty("status")));
        Assert.Equal(statuses, EnumOf(Parameter(paths, "/api/v1/followups", "get", "status")));
        var overdue = Parameter(paths, "/api/v1/followups", "get", "overdue");
        Assert.Equal("boolean", overdue.GetProperty("type").GetString());
        var close = Schema(doc, "CloseCaseRequest").GetProperty("properties");
        Assert.Equal(new[] { "advice", "waiting-time", "product", "price-tariff", "network", "billing", "friendliness", "other" },
            EnumOf(close.GetProperty("rootCause")));
        Assert.Equal(new[] { "called-back", "visited-shop", "no-contact-possible", "other" }, EnumOf(close.GetProperty("action")));
        Assert.Equal(2000, close.GetProperty("note").GetProperty("maxLength").GetInt32());
        Assert.Contains("excluded", EnumOf(Schema(doc, "CaseView").GetProperty("properties").GetProperty("rootCause")));

        string[] mail = ["pending", "sent", "failed"];
        Assert.Equal(mail, EnumOf(Schema(doc, "OutboxItemView").GetProperty("properties").GetProperty("status")));
        Assert.Equal(mail, EnumOf(Parameter(paths, "/api/v1/outbox", "get", "status")));
    }

    /// <summary>Every list's <c>limit</c> has the maximum its handler enforces (read from the same constant).</summary>
    [Fact]
    public async Task Every_limit_parameter_has_the_maximum_its_handler_enforces()
    {
        var doc = await DocumentAsync();
        var limits = Operations(doc)
            .Where(o => o.Operation.TryGetProperty("parameters", out var ps) && ps.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "limit"))
            .ToDictionary(o => o.Path, o => o.Operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "limit").GetProperty("schema"));
        Assert.True(limits.Count >= 9);
        Assert.All(limits, l =>
        {
            Assert.Equal(1, l.Value.GetProperty("minimum").GetInt32());
            Assert.True(l.Value.TryGetProperty("maximum", out _), $"{l.Key}: limit has no maximum");
        });
        Assert.Equal(1000, limits["/api/v1/surveys/responses"].GetProperty("maximum").GetInt32());
        Assert.Equal(1000, limits["/api/v1/followups"].GetProperty("maximum").GetInt32());
        Assert.Equal(1000, limits["/api/v1/surveys/appeals"].GetProperty("maximum").GetInt32());
        Assert.Equal(500, limits["/api/v1/outbox"].GetProperty("maximum").GetInt32());
        Assert.Equal(500, limits["/api/v1/audit"].GetProperty("maximum").GetInt32());
    }

    private static JsonElement Parameter(JsonElement paths, string path, string method, string name) =>
        paths.GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("schema");

    [Fact]
    public async Task Closed_sets_are_enums_in_kebab_case_as_on_the_wire()
    {
        var doc = await DocumentAsync();
        var request = Schema(doc, "SurveyResponseRequest").GetProperty("properties");
        Assert.Equal(new[] { "partner-shop", "own-shop", "hotline", "online", "other" }, EnumOf(request.GetProperty("channel")));
        Assert.Equal(new[] { "private", "business" }, EnumOf(request.GetProperty("segment")));
        Assert.Equal(new[] { "enqueued", "processing", "succeeded", "failed" }, EnumOf(Schema(doc, "JobStatus").GetProperty("properties").GetProperty("state")));
        Assert.Equal(new[] { "accepted", "duplicate", "conflict", "rejected" }, EnumOf(Schema(doc, "ItemResult").GetProperty("properties").GetProperty("status")));
        Assert.Equal(new[] { "requested", "confirmed", "delivered", "cancelled" }, EnumOf(Schema(doc, "BookingView").GetProperty("properties").GetProperty("status")));
        Assert.Equal(new[] { "requested", "confirmed", "delivered", "cancelled" },
            EnumOf(Parameter(doc.GetProperty("paths"), "/api/v1/training/coaching-bookings", "get", "status")));
        Assert.Equal(new[] { "point", "ci-low", "shrunk" }, EnumOf(Schema(doc, "PlanRequest").GetProperty("properties").GetProperty("tierBasis")));
        Assert.Equal(new[] { "partner", "shop", "channel", "all" }, EnumOf(Schema(doc, "ScoreCardView").GetProperty("properties").GetProperty("scope")));

        var values = new List<string>();
        void Collect(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "enum") values.AddRange(p.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
                    else Collect(p.Value);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array) foreach (var i in e.EnumerateArray()) Collect(i);
        }
        Collect(doc);
        Assert.NotEmpty(values);
        // Scopes are named resource:verb; every other closed set is kebab-case.
        Assert.All(values, v => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*(:[a-z]+)?$", v));
    }

    [Fact]
    public async Task Formats_limits_and_parameters_say_what_the_values_are()
    {
        var doc = await DocumentAsync();
        var paths = doc.GetProperty("paths");
        JsonElement Parameter(string path, string method, string name) =>
            paths.GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("schema");

        Assert.Equal(@"^\d{4}-Q[1-4]$", Parameter("/api/v1/incentives/statements/{quarter}/{partnerId}", "get", "quarter").GetProperty("pattern").GetString());
        Assert.Equal("^[A-Za-z0-9][A-Za-z0-9._:-]*$", Parameter("/api/v1/incentives/statements/{quarter}/{partnerId}", "get", "partnerId").GetProperty("pattern").GetString());
        var year = Parameter("/api/v1/training/kpis/{year}", "get", "year");
        Assert.Equal("integer", year.GetProperty("type").GetString());
        Assert.Equal(2000, year.GetProperty("minimum").GetInt32());
        Assert.Equal(2100, year.GetProperty("maximum").GetInt32());
        Assert.Equal(new[] { "partner-shop", "own-shop", "hotline", "online", "other" }, EnumOf(Parameter("/api/v1/scoring/scorecards", "get", "channel")));

        Assert.Equal(10000, Schema(doc, "SurveyBatchRequest").GetProperty("properties").GetProperty("items").GetProperty("maxItems").GetInt32());
        Assert.Equal(10000, Schema(doc, "TransactionBatch").GetProperty("properties").GetProperty("items").GetProperty("maxItems").GetInt32());
        Assert.Equal("date-time", Schema(doc, "SurveyResponseRequest").GetProperty("properties").GetProperty("respondedAt").GetProperty("format").GetString());
        Assert.Equal("date", Schema(doc, "BookingRequest").GetProperty("properties").GetProperty("date").GetProperty("format").GetString());
        Assert.Equal(0.5m, Schema(doc, "BookingRequest").GetProperty("properties").GetProperty("days").GetProperty("multipleOf").GetDecimal());
        var wkz = Schema(doc, "DeliverRequest").GetProperty("properties").GetProperty("wkzPercent");
        Assert.Equal(0, wkz.GetProperty("minimum").GetInt32());
        Assert.Equal(100, wkz.GetProperty("maximum").GetInt32());
        Assert.Equal(0.01m, Schema(doc, "StatementView").GetProperty("properties").GetProperty("total").GetProperty("multipleOf").GetDecimal());
        Assert.Equal(0.01m, Schema(doc, "CoachingCharges").GetProperty("properties").GetProperty("partnerEur").GetProperty("multipleOf").GetDecimal());
        Assert.Equal(@"^\d{4}-Q[1-4]$", Schema(doc, "StatementView").GetProperty("properties").GetProperty("quarter").GetProperty("pattern").GetString());
    }

    [Fact]
    public async Task The_document_names_its_server_contact_licence_tags_and_batch_examples()
    {
        var doc = await DocumentAsync();
        Assert.Equal("/", doc.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.False(string.IsNullOrEmpty(doc.GetProperty("info").GetProperty("contact").GetProperty("email").GetString()));
        Assert.False(string.IsNullOrEmpty(doc.GetProperty("info").GetProperty("license").GetProperty("name").GetString()));
        var tags = doc.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("description").GetString());
        Assert.All(Operations(doc), o => Assert.True(tags.ContainsKey(o.Operation.GetProperty("tags")[0].GetString()!)));
        Assert.All(tags.Values, d => Assert.False(string.IsNullOrWhiteSpace(d)));

        var result = Schema(doc, "BatchResult").GetProperty("example");
        Assert.Equal(4, result.GetProperty("results").GetArrayLength());
        Assert.Equal("rejected", result.GetProperty("results")[3].GetProperty("status").GetString());
        Assert.Equal(2, Schema(doc, "SurveyBatchRequest").GetProperty("example").GetProperty("items").GetArrayLength());
    }

    /// <summary>The tag in camelCase (<c>FollowUps</c> → <c>followUps</c>, ADR 0039), then the method and the path.</summary>
    [GeneratedRegex("^[a-z][A-Za-z0-9]*_(get|put|post|delete)[A-Za-z0-9]*$")]
    private static partial Regex OperationIdScheme();
}
