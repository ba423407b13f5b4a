using Kiosk.Device.Printing;
using Kiosk.DeviceDrivers.Printing.Status;

namespace Kiosk.Device.Tests.Units;

/// <summary>PrinterHealth.Changed is awaited (the scenario runner, the status publisher): it must fire whenever CanAcceptTickets changes.</summary>
public sealed class PrinterHealthTests
{
    [Fact]
    public void A_ready_status_after_a_failed_job_is_a_change_even_when_the_printer_state_is_the_same()
    {
        var health = new PrinterHealth();
        health.Report(PrinterStatus.FromFlags(PrinterStatusBits.None));
        health.JobFailed("sambungan ke printer terputus saat mencetak", "cable pulled mid-ticket", statusAfterFailure: null);
        Assert.False(health.CanAcceptTickets);
        var seen = new List<bool>();
        health.Changed += (_, _) => seen.Add(health.CanAcceptTickets);

        health.Report(PrinterStatus.FromFlags(PrinterStatusBits.None));

        Assert.True(health.CanAcceptTickets);
        Assert.Equal([true], seen);
    }

    [Fact]
    public void The_same_ready_status_again_is_no_change()
    {
        var health = new PrinterHealth();
        health.Report(PrinterStatus.FromFlags(PrinterStatusBits.None));
        var changes = 0;
        health.Changed += (_, _) => changes++;

        health.Report(PrinterStatus.FromFlags(PrinterStatusBits.None));

        Assert.Equal(0, changes);
    }
}
