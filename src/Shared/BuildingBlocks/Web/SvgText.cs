using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>An SVG &lt;text&gt; element (Razor reserves the &lt;text&gt; tag inside code blocks).</summary>
public sealed class SvgText : ComponentBase
{
    [Parameter] public double X { get; set; }
    [Parameter] public double Y { get; set; }
    [Parameter] public string? Class { get; set; }
    [Parameter] public string? Anchor { get; set; }
    [Parameter] public string Content { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", Svg(X));
        builder.AddAttribute(2, "y", Svg(Y));
        if (Class is not null) builder.AddAttribute(3, "class", Class);
        if (Anchor is not null) builder.AddAttribute(4, "text-anchor", Anchor);
        builder.AddContent(5, Content);
        builder.CloseElement();
    }

    /// <summary>An SVG coordinate: invariant culture, at most two decimals.</summary>
    public static string Svg(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
