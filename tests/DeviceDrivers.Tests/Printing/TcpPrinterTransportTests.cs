using Kiosk.Broker;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.DeviceDrivers.Printing.Rendering;
using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;

namespace Kiosk.DeviceDrivers.Tests.Printing;

/// <summary>The TCP transport against the virtual printer over a real socket on 127.0.0.1.</summary>
#pragma warning disable CA1001 // xunit disposes through IAsyncLifetime.DisposeAsync.
public sealed class TcpPrinterTransportTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    // Generous for a shared, loaded machine: a 1 s status reply once timed out under ci-under-load and failed a job that
    // should print. The tests that need an unanswered request wait this long for it.
    private static readonly PrinterTimeouts Fast = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3));
    private readonly VirtualNetworkPrinter printer = new(PaperProfile.Mm80);
    private TcpPrinterTransport transport = null!;

    public Task InitializeAsync()
    {
        printer.Start();
        transport = new TcpPrinterTransport("127.0.0.1", printer.Port, Fast);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await transport.DisposeAsync();
        await printer.DisposeAsync();
    }

    [Fact]
    public async Task A_ticket_printed_over_tcp_renders_as_the_same_ticket()
    {
        var ticket = Tickets.QueueTicket();
        var result = await transport.SendAsync(ticket, CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(ticket.Length, result.BytesSent);
        Assert.Equal(PrinterCondition.Ok, result.Status.Condition);
        var printed = Assert.Single(await printer.WaitForReceiptsAsync(1, Wait));
        var local = EscPosInterpreter.Parse(ticket, PaperProfile.Mm80);
        Assert.Equal(ReceiptRenderer.ToHtml(local), ReceiptRenderer.ToHtml(printed));
        Assert.Equal(Tickets.QrNonAscii, printed.Blocks.OfType<QrBlock>().First().Payload);
    }

    [Theory]
    [InlineData(VirtualPrinterState.PaperOut, PrintFailureKind.PaperOut)]
    [InlineData(VirtualPrinterState.CoverOpen, PrintFailureKind.CoverOpen)]
    [InlineData(VirtualPrinterState.Offline, PrintFailureKind.Offline)]
    [InlineData(VirtualPrinterState.CutterError, PrintFailureKind.CutterError)]
    public async Task A_printer_that_cannot_print_gets_no_job_and_the_failure_is_typed(VirtualPrinterState state, PrintFailureKind expected)
    {
        printer.State = state;
        var result = await transport.SendAsync(Tickets.QueueTicket(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.FailureKind);
        Assert.Equal(0, result.BytesSent);
        Assert.Equal(12, printer.BytesReceived); // only the four DLE EOT requests
        Assert.Empty(printer.Receipts);
        Assert.Empty(printer.HeldReceipts);
    }

    [Fact]
    public async Task Paper_near_end_still_prints_and_says_so()
    {
        printer.State = VirtualPrinterState.PaperNearEnd;
        var result = await transport.SendAsync(Tickets.QueueTicket(), CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(PrinterCondition.PaperNearEnd, result.Status.Condition);
    }

    [Fact]
    public async Task Disconnect_in_the_middle_of_a_job_is_a_typed_failure_and_the_next_job_reconnects()
    {
        var ticket = Tickets.QueueTicket();
        printer.DropConnectionAfter(12 + 200);

        var failed = await transport.SendAsync(ticket, CancellationToken.None);

        Assert.False(failed.Succeeded);
        Assert.Contains(failed.FailureKind, new[] { PrintFailureKind.Disconnected, PrintFailureKind.Timeout });
        Assert.Contains("incomplete", failed.Message, StringComparison.Ordinal);
        Assert.Equal(PrinterCondition.Offline, failed.Status.Condition);

        var retried = await transport.SendAsync(ticket, CancellationToken.None);

        Assert.True(retried.Succeeded, retried.ToString());
        Assert.Equal(2, printer.ConnectionsAccepted);
        // The half ticket from the dropped connection came out without a cut; the retry is whole.
        var receipts = await printer.WaitForReceiptsAsync(2, Wait);
        Assert.False(receipts[0].IsCut);
        Assert.True(receipts[^1].IsCut);
        Assert.Equal(EscPosInterpreter.Parse(ticket).Text, receipts[^1].Text);
    }

    [Fact]
    public async Task A_connection_closed_by_the_printer_between_jobs_is_replaced_transparently()
    {
        var first = await transport.SendAsync(Tickets.QueueTicket(), CancellationToken.None);
        Assert.True(first.Succeeded, first.ToString());
        printer.DropConnectionAfter(0);

        // The printer hangs up on the next request; the transport opens a fresh connection and asks again.
        Assert.Equal(PrinterCondition.Ok, (await transport.QueryStatusAsync(CancellationToken.None)).Condition);
        Assert.Equal(2, printer.ConnectionsAccepted);

        var result = await transport.SendAsync(Tickets.QueueTicket(), CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, (await printer.WaitForReceiptsAsync(2, Wait)).Count(r => r.IsCut));
    }

    [Fact]
    public async Task Nobody_listening_is_offline_not_an_exception()
    {
        // A port held free by the one picker: no other test can start listening on it meanwhile.
        var port = LoopbackPorts.Take();

        await using var nowhere = new TcpPrinterTransport("127.0.0.1", port, Fast);
        var result = await nowhere.SendAsync(new byte[] { 0x0A }, CancellationToken.None);

        Assert.Equal(PrintFailureKind.Offline, result.FailureKind);
        Assert.Contains($"127.0.0.1:{port}", result.Message, StringComparison.Ordinal);
        Assert.Equal(PrinterCondition.Offline, (await nowhere.QueryStatusAsync(CancellationToken.None)).Condition);
    }

    [Fact]
    public async Task A_printer_that_never_answers_status_is_reported_offline_before_the_job()
    {
        printer.AnswersStatus = false;
        var result = await transport.SendAsync(Tickets.QueueTicket(), CancellationToken.None);
        Assert.Equal(PrintFailureKind.Offline, result.FailureKind);
        Assert.Contains("DLE EOT 1", result.Message, StringComparison.Ordinal);
        Assert.Empty(printer.Receipts);
    }

    [Fact]
    public async Task A_clone_answering_only_dle_eot_1_and_4_still_reports_paper_out()
    {
        await using var clone = new VirtualNetworkPrinter(PaperProfile.Mm58, answeredStatusRequests: [1, 4]);
        clone.Start();
        await using var toClone = new TcpPrinterTransport("127.0.0.1", clone.Port, Fast);

        Assert.True((await toClone.SendAsync(Tickets.QueueTicket(PaperProfile.Mm58), CancellationToken.None)).Succeeded);
        Assert.Equal([2, 3], toClone.UnansweredStatusRequests.Order());

        clone.State = VirtualPrinterState.PaperOut;
        Assert.Equal(PrintFailureKind.PaperOut, (await toClone.SendAsync(Tickets.QueueTicket(PaperProfile.Mm58), CancellationToken.None)).FailureKind);
    }

    [Fact]
    public async Task Automatic_status_back_frames_interleaved_with_replies_are_understood()
    {
        var enableAsb = EscPosCommands.AutomaticStatusBack(0x0F);
        Assert.True((await transport.SendAsync(enableAsb, CancellationToken.None)).Succeeded);
        Assert.Equal(PrinterCondition.Ok, transport.LastAutomaticStatus?.Condition);

        printer.State = VirtualPrinterState.CoverOpen;
        var status = await transport.QueryStatusAsync(CancellationToken.None);

        Assert.Equal(PrinterCondition.CoverOpen, status.Condition);
        Assert.Equal(PrinterCondition.CoverOpen, transport.LastAutomaticStatus?.Condition);
    }

    [Fact]
    public async Task Jobs_received_while_the_printer_cannot_print_are_held_until_it_can()
    {
        await using var raw = new TcpPrinterTransport("127.0.0.1", printer.Port, Fast, bidirectional: false);
        printer.State = VirtualPrinterState.PaperOut;
        Assert.True((await raw.SendAsync(Tickets.QueueTicket(), CancellationToken.None)).Succeeded);
        Assert.Equal(PrinterCondition.Unknown, (await raw.QueryStatusAsync(CancellationToken.None)).Condition);
        await raw.DisposeAsync();

        printer.State = VirtualPrinterState.Ok;

        Assert.True(Assert.Single(await printer.WaitForReceiptsAsync(1, Wait)).IsCut);
    }

    [Fact]
    public async Task An_empty_job_is_rejected_without_touching_the_printer()
    {
        var result = await transport.SendAsync(ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        Assert.Equal(PrintFailureKind.Rejected, result.FailureKind);
        Assert.Equal(0, printer.ConnectionsAccepted);
    }
}
