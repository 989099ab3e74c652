namespace PartnerPortal.SharedKernel;

/// <summary>The API scopes of API.md. A key carries a subset; a back-office login carries all of them.</summary>
public static class Scopes
{
    public const string PartnersRead = "partners:read";
    public const string PartnersWrite = "partners:write";
    public const string UsersWrite = "users:write";
    public const string SurveysWrite = "surveys:write";
    public const string SurveysRead = "surveys:read";
    /// <summary>Appeal a response that counts for the caller's partner (DOMAIN.md "Trust in the score").</summary>
    public const string SurveysAppeal = "surveys:appeal";
    /// <summary>Back office: decide appeals, quarantine and release responses, read integrity flags.</summary>
    public const string SurveysReview = "surveys:review";
    public const string ScoringRecalculate = "scoring:recalculate";
    public const string ScoresRead = "scores:read";
    public const string PlansWrite = "plans:write";
    public const string TransactionsWrite = "transactions:write";
    public const string StatementsRecalculate = "statements:recalculate";
    public const string StatementsRead = "statements:read";
    public const string StatementsApprove = "statements:approve";
    public const string AuditRead = "audit:read";
    public const string TrainingAdmin = "training:admin";
    public const string TrainingWrite = "training:write";
    public const string TrainingRead = "training:read";
    /// <summary>Read follow-up cases of detractors and their figures (DOMAIN.md "Closing the loop with detractors").</summary>
    public const string FollowUpsRead = "followups:read";
    /// <summary>Start, close and reopen follow-up cases.</summary>
    public const string FollowUpsWrite = "followups:write";

    public static readonly IReadOnlyList<string> All =
    [
        PartnersRead, PartnersWrite, UsersWrite, SurveysWrite, SurveysRead, SurveysAppeal, SurveysReview, ScoringRecalculate, ScoresRead,
        PlansWrite, TransactionsWrite, StatementsRecalculate, StatementsRead, StatementsApprove, AuditRead,
        TrainingAdmin, TrainingWrite, TrainingRead, FollowUpsRead, FollowUpsWrite,
    ];

    /// <summary>What a partner user may do through the portal: read its own data, book coaching, work its follow-ups.</summary>
    public static readonly IReadOnlyList<string> PartnerUser =
    [
        PartnersRead, SurveysRead, SurveysAppeal, ScoresRead, StatementsRead, TrainingRead, TrainingWrite, FollowUpsRead, FollowUpsWrite,
    ];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
