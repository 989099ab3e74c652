using PartnerPortal.BuildingBlocks.Security;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>The navigation of the enabled modules.</summary>
public sealed class PortalNavigation(IEnumerable<NavigationItem> items)
{
    private readonly NavigationItem[] _items = items.OrderBy(i => i.Order).ToArray();

    public IEnumerable<NavigationItem> For(Caller caller) =>
        _items.Where(i => !i.BackOfficeOnly || caller.IsBackOffice);
}
