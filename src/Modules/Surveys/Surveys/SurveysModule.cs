using Hangfire;
using Microsoft.Extensions.Configuration;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Surveys.Contracts;
using Weasel.Postgresql.Tables;

namespace PartnerPortal.Surveys;

/// <summary>Survey responses from the survey vendor: validated, stored once. Schema <c>surveys</c>.</summary>
public sealed class SurveysModule : IModule
{
    public const string Schema = "surveys";

    /// <summary>Real columns for what listing and aggregation read (see <see cref="MartenColumns"/>).</summary>
    private static readonly string[] DuplicatedMembers =
    [
        nameof(SurveyResponse.RespondedAtUtc), nameof(SurveyResponse.Quarter), nameof(SurveyResponse.Segment), nameof(SurveyResponse.Channel),
        nameof(SurveyResponse.PartnerId), nameof(SurveyResponse.ShopId), nameof(SurveyResponse.Brand), nameof(SurveyResponse.Product),
        nameof(SurveyResponse.Touchpoint), nameof(SurveyResponse.ReceivedAt),
    ];

    /// <summary>The rows of <see cref="DetractorResponses.View"/>.</summary>
    internal const string DetractorPredicate = "partner_id is not null and channel = 'partner-shop' and touchpoint between 0 and 6";

    public string Name => "Surveys";

    public Type Endpoints => typeof(SurveysEndpoints);

    public IEnumerable<NavigationItem> Navigation =>
        [new("Kundenstimmen", "/kundenstimmen", 20), new("Einsprüche", Pages.AppealPageEndpoints.ListPath, 25),
         new("Auffälligkeiten", Pages.IntegrityPageEndpoint.Path, 26, BackOfficeOnly: true)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<SurveyResponse>()
                .DatabaseSchemaName(Schema)
                // Listing (Kundenstimmen, API): a partner's responses, newest first, with a stable cursor.
                // (PostgreSQL scans the ascending index backwards for "newest first".) Only responses with a partner
                // are listed by partner: the others stay out of the index, which makes ingestion cheaper.
                .Index(x => new { x.PartnerId, x.RespondedAtUtc, x.Id }, i =>
                {
                    i.Name = "ix_surveyresponse_partner_newest";
                    i.Predicate = "partner_id is not null";
                })
                // Aggregation (Scoring): one quarter at a time. Responses arrive roughly in the order they were given,
                // so a quarter's rows lie in neighbouring pages: a BRIN index (one small entry per 128 pages) finds them
                // as well as a B-tree did, at a fraction of its cost per inserted row. See ADR 0024.
                .Index(x => x.Quarter, i =>
                {
                    i.Name = "ix_surveyresponse_quarter_brin";
                    i.Method = IndexMethod.brin;
                })
                // Kundenstimmen's search: the comments' words, German stemming (GIN). Its expression is
                // Listing.SearchComments.CommentVector, which the search repeats so the planner can use it (ADR 0044).
                // Only rows with a comment: GIN keeps an entry even for a row without words, and these nine in ten
                // entries cost ingestion about a tenth of the database's work (ADR 0050).
                .FullTextIndex(i =>
                {
                    i.Name = "ix_surveyresponse_comment_fts";
                    i.RegConfig = "german";
                    i.Predicate = Listing.SearchComments.HasComment;
                }, x => x.Comment!);
            opts.DuplicateColumns<SurveyResponse>(DuplicatedMembers);
            // The detractors for FollowUps (ADR 0049), only while a module asks for them (checked when the store is built,
            // after every module registered its services). FollowUps keeps its own copy of them, made off ingestion's path,
            // and reads the view only from the last copy on (ADR 0064): a BRIN over the store time finds that tail (rows
            // are stored in time order) at no measurable cost to ingestion, where the earlier per-partner B-tree cost about
            // a tenth of storing them. Summarised as the table grows, so that a fresh tail is the only unsummarised range.
            if (services.Any(d => d.ServiceType == typeof(DetractorResponses.Wanted)))
            {
                opts.Schema.For<SurveyResponse>().Index(x => x.ReceivedAt, i =>
                {
                    i.Name = DetractorResponses.StoreTimeIndex[(Schema.Length + 1)..];
                    i.Method = IndexMethod.brin;
                    i.StorageParameters["autosummarize"] = "on";
                });
                opts.Storage.Add(new DetractorView(opts));
            }
            opts.Schema.For<Trust.ResponseExclusion>().DatabaseSchemaName(Schema);
            // Appeals: one per response (the unique index settles concurrent filings); a quarter's open ones per partner
            // (approval asks); decisions are their own documents under the appeal's id (inserted once).
            opts.Schema.For<Trust.Appeal>().DatabaseSchemaName(Schema)
                .Index(x => x.ResponseId, i =>
                {
                    i.Name = "uq_appeal_response";
                    i.IsUnique = true;
                })
                .Index(x => new { x.Quarter, x.PartnerId }, i => i.Name = "ix_appeal_quarter_partner");
            opts.DuplicateColumns<Trust.Appeal>(nameof(Trust.Appeal.ResponseId), nameof(Trust.Appeal.PartnerId), nameof(Trust.Appeal.Quarter),
                nameof(Trust.Appeal.FiledAt));
            opts.Schema.For<Trust.AppealDecision>().DatabaseSchemaName(Schema);
            // Integrity flags: the last run per quarter, and its flagged responses in a table of their own (ADR 0033).
            opts.Schema.For<Trust.IntegrityRun>().DatabaseSchemaName(Schema);
            opts.Storage.ExtendedSchemaObjects.Add(Trust.IntegrityRecalculation.FlagTableDefinition());
        });
        services.AddScoped<Ingestion.SurveyIngestion>();
        services.AddScoped<ISurveyAggregates, Aggregation.SurveyAggregates>();
        services.AddScoped<Trust.Exclusions>();
        services.AddScoped<Trust.AppealWindowLookup>();
        services.AddScoped<IOpenAppeals, Trust.OpenAppeals>();
        // Incentives.Contracts' ISalesTransactions, when Incentives is on; without it the transaction flags are not computed.
        services.AddScoped<Trust.IntegrityRecalculation>();
        services.AddSingleton(Pages.SurveysTexts.Table);
    }

    public void MapPages(IEndpointRouteBuilder pages)
    {
        Pages.CommentsPageEndpoint.Map(pages);
        Pages.AppealPageEndpoints.Map(pages);
        Pages.IntegrityPageEndpoint.Map(pages);
    }

    public Task SeedShowcaseDataAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        Demo.ShowcaseData.SeedAsync(services, cancellationToken);

    /// <summary>The integrity flags, nightly after the score cards (02:00), for the current and the previous quarter. An
    /// earlier version registered a placeholder job "surveys:recalculate", removed here.</summary>
    public void RegisterRecurringJobs(IRecurringJobManager jobs)
    {
        jobs.RemoveIfExists("surveys:recalculate");
        jobs.AddOrUpdate<Trust.IntegrityRecalculation>(Trust.IntegrityRecalculation.RecurringJobId, j => j.RunRecurringAsync(CancellationToken.None),
            Cron.Daily(3), new RecurringJobOptions { TimeZone = SharedKernel.BerlinTime.Zone });
    }
}
