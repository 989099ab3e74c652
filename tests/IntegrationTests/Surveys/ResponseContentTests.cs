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
/// field, and the stored document as Marten reads it. Ingestion compares content field by field and writes the
/// document JSON itself: each case here fails if a field is left out of either.</summary>
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
    public async Task The_stored_document_is_what_Martens_serializer_reads_back_property_for_property()
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        // Every settable property set to a value that differs from its default.
        var response = new SurveyResponse
        {
            Id = "doc-ü-\"quoted\"", RespondedAt = new DateTimeOffset(2023, 3, 31, 23, 59, 59, 123, TimeSpan.FromHours(2)),
            Segment = "business", Channel = "partner-shop", PartnerId = "p-1", ShopId = "s-1", TransactionId = "t-1",
            Brand = 0, Product = 7, Touchpoint = 10, Comment = "Zeile 1\nZeile 2 – „Anführung“ <b>&", ReceivedAt = DateTimeOffset.UtcNow,
        };
        var settable = typeof(SurveyResponse).GetProperties().Where(p => p.CanWrite).ToArray();
        Assert.All(settable, p => Assert.NotEqual(p.PropertyType.IsValueType ? Activator.CreateInstance(p.PropertyType) : null, p.GetValue(response)));

        var written = new ResponseDocument().Write(response).ToArray();
        var read = store.Options.Serializer().FromJson<SurveyResponse>(new MemoryStream(written));
        foreach (var p in settable) Assert.Equal(p.GetValue(response), p.GetValue(read));

        // And the JSON holds exactly the properties Marten's serializer writes (null ones left out).
        var ours = JsonNode.Parse(written)!.AsObject();
        var marten = JsonNode.Parse(store.Options.Serializer().ToJson(response))!.AsObject();
        Assert.Equal(marten.Where(p => p.Value is not null).Select(p => p.Key).Order(), ours.Select(p => p.Key).Order());
        Assert.Equal(2, JsonDocument.Parse(written).RootElement.GetProperty("respondedAt").GetDateTimeOffset().Offset.Hours);
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
