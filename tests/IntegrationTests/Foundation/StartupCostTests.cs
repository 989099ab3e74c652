using System.Reflection;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPortal.IntegrationTests.Infrastructure;
using Weasel.Core.Migrations;

namespace PartnerPortal.IntegrationTests.Foundation;

/// <summary>
/// Guards the start-up work that issue #8 took out (ADR 0020); the time itself is the benchmark's "start-up" row.
/// Each of these would come back silently: the host still works, it only starts slower.
/// </summary>
public sealed class StartupCostTests(PortalHost host)
{
    /// <summary>The [FromForm] record endpoints the request delegate generator cannot write (RDG003); they are built at run
    /// time as before. A new endpoint it cannot write either belongs here, after trying to fit it.</summary>
    private static readonly HashSet<string> BuiltAtRunTime =
    [
        "POST /login",
        "POST /kundenstimmen/{responseId}/einspruch",
        "POST /einsprueche/{appealId}/entscheidung",
        "POST /auffaelligkeiten/antworten/{responseId}/quarantaene",
        "POST /schulungen/buchen",
        "POST /schulungen/vorschau",
        "POST /schulungen/buchungen/{bookingId}/stornieren",
        "POST /schulungen/programm/buchungen/{bookingId}/bestaetigen",
        "POST /schulungen/programm/buchungen/{bookingId}/durchfuehren",
        "POST /schulungen/programm/wkz",
        "POST /rueckmeldungen/{caseId}/beginnen",
        "POST /rueckmeldungen/{caseId}/abschliessen",
        "POST /einstellungen",
    ];

    [Fact]
    public void Every_handler_endpoint_has_its_request_delegate_generated_at_compile_time()
    {
        var handlerEndpoints = Endpoints().Where(e => e.Metadata.GetMetadata<MethodInfo>() is not null).ToList();
        Assert.NotEmpty(handlerEndpoints);
        var runtimeBuilt = handlerEndpoints
            .Where(e => !IsGenerated(e.RequestDelegate!))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(BuiltAtRunTime.Order(StringComparer.Ordinal), runtimeBuilt);
    }

    [Fact]
    public void The_endpoints_are_built_once_and_shared_by_every_reader()
    {
        // The router and the authorization middleware each wrap the app's data sources in a composite of their own.
        var global = (CompositeEndpointDataSource)host.Services.GetRequiredService<EndpointDataSource>();
        var another = new CompositeEndpointDataSource(global.DataSources);
        Assert.Equal(global.Endpoints.Count, another.Endpoints.Count);
        Assert.All(global.Endpoints.Zip(another.Endpoints), pair => Assert.Same(pair.First, pair.Second));
    }

    /// <summary><c>SchemaMigration</c> marks the configured documents as checked through Weasel's database base class;
    /// should Marten's database stop being one, that would silently do nothing.</summary>
    [Fact]
    public void Marten_can_be_told_that_an_unchanged_schema_needs_no_check() =>
        Assert.IsAssignableFrom<DatabaseBase<NpgsqlConnection>>(host.Services.GetRequiredService<IDocumentStore>().Storage.Database);

    private IEnumerable<RouteEndpoint> Endpoints() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    /// <summary>The generator's code lives in <c>Microsoft.AspNetCore.Http.Generated</c>, in the module's own assembly;
    /// a run-time built delegate is compiled from an expression tree (no declaring type, or the framework's).</summary>
    private static bool IsGenerated(RequestDelegate requestDelegate)
    {
        var type = requestDelegate.Method.DeclaringType;
        while (type?.DeclaringType is not null) type = type.DeclaringType;
        return type?.Namespace == "Microsoft.AspNetCore.Http.Generated";
    }
}
