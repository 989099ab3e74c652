using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerPortal.Funds.Upgrade;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Training.Upgrade;
using static PartnerPortal.IntegrationTests.Training.TrainingData;

namespace PartnerPortal.IntegrationTests.Funds;

/// <summary>The start-up steps run on their own: they work on the whole database, as at start-up, where nothing else runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UpgradeCollection
{
    public const string Name = "start-up upgrade steps";
}

/// <summary>
/// ADR 0035: a database written before the WKZ ledger moved to Funds. Old-shape rows are written with SQL where Training
/// kept them; the start-up steps carry the ledger over to schema <c>funds</c> and earmark the open bookings, and running
/// them again changes nothing.
/// </summary>
[Collection(UpgradeCollection.Name)]
public sealed class UpgradeTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The table as Marten made it for Training's <c>WkzEntry</c> before ADR 0035.</summary>
    private const string LegacyLedger = """
        create table if not exists training.mt_doc_wkzentry (id varchar not null, data jsonb not null, partner_id varchar, sequence bigint,
            constraint pkey_mt_doc_wkzentry_id primary key (id));
        create index if not exists ix_wkzentry_partner_sequence on training.mt_doc_wkzentry (partner_id, sequence)
        """;

    private T Step<T>() where T : IHostedService => host.Services.GetServices<IHostedService>().OfType<T>().Single();

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.AddWithValue(p);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private Task InsertLegacyEntryAsync(string partnerId, long sequence, string kind, decimal amount, decimal balanceAfter, string reason, string? bookingId) =>
        ExecuteAsync("insert into training.mt_doc_wkzentry (id, data, partner_id, sequence) values ($1, $2::jsonb, $3, $4)",
            $"{partnerId}/{sequence:D9}",
            JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["at"] = "2025-03-0" + sequence + "T10:00:00+00:00", ["by"] = "user:legacy", ["id"] = $"{partnerId}/{sequence:D9}", ["kind"] = kind,
                ["reason"] = reason, ["sequence"] = sequence, ["amountEur"] = amount, ["bookingId"] = bookingId, ["partnerId"] = partnerId,
                ["balanceAfterEur"] = balanceAfter,
            }),
            partnerId, sequence);

    [Fact]
    public async Task The_WKZ_ledger_kept_in_training_is_carried_over_with_its_balances_and_entries_and_a_second_run_changes_nothing()
    {
        var (a, _) = await host.CreatePartnerAsync();
        var (b, _) = await host.CreatePartnerAsync();
        await ExecuteAsync(LegacyLedger);
        await InsertLegacyEntryAsync(a, 1, "allocation", 1000m, 1000m, "WKZ-Budget 2025", null);
        await InsertLegacyEntryAsync(a, 2, "charge", -277.78m, 722.22m, "Coaching 15.06.2025 (1 Tage, Verkaufsgespräch)", "cb-legacy-1");
        await InsertLegacyEntryAsync(a, 3, "adjustment", -22.22m, 700m, "Korrektur", null);
        await InsertLegacyEntryAsync(b, 1, "allocation", 250.5m, 250.5m, "WKZ-Budget 2025", null);
        using var admin = host.Admin();
        Assert.Equal(0m, (await WkzAsync(admin, a)).GetProperty("balanceEur").GetDecimal()); // not yet carried over

        Assert.True(await Step<LedgerFromTraining>().RunAsync(Ct) >= 4);

        var accountA = await WkzAsync(admin, a);
        Assert.Equal(700m, accountA.GetProperty("balanceEur").GetDecimal());
        Assert.Equal(700m, accountA.GetProperty("availableEur").GetDecimal());
        var entries = accountA.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal([3L, 2L, 1L], entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(["adjustment", "charge", "allocation"], entries.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal([-22.22m, -277.78m, 1000m], entries.Select(e => e.GetProperty("amountEur").GetDecimal()));
        Assert.Equal([700m, 722.22m, 1000m], entries.Select(e => e.GetProperty("balanceAfterEur").GetDecimal()));
        Assert.Equal("cb-legacy-1", entries[1].GetProperty("bookingId").GetString());
        Assert.Equal("Coaching 15.06.2025 (1 Tage, Verkaufsgespräch)", entries[1].GetProperty("reason").GetString());
        Assert.Equal(("user:legacy", DateTimeOffset.Parse("2025-03-02T10:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture)),
            (entries[1].GetProperty("by").GetString(), entries[1].GetProperty("at").GetDateTimeOffset()));
        Assert.Equal(250.5m, (await WkzAsync(admin, b)).GetProperty("balanceEur").GetDecimal());

        var before = (await WkzAsync(admin, a)).GetRawText() + (await WkzAsync(admin, b)).GetRawText();
        Assert.Equal(0, await Step<LedgerFromTraining>().RunAsync(Ct));
        Assert.Equal(before, (await WkzAsync(admin, a)).GetRawText() + (await WkzAsync(admin, b)).GetRawText());
        Assert.Equal(4L, await host.ScalarAsync<long>("select count(*) from funds.mt_doc_wkzentry where partner_id in ($1, $2)", a, b));

        // The ledger goes on from the carried-over head: the next entry is number 4, and no adjustment takes it below zero.
        var next = await (await admin.PostAsJsonAsync($"/api/v1/training/partners/{a}/wkz/allocations", new { amountEur = 100, reason = "Nachschlag" }, Ct))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal((4L, 800m), (next.GetProperty("sequence").GetInt64(), next.GetProperty("balanceAfterEur").GetDecimal()));
        await (await admin.PostAsJsonAsync($"/api/v1/training/partners/{a}/wkz/adjustments", new { amountEur = -800.01, reason = "zu viel" }, Ct))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bookings_stored_before_are_found_by_status_and_the_open_ones_earmark_their_WKZ_once()
    {
        await EnsureProgrammeAsync(host);
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 2000m);
        // As Training stored them before: the status a string in the JSON. 1 day at 1,234.57 €, partner 45 %: 555.56 €.
        await InsertLegacyBookingAsync(partnerId, shops[0], "requested", 50m);   // earmarks 277.78
        await InsertLegacyBookingAsync(partnerId, shops[0], "confirmed", 100m);  // earmarks 555.56
        await InsertLegacyBookingAsync(partnerId, shops[0], "cancelled", 100m);  // nothing
        await InsertLegacyBookingAsync(partnerId, shops[0], "requested", 0m);    // nothing
        var confirmed = (await (await admin.GetAsync($"/api/v1/training/coaching-bookings?partnerId={partnerId}&status=confirmed", Ct)).JsonAsync()).GetProperty("items");
        Assert.Equal(["confirmed"], confirmed.EnumerateArray().Select(x => x.GetProperty("status").GetString()));
        Assert.Equal(2, (await (await admin.GetAsync($"/api/v1/training/coaching-bookings?partnerId={partnerId}&status=requested", Ct)).JsonAsync())
            .GetProperty("items").GetArrayLength());
        Assert.Equal(0m, (await WkzAsync(admin, partnerId)).GetProperty("reservedEur").GetDecimal()); // not yet earmarked

        // The step has run at this host's start; it runs again as on a database that never had it.
        await ExecuteAsync("delete from training.mt_doc_trainingupgrade where id = $1", EarmarkOpenBookings.StepId);
        Assert.True(await Step<EarmarkOpenBookings>().RunAsync(Ct) >= 2);
        var account = await WkzAsync(admin, partnerId);
        Assert.Equal((2000m, 833.34m, 1166.66m),
            (account.GetProperty("balanceEur").GetDecimal(), account.GetProperty("reservedEur").GetDecimal(), account.GetProperty("availableEur").GetDecimal()));

        Assert.Null(await Step<EarmarkOpenBookings>().RunAsync(Ct));
        Assert.Equal(account.GetRawText(), (await WkzAsync(admin, partnerId)).GetRawText());

        // An old booking moves on like any other: confirmed, delivered, charged, its earmark released.
        var id = confirmed[0].GetProperty("bookingId").GetString()!;
        var delivered = await ActAsync(admin, id, "deliver");
        Assert.Equal(555.56m, delivered.GetProperty("charges").GetProperty("wkzEur").GetDecimal());
        account = await WkzAsync(admin, partnerId);
        Assert.Equal((1444.44m, 277.78m), (account.GetProperty("balanceEur").GetDecimal(), account.GetProperty("reservedEur").GetDecimal()));
    }

    private Task InsertLegacyBookingAsync(string partnerId, string shopId, string status, decimal wkzPercent)
    {
        var id = PortalHost.NewId("cb-legacy");
        var json = $$"""
            {"id": "{{id}}", "date": "2034-06-15", "days": 1, "year": 2034, "topic": "sales-conversation", "shopId": "{{shopId}}",
             "status": "{{status}}", "charges": null, "version": {{(status == "requested" ? 1 : 2)}}, "partnerId": "{{partnerId}}", "wkzPercent": {{wkzPercent}},
             "cancelledAt": null, "cancelledBy": null, "confirmedAt": null, "confirmedBy": null, "deliveredAt": null, "deliveredBy": null,
             "requestedAt": "2025-03-01T10:00:00+00:00", "requestedBy": "user:legacy", "participants": 5}
            """;
        return ExecuteAsync("insert into training.mt_doc_coachingbooking (id, data, partner_id, year) values ($1, $2::jsonb, $3, 2034)", id, json, partnerId);
    }
    [Fact]
    public async Task Earmarks_stored_before_ADR_0046_beyond_the_balance_are_capped_at_start_up_and_a_second_run_changes_nothing()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync(prefix: "wz");
        using var admin = host.Admin();
        await EnsureProgrammeAsync(host, 2087);
        await AllocateAsync(admin, partnerId, 1000m);
        var first = (await BookAsync(admin, partnerId, shops[0], wkzPercent: 100, date: "2087-03-03")).GetProperty("bookingId").GetString()!;
        var second = (await BookAsync(admin, partnerId, shops[0], wkzPercent: 100, date: "2087-03-04")).GetProperty("bookingId").GetString()!;
        // As stored before: each earmark holds all its booking wants (555.56 each against 1,000), with no wish or order of its own.
        var table = PartnerPortal.BuildingBlocks.Data.MartenTables.Of<PartnerPortal.Funds.Ledger.WkzEarmark>(host.Services.GetRequiredService<Marten.IDocumentStore>());
        foreach (var id in new[] { first, second })
            await ExecuteAsync($"update {table} set data = $2::jsonb where id = $1", id,
                JsonSerializer.Serialize(new Dictionary<string, object?> { ["id"] = id, ["partnerId"] = partnerId, ["amountEur"] = 555.56m }));
        Assert.Equal(1111.12m, (await WkzAsync(admin, partnerId)).GetProperty("reservedEur").GetDecimal());

        Assert.True(await Step<CapEarmarks>().RunAsync(Ct) >= 1);
        var account = await WkzAsync(admin, partnerId);
        Assert.Equal((1000m, 0m), (account.GetProperty("reservedEur").GetDecimal(), account.GetProperty("availableEur").GetDecimal()));
        Assert.Equal(0, await Step<CapEarmarks>().RunAsync(Ct));
        Assert.Equal(1000m, (await WkzAsync(admin, partnerId)).GetProperty("reservedEur").GetDecimal());
    }
}
