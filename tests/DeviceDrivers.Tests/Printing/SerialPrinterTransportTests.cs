using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Serial;
using Kiosk.TestSupport;

namespace Kiosk.DeviceDrivers.Tests.Printing;

/// <summary>The serial transport over a real pseudo-terminal; the test plays the printer on the master side.</summary>
public class SerialPrinterTransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly PrinterTimeouts Fast = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));

    [Fact]
    public async Task A_job_goes_out_between_two_status_checks_the_printer_answers()
    {
        using var pty = PseudoTerminal.Open();
        await using var transport = new SerialPrinterTransport(new SerialSettings(pty.DevicePath, 115200), Fast);
        var ticket = Tickets.QueueTicket();

        var sending = transport.SendAsync(ticket, CancellationToken.None);
        await AnswerStatusAsync(pty, [0x16, 0x12, 0x12, 0x12]);
        Assert.Equal(ticket, await pty.ReceiveAsync(ticket.Length, Wait));
        await AnswerStatusAsync(pty, [0x16, 0x12, 0x12, 0x1E]);
        var result = await sending;

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(PrinterCondition.PaperNearEnd, result.Status.Condition);
    }

    [Fact]
    public async Task Paper_out_reported_over_serial_stops_the_job_before_it_is_sent()
    {
        using var pty = PseudoTerminal.Open();
        await using var transport = new SerialPrinterTransport(new SerialSettings(pty.DevicePath, 9600), Fast);

        var sending = transport.SendAsync(Tickets.QueueTicket(), CancellationToken.None);
        await AnswerStatusAsync(pty, [0x1E, 0x32, 0x12, 0x7E]);
        var result = await sending;

        Assert.Equal(PrintFailureKind.PaperOut, result.FailureKind);
        Assert.Equal(0, result.BytesSent);
    }

    [Fact]
    public async Task A_silent_line_is_offline_and_a_missing_adapter_too()
    {
        using var pty = PseudoTerminal.Open();
        await using var silent = new SerialPrinterTransport(new SerialSettings(pty.DevicePath), Fast);
        Assert.Equal(PrintFailureKind.Offline, (await silent.SendAsync(new byte[] { 0x0A }, CancellationToken.None)).FailureKind);

        await using var missing = new SerialPrinterTransport(new SerialSettings("/dev/ttyUSB-kiosk-missing"), Fast);
        var result = await missing.SendAsync(new byte[] { 0x0A }, CancellationToken.None);
        Assert.Equal(PrintFailureKind.Offline, result.FailureKind);
        Assert.Contains("ttyUSB-kiosk-missing", result.Message, StringComparison.Ordinal);
    }

    private static async Task AnswerStatusAsync(PseudoTerminal pty, byte[] replies)
    {
        for (var n = 1; n <= 4; n++)
        {
            Assert.Equal(new byte[] { 0x10, 0x04, (byte)n }, await pty.ReceiveAsync(3, Wait));
            await pty.SendAsync([replies[n - 1]]);
        }
    }
}
