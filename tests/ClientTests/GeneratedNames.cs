// The generated client's model names, in one place (ADR 0040): they follow the document's schema names (short, without
// namespaces since ADR 0039), and an enum declared inline on a property or parameter becomes a type of its own named
// after its owner (`<Schema>_<property>`, `Get<Parameter>QueryParameterType`), as does a nullable object property
// (`<Schema>_<property>`, a subclass of the referenced schema). A change of those names is fixed here and nowhere else
// in the tests. Each alias names the API.md shape it stands for.
global using Microsoft.Kiota.Abstractions;
global using PartnerPortal.ClientTests.Generated;
global using PartnerBody = PartnerPortal.ClientTests.Generated.Models.PutPartnerRequest;
global using ShopBody = PartnerPortal.ClientTests.Generated.Models.ShopRequest;
global using ResponseBody = PartnerPortal.ClientTests.Generated.Models.SurveyResponseRequest;
global using ScoresBody = PartnerPortal.ClientTests.Generated.Models.ScoresRequest;
global using ResponseBatchBody = PartnerPortal.ClientTests.Generated.Models.SurveyBatchRequest;
global using RecalculationBody = PartnerPortal.ClientTests.Generated.Models.RecalculationRequest;
global using JobView = PartnerPortal.ClientTests.Generated.Models.JobStatus;
global using PlanBody = PartnerPortal.ClientTests.Generated.Models.PlanRequest;
global using RatesBody = PartnerPortal.ClientTests.Generated.Models.RatesRequest;
global using TierBody = PartnerPortal.ClientTests.Generated.Models.TierRequest;
global using TargetsBody = PartnerPortal.ClientTests.Generated.Models.PlanRequest_defaultTargets;
global using TransactionBatchBody = PartnerPortal.ClientTests.Generated.Models.TransactionBatch;
global using TransactionBody = PartnerPortal.ClientTests.Generated.Models.TransactionItem;
global using ProgrammeBody = PartnerPortal.ClientTests.Generated.Models.ProgrammeRequest;
global using TopicMixBody = PartnerPortal.ClientTests.Generated.Models.ProgrammeRequest_topicMix;
global using BookingBody = PartnerPortal.ClientTests.Generated.Models.BookingRequest;
global using DeliverBody = PartnerPortal.ClientTests.Generated.Models.DeliverRequest;
global using WkzPostingBody = PartnerPortal.ClientTests.Generated.Models.WkzPostingRequest;
global using ProblemView = PartnerPortal.ClientTests.Generated.Models.ProblemDetails;
global using ValidationProblemView = PartnerPortal.ClientTests.Generated.Models.ValidationProblemDetails;
// The wire enums the tests send (API.md: kebab-case strings), as the generated client types them.
global using ResponseSegment = PartnerPortal.ClientTests.Generated.Models.SurveyResponseRequest_segment;
global using ResponseChannel = PartnerPortal.ClientTests.Generated.Models.SurveyResponseRequest_channel;
global using SummarySegment = PartnerPortal.ClientTests.Generated.Api.V1.Scoring.Partners.Item.Summary.GetSegmentQueryParameterType;
global using SaleCategory = PartnerPortal.ClientTests.Generated.Models.TransactionItem_category;
global using PlanTierBasis = PartnerPortal.ClientTests.Generated.Models.PlanRequest_tierBasis;
global using BookingTopic = PartnerPortal.ClientTests.Generated.Models.BookingRequest_topic;

namespace PartnerPortal.ClientTests;

/// <summary>
/// Wire values (API.md: enums as kebab-case strings, dates <c>YYYY-MM-DD</c>) as the generated client types them: the
/// document declares enums and <c>date</c> formats (ADR 0039), so a value is the generated enum member whose
/// <c>EnumMember</c> name is the wire string (a value the document does not list fails the test here, not on the server),
/// and a date is Kiota's <see cref="Microsoft.Kiota.Abstractions.Date"/>. <see cref="Of"/> reads either back as the wire string.
/// </summary>
internal static class Wire
{
    public static ResponseSegment Segment(string value) => Enum<ResponseSegment>(value);

    public static SummarySegment SummarySegment(string value) => Enum<SummarySegment>(value);

    public static ResponseChannel Channel(string value) => Enum<ResponseChannel>(value);

    public static SaleCategory Category(string value) => Enum<SaleCategory>(value);

    public static PlanTierBasis TierBasis(string value) => Enum<PlanTierBasis>(value);

    public static BookingTopic Topic(string value) => Enum<BookingTopic>(value);

    public static Date Date(string value) =>
        new(DateTime.ParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The member of <typeparamref name="T"/> whose wire name is <paramref name="value"/>; throws if the document lists none.</summary>
    public static T Enum<T>(string value) where T : struct, System.Enum =>
        System.Enum.GetValues<T>().Cast<T?>().FirstOrDefault(e => Of(e) == value)
        ?? throw new ArgumentException($"'{value}' is not a value of {typeof(T).Name} in the document.", nameof(value));

    /// <summary>An enum member's wire name (its <c>EnumMember</c> value), a date as <c>YYYY-MM-DD</c>, or a string as it is.</summary>
    public static string? Of(object? value) => value switch
    {
        null => null,
        string s => s,
        Date d => d.ToString(),
        System.Enum e => e.GetType().GetField(e.ToString())?.GetCustomAttributes(typeof(System.Runtime.Serialization.EnumMemberAttribute), false)
                      .OfType<System.Runtime.Serialization.EnumMemberAttribute>().FirstOrDefault()?.Value ?? e.ToString(),
        _ => value.ToString(),
    };
}
