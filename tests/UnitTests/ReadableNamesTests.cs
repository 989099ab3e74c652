using PartnerPortal.BuildingBlocks.Demo;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.UnitTests;

/// <summary>What pages show instead of codes: a shop by its label (Auffälligkeiten, Kundenstimmen, Protokoll), a demo
/// caller by its name (Protokoll).</summary>
public sealed class ReadableNamesTests
{
    private static readonly PartnerInfo Partner = new("p-1", "Mobilfunk Müller GmbH",
        [new ShopInfo("s-1-1", "Filiale Nippes", "Köln"), new ShopInfo("s-1-2", "Bonn Zentrum", "Bonn"), new ShopInfo("s-1-3", "Laden", "")]);

    [Theory]
    [InlineData("s-1-1", "Filiale Nippes (Köln)")]
    [InlineData("s-1-2", "Bonn Zentrum")]      // the name says the city already
    [InlineData("s-1-3", "Laden")]             // no city
    [InlineData("s-2-1", null)]                // another partner's shop
    [InlineData("S-1-1", null)]                // ids are exact
    [InlineData(null, null)]
    public void A_shop_is_shown_by_its_label_and_only_the_partners_own(string? shopId, string? expected) =>
        Assert.Equal(expected, Partner.ShopLabel(shopId));

    [Fact]
    public void Demo_callers_have_names_other_actors_none()
    {
        Assert.Equal("Bernd Backoffice", DemoCallers.DisplayName(DemoCallers.BackOffice().Actor));
        Assert.Equal("Petra Partner", DemoCallers.DisplayName(DemoCallers.Partner("p-unit-1", "Petra Partner").Actor));
        Assert.Equal("Partner-Login (Demo)", DemoCallers.DisplayName("demo:partner:p-never-seen"));
        Assert.Null(DemoCallers.DisplayName("user:42"));
        Assert.Null(DemoCallers.DisplayName("system"));
    }
}
