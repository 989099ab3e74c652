using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Pages;

namespace PartnerPortal.UnitTests;

/// <summary>DOMAIN.md "Training": the partner's share, the WKZ part capped by the balance, the rest invoiced, cents half away from zero.</summary>
public sealed class TrainingChargesTests
{
    [Fact]
    public void Charges_split_total_into_operator_and_partner_and_the_partner_part_into_WKZ_and_invoice()
    {
        var c = CoachingCharges.Compute(days: 1.5m, dayRate: 1234.57m, partnerSharePercent: 45m, wkzPercent: 50m, wkzBalance: 10_000m);
        Assert.Equal(1851.86m, c.TotalEur);    // 1,851.855
        Assert.Equal(833.33m, c.PartnerEur);   // 833.33475
        Assert.Equal(1018.53m, c.OperatorEur);
        Assert.Equal(416.67m, c.WkzEur);       // 416.665: half away from zero, not to even
        Assert.Equal(416.66m, c.InvoicedEur);
    }

    [Theory]
    [InlineData(100, 100, 100)]      // capped by the balance
    [InlineData(0, 100, 0)]          // no balance, no WKZ
    [InlineData(10_000, 0, 0)]       // no WKZ share chosen
    [InlineData(10_000, 100, 555.56)]
    public void WKZ_pays_the_chosen_share_but_never_more_than_the_balance(double balance, double wkzPercent, double expectedWkz)
    {
        var c = CoachingCharges.Compute(1m, 1234.57m, 45m, (decimal)wkzPercent, (decimal)balance);
        Assert.Equal((decimal)expectedWkz, c.WkzEur);
        Assert.Equal(c.PartnerEur, c.WkzEur + c.InvoicedEur);
        Assert.Equal(c.TotalEur, c.OperatorEur + c.PartnerEur);
    }

    [Theory]
    [InlineData("1.234,56", 1234.56)]
    [InlineData("1234.56", 1234.56)]
    [InlineData("1.000", 1000)]
    [InlineData("0,5", 0.5)]
    [InlineData("250 €", 250)]
    public void Portal_forms_read_German_and_plain_amounts(string text, double expected) =>
        Assert.Equal((decimal)expected, FormValues.Decimal(text));

    [Fact]
    public void The_topic_mix_of_delivered_days_is_rounded_to_one_decimal_and_zero_while_nothing_is_delivered()
    {
        var none = KpiCalculator.Build(2023, null, null, [], [], [], DateTimeOffset.UnixEpoch);
        Assert.All(none.TopicMix.Delivered.Values, v => Assert.Equal(0m, v));
        var bookings = new[]
        {
            Booking("sales-conversation", 2m, BookingStatus.Delivered),
            Booking("leadership-motivation", 1m, BookingStatus.Delivered),
            Booking("leadership-motivation", 4m, BookingStatus.Confirmed),
        };
        var kpi = KpiCalculator.Build(2023, "p", null, bookings, [], [], DateTimeOffset.UnixEpoch);
        Assert.Equal(66.7m, kpi.TopicMix.Delivered["sales-conversation"]);
        Assert.Equal(33.3m, kpi.TopicMix.Delivered["leadership-motivation"]);
        Assert.Equal(3m, kpi.CoachingDaysDelivered);
        Assert.Equal(4m, kpi.CoachingDaysConfirmed);
    }

    private static CoachingBooking Booking(string topic, decimal days, BookingStatus status)
    {
        var (booking, _) = CoachingBooking.Request("cb-1", "p", "s", new DateOnly(2023, 5, 1), topic, days, 2, 0m, DateTimeOffset.UnixEpoch, "test");
        if (status is BookingStatus.Confirmed or BookingStatus.Delivered) booking.Confirm(DateTimeOffset.UnixEpoch, "test");
        if (status is BookingStatus.Delivered)
            booking.Deliver(CoachingCharges.Compute(days, 1000m, 50m, 0m, 0m), DateTimeOffset.UnixEpoch, "test");
        return booking;
    }
}
