using Microsoft.Extensions.Configuration;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.FollowUps.Cases;
using PartnerPortal.FollowUps.Contracts;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.FollowUps;

/// <summary>Closing the loop with detractors: a follow-up case per detractor response, opened in the transaction that
/// stores it (through Surveys' <see cref="IResponsesStoredListener"/>), worked and closed by the partner, with figures for
/// partner and back office. Schema <c>followups</c> (ADR 0041); a case never moved is its detractor response, read from Surveys (ADR 0049).</summary>
public sealed class FollowUpsModule : IModule
{
    public const string Schema = "followups";

    public string Name => "FollowUps";

    public Type Endpoints => typeof(FollowUpsEndpoints);

    /// <summary>One entry for both roles: the partner's cases, or back office's overview of every partner.</summary>
    public IEnumerable<NavigationItem> Navigation => [new("Rückmeldungen", Pages.FollowUpPageEndpoints.Path, 22)];

    /// <summary>Before any module's showcase: the showcase stores a year of responses stamped as they arrived, behind the
    /// detractors' copy's mark on a database that ran before, so the copy starts again (ADR 0064). The copier itself waits
    /// until the host has started, after the seeding.</summary>
    public Task SeedDemoDataAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        DetractorCopy.ResetAsync(services.GetRequiredService<IDocumentStore>(), cancellationToken);

    /// <summary>The demo partners have worked part of their cases (after Surveys' showcase stored the responses).</summary>
    public Task SeedShowcaseDataAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        Demo.ShowcaseCases.SeedAsync(services, cancellationToken);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<FollowUpCase>().DatabaseSchemaName(Schema)
                // The cases worked at least once (a detractor never moved has no document, ADR 0049). Rückmeldungen and the
                // API: a partner's cases, oldest due first, with a stable cursor.
                .Index(x => new { x.PartnerId, x.DueAt, x.OpenedAt, x.Id }, i => i.Name = "ix_followupcase_partner_due")
                // The partner's cases to work (Rückmeldungen, status filters): the same without the closed ones, which a
                // partner's history is mostly made of (written at human pace, so a second index costs ingestion nothing).
                .Index(x => new { x.PartnerId, x.DueAt, x.OpenedAt, x.Id }, i =>
                {
                    i.Name = "ix_followupcase_partner_unclosed";
                    i.Predicate = "status <> 'closed'";
                })
                // The figures: a quarter's cases per partner, with the columns they count, so that they are one index-only
                // scan instead of a visit to every case's row (ADR 0047).
                .Index(x => new { x.Quarter, x.PartnerId }, i =>
                {
                    i.Name = "ix_followupcase_quarter_partner";
                    i.IncludeColumns = ["status", "due_at", "closed_at", "root_cause"];
                })
                // Unclosed cases past due across partners (back office, the overdue digest). Cases opened in a day (the
                // daily digest, once a day) need no index of their own: every index costs each detractor's ingestion.
                .Index(x => x.DueAt, i =>
                {
                    i.Name = "ix_followupcase_unclosed_due";
                    i.Predicate = "status <> 'closed'";
                });
            opts.DuplicateColumns<FollowUpCase>(nameof(FollowUpCase.PartnerId), nameof(FollowUpCase.Quarter), nameof(FollowUpCase.Status),
                nameof(FollowUpCase.DueAt), nameof(FollowUpCase.OpenedAt), nameof(FollowUpCase.ClosedAt), nameof(FollowUpCase.RootCause));
            opts.Schema.For<CaseMove>().DatabaseSchemaName(Schema);
            opts.Schema.For<WorkedFloor>().DatabaseSchemaName(Schema);
            opts.DuplicateColumns<WorkedFloor>(nameof(WorkedFloor.StoredBefore));
            opts.Schema.For<Stats.CaseFiguresStamp>().DatabaseSchemaName(Schema);
            // The detractors' copy, made off ingestion's path, and its mark (ADR 0064).
            opts.Storage.ExtendedSchemaObjects.Add(DetractorCopy.Definition());
            opts.Storage.ExtendedSchemaObjects.Add(DetractorCopy.MarkDefinition());
            opts.Storage.ExtendedSchemaObjects.Add(DetractorCopy.MarkFunctionDefinition());
        });
        // Surveys keeps its detractors' view and index for us (the unworked cases, ADR 0049); we copy them (ADR 0064).
        services.AddSingleton<DetractorResponses.Wanted>();
        services.AddHostedService<DetractorCopier>();
        services.AddScoped<IResponsesStoredListener, Opening.CaseOpening>();
        services.AddScoped<IResponseExclusionChangedListener, Opening.ExclusionClosing>();
        services.AddScoped<IFollowUpCases, FollowUpCases>();
        services.AddSingleton<Stats.CaseFiguresCache>();
        services.AddScoped<Stats.CaseFigures>();
        services.AddSingleton(Pages.FollowUpsTexts.Table);
        services.AddScoped<IOverviewTiles, Pages.FollowUpTile>();
    }

    public void MapPages(IEndpointRouteBuilder pages) => Pages.FollowUpPageEndpoints.Map(pages);
}
