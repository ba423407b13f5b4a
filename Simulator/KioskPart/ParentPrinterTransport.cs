using System.Collections.Concurrent;
using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.KioskPart;

/// <summary>
/// The printer as the kiosk process reaches it: the printer is the simulator's (it is a separate device and outlives
/// the kiosk, as on a real site), so each job and each status query goes over the line and waits for the answer. With
/// the simulator gone the printer is unreachable, as a printer whose cable was pulled.
/// </summary>
public sealed class ParentPrinterTransport(string description) : IPrinterTransport
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<PartMessage?>> pending = new();
    private PartChannel? channel;
    private long nextId;
    private volatile bool parentGone;

    public string Description => description;

    public bool IsBidirectional => true;

    public void Attach(PartChannel line) => channel = line;

    /// <summary>A reply from the simulator; false when nothing waits for it. A null answer means the simulator is gone.</summary>
    public bool Complete(PartMessage reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Id is not { } id || !pending.TryRemove(id, out var waiting))
        {
            return false;
        }

        waiting.TrySetResult(reply);
        return true;
    }

    /// <summary>The simulator is gone: nothing waiting will be answered, and nothing new is asked.</summary>
    public void ParentGone()
    {
        parentGone = true;
        foreach (var id in pending.Keys)
        {
            if (pending.TryRemove(id, out var waiting))
            {
                waiting.TrySetResult(null);
            }
        }
    }

    public async Task<PrintResult> SendAsync(ReadOnlyMemory<byte> job, CancellationToken cancellationToken)
    {
        var reply = await AskAsync(id => new PartMessage { Type = PartMessage.Print, Id = id, Job = job.ToArray() }, cancellationToken);
        return reply?.Result ?? PrintResult.Failure(PrintFailureKind.Offline, Unreachable, 0, PrinterStatus.Unreachable(Unreachable));
    }

    public async Task<PrinterStatus> QueryStatusAsync(CancellationToken cancellationToken)
    {
        var reply = await AskAsync(id => new PartMessage { Type = PartMessage.QueryStatus, Id = id }, cancellationToken);
        return reply?.Status ?? PrinterStatus.Unreachable(Unreachable);
    }

    public ValueTask DisposeAsync()
    {
        ParentGone();
        return ValueTask.CompletedTask;
    }

    private const string Unreachable = SimulatorTeks.SimulatorPrinterUnreachable;

    private async Task<PartMessage?> AskAsync(Func<long, PartMessage> request, CancellationToken cancellationToken)
    {
        if (parentGone || channel is not { } line)
        {
            return null;
        }

        var id = Interlocked.Increment(ref nextId);
        var waiting = new TaskCompletionSource<PartMessage?>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = waiting;
        try
        {
            if (parentGone || !await line.SendAsync(request(id)))
            {
                return null;
            }

            return await waiting.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }
}
