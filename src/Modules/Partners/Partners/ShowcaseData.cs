using PartnerPortal.BuildingBlocks.Demo;
using PartnerPortal.Partners.Directory;

namespace PartnerPortal.Partners;

/// <summary>The showcase's partners (ADR 0043): five more featured partners and sixty small ones, so the comparison, the
/// percentile ranks and back office's lists have a field,
/// and a young third shop of <c>p-1001</c> whose sample stays "zu klein". Through <see cref="PutPartner"/>, as back office
/// would; a partner that already has its shops is left alone (idempotent).</summary>
internal static class ShowcaseData
{
    private static readonly (string Id, string Name, (string Id, string Name, string City)[] Shops)[] Partners =
    [
        ("p-1001", "Mobilfunk Müller GmbH", [("s-1001-1", "Müller Köln Zentrum", "Köln"), ("s-1001-2", "Müller Bonn", "Bonn"), ("s-1001-3", "Müller Siegburg", "Siegburg")]),
        ("p-1004", "Funkhaus Becker GmbH", [("s-1004-1", "Funkhaus Hamburg-Altona", "Hamburg"), ("s-1004-2", "Funkhaus Hamburg-Wandsbek", "Hamburg")]),
        ("p-1005", "Digital Shop Yılmaz", [("s-1005-1", "Digital Shop Neukölln", "Berlin")]),
        ("p-1006", "Kommunikation Hoffmann KG", [("s-1006-1", "Hoffmann Stuttgart Königstraße", "Stuttgart"), ("s-1006-2", "Hoffmann Esslingen", "Esslingen")]),
        ("p-1007", "Netzwerk Schulz & Partner", [("s-1007-1", "Schulz Dresden Altmarkt", "Dresden")]),
        ("p-1008", "Mobile Welt Fischer", [("s-1008-1", "Mobile Welt Frankfurt", "Frankfurt am Main"), ("s-1008-2", "Mobile Welt Offenbach", "Offenbach")]),
    ];

    private static readonly string[] Surnames =
    [
        "Weber", "Meyer", "Wagner", "Schulte", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
        "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser",
        "Fuchs", "Peters",
    ];

    private static readonly string[] Cities =
    [
        "Aachen", "Bielefeld", "Bochum", "Bremen", "Chemnitz", "Darmstadt", "Dortmund", "Duisburg", "Erfurt", "Essen", "Freiburg", "Gelsenkirchen",
        "Göttingen", "Hagen", "Halle", "Hannover", "Heidelberg", "Karlsruhe", "Kassel", "Kiel", "Koblenz", "Krefeld", "Lübeck", "Magdeburg", "Mainz",
        "Mannheim", "Münster", "Nürnberg", "Oldenburg", "Osnabrück", "Potsdam", "Regensburg", "Rostock", "Saarbrücken", "Ulm", "Wiesbaden",
        "Wolfsburg", "Würzburg", "Wuppertal", "Paderborn",
    ];

    private static readonly string[] Kinds = ["Mobilfunk {0}", "Telefonladen {0}", "{0} Kommunikation", "Handyshop {0}", "{0} Telekommunikation e.K."];

    /// <summary>The featured partners, then the small ones: names made of a surname and a city, one shop each.</summary>
    private static IEnumerable<(string Id, string Name, (string Id, string Name, string City)[] Shops)> All() =>
        Partners.Concat(Contracts.DemoPartners.Small.Select((id, i) =>
        {
            var surname = Surnames[i % Surnames.Length];
            var city = Cities[(i * 7) % Cities.Length];
            var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, Kinds[i % Kinds.Length], surname);
            return (id, $"{name} ({city})", new[] { ($"s-{id[2..]}-1", $"{surname} {city}", city) });
        }));

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var caller = DemoCallers.BackOffice();
        foreach (var (id, name, shops) in All())
        {
            var existing = await session.LoadAsync<Partner>(id, ct);
            if (existing is not null && shops.All(s => existing.Shops.Any(e => e.ShopId == s.Id))) continue;
            var request = new PutPartnerRequest(name, [.. shops.Select(s => (ShopRequest?)new ShopRequest(s.Id, s.Name, s.City))]);
            var result = await PutPartner.Handle(id, request, caller, session, clock, ct);
            if (result is not (Microsoft.AspNetCore.Http.HttpResults.Created<PartnerPortal.Partners.Contracts.PartnerInfo>
                or Microsoft.AspNetCore.Http.HttpResults.Ok<PartnerPortal.Partners.Contracts.PartnerInfo>))
                throw new InvalidOperationException($"Demo partner {id} was not saved: {result}.");
        }
    }
}
