using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.FollowUps.Cases;
using PartnerPortal.FollowUps.Opening;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.FollowUps.FollowUpData;

namespace PartnerPortal.IntegrationTests.FollowUps;

/// <summary>
/// A case per detractor response (partner-shop, touchpoint 0–6), opened with the response by batch, single post and CSV
/// import, never twice (re-sent, repeated in a batch, raced by parallel requests). This class owns the quarters of 2065.
/// </summary>
public sealed class CaseOpeningTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_partner_shop_responses_with_a_touchpoint_of_0_to_6_open_a_case_with_its_due_time_from_the_store_time()
    {
        var (partner, shop) = await PartnerAsync(host);
        var id = PortalHost.NewId("fuo");
        // Stored on Friday 2065-05-08 at 15:00 Berlin (responded on the Monday before): due at the end of Tuesday 12 May.
        var storedAt = DateTimeOffset.Parse("2065-05-08T15:00:00+02:00");
        using var admin = At(host, storedAt);
        var batch = await BatchAsync(admin,
        [
            Response($"{id}-0", partner, shop, "2065-05-04T10:00:00+02:00", 0, comment: "Niemand hat mir geholfen."),
            Response($"{id}-6", partner, null, "2065-05-04T10:00:00+02:00", 6),
            Response($"{id}-7", partner, shop, "2065-05-04T10:00:00+02:00", 7),
            Response($"{id}-h", partner, shop, "2065-05-04T10:00:00+02:00", 2, channel: "hotline"),
            Response($"{id}-n", partner, shop, "2065-05-04T10:00:00+02:00", null),
        ]);
        Assert.Equal(5, batch.GetProperty("accepted").GetInt32());
        Assert.Equal(2, await CaseCountAsync(host, partner, $"{id}-0", $"{id}-6", $"{id}-7", $"{id}-h", $"{id}-n"));

        var items = (await (await admin.GetAsync($"/api/v1/followups?partnerId={partner}", Ct)).JsonAsync()).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([$"{id}-0", $"{id}-6"], items.Select(i => i.GetProperty("caseId").GetString()).Order(StringComparer.Ordinal));
        var first = items.Single(i => i.GetProperty("responseId").GetString() == $"{id}-0");
        Assert.Equal(partner, first.GetProperty("partnerId").GetString());
        Assert.Equal(shop, first.GetProperty("shopId").GetString());
        Assert.Equal("2065-Q2", first.GetProperty("quarter").GetString());
        Assert.Equal(0, first.GetProperty("score").GetInt32());
        Assert.Equal("Niemand hat mir geholfen.", first.GetProperty("comment").GetString());
        Assert.Equal("open", first.GetProperty("status").GetString());
        Assert.Equal(storedAt, first.GetProperty("openedAt").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2065-05-13T00:00:00+02:00"), first.GetProperty("dueAt").GetDateTimeOffset());
        Assert.False(first.GetProperty("overdue").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("rootCause").ValueKind);
    }

    [Fact]
    public async Task A_single_post_and_a_CSV_import_open_cases_too_and_sending_them_again_opens_none()
    {
        var (partner, shop) = await PartnerAsync(host);
        var id = PortalHost.NewId("fuo");
        using var admin = host.Admin();
        var single = Response($"{id}-s", partner, shop, "2065-08-03T10:00:00+02:00", 3);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/surveys/responses", single, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/surveys/responses", single, Ct)).StatusCode);

        var csv = new StringBuilder("responseId,respondedAt,segment,channel,partnerId,shopId,brand,product,touchpoint,comment\n")
            .Append($"{id}-c1,2065-08-03T11:00:00+02:00,private,partner-shop,{partner},{shop},5,5,1,Laut\n")
            .Append($"{id}-c2,2065-08-03T11:00:00+02:00,private,partner-shop,{partner},{shop},5,5,9,\n")
            .Append($"{id}-c1,2065-08-03T11:00:00+02:00,private,partner-shop,{partner},{shop},5,5,1,Laut\n").ToString();
        for (var i = 0; i < 2; i++)
            await (await admin.PostAsync("/api/v1/surveys/responses/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct)).JsonAsync();
        // Re-sent in a batch, with the repeat inside the batch, beside a new detractor (careful path).
        var batch = await BatchAsync(admin, [single, single, Response($"{id}-b", partner, shop, "2065-08-03T12:00:00+02:00", 4)]);
        Assert.Equal(1, batch.GetProperty("accepted").GetInt32());

        Assert.Equal(3, await CaseCountAsync(host, partner, $"{id}-s", $"{id}-c1", $"{id}-c2", $"{id}-b"));
        Assert.Equal(0, await CaseCountAsync(host, partner, $"{id}-c2"));
        Assert.Equal("Laut", (await ListedCaseAsync(host, partner, $"{id}-c1"))!.Value.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Parallel_requests_with_overlapping_responses_open_exactly_one_case_per_response()
    {
        var (partner, shop) = await PartnerAsync(host);
        using var admin = host.Admin();
        for (var trial = 0; trial < 20; trial++)
        {
            var ids = Enumerable.Range(0, 30).Select(i => $"{PortalHost.NewId("fur")}-{i}").ToArray();
            var items = ids.Select((x, i) => (object)Response(x, partner, shop, "2065-11-02T10:00:00+01:00", i % 7)).ToArray();
            // Six requests: whole batches, halves, and singles of the same responses, all at once.
            var requests = new List<Task<HttpResponseMessage>>
            {
                admin.PostAsJsonAsync("/api/v1/surveys/responses/batch", new { items }, Ct),
                admin.PostAsJsonAsync("/api/v1/surveys/responses/batch", new { items = items.Reverse() }, Ct),
                admin.PostAsJsonAsync("/api/v1/surveys/responses/batch", new { items = items[..15] }, Ct),
                admin.PostAsJsonAsync("/api/v1/surveys/responses/batch", new { items = items[10..] }, Ct),
                admin.PostAsJsonAsync("/api/v1/surveys/responses", items[0], Ct),
                admin.PostAsJsonAsync("/api/v1/surveys/responses", items[29], Ct),
            };
            var answers = await Task.WhenAll(requests);
            Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, a.StatusCode.ToString()));
            var accepted = 0;
            foreach (var a in answers[..4]) accepted += (await a.JsonAsync()).GetProperty("accepted").GetInt32();
            accepted += answers[4..].Count(a => a.StatusCode == HttpStatusCode.Created);
            Assert.Equal(30, accepted);
            Assert.Equal(30, await CaseCountAsync(host, partner, ids));
        }
    }

    [Fact]
    public async Task A_case_already_there_for_a_response_is_kept_and_does_not_fail_its_ingestion()
    {
        var (partner, shop) = await PartnerAsync(host);
        var id = PortalHost.NewId("fuo");
        using var admin = host.Admin();
        // A case already there for a response that is not (as after a failed attempt) is kept, and ingestion does not fail on it.
        await host.ScalarAsync<int>(
            "insert into followups.mt_doc_followupcase (id, data, partner_id, quarter, status, due_at, opened_at) " +
            "values ($1, jsonb_build_object('id', $1::text, 'responseId', $1::text, 'partnerId', $2::text, 'quarter', '2065-Q1', 'score', 9, 'status', 'open'), $2, '2065-Q1', 'open', now(), now()) returning 1",
            $"{id}-pre", partner);
        var batch = await BatchAsync(admin, [Response($"{id}-pre", partner, shop, "2065-02-02T10:00:00+01:00", 2), Response($"{id}-new", partner, shop, "2065-02-02T10:00:00+01:00", 2)]);
        Assert.Equal(2, batch.GetProperty("accepted").GetInt32());
        Assert.Equal(9, await host.ScalarAsync<int>("select (data ->> 'score')::int from followups.mt_doc_followupcase where id = $1", $"{id}-pre"));
        Assert.Equal(1, await CaseCountAsync(host, partner, $"{id}-new"));
        // The document speaks for its case: listed once, as it is, beside the response's own.
        Assert.Equal(1, await CaseCountAsync(host, partner, $"{id}-pre"));
        Assert.Equal(9, (await ListedCaseAsync(host, partner, $"{id}-pre"))!.Value.GetProperty("score").GetInt32());
    }
}
