using Kiosk.DeviceDrivers.Printing.Encoding;
using Moq;
using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;

namespace Kiosk.DeviceDrivers.Tests.Printing;

public class PrinterStatusMonitorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Changes_on_a_network_printer_are_raised_once_each()
    {
        await using var printer = new VirtualNetworkPrinter();
        printer.Start();
        await using var transport = new TcpPrinterTransport("127.0.0.1", printer.Port, new PrinterTimeouts(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)));
        await using var monitor = new PrinterStatusMonitor(transport, TimeSpan.FromMilliseconds(20));
        var raised = new List<PrinterCondition>();
        monitor.Changed += (_, e) => { lock (raised) { raised.Add(e.Current.Condition); } };
        monitor.Start();

        Assert.Equal(PrinterCondition.Ok, (await NextAsync(monitor)).Current.Condition);
        printer.State = VirtualPrinterState.PaperOut;
        var paperOut = await NextAsync(monitor);
        Assert.Equal((PrinterCondition.Ok, PrinterCondition.PaperOut), (paperOut.Previous.Condition, paperOut.Current.Condition));
        printer.State = VirtualPrinterState.CoverOpen;
        Assert.Equal(PrinterCondition.CoverOpen, (await NextAsync(monitor)).Current.Condition);
        printer.State = VirtualPrinterState.Ok;
        Assert.Equal(PrinterCondition.Ok, (await NextAsync(monitor)).Current.Condition);

        await monitor.StopAsync();
        Assert.True(monitor.PollCount >= 4);
        lock (raised)
        {
            Assert.Equal([PrinterCondition.Ok, PrinterCondition.PaperOut, PrinterCondition.CoverOpen, PrinterCondition.Ok], raised);
        }
    }

    [Fact]
    public async Task A_printer_that_disappears_becomes_offline()
    {
        var printer = new VirtualNetworkPrinter();
        printer.Start();
        await using var transport = new TcpPrinterTransport("127.0.0.1", printer.Port, new PrinterTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
        await using var monitor = new PrinterStatusMonitor(transport, TimeSpan.FromMilliseconds(20));
        monitor.Start();
        Assert.Equal(PrinterCondition.Ok, (await NextAsync(monitor)).Current.Condition);

        await printer.DisposeAsync();

        var gone = await NextAsync(monitor);
        Assert.Equal(PrinterCondition.Offline, gone.Current.Condition);
        Assert.True(gone.Current.Flags.HasFlag(PrinterStatusBits.Unreachable));
    }

    [Fact]
    public async Task A_unidirectional_transport_is_not_polled_and_stays_unknown()
    {
        await using var transport = new DeviceFilePrinterTransport("/dev/null");
        await using var monitor = new PrinterStatusMonitor(transport, TimeSpan.FromMilliseconds(20));
        monitor.Start();
        await monitor.StopAsync();

        Assert.Equal(PrinterCondition.Unknown, monitor.Current.Condition);
        Assert.Equal(0, monitor.PollCount);
        Assert.False(monitor.Changes.TryRead(out _));
    }

    [Fact]
    public async Task A_transport_that_throws_shows_as_unreachable_and_polling_continues()
    {
        var transport = new Mock<IPrinterTransport>();
        transport.SetupGet(t => t.IsBidirectional).Returns(true);
        transport.SetupGet(t => t.Description).Returns("broken transport");
        transport.SetupSequence(t => t.QueryStatusAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ObjectDisposedException("transport"))
            .ReturnsAsync(PrinterStatus.FromFlags(PrinterStatusBits.None));
        await using var monitor = new PrinterStatusMonitor(transport.Object, TimeSpan.FromMilliseconds(20));
        monitor.Start();

        var broken = await NextAsync(monitor);
        Assert.Equal(PrinterCondition.Offline, broken.Current.Condition);
        Assert.Contains("broken transport", broken.Current.Detail, StringComparison.Ordinal);
        Assert.Equal(PrinterCondition.Ok, (await NextAsync(monitor)).Current.Condition);
    }

    [Fact]
    public async Task A_throwing_subscriber_does_not_stop_the_monitor()
    {
        var simulated = new SimulatedPrinterTransport(PaperProfile.Mm58);
        await using var monitor = new PrinterStatusMonitor(simulated, TimeSpan.FromMilliseconds(20));
        monitor.Changed += (_, _) => throw new InvalidOperationException("subscriber bug");
        monitor.Start();
        Assert.Equal(PrinterCondition.Ok, (await NextAsync(monitor)).Current.Condition);
        simulated.State = VirtualPrinterState.PaperNearEnd;
        Assert.Equal(PrinterCondition.PaperNearEnd, (await NextAsync(monitor)).Current.Condition);
        Assert.IsType<InvalidOperationException>(monitor.LastHandlerError);
    }

    private static async Task<PrinterStatusChangedEventArgs> NextAsync(PrinterStatusMonitor monitor)
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await monitor.Changes.ReadAsync(timeout.Token);
    }
}
