using System.Threading.Channels;
using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Scanning;

namespace Kiosk.DeviceDrivers.Tests.Input;

/// <summary>Watches a reader's state changes and scans with bounded waits.</summary>
internal sealed class ReaderProbe
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly Channel<ReaderStateChangedEventArgs> states = Channel.CreateUnbounded<ReaderStateChangedEventArgs>();
    private readonly IScanReader reader;

    public ReaderProbe(IScanReader reader)
    {
        this.reader = reader;
        reader.StateChanged += (_, e) => states.Writer.TryWrite(e);
    }

    public List<ReaderState> Seen { get; } = [];

    public async Task<ReaderStateChangedEventArgs> WaitForStateAsync(ReaderState state)
    {
        using var timeout = new CancellationTokenSource(Wait);
        try
        {
            while (true)
            {
                var change = await states.Reader.ReadAsync(timeout.Token);
                Seen.Add(change.State);
                if (change.State == state)
                {
                    return change;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Reader {reader.Name} did not become {state} within {Wait.TotalSeconds} s; saw {string.Join(", ", Seen)}.");
        }
    }

    public async Task<RawScan> NextScanAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        try
        {
            return await reader.Scans.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Reader {reader.Name} delivered no scan within {Wait.TotalSeconds} s.");
        }
    }
}
