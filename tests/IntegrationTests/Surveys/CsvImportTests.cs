using System.Net;
using System.Text;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Surveys;

public sealed class CsvImportTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<System.Text.Json.JsonElement> ImportAsync(string csv)
    {
        using var admin = host.Admin();
        var response = await admin.PostAsync("/api/v1/surveys/responses/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_vendor_export_is_imported_with_per_row_results_like_a_batch()
    {
        var (p, shops) = await host.CreatePartnerAsync();
        var id = PortalHost.NewId("csv");
        var csv = new StringBuilder()
            .Append("responseId,respondedAt,segment,channel,partnerId,shopId,transactionId,brand,product,touchpoint,comment\r\n")
            .Append($"{id}-1,2023-04-03T09:00:00+02:00,private,partner-shop,{p},{shops[0]},,9,8,10,\"Freundlich, kompetent\"\r\n")
            .Append($"{id}-2,2023-04-03T09:05:00+02:00,business,partner-shop,{p},,T-77,3,,2,\"Zu \"\"teuer\"\"\nund laut\"\r\n")
            .Append($"{id}-1,2023-04-03T09:00:00+02:00,private,partner-shop,{p},{shops[0]},,9,8,10,\"Freundlich, kompetent\"\r\n")
            .Append($"{id}-3,2023-04-03T09:10:00,private,own-shop,,,,7,7,7,\r\n")
            .Append($"{id}-4,2023-04-03T09:10:00Z,private,own-shop,,,,x,,,\n")
            .ToString();
        var result = await ImportAsync(csv);
        Assert.Equal(["accepted", "accepted", "duplicate", "rejected", "rejected"], Statuses(result));
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.GetProperty("duplicates").GetInt32());
        Assert.Equal(2, result.GetProperty("rejected").GetInt32());
        Assert.True(result.GetProperty("results")[3].GetProperty("errors").TryGetProperty("respondedAt", out _));
        Assert.True(result.GetProperty("results")[4].GetProperty("errors").TryGetProperty("scores.brand", out _));
        Assert.Equal("Zu \"teuer\"\nund laut", await host.ScalarAsync<string>("select data ->> 'comment' from surveys.mt_doc_surveyresponse where id = $1", $"{id}-2"));
        Assert.Equal("T-77", await host.ScalarAsync<string>("select data ->> 'transactionId' from surveys.mt_doc_surveyresponse where id = $1", $"{id}-2"));
    }

    [Fact]
    public async Task Columns_may_come_in_any_order_and_optional_ones_may_be_missing()
    {
        var id = PortalHost.NewId("csv");
        var result = await ImportAsync($"touchpoint,channel,segment,respondedAt,responseId\n9,hotline,business,2023-10-01T08:00:00+02:00,{id}\n");
        Assert.Equal(["accepted"], Statuses(result));
        Assert.Equal("2023-Q4", await host.ScalarAsync<string>("select quarter from surveys.mt_doc_surveyresponse where id = $1", id));
    }

    [Fact]
    public async Task Files_larger_than_one_chunk_are_imported_in_order()
    {
        var prefix = PortalHost.NewId("bulk");
        var rows = 12_345;
        var csv = new StringBuilder("responseId,respondedAt,segment,channel,brand\n");
        for (var i = 0; i < rows; i++) csv.Append(prefix).Append('-').Append(i).Append(",2023-08-01T10:00:00Z,private,online,").Append(i % 11).Append('\n');
        var result = await ImportAsync(csv.ToString());
        Assert.Equal(rows, result.GetProperty("accepted").GetInt32());
        Assert.Equal(Enumerable.Range(0, rows), result.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(rows, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_surveyresponse where id like $1", prefix + "-%"));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_is_400_and_stores_nothing()
    {
        using var admin = host.Admin();
        var response = await admin.PostAsync("/api/v1/surveys/responses/import",
            new StringContent("id,when\nx,y\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors("header"));
        var twice = await admin.PostAsync("/api/v1/surveys/responses/import",
            new StringContent("responseId,respondedAt,segment,channel,brand,brand\nx,2023-08-01T10:00:00Z,private,online,1,2\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.Contains("brand", (await twice.ProblemAsync(HttpStatusCode.BadRequest)).Errors("header")[0], StringComparison.Ordinal);
        var json = await admin.PostAsync("/api/v1/surveys/responses/import", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        await json.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_unclosed_quote_rejects_that_row_and_keeps_the_rows_before_it()
    {
        var id = PortalHost.NewId("csv");
        var result = await ImportAsync($"responseId,respondedAt,segment,channel,brand,comment\n{id}-ok,2023-08-01T10:00:00Z,private,online,9,fine\n{id}-bad,2023-08-01T10:00:00Z,private,online,9,\"never closed\n");
        Assert.Equal(["accepted", "rejected"], Statuses(result));
        Assert.True(result.GetProperty("results")[1].GetProperty("errors").TryGetProperty("row", out _));
    }
}
