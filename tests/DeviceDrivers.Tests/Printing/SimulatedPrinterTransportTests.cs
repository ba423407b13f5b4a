using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;

namespace Kiosk.DeviceDrivers.Tests.Printing;

public class SimulatedPrinterTransportTests
{
    [Fact]
    public async Task Prints_each_cut_as_a_receipt_and_raises_an_event_for_it()
    {
        await using var printer = new SimulatedPrinterTransport(PaperProfile.Mm58);
        var events = new List<Receipt>();
        printer.ReceiptPrinted += (_, e) => events.Add(e.Receipt);
        var job = new EscPosBuilder(PaperProfile.Mm58).Initialize().Line("A-001").Cut().Line("A-002").Cut().ToArray();

        var result = await printer.SendAsync(job, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(["A-001", "A-002"], printer.Receipts.Select(r => r.Text));
        Assert.Equal(printer.Receipts, events);
    }

    [Theory]
    [InlineData(VirtualPrinterState.PaperOut, PrintFailureKind.PaperOut)]
    [InlineData(VirtualPrinterState.CoverOpen, PrintFailureKind.CoverOpen)]
    [InlineData(VirtualPrinterState.Offline, PrintFailureKind.Offline)]
    public async Task Refuses_jobs_in_a_fault_state(VirtualPrinterState state, PrintFailureKind expected)
    {
        await using var printer = new SimulatedPrinterTransport { State = state };
        var result = await printer.SendAsync(Tickets.QueueTicket(), CancellationToken.None);
        Assert.Equal(expected, result.FailureKind);
        Assert.Empty(printer.Receipts);
        Assert.False((await printer.QueryStatusAsync(CancellationToken.None)).CanPrint);
    }

    [Fact]
    public async Task An_injected_failure_hits_exactly_one_job()
    {
        await using var printer = new SimulatedPrinterTransport();
        printer.FailNextJob(PrintFailureKind.Disconnected, "kabel dicabut");
        Assert.Equal(PrintFailureKind.Disconnected, (await printer.SendAsync(Tickets.QueueTicket(), CancellationToken.None)).FailureKind);
        Assert.True((await printer.SendAsync(Tickets.QueueTicket(), CancellationToken.None)).Succeeded);
        Assert.Equal(PrinterCondition.Ok, (await printer.QueryStatusAsync(CancellationToken.None)).Condition);
        Assert.Single(printer.Receipts);
    }
}
