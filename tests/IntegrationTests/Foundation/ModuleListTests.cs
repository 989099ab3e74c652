using Microsoft.Extensions.Configuration;
using PartnerPortal.Host.Modules;

namespace PartnerPortal.IntegrationTests.Foundation;

public sealed class ModuleListTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void All_modules_are_on_by_default()
    {
        Assert.Equal(["Partners", "Surveys", "Scoring", "Incentives", "Funds", "Training", "FollowUps", "Notifications"], HostModules.Enabled(Config()).Select(m => m.Name));
    }

    [Fact]
    public void A_module_can_be_switched_off()
    {
        var modules = HostModules.Enabled(Config(("PartnerPortal:Modules:Training:Enabled", "false")));
        Assert.DoesNotContain(modules, m => m.Name == "Training");
    }

    [Fact]
    public void Switching_off_a_dependency_says_which_module_needs_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HostModules.Enabled(Config(("PartnerPortal:Modules:Scoring:Enabled", "false"))));
        Assert.Contains("Incentives needs Scoring", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<InvalidOperationException>(() => HostModules.Enabled(Config(("PartnerPortal:Modules:Funds:Enabled", "false"))));
        Assert.Contains("Training needs Funds", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(HostModules.Enabled(Config(("PartnerPortal:Modules:Funds:Enabled", "false"), ("PartnerPortal:Modules:Training:Enabled", "false"))),
            m => m.Name is "Funds" or "Training");
    }

    [Fact]
    public void The_partner_directory_cannot_be_switched_off()
    {
        Assert.Contains(HostModules.Enabled(Config(("PartnerPortal:Modules:Partners:Enabled", "false"))), m => m.Name == "Partners");
    }
}
