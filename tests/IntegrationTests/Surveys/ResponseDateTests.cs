using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>
/// ADR 0030 for survey responses: a response dated outside 2000–2100 is rejected alone (its batch stored), and an
/// import never ends in a 500 once it has stored rows: a bad row after the first chunk of 5,000, even one only
/// PostgreSQL refuses, gets its own result, and a failure that is no row's fault answers every row.
/// </summary>
public sealed class ResponseDateTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = "responseId,respondedAt,segment,channel,brand,comment\n";

    [Fact]
    public async Task Responses_dated_1899_0001_or_9999_are_rejected_alone_and_the_rest_of_the_batch_is_stored()
    {
        var id = PortalHost.NewId("rd");
        using var admin = host.Admin();
        var batch = await PostBatchAsync(admin, [
            Response($"{id}-ok-1", channel: "online"),
            Response($"{id}-1899", channel: "online", respondedAt: "1899-12-31T12:00:00+01:00"),
            Response($"{id}-0001", channel: "online", respondedAt: "0001-01-01T00:00:00Z"),
            Response($"{id}-9999", channel: "online", respondedAt: "9999-12-31T23:59:59Z"),
            Response($"{id}-edge", channel: "online", respondedAt: "1999-12-31T23:59:59+01:00"),
            Response($"{id}-first", channel: "online", respondedAt: "1999-12-31T23:00:00Z"), // 2000-01-01 00:00 in Berlin
            Response($"{id}-ok-2", channel: "online"),
        ]);
        Assert.Equal(["accepted", "rejected", "rejected", "rejected", "rejected", "accepted", "accepted"], Statuses(batch));
        foreach (var i in new[] { 1, 2, 3, 4 })
        {
            var message = batch.GetProperty("results")[i].GetProperty("errors").GetProperty("respondedAt")[0].GetString();
            Assert.Contains("2000-01-01 to 2100-12-31", message, StringComparison.Ordinal);
        }
        Assert.Equal(3, await StoredCountAsync(host, $"{id}-ok-1", $"{id}-first", $"{id}-ok-2", $"{id}-1899", $"{id}-0001", $"{id}-9999", $"{id}-edge"));
        Assert.Equal("2000-Q1", await host.ScalarAsync<string>("select quarter from surveys.mt_doc_surveyresponse where id = $1", $"{id}-first"));

        var one = await admin.PostAsJsonAsync("/api/v1/surveys/responses", Response($"{id}-one", channel: "online", respondedAt: "1899-06-01T10:00:00Z"), Ct);
        Assert.NotEmpty((await one.ProblemAsync(HttpStatusCode.BadRequest)).Errors("respondedAt"));
        Assert.Equal(0, await StoredCountAsync(host, $"{id}-one"));
    }

    [Fact]
    public async Task Bad_rows_after_the_first_5000_even_one_only_PostgreSQL_refuses_get_their_own_results_and_every_valid_row_is_stored()
    {
        var id = PortalHost.NewId("imp");
        var refused = $"{id}-refused";
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 5_000; i++) csv.Append($"{id}-{i},2023-08-01T10:00:00Z,private,online,{i % 11},\n");
        csv.Append($"{id}-1899,1899-12-31T12:00:00+01:00,private,online,9,\n")  // 5000: before the range
            .Append($"{id}-9999,9999-12-31T23:59:59Z,private,online,9,\n")      // 5001: after it
            .Append($"{id}-2101,2101-01-01T00:00:00+01:00,private,online,9,\n") // 5002: the first instant after 2100
            .Append($"{id}-feb30,2023-02-30T10:00:00Z,private,online,9,\n")     // 5003: no such day
            .Append($"{id}-brand,2023-08-01T10:00:00Z,private,online,x,\n")     // 5004: broken value
            .Append($"{refused},2023-08-01T10:00:00Z,private,online,9,\n");     // 5005: valid for the rules, refused by PostgreSQL
        for (var i = 0; i < 700; i++) csv.Append($"{id}-after-{i},2023-08-01T10:00:00Z,private,online,7,\n");

        // A constraint the rules do not know about stands for any value PostgreSQL alone refuses (it sees this one id only).
        var constraint = $"date_tests_refuse_{id.Replace('-', '_')}";
        await ExecuteAsync($"alter table surveys.mt_doc_surveyresponse add constraint {constraint} check (id <> '{refused}') not valid");
        JsonElement result;
        try
        {
            using var admin = host.Admin();
            var response = await admin.PostAsync("/api/v1/surveys/responses/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), Ct);
            result = await response.JsonAsync();
        }
        finally
        {
            await ExecuteAsync($"alter table surveys.mt_doc_surveyresponse drop constraint if exists {constraint}");
        }

        var statuses = Statuses(result);
        Assert.Equal(5_706, statuses.Length);
        Assert.All(statuses[..5_000], s => Assert.Equal("accepted", s));
        Assert.Equal(["rejected", "rejected", "rejected", "rejected", "rejected", "rejected"], statuses[5_000..5_006]);
        Assert.All(statuses[5_006..], s => Assert.Equal("accepted", s));
        Assert.Equal(5_700, result.GetProperty("accepted").GetInt32());
        Assert.Equal(6, result.GetProperty("rejected").GetInt32());
        var results = result.GetProperty("results");
        Assert.Equal(["respondedAt", "respondedAt", "respondedAt", "respondedAt", "scores.brand", "item"],
            Enumerable.Range(5_000, 6).Select(i => results[i].GetProperty("errors").EnumerateObject().First().Name));
        Assert.Contains("refused", results[5_005].GetProperty("errors").GetProperty("item")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(5_700, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_surveyresponse where id like $1", id + "-%"));
        Assert.Equal(0, await StoredCountAsync(host, refused));
    }

    [Fact]
    public async Task A_failure_that_is_no_rows_fault_after_5000_stored_rows_answers_every_row_instead_of_a_500()
    {
        var id = PortalHost.NewId("imp");
        var poison = $"{id}-poison";
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 5_000; i++) csv.Append($"{id}-{i},2023-08-01T10:00:00Z,private,online,9,\n");
        for (var i = 0; i < 300; i++) csv.Append($"{id}-second-{i},2023-08-01T10:00:00Z,private,online,9,\n");
        csv.Append($"{poison},2023-08-01T10:00:00Z,private,online,9,\n");
        for (var i = 0; i < 5_000; i++) csv.Append($"{id}-third-{i},2023-08-01T10:00:00Z,private,online,9,\n");

        // An internal error (SQLSTATE XX000) when the second chunk is written: not about any row's data.
        var name = $"date_tests_fail_{id.Replace('-', '_')}";
        await ExecuteAsync($"""
            create function surveys.{name}() returns trigger language plpgsql as $$
            begin
              if new.id = '{poison}' then raise exception 'simulated failure' using errcode = 'XX000'; end if;
              return new;
            end $$;
            create trigger {name} before insert on surveys.mt_doc_surveyresponse for each row execute function surveys.{name}();
            """);
        JsonElement result;
        try
        {
            using var admin = host.Admin();
            var response = await admin.PostAsync("/api/v1/surveys/responses/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), Ct);
            result = await response.JsonAsync();
        }
        finally
        {
            await ExecuteAsync($"drop trigger if exists {name} on surveys.mt_doc_surveyresponse; drop function if exists surveys.{name}();");
        }

        var statuses = Statuses(result);
        Assert.Equal(10_301, statuses.Length);
        Assert.All(statuses[..5_000], s => Assert.Equal("accepted", s));
        Assert.All(statuses[5_000..], s => Assert.Equal("rejected", s));
        var results = result.GetProperty("results");
        Assert.Contains("Send it again", results[10_300].GetProperty("errors").GetProperty("row")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(5_000, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_surveyresponse where id like $1", id + "-%"));

        // Sending the file again once the database is well stores the rest; what was stored comes back as duplicates.
        using var again = host.Admin();
        var resent = await (await again.PostAsync("/api/v1/surveys/responses/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), Ct)).JsonAsync();
        Assert.Equal(5_000, resent.GetProperty("duplicates").GetInt32());
        Assert.Equal(5_301, resent.GetProperty("accepted").GetInt32());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
