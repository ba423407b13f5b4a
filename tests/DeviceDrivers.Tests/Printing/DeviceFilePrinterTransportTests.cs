using System.Runtime.InteropServices;
using Kiosk.DeviceDrivers.Native;
using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.DeviceDrivers.Printing.Transports;

namespace Kiosk.DeviceDrivers.Tests.Printing;

/// <summary>The device-file transport over a real FIFO: the test holds the read end, as the usblp driver would.</summary>
public sealed partial class DeviceFilePrinterTransportTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kiosk-lp-").FullName;
    private readonly string fifo;

    public DeviceFilePrinterTransportTests()
    {
        fifo = Path.Combine(directory, "lp0");
        if (MkFifo(fifo, 0x180) != 0)
        {
            throw new IOException($"mkfifo failed: {Libc.Describe(Marshal.GetLastPInvokeError())}");
        }
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_job_is_written_whole_and_status_is_honestly_unknown()
    {
        await using var transport = new DeviceFilePrinterTransport(fifo);
        using var reader = LinuxFile.Open(fifo, Libc.ORdOnly);
        var ticket = Tickets.QueueTicket();

        var result = await transport.SendAsync(ticket, CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.False(transport.IsBidirectional);
        Assert.Equal(PrinterCondition.Unknown, result.Status.Condition);
        Assert.Equal(PrinterCondition.Unknown, (await transport.QueryStatusAsync(CancellationToken.None)).Condition);
        Assert.Equal(ticket, await ReadExactlyAsync(reader, ticket.Length));
    }

    [Fact]
    public async Task The_device_is_reopened_after_every_failure_so_a_replugged_printer_works()
    {
        await using var transport = new DeviceFilePrinterTransport(fifo);
        var job = "antrian A-001\n"u8.ToArray();

        // Nobody on the other end (printer unplugged): the open fails at once with a typed result.
        var unplugged = await transport.SendAsync(job, CancellationToken.None);
        Assert.Equal(PrintFailureKind.Offline, unplugged.FailureKind);
        Assert.Contains(fifo, unplugged.Message, StringComparison.Ordinal);
        Assert.Equal(PrinterCondition.Offline, (await transport.QueryStatusAsync(CancellationToken.None)).Condition);

        using (var first = LinuxFile.Open(fifo, Libc.ORdOnly))
        {
            Assert.True((await transport.SendAsync(job, CancellationToken.None)).Succeeded);
            Assert.Equal(job, await ReadExactlyAsync(first, job.Length));
            Assert.Equal(PrinterCondition.Unknown, (await transport.QueryStatusAsync(CancellationToken.None)).Condition);
        }

        // The reader went away (cable pulled) while the transport kept its descriptor: the write fails, typed.
        var pulled = await transport.SendAsync(job, CancellationToken.None);
        Assert.False(pulled.Succeeded);
        Assert.Contains(pulled.FailureKind, new[] { PrintFailureKind.Disconnected, PrintFailureKind.Io });

        using var replugged = LinuxFile.Open(fifo, Libc.ORdOnly);
        var again = await transport.SendAsync(job, CancellationToken.None);
        Assert.True(again.Succeeded, again.ToString());
        Assert.Equal(job, await ReadExactlyAsync(replugged, job.Length));
    }

    [Fact]
    public async Task A_printer_that_stops_taking_data_times_out_instead_of_hanging()
    {
        await using var transport = new DeviceFilePrinterTransport(fifo, new PrinterTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300)));
        using var reader = LinuxFile.Open(fifo, Libc.ORdOnly);
        // More than a pipe holds (64 KiB) and nobody reads: like a printer stuck with a full buffer.
        var result = await transport.SendAsync(new byte[256 * 1024], CancellationToken.None);
        Assert.Equal(PrintFailureKind.Timeout, result.FailureKind);
    }

    [Fact]
    public async Task A_missing_device_is_offline_with_the_path_in_the_message()
    {
        await using var transport = new DeviceFilePrinterTransport(Path.Combine(directory, "no-such-lp"));
        var result = await transport.SendAsync(new byte[] { 0x0A }, CancellationToken.None);
        Assert.Equal(PrintFailureKind.Offline, result.FailureKind);
        Assert.Contains("no-such-lp", result.Message, StringComparison.Ordinal);
    }

    private static async Task<byte[]> ReadExactlyAsync(LinuxFile reader, int count)
    {
        var buffer = new byte[count];
        var received = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (received < count)
        {
            var remaining = deadline - DateTime.UtcNow;
            Assert.True(remaining > TimeSpan.Zero, $"only {received} of {count} bytes arrived");
            received += await reader.ReadAsync(buffer.AsMemory(received), remaining, CancellationToken.None);
        }

        return buffer;
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkFifo(string path, uint mode);
}
