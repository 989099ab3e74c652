using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using PartnerPortal.Surveys;
using PartnerPortal.Surveys.Ingestion;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>What "the same response" means (DOMAIN.md: a resend is a duplicate, other content a conflict), field by
/// field, and a stored response read back from its columns and document (ADR 0058). Ingestion compares content field by
/// field and writes columns and document itself: each case here fails if a field is left out of either.</summary>
public sealed class ResponseContentTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> ChangedFields => new()
    {
        "respondedAt", "segment", "channel", "partnerId", "shopId", "transactionId", "brand", "product", "touchpoint", "comment",
    };

    [Theory]
    [MemberData(nameof(ChangedFields))]
    public async Task The_same_id_with_one_field_changed_is_a_conflict_and_the_first_is_kept(string field)
    {
        var (partnerId, shops) = await host.CreatePartnerAsync(shops: 2);
        var (otherPartner, otherShops) = await host.CreatePartnerAsync();
        using var client = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysWrite, Scopes.SurveysRead]));
        var id = PortalHost.NewId("r");
        var original = Response(id, partnerId, shops[0], comment: "Gute Beratung");
        original["transactionId"] = "t-1";
        (await client.PostAsJsonAsync("/api/v1/surveys/responses", original, Ct)).EnsureSuccessStatusCode();

        var changed = new Dictionary<string, object?>(original);
        var scores = new Dictionary<string, object?>((Dictionary<string, object?>)original["scores"]!);
        changed["scores"] = scores;
        switch (field)
        {
            case "respondedAt": changed[field] = "2023-05-10T10:00:01+02:00"; break;
            case "segment": changed[field] = "business"; break;
            case "channel": changed[field] = "own-shop"; break;
            case "partnerId": changed[field] = otherPartner; changed["shopId"] = otherShops[0]; break;
            case "shopId": changed[field] = shops[1]; break;
            case "transactionId": changed[field] = "t-2"; break;
            case "comment": changed[field] = "Gute Beratung!"; break;
            default: scores[field] = 3; break;
        }
        var answer = await client.PostAsJsonAsync("/api/v1/surveys/responses", changed, Ct);
        await answer.ProblemAsync(HttpStatusCode.Conflict);

        // Sent once more as first sent: still a duplicate (the conflict changed nothing).
        var again = await client.PostAsJsonAsync("/api/v1/surveys/responses", original, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (await again.JsonAsync()).GetProperty("status").GetString());
        var stored = await (await client.GetAsync($"/api/v1/surveys/responses/{id}", Ct)).JsonAsync();
        Assert.Equal("Gute Beratung", stored.GetProperty("comment").GetString());
        Assert.Equal(shops[0], stored.GetProperty("shopId").GetString());
    }

    [Fact]
    public async Task A_resend_later_with_absent_values_as_null_and_another_offset_is_a_duplicate()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var client = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysWrite]));
        var id = PortalHost.NewId("r");
        var first = await PostBatchAsync(client, [Response(id, partnerId, shops[0], product: null)]);
        Assert.Equal(["accepted"], Statuses(first));
        var resend = $$$"""{"items":[{"responseId":"{{{id}}}","respondedAt":"2023-05-10T08:00:00Z","segment":"private","channel":"partner-shop","partnerId":"{{{partnerId}}}","shopId":"{{{shops[0]}}}","transactionId":null,"comment":null,"scores":{"brand":9,"touchpoint":10,"product":null}}]}""";
        using var content = new StringContent(resend, System.Text.Encoding.UTF8, "application/json");
        var again = await (await client.PostAsync("/api/v1/surveys/responses/batch", content, Ct)).JsonAsync();
        Assert.Equal(["duplicate"], Statuses(again));
    }

    [Fact]
    public async Task A_response_stored_by_ingestion_reads_back_from_columns_and_document_and_the_documented_way_back_makes_it_whole()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var client = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysWrite]));
        // Every settable property set to a value that differs from its default.
        var expected = new SurveyResponse
        {
            Id = PortalHost.NewId("r"), RespondedAt = new DateTimeOffset(2023, 3, 31, 23, 59, 59, 123, TimeSpan.FromHours(2)).AddTicks(4567),
            Segment = "business", Channel = "partner-shop", PartnerId = partnerId, ShopId = shops[0], TransactionId = "t-1",
            Brand = 0, Product = 7, Touchpoint = 10, Comment = "Zeile 1\nZeile 2 – „Anführung“ <b>& \"quoted\"", ReceivedAt = DateTimeOffset.UtcNow,
        };
        var settable = typeof(SurveyResponse).GetProperties().Where(p => p.CanWrite).ToArray();
        Assert.All(settable, p => Assert.NotEqual(p.PropertyType.IsValueType ? Activator.CreateInstance(p.PropertyType) : null, p.GetValue(expected)));

        var item = Response(expected.Id, partnerId, shops[0], respondedAt: "2023-03-31T23:59:59.1234567+02:00", segment: "business", brand: 0, product: 7,
            touchpoint: 10, comment: expected.Comment);
        item["transactionId"] = expected.TransactionId;
        var before = DateTimeOffset.UtcNow;
        Assert.Equal(["accepted"], Statuses(await PostBatchAsync(client, [item])));
        var after = DateTimeOffset.UtcNow;

        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var read = await ResponseRows.LoadAsync(session, expected.Id, Ct);
        Assert.NotNull(read);
        foreach (var p in settable.Where(p => p.Name != nameof(SurveyResponse.ReceivedAt))) Assert.Equal(p.GetValue(expected), p.GetValue(read));
        Assert.Equal(TimeSpan.FromHours(2), read.RespondedAt.Offset);
        // The arrival time comes from its column, which keeps microseconds.
        Assert.InRange(read.ReceivedAt, before.AddTicks(-(before.Ticks % 10)), after);
        Assert.Equal(read, (await ResponseRows.LoadManyAsync(session, [expected.Id, "no-such-response"], Ct)).Values.Single(), ResponseContent.Instance);

        // The document keeps only what has no column.
        var document = JsonNode.Parse(await host.ScalarAsync<string>("select data::text from surveys.mt_doc_surveyresponse where id = $1", expected.Id))!.AsObject();
        Assert.Equal(["comment", "respondedAt", "transactionId"], document.Select(p => p.Key).Order());

        // The way back that docs/operations.md gives operators: the whole document again, as an older version reads it
        // (Marten's own load, which reads the document alone).
        Assert.Equal(1L, await host.ScalarAsync<long>($"with u as ({WayBack()} and d.id = $1 returning 1) select count(*) from u", expected.Id));
        var older = await session.LoadAsync<SurveyResponse>(expected.Id, Ct);
        Assert.Equal(read, older, ResponseContent.Instance);
    }

    /// <summary>The update of docs/operations.md's "Upgrading to the version of ADR 0058", without its semicolon.</summary>
    private static string WayBack()
    {
        var text = File.ReadAllText(Path.Combine(Foundation.OpenApiTests.RepositoryRoot(), "docs", "operations.md"));
        var section = text[text.IndexOf("### Upgrading to the version of ADR 0058", StringComparison.Ordinal)..];
        var start = section.IndexOf("```sql", StringComparison.Ordinal) + "```sql".Length;
        return section[start..section.IndexOf("```", start, StringComparison.Ordinal)].Trim().TrimEnd(';');
    }

    [Fact]
    public async Task A_response_whose_document_holds_every_field_as_written_before_ADR_0058_reads_the_same()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var whole = new SurveyResponse
        {
            Id = PortalHost.NewId("r"), RespondedAt = new DateTimeOffset(2023, 5, 10, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567), Segment = "private",
            Channel = "partner-shop", PartnerId = partnerId, ShopId = shops[0], TransactionId = null, Brand = 9, Product = null, Touchpoint = 9,
            Comment = "Gute Beratung", ReceivedAt = DateTimeOffset.UtcNow.AddTicks(7),
        };
        await using (var write = store.LightweightSession())
        {
            write.Store(whole); // Marten's own write: the whole document and the duplicated columns, as ingestion wrote them before
            await write.SaveChangesAsync(Ct);
        }
        Assert.Equal(partnerId, JsonNode.Parse(await host.ScalarAsync<string>("select data::text from surveys.mt_doc_surveyresponse where id = $1", whole.Id))!["partnerId"]!.GetValue<string>());

        await using var session = store.QuerySession();
        var read = await ResponseRows.LoadAsync(session, whole.Id, Ct);
        Assert.NotNull(read);
        foreach (var p in typeof(SurveyResponse).GetProperties().Where(p => p.CanWrite)) Assert.Equal(p.GetValue(whole), p.GetValue(read));
    }

    /// <summary>Two responses with the same values in every settable property.</summary>
    private sealed class ResponseContent : IEqualityComparer<SurveyResponse>
    {
        public static readonly ResponseContent Instance = new();

        public bool Equals(SurveyResponse? x, SurveyResponse? y) =>
            typeof(SurveyResponse).GetProperties().Where(p => p.CanWrite).All(p => object.Equals(p.GetValue(x), p.GetValue(y)));

        public int GetHashCode(SurveyResponse obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_columns_Scoring_and_the_listing_read_hold_the_stored_values()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var client = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysWrite]));
        var withPartner = PortalHost.NewId("r");
        var without = PortalHost.NewId("r");
        Assert.Equal(["accepted", "accepted"], Statuses(await PostBatchAsync(client,
        [
            Response(withPartner, partnerId, shops[0], respondedAt: "2023-07-01T00:30:00.1234567+02:00", segment: "business", brand: 0, product: null, touchpoint: 10),
            Response(without, channel: "hotline", respondedAt: "2023-06-30T21:59:59.999Z", brand: null, product: 6, touchpoint: null),
        ])));

        Assert.Equal($"2023-06-30T22:30:00.123456Z|2023-Q3|business|partner-shop|{partnerId}|{shops[0]}|0||10",
            await host.ScalarAsync<string>(Columns, withPartner));
        Assert.Equal("2023-06-30T21:59:59.999000Z|2023-Q2|private|hotline||||6|",
            await host.ScalarAsync<string>(Columns, without));
    }

    // PostgreSQL keeps microseconds: the seventh decimal of a .NET timestamp is cut in the column (and kept in the document).
    private const string Columns = """
        select concat_ws('|', to_char(responded_at_utc at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), quarter, segment, channel,
               coalesce(partner_id, ''), coalesce(shop_id, ''), coalesce(brand::text, ''), coalesce(product::text, ''), coalesce(touchpoint::text, ''))
        from surveys.mt_doc_surveyresponse where id = $1
        """;
}
