namespace PartnerPortal.SharedKernel;

public static class Money
{
    /// <summary>Rounds an amount to cents, half away from zero (DOMAIN.md: 0.005 € → 0.01 €).</summary>
    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
