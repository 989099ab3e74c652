using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using Snapshooter.Xunit3;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>DOMAIN.md "Survey responses" and API.md "Surveys": every rule, idempotency, the batch contract.</summary>
public sealed class SurveyIngestionTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_response_is_201_then_200_as_a_duplicate_then_409_for_other_content_and_the_first_is_kept()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var client = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysWrite, Scopes.SurveysRead]));
        var id = PortalHost.NewId("r");

        var created = await client.PostAsJsonAsync("/api/v1/surveys/responses", Response(id, partnerId, shops[0], comment: "Sehr gute Beratung"), Ct);
        await created.EnsureStatus(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/surveys/responses/{id}", created.Headers.Location!.OriginalString);

        // The same instant written with another offset is the same content.
        var again = await client.PostAsJsonAsync("/api/v1/surveys/responses",
            Response(id, partnerId, shops[0], respondedAt: "2023-05-10T08:00:00Z", comment: "Sehr gute Beratung"), Ct);
        Assert.Equal("duplicate", (await again.JsonAsync()).GetProperty("status").GetString());

        var changed = await client.PostAsJsonAsync("/api/v1/surveys/responses", Response(id, partnerId, shops[0], touchpoint: 2, comment: "Sehr gute Beratung"), Ct);
        await changed.ProblemAsync(HttpStatusCode.Conflict);

        var stored = await (await client.GetAsync($"/api/v1/surveys/responses/{id}", Ct)).JsonAsync();
        Assert.Equal(10, stored.GetProperty("scores").GetProperty("touchpoint").GetInt32());
        Assert.Equal("2023-Q2", stored.GetProperty("quarter").GetString());
        Assert.Equal(1, await StoredCountAsync(host, id));
    }

    public static TheoryData<string, string, string> InvalidItems => new()
    {
        { "brand above 10", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00+02:00","segment":"private","channel":"own-shop","scores":{"brand":11}}""", "scores.brand" },
        { "negative score", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00+02:00","segment":"private","channel":"own-shop","scores":{"product":-1}}""", "scores.product" },
        { "fractional score", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00+02:00","segment":"private","channel":"own-shop","scores":{"touchpoint":7.5}}""", "scores.touchpoint" },
        { "score as string", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00+02:00","segment":"private","channel":"own-shop","scores":{"brand":"7"}}""", "scores.brand" },
        { "no score", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00+02:00","segment":"private","channel":"own-shop","scores":{"brand":null}}""", "scores" },
        { "no scores object", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00+02:00","segment":"private","channel":"own-shop"}""", "scores" },
        { "timestamp without offset", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00","segment":"private","channel":"own-shop","scores":{"brand":7}}""", "respondedAt" },
        { "date only", """{"responseId":"ID","respondedAt":"2023-05-10","segment":"private","channel":"own-shop","scores":{"brand":7}}""", "respondedAt" },
        { "impossible date", """{"responseId":"ID","respondedAt":"2023-02-30T10:00:00Z","segment":"private","channel":"own-shop","scores":{"brand":7}}""", "respondedAt" },
        { "unknown segment", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00Z","segment":"vip","channel":"own-shop","scores":{"brand":7}}""", "segment" },
        { "unknown channel", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00Z","segment":"private","channel":"shop","scores":{"brand":7}}""", "channel" },
        { "partner-shop without partner", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00Z","segment":"private","channel":"partner-shop","scores":{"brand":7}}""", "partnerId" },
        { "unknown partner", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00Z","segment":"private","channel":"partner-shop","partnerId":"p-nobody","scores":{"brand":7}}""", "partnerId" },
        { "shop without partner", """{"responseId":"ID","respondedAt":"2023-05-10T10:00:00Z","segment":"private","channel":"online","shopId":"s-1","scores":{"brand":7}}""", "shopId" },
        { "empty responseId", """{"responseId":"","respondedAt":"2023-05-10T10:00:00Z","segment":"private","channel":"online","scores":{"brand":7}}""", "responseId" },
        { "responseId as number", """{"responseId":42,"respondedAt":"2023-05-10T10:00:00Z","segment":"private","channel":"online","scores":{"brand":7}}""", "responseId" },
        { "item not an object", """ "just a string" """, "item" },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public async Task Each_rule_rejects_its_item_with_a_field_error_and_stores_nothing(string rule, string itemJson, string field)
    {
        var id = PortalHost.NewId("r");
        var item = itemJson.Replace("\"ID\"", $"\"{id}\"", StringComparison.Ordinal);
        using var client = host.Admin();

        var batch = await (await client.PostAsync("/api/v1/surveys/responses/batch",
            new StringContent($"{{\"items\":[{item}]}}", System.Text.Encoding.UTF8, "application/json"), Ct)).JsonAsync();
        var result = batch.GetProperty("results")[0];
        Assert.True(result.GetProperty("status").GetString() == "rejected", rule);
        Assert.True(result.GetProperty("errors").TryGetProperty(field, out var messages), $"{rule}: no error for '{field}' in {result}");
        Assert.NotEmpty(messages[0].GetString()!);

        if (item.TrimStart().StartsWith('{'))
        {
            var single = await client.PostAsync("/api/v1/surveys/responses", new StringContent(item, System.Text.Encoding.UTF8, "application/json"), Ct);
            Assert.NotEmpty((await single.ProblemAsync(HttpStatusCode.BadRequest)).Errors(field));
        }
        Assert.Equal(0, await StoredCountAsync(host, id));
    }

    [Fact]
    public async Task Limits_are_inclusive_a_128_character_id_and_a_2000_character_comment_pass_one_more_does_not()
    {
        var okId = new string('a', 115) + Guid.NewGuid().ToString("N")[..13];
        var longId = new string('b', 116) + Guid.NewGuid().ToString("N")[..13];
        var commentId = PortalHost.NewId("r");
        using var client = host.Admin();
        var batch = await PostBatchAsync(client,
        [
            Response(okId, channel: "online", comment: new string('x', 2000)),
            Response(longId, channel: "online"),
            Response(commentId, channel: "online", comment: new string('x', 2001)),
        ]);
        Assert.Equal(["accepted", "rejected", "rejected"], Statuses(batch));
        Assert.True(batch.GetProperty("results")[1].GetProperty("errors").TryGetProperty("responseId", out _));
        Assert.True(batch.GetProperty("results")[2].GetProperty("errors").TryGetProperty("comment", out _));
    }

    [Fact]
    public async Task A_shop_must_belong_to_the_partner_named()
    {
        var (mine, _) = await host.CreatePartnerAsync();
        var (_, theirShops) = await host.CreatePartnerAsync();
        using var client = host.Admin();
        var batch = await PostBatchAsync(client, [Response(PortalHost.NewId("r"), mine, theirShops[0])]);
        var errors = batch.GetProperty("results")[0].GetProperty("errors");
        Assert.Contains("does not belong", errors.GetProperty("shopId")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023-03-31T21:59:59Z", "2023-Q1")]
    [InlineData("2023-03-31T22:00:00Z", "2023-Q2")]
    [InlineData("2022-12-31T22:59:59Z", "2022-Q4")]
    [InlineData("2022-12-31T23:00:00Z", "2023-Q1")]
    [InlineData("2023-04-01T00:30:00+02:00", "2023-Q2")]
    public async Task The_quarter_is_derived_in_Berlin_time_and_stored_as_a_column(string respondedAt, string quarter)
    {
        var id = PortalHost.NewId("r");
        using var client = host.Admin();
        await (await client.PostAsJsonAsync("/api/v1/surveys/responses", Response(id, channel: "hotline", respondedAt: respondedAt), Ct))
            .EnsureStatus(HttpStatusCode.Created);
        Assert.Equal(quarter, await host.ScalarAsync<string>("select quarter from surveys.mt_doc_surveyresponse where id = $1", id));
    }

    [Fact]
    public async Task Inside_one_batch_a_repeated_id_is_a_duplicate_or_a_conflict_and_valid_items_are_stored_beside_rejected_ones()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        string a = PortalHost.NewId("r"), b = PortalHost.NewId("r"), c = PortalHost.NewId("r");
        using var client = host.Admin();
        var batch = await PostBatchAsync(client,
        [
            Response(a, partnerId, shops[0]),
            Response(a, partnerId, shops[0]),                 // same again: duplicate
            Response(a, partnerId, shops[0], touchpoint: 0),  // other content: conflict
            Response(b, partnerId, shops[0], brand: 11),      // invalid: rejected
            Response(c, partnerId),
        ]);
        Assert.Equal(["accepted", "duplicate", "conflict", "rejected", "accepted"], Statuses(batch));
        Assert.Equal(2, batch.GetProperty("accepted").GetInt32());
        Assert.Equal(1, batch.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, batch.GetProperty("conflicts").GetInt32());
        Assert.Equal(1, batch.GetProperty("rejected").GetInt32());
        Assert.Equal([0, 1, 2, 3, 4], batch.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(2, await StoredCountAsync(host, a, b, c));
        Assert.Equal(10, await host.ScalarAsync<int>("select touchpoint from surveys.mt_doc_surveyresponse where id = $1", a));
    }

    [Fact]
    public async Task Across_batches_the_stored_response_wins()
    {
        string a = PortalHost.NewId("r"), b = PortalHost.NewId("r");
        using var client = host.Admin();
        Assert.Equal(["accepted", "accepted"], Statuses(await PostBatchAsync(client, [Response(a, channel: "online"), Response(b, channel: "online")])));
        Assert.Equal(["duplicate", "conflict"], Statuses(await PostBatchAsync(client, [Response(a, channel: "online"), Response(b, channel: "online", brand: 1)])));
        Assert.Equal(9, await host.ScalarAsync<int>("select brand from surveys.mt_doc_surveyresponse where id = $1", b));
    }

    [Fact]
    public async Task A_repeat_inside_a_batch_is_compared_with_the_stored_response()
    {
        var id = PortalHost.NewId("r");
        using var client = host.Admin();
        Assert.Equal(["accepted"], Statuses(await PostBatchAsync(client, [Response(id, channel: "online", brand: 1)])));
        Assert.Equal(["conflict", "conflict", "duplicate"], Statuses(await PostBatchAsync(client,
            [Response(id, channel: "online", brand: 2), Response(id, channel: "online", brand: 2), Response(id, channel: "online", brand: 1)])));
    }

    [Fact]
    public async Task The_batch_result_has_the_documented_shape()
    {
        using var client = host.Admin();
        var batch = await PostBatchAsync(client,
        [
            Response("shape-r-1", channel: "own-shop"),
            Response("shape-r-1", channel: "own-shop"),
            Response("shape-r-3", channel: "own-shop"),
            Response("shape-r-4", channel: "own-shop", touchpoint: 12),
        ]);
        Snapshot.Match(JsonSerializer.Serialize(batch, new JsonSerializerOptions { WriteIndented = true }), "survey-batch-result");
    }

    [Fact]
    public async Task A_batch_over_10000_items_is_refused_whole_and_stores_nothing()
    {
        var ids = Enumerable.Range(0, 10_001).Select(i => $"{PortalHost.NewId("big")}-{i}").ToArray();
        using var client = host.Admin();
        var response = await client.PostAsJsonAsync("/api/v1/surveys/responses/batch", new { items = ids.Select(id => Response(id, channel: "online")) }, Ct);
        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors("items"));
        Assert.Equal(0, await StoredCountAsync(host, ids));
    }

    [Fact]
    public async Task A_batch_of_exactly_10000_items_is_stored()
    {
        var ids = Enumerable.Range(0, 10_000).Select(i => $"{PortalHost.NewId("full")}-{i}").ToArray();
        using var client = host.Admin();
        var batch = await PostBatchAsync(client, ids.Select(id => (object)Response(id, channel: "online")));
        Assert.Equal(10_000, batch.GetProperty("accepted").GetInt32());
        Assert.Equal(10_000, await StoredCountAsync(host, ids));
    }

    [Theory]
    [InlineData("""{"items": {}}""")]
    [InlineData("""[]""")]
    [InlineData("""{"things": []}""")]
    [InlineData("""{"items": [""")]
    public async Task A_malformed_envelope_is_400(string body)
    {
        using var client = host.Admin();
        var response = await client.PostAsync("/api/v1/surveys/responses/batch", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_clients_sending_the_same_response_at_the_same_moment_store_it_once()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        var id = PortalHost.NewId("race");
        var clients = Enumerable.Range(0, 8).Select(_ => host.Admin()).ToArray();
        using var start = new SemaphoreSlim(0);
        var posts = clients.Select(async c =>
        {
            await start.WaitAsync(Ct);
            return (await c.PostAsJsonAsync("/api/v1/surveys/responses", Response(id, partnerId, shops[0]), Ct)).StatusCode;
        }).ToArray();
        start.Release(clients.Length);
        var statuses = await Task.WhenAll(posts);
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(clients.Length - 1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(1, await StoredCountAsync(host, id));
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task Concurrent_batches_with_overlapping_ids_and_different_content_accept_each_id_once()
    {
        var ids = Enumerable.Range(0, 500).Select(i => $"{PortalHost.NewId("olap")}-{i}").ToArray();
        using var one = host.Admin();
        using var two = host.Admin();
        var first = PostBatchAsync(one, ids.Select(id => (object)Response(id, channel: "online", brand: 1)));
        var second = PostBatchAsync(two, ids.Select(id => (object)Response(id, channel: "online", brand: 2)));
        var results = await Task.WhenAll(first, second);
        var accepted = results.Sum(r => r.GetProperty("accepted").GetInt32());
        var conflicts = results.Sum(r => r.GetProperty("conflicts").GetInt32());
        Assert.Equal(500, accepted);
        Assert.Equal(500, conflicts);
        Assert.Equal(500, await StoredCountAsync(host, ids));
    }

    [Fact]
    public async Task A_partner_bound_key_submits_responses_of_its_own_partner_only()
    {
        var (mine, _) = await host.CreatePartnerAsync();
        var (theirs, _) = await host.CreatePartnerAsync();
        using var client = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysWrite], mine));
        var batch = await PostBatchAsync(client, [Response(PortalHost.NewId("r"), mine), Response(PortalHost.NewId("r"), theirs), Response(PortalHost.NewId("r"), channel: "online")]);
        Assert.Equal(["accepted", "rejected", "rejected"], Statuses(batch));
    }

    [Fact]
    public async Task Writing_needs_the_scope_and_a_json_body()
    {
        using var reader = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysRead]));
        await (await reader.PostAsJsonAsync("/api/v1/surveys/responses/batch", new { items = Array.Empty<object>() }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        using var admin = host.Admin();
        var text = await admin.PostAsync("/api/v1/surveys/responses", new StringContent("responseId=1", System.Text.Encoding.UTF8, "text/plain"), Ct);
        await text.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
