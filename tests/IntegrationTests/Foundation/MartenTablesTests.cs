using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Foundation;

/// <summary>
/// Hand-written SQL names Marten's tables through <see cref="MartenTables"/> (ADR 0036): the name comes from each module's
/// mapping (its schema), and it is the table Marten really created.
/// </summary>
public sealed class MartenTablesTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_document_s_table_is_named_by_its_module_s_schema_and_exists()
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var expected = new Dictionary<Type, string>
        {
            [typeof(global::PartnerPortal.Surveys.SurveyResponse)] = "surveys.mt_doc_surveyresponse",
            [typeof(global::PartnerPortal.Surveys.Trust.ResponseExclusion)] = "surveys.mt_doc_responseexclusion",
            [typeof(global::PartnerPortal.Scoring.Scorecards.ScoreCard)] = "scoring.mt_doc_scorecard",
            [typeof(global::PartnerPortal.Partners.Logins.PortalUser)] = "partners.mt_doc_portaluser",
            [typeof(global::PartnerPortal.Funds.Ledger.WkzEntry)] = "funds.mt_doc_wkzentry",
        };
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var (type, table) in expected)
        {
            Assert.Equal(table, MartenTables.Of(store, type));
            await using var exists = new NpgsqlCommand("select to_regclass($1) is not null", connection);
            exists.Parameters.AddWithValue(table);
            Assert.True(await exists.ExecuteScalarAsync(Ct) is true, $"{table} does not exist");
        }
        Assert.Equal("surveys.mt_doc_surveyresponse", MartenTables.Of<global::PartnerPortal.Surveys.SurveyResponse>(store));
    }
}
