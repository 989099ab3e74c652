using Carter;
using PartnerPortal.Host;
using PartnerPortal.Host.Api;
using PartnerPortal.Host.Database;
using PartnerPortal.Host.Jobs;
using PartnerPortal.Host.Modules;
using PartnerPortal.Host.Security;

var builder = WebApplication.CreateBuilder(args);
using var embeddedDatabase = builder.AddPartnerPortalDatabase();
var modules = HostModules.Enabled(builder.Configuration);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPortalForwardedHeaders(builder.Configuration);
builder.Services.AddPortalAuth(builder.Configuration, builder.Environment, embeddedDatabase: embeddedDatabase is not null);
builder.Services.AddPortalRateLimiting(builder.Configuration);
builder.Services.AddPortalApi();
builder.Services.AddPortalJobs(builder.Configuration);
builder.Services.AddPortalModules(builder.Configuration, modules);

var app = builder.Build();
app.BeginDatabasePreparation();
app.UsePortal(modules);
app.Run();

/// <summary>Entry point; public so the integration tests can host it.</summary>
public partial class Program;
