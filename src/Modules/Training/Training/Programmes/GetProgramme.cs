
namespace PartnerPortal.Training.Programmes;

/// <summary><c>GET /api/v1/training/programmes/{year}</c>.</summary>
internal static class GetProgramme
{
    public static async Task<Outcome<TrainingProgramme>> HandleAsync(string year, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<TrainingProgramme>(year, ct) is { } programme
            ? Outcome<TrainingProgramme>.Done(programme)
            : Outcome<TrainingProgramme>.NotFound($"There is no training programme for '{year}'.");

    public static async Task<IResult> Endpoint(string year, IQuerySession session, CancellationToken ct) =>
        (await HandleAsync(year, session, ct)).ToHttp(ProgrammeView.Of);
}
