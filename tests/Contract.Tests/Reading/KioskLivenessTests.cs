using Kiosk.Contract.Status;

namespace Kiosk.Contract.Tests.Reading;

/// <summary>The two-heartbeat rule, at fixed times: online and older than two heartbeats is stale.</summary>
public sealed class KioskLivenessTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));

    [Theory]
    [InlineData(0, false)]
    [InlineData(119, false)]
    [InlineData(120, false)]
    [InlineData(121, true)]
    [InlineData(3600, true)]
    public void Online_is_stale_only_after_two_heartbeats(int secondsLater, bool stale)
    {
        var status = Status(online: true, heartbeat: 60, PrinterCondition.Ok);
        Assert.Equal(stale, status.IsStale(At.AddSeconds(secondsLater)));
        Assert.Equal(!stale, status.CanServePatients(At.AddSeconds(secondsLater)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_status_without_a_heartbeat_never_goes_stale(int? heartbeat) =>
        Assert.False(Status(online: true, heartbeat, PrinterCondition.Ok).IsStale(At.AddDays(3)));

    [Fact]
    public void Offline_is_offline_not_stale()
    {
        var will = KioskStatus.Offline("kiosk-1", At, "Kiosk tidak terhubung");
        Assert.False(will.IsStale(At.AddHours(5)));
        Assert.False(will.CanServePatients(At));
    }

    [Theory]
    [InlineData(PrinterCondition.Ok, true)]
    [InlineData(PrinterCondition.PaperLow, true)]
    [InlineData(PrinterCondition.Unknown, true)]
    [InlineData(PrinterCondition.PaperOut, false)]
    [InlineData(PrinterCondition.CoverOpen, false)]
    public void A_fresh_kiosk_serves_patients_when_its_printer_takes_tickets(PrinterCondition printer, bool serves) =>
        Assert.Equal(serves, Status(online: true, heartbeat: 60, printer).CanServePatients(At.AddSeconds(30)));

    private static KioskStatus Status(bool online, int? heartbeat, PrinterCondition printer) => new()
    {
        KioskId = "kiosk-1", Online = online, Printer = printer, Message = "x", UnprintedTickets = 0, At = At, HeartbeatSeconds = heartbeat,
    };
}
