namespace PartnerPortal.BuildingBlocks.Jobs;

/// <summary>A job cannot run with what it was given (e.g. no plan for the quarter): it fails at once and is not
/// retried; the message is the job's error in <c>GET /api/v1/jobs/{id}</c>.</summary>
public sealed class JobInputException(string message) : Exception(message);
