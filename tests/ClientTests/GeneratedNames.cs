// The generated client's model names, in one place (ADR 0040): its namespaces follow the document's schema names, so a
// change of those names is fixed here and nowhere else in the tests. Each alias names the API.md shape it stands for.
global using PartnerPortal.ClientTests.Generated;
global using PartnerBody = PartnerPortal.ClientTests.Generated.Models.Partners.DirectoryNamespace.PutPartnerRequest;
global using ShopBody = PartnerPortal.ClientTests.Generated.Models.Partners.DirectoryNamespace.ShopRequest;
global using ResponseBody = PartnerPortal.ClientTests.Generated.Models.Surveys.Ingestion.SurveyResponseRequest;
global using ScoresBody = PartnerPortal.ClientTests.Generated.Models.Surveys.Ingestion.ScoresRequest;
global using ResponseBatchBody = PartnerPortal.ClientTests.Generated.Models.Surveys.Ingestion.SurveyBatchRequest;
global using RecalculationBody = PartnerPortal.ClientTests.Generated.Models.BuildingBlocks.Jobs.RecalculationRequest;
global using JobView = PartnerPortal.ClientTests.Generated.Models.Host.Jobs.JobStatus;
global using PlanBody = PartnerPortal.ClientTests.Generated.Models.Incentives.Plans.PlanRequest;
global using RatesBody = PartnerPortal.ClientTests.Generated.Models.Incentives.Plans.RatesRequest;
global using TierBody = PartnerPortal.ClientTests.Generated.Models.Incentives.Plans.TierRequest;
global using TargetsBody = PartnerPortal.ClientTests.Generated.Models.Incentives.Plans.TargetsRequest;
global using TransactionBatchBody = PartnerPortal.ClientTests.Generated.Models.Incentives.Sales.TransactionBatch;
global using TransactionBody = PartnerPortal.ClientTests.Generated.Models.Incentives.Sales.TransactionItem;
global using ProgrammeBody = PartnerPortal.ClientTests.Generated.Models.Training.Programmes.ProgrammeRequest;
global using TopicMixBody = PartnerPortal.ClientTests.Generated.Models.Training.Programmes.ProgrammeRequest_topicMix;
global using BookingBody = PartnerPortal.ClientTests.Generated.Models.Training.Coaching.BookingRequest;
global using DeliverBody = PartnerPortal.ClientTests.Generated.Models.Training.Coaching.DeliverRequest;
global using WkzPostingBody = PartnerPortal.ClientTests.Generated.Models.Training.Wkz.WkzPostingRequest;
global using ProblemView = PartnerPortal.ClientTests.Generated.Models.Microsoft.AspNetCore.Mvc.ProblemDetails;
global using ValidationProblemView = PartnerPortal.ClientTests.Generated.Models.Microsoft.AspNetCore.Http.HttpValidationProblemDetails;

namespace PartnerPortal.ClientTests;

/// <summary>
/// Wire values (API.md: enums as kebab-case strings, dates <c>YYYY-MM-DD</c>) as the generated client types them. While
/// the document declares no enums or date formats they are strings; once it does, these are the lines to change (to the
/// generated enum or <c>Date</c> type), and <see cref="Of"/> reads either back as the wire string.
/// </summary>
internal static class Wire
{
    public static string Segment(string value) => value;

    public static string Channel(string value) => value;

    public static string Category(string value) => value;

    public static string TierBasis(string value) => value;

    public static string Topic(string value) => value;

    public static string Date(string value) => value;

    /// <summary>An enum member's wire name (its <c>EnumMember</c> value), a date as <c>YYYY-MM-DD</c>, or a string as it is.</summary>
    public static string? Of(object? value) => value switch
    {
        null => null,
        string s => s,
        Enum e => e.GetType().GetField(e.ToString())?.GetCustomAttributes(typeof(System.Runtime.Serialization.EnumMemberAttribute), false)
                      .OfType<System.Runtime.Serialization.EnumMemberAttribute>().FirstOrDefault()?.Value ?? e.ToString(),
        _ => value.ToString(),
    };
}
