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
        var raised = new List<PrinterStatus>();
        monitor.Changed += (_, e) => { lock (raised) { raised.Add(e.Current); } };
        monitor.Start();

        Assert.Equal(PrinterCondition.Ok, (await NextAsync(monitor)).Current.Condition);
        printer.State = VirtualPrinterState.PaperOut;
        var paperOut = await UntilAsync(monitor, PrinterCondition.PaperOut);
        Assert.Equal(PrinterCondition.Ok, paperOut.Previous.Condition);
        printer.State = VirtualPrinterState.CoverOpen;
        await UntilAsync(monitor, PrinterCondition.CoverOpen);
        printer.State = VirtualPrinterState.Ok;
        await UntilAsync(monitor, PrinterCondition.Ok);

        await monitor.StopAsync();
        Assert.True(monitor.PollCount >= 4);
        lock (raised)
        {
            // A status is four DLE EOT replies: a poll that straddles a change can read a mix once (as with a real
            // printer whose cover opens mid-read), so states between the expected ones may appear; a state never
            // appears twice in a row, which is what "once each" means.
            var conditions = raised.Select(r => r.Condition).ToList();
            Assert.Equal(PrinterCondition.Ok, conditions[0]);
            Assert.Equal(PrinterCondition.Ok, conditions[^1]);
            Assert.True(IsSubsequence([PrinterCondition.Ok, PrinterCondition.PaperOut, PrinterCondition.CoverOpen, PrinterCondition.Ok], conditions), string.Join(", ", conditions));
            Assert.All(raised.Zip(raised.Skip(1)), pair => Assert.False(pair.Second.SameStateAs(pair.First), $"{pair.Second} raised twice in a row"));
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

    /// <summary>Reads changes until one to <paramref name="condition"/>; each must be a real change of state.</summary>
    private static async Task<PrinterStatusChangedEventArgs> UntilAsync(PrinterStatusMonitor monitor, PrinterCondition condition)
    {
        while (true)
        {
            var change = await NextAsync(monitor);
            Assert.False(change.Current.SameStateAs(change.Previous));
            if (change.Current.Condition == condition)
            {
                return change;
            }
        }
    }

    private static bool IsSubsequence(IReadOnlyList<PrinterCondition> expected, IReadOnlyList<PrinterCondition> seen)
    {
        var next = 0;
        foreach (var condition in seen)
        {
            if (next < expected.Count && condition == expected[next])
            {
                next++;
            }
        }

        return next == expected.Count;
    }

    private static async Task<PrinterStatusChangedEventArgs> NextAsync(PrinterStatusMonitor monitor)
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await monitor.Changes.ReadAsync(timeout.Token);
    }
}
